"""Back matter: the sections about a report rather than in it (its authors, its thanks, how to
order it), whose figures are no claims of the report.

A section is back matter where its title opens with one of the ``[back_matter]`` titles of the
claim words' lexicon ("About the authors", "Acknowledgements", "Order by Mail or Phone") and its
text spans a page or two at most: a long "section" under such a title is the report's own text
after a heading the layout did not see.
"""
from __future__ import annotations

import re

from extractor.analysis import Analysis
from extractor.extract.claims.words import WORDS

TITLES = tuple(WORDS["back_matter"]["titles"])
MAX_PAGES = int(WORDS["back_matter"]["max_pages"])
_OPENS = re.compile(r"^(?:{})\b".format("|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))))


def is_back_matter_title(title: str) -> bool:
    """Does a section title name back matter ("About the authors", "Order by Mail or Phone")?"""
    return _OPENS.match(" ".join(title.lower().split())) is not None


def back_matter_sections(analysis: Analysis) -> set[str]:
    """The ids of the document's back-matter sections (see the module)."""
    pages: dict[str, set[int]] = {}
    for pb in analysis.body():
        for sent in pb.sentences:
            if sent.section_id is not None:  # the pages it starts and ends on
                last = pb.block.page_at(sent.char_end - 1 - pb.block.char_start)
                pages.setdefault(sent.section_id, set()).update((sent.page, last))
    return {s.section_id for s in analysis.document.sections
            if is_back_matter_title(s.title) and s.section_id in pages
            and max(pages[s.section_id]) - min(pages[s.section_id]) < MAX_PAGES}
