"""What is not the report's running text: the table of contents, running heads, footers and
page numbers, and where the cover and the front matter end.

The contents list (:func:`mark_toc`) and the page furniture (:func:`mark_headers`,
:func:`mark_repeated_headings`) are marked before anything else, as their lines look like
headings and notes. :func:`cover_end` and :func:`front_matter_end` say where the report's body
starts: heading units before it are the cover's and front matter's
(:mod:`extractor.layout.heading_units`).
"""
from __future__ import annotations

import re
from collections import Counter

from extractor.ingest.text_zones import is_contents_title
from extractor import line_shapes as L
from extractor.layout.headings import match_heading
from extractor.note_markers import NOTE_LINE
from extractor.layout.units import BODY, HEADER, HEADING, TABLE, TOC, Unit, set_apart

_PAGE_AT_END = L.PAGE_AT_END  # "Appendix II Scope and Methodology 58"


def mark_toc(units: list[Unit]) -> None:
    """Find the table of contents: a run of entries with leaders and page numbers near the start.

    The run may start at a "Contents" heading and may contain bare chapter lines ("Chapter One:")
    and table rules between entries; it ends at the last entry before running prose resumes.
    """
    for u in units:
        if u.flags.get("contents"):  # a dump's contents list without leaders (heading_lines)
            u.kind = TOC
    n = len(units)
    limit = max(40, n // 3)
    start = next((i for i, u in enumerate(units[:limit]) if L.is_contents_heading(u.text)), None)
    entries = [i for i, u in enumerate(units[:limit]) if L.is_toc_entry(u.text)]
    if start is None and len(entries) < 3:
        return
    if start is None:
        start = entries[0]
    i = start + 1 if L.is_contents_heading(units[start].text) else start
    last = start
    misses = 0
    while i < n and misses <= 3:
        t = units[i].text
        if L.is_toc_entry(t) or L.is_leader_line(t) or L.is_toc_glued_entry(t) or L.is_table_rule(t) \
                or len(t) < 120 and _PAGE_AT_END.search(t) and not L.ends_sentence(t):
            last, misses = i, 0  # an entry: a leader and a page number, or a title and its page
        elif match_heading(t) or len(t) < 120 and not L.ends_sentence(t):
            misses += 1  # a chapter line of the TOC, or a title broken over lines
        else:
            break
        i += 1
    for j in range(start, last + 1):
        units[j].kind = TOC


def mark_contents_pages(units: list[Unit], pages_explicit: bool) -> None:
    """The rest of a contents page is contents, whether its entries were recognised or not
    (where pages are not known, up to the text).

    A page whose first units hold a contents title ("Contents", "List of Figures", "Índice",
    the ``[contents]`` titles of the headings lexicon) in the report's first third lists the
    report's parts, figures or tables with their page numbers, set in ways no entry rule reads
    all of: page numbers first ("17 Los riesgos"), after the title without leaders ("Focus 11"),
    columns merged. Its units after the title are contents, up to a paragraph of running text
    (a dozen words or more ending a sentence, as a foreword printed on the same page starts)
    and no further than its last entry, so that no page number or figure of a figure's title
    becomes a claim.
    """
    limit = max(40, len(units) // 3)
    first_of_page: dict[int, list[int]] = {}
    for i, u in enumerate(units[:limit]):
        if u.kind != HEADER:
            first_of_page.setdefault(u.page, []).append(i)
    for idx in first_of_page.values():
        title = next((i for i in idx[:_TITLE_UNITS] if is_contents_title(units[i].text)), None)
        if title is None:
            continue
        marked: list[int] = []
        for i in range(title + 1, len(units)):
            u = units[i]
            if pages_explicit and u.page != units[title].page or u.kind == BODY and _running_paragraph(u.text):
                break
            if u.kind == BODY:
                u.kind = TOC
                marked.append(i)
        # the contents end at their last entry: what follows on the page (an abbreviations list,
        # the headings over the text's first paragraph) is the report's
        last = max((i for i in marked if _is_entry(units[i].text)), default=title)
        for i in marked:
            if i > last:
                units[i].kind = BODY


#: a contents page's title is among its page's first units (a running head or a logo above it)
_TITLE_UNITS = 3


def _running_paragraph(text: str) -> bool:
    """A paragraph of running text: a dozen words or more, most of them in lower case (a contents
    entry is a title, in title case or sentence case), ending with a full stop (a title may end
    with a question mark or a semicolon), no leader or page number at its end."""
    words = text.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 12 and 2 * lower >= len(words) and bool(_FULL_STOP.search(text)) \
        and not _is_entry(text)


def _is_entry(text: str) -> bool:
    """A contents entry: a leader or a page number after the title, or the page number before it
    ("27 Comparing public regulation")."""
    return L.is_toc_entry(text) or L.is_leader_line(text) or bool(_PAGE_AT_END.search(text)) \
        or bool(_PAGE_FIRST.match(text))


_PAGE_FIRST = re.compile(r"\d{1,3}\s+[A-Z\u00c0-\u00de]")


_FULL_STOP = re.compile(r"[.][\"'\u201d\u2019)\]]*$")


def mark_leader_rows(units: list[Unit]) -> None:
    """A body unit that holds a leader (:func:`lines.is_leader_line`) outside the contents list is
    a row of a table whose label the dots lead to its cells, or an entry of a list of figures or
    tables the contents run did not reach: never running text, so its figures are no claims."""
    for u in units:
        if u.kind == BODY and L.is_leader_line(u.text):
            u.kind = TABLE


def mark_headers(units: list[Unit], pages_explicit: bool) -> None:
    """Running headers/footers and page numbers.

    A short line whose shape (digits folded) recurs on at least three pages is a running header
    or footer; a line that is only a page number is one too. Both are removed from the text.
    Where pages are explicit, only the first and last two units of a page are candidates, as
    headers and footers are printed there.
    """
    edge: set[int] = set()
    if pages_explicit:
        by_page: dict[int, list[int]] = {}
        for i, u in enumerate(units):
            by_page.setdefault(u.page, []).append(i)
        for idx in by_page.values():
            edge.update(idx[:2] + idx[-2:])
    shapes: Counter[str] = Counter()
    pages_of: dict[str, set[int]] = {}
    for i, u in enumerate(units):
        if u.kind == BODY and len(u.text) <= 120 and (not pages_explicit or i in edge):
            key = L.shape_key(u.text)
            pages_of.setdefault(key, set()).add(u.page)
            shapes[key] += 1
    for i, u in enumerate(units):
        if u.kind != BODY:
            continue
        # (a note the input placed in its note zone is no running line, however alike the notes
        # of several pages read: "^63 Requirement 1.2.2.1.", "^67 Requirement 1.2.2.3.")
        running = u.flags.get("running") and not u.flags.get("is_note")
        # (a line the dump reading found a heading, the contents list's division printed again
        # atop its later pages, keeps its first copy: heading_lines._first_listed_divisions)
        furniture = u.flags.get("is_header") and not u.flags.get("heading_line")
        if furniture or running or L.is_page_number(u.text):
            u.kind = HEADER
            continue
        if pages_explicit and i not in edge or len(u.text) > 120:
            continue
        key = L.shape_key(u.text)
        if shapes[key] >= 3 and (len(pages_of[key]) >= 3 or not pages_explicit):
            if not NOTE_LINE.match(u.text) and not match_heading(u.text) and not u.flags.get("is_note"):
                u.kind = HEADER


def mark_repeated_headings(units: list[Unit]) -> None:
    """A chapter title printed again at the top of the chapter's later pages is a running head.

    On explicit pages, a heading-shaped unit among the first two of its page whose text was
    already seen as a heading is a running header, not a second section. Where type is known,
    only a copy set apart from the body text counts as the heading.
    """
    seen: set[str] = set()
    first_of_page: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        if u.kind not in (HEADER,):
            first_of_page.setdefault(u.page, []).append(i)
    top = {i for idx in first_of_page.values() for i in idx[:2]}
    typeset = any(u.size for u in units)
    # where type is known, the heading is the copy set apart; a copy in running text size at
    # the top of a page is the running head, on the heading's own page as well
    apart = {L.shape_key(u.text) for u in units if u.kind == BODY and typeset and set_apart(u)}
    for i, u in enumerate(units):
        if u.kind != BODY or not match_heading(u.text):
            continue
        key = L.shape_key(u.text)
        if typeset and not set_apart(u):
            if key in apart and i in top:
                u.kind = HEADER
            continue
        if typeset:
            continue  # a copy set apart is a heading again (a report that goes over its goals twice):
            # the PDF's running heads are found from their place on the page
        if key in seen and i in top:
            u.kind = HEADER
        seen.add(key)


def cover_end(units: list[Unit]) -> int:
    """The index of the last unit of a cover or title page: before the report's first paragraph
    of running text (a dozen words or more ending a sentence), every unit but the headings
    directly above that paragraph is the cover's (organisation, title, authors, date)."""
    first = next((i for i, u in enumerate(units) if u.kind == BODY and len(u.text.split()) >= 12
                  and L.ends_sentence(_MARKER_TAIL.sub("", u.text))), None)
    if first is None:
        return -1
    i = first - 1
    while i >= 0 and units[i].kind in (HEADING, HEADER):
        i -= 1
    return i


_MARKER_TAIL = re.compile(r"\^\S{1,3}$")  # a note's marker after a sentence's end


def front_matter_end(units: list[Unit]) -> int:
    """The index of the last unit of the front matter: the end of the table of contents (its
    last entry; where no entry after its title was recognised, the last unit on the title's
    page, where pages are known), or -1."""
    toc = [i for i, u in enumerate(units) if u.kind == TOC]
    end = toc[-1] if toc else -1
    # a contents list whose entries were not recognised ("5 Introduction", entries merged with
    # a side column): the rest of its title's page
    limit = max(40, len(units) // 3)
    title = next((i for i, u in enumerate(units[:limit]) if u.kind in (BODY, HEADING, TOC)
                  and is_contents_title(u.text)), None)
    entries = [i for i in toc if title is not None and i > title and units[i].page == units[title].page]
    if title is not None and not entries and len({u.page for u in units}) > 1:
        end = max(end, max(i for i, u in enumerate(units) if u.page == units[title].page))
    elif title is not None and len({u.page for u in units}) > 1:
        # entries without leaders the list's recognised ones do not cover ("Appendix II Scope and
        # Methodology 58"): the title's page runs to its last line that ends with a page number
        page_end = [i for i, u in enumerate(units) if u.page == units[title].page and i > title
                    and _PAGE_AT_END.search(u.text) and len(u.text) < 120]
        end = max([end, *page_end])
    return end
