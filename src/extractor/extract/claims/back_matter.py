"""Back matter: the sections about a report rather than in it (its authors, its thanks, how to
order it), whose figures are no claims of the report.

A section is back matter where its title is one of the ``[back_matter]`` titles of the headings'
lexicon ("Acknowledgements"), or opens with one of several words ("About the authors",
"Order by Mail or Phone"), and its text spans a page or two at most: a long "section" under such
a title is the report's own text after a heading the layout did not see.
"""
from __future__ import annotations

from extractor.analysis import Analysis
from extractor.registry import lexicon

_BACK_MATTER = lexicon("headings")["back_matter"]
TITLES = tuple(_BACK_MATTER["titles"])
MAX_PAGES = int(_BACK_MATTER["max_pages"])


def is_back_matter_title(title: str) -> bool:
    """Does a section title name back matter? The whole title is one of the titles
    ("Acknowledgements", "Contact"; not "Contact tracing", a topic), or opens with one of several
    words ("About the authors", "Order by Mail or Phone")."""
    t = " ".join(title.lower().split()).rstrip(":.")
    return any(t == entry or " " in entry and t.startswith(entry + " ") for entry in TITLES)


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
