"""Which units are headings, where the report's title is, and titles the layout cut in two.

What this module decides is a heading's place among the units: whether a unit is set apart
from the body text as a heading (its type where the input gives it, :func:`heading_of`),
whether it heads anything (:func:`confirm_headings`: a heading stands above text, after the
front matter), and which unit is the report's title (:func:`mark_title`). What a heading's
*wording* says (its numbering, matter words, captions and dates that are not headings) is
:mod:`extractor.layout.headings`; headings among the running lines of a text dump are found
by :mod:`extractor.layout.heading_lines`; each heading's level is
:mod:`extractor.layout.heading_levels`.
"""
from __future__ import annotations

import re

from extractor import line_shapes as L
from extractor.layout.furniture import cover_end, front_matter_end
from extractor.layout.headings import (
    MAX_HEADING_CHARS,
    HeadingMatch,
    carries_on,
    ends_open,
    heading_parts,
    is_all_caps,
    is_caption,
    is_matter,
    match_heading,
    not_a_heading,
    title_like,
    without_ellipsis,
)
from extractor.layout.units import BODY, HEADER, HEADING, LARGER, NOTE, TABLE, TITLE, Unit, set_apart


def heading_of(u: Unit, typeset: bool) -> HeadingMatch | None:
    """The heading a body unit is, or None.

    Where the input gives typography (a PDF), a heading is a unit set apart from the body text:
    larger, or bold, or in capitals, short, not a sentence, caption, date or run of figures. Its
    wording (numbering, matter words) does not make a heading on its own there: numbered items
    of a list or a table, figure panels ("1. Twelve-Month-Forward P/E Ratios") are worded
    like headings too. In a text dump, the wording decides: a numbered or matter heading, a
    markdown heading, a line the dump sets apart (:mod:`extractor.layout.heading_lines`), a
    side heading of a margin column in title case, or a short unit in title case or capitals
    between blank lines.
    """
    text = u.text
    if typeset:
        if not set_apart(u) or not _heading_shaped(text):
            return None
        h = match_heading(text) or heading_parts(text)
        return HeadingMatch(h.number, h.title, h.level, "typeset", h.scheme)
    h = match_heading(text)
    md_level = u.flags.get("md_heading")
    if md_level and not h:
        num = re.match(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(.*)$", text)
        number, title = (num.group(1), num.group(2)) if num else ("", text)
        return HeadingMatch(number, title, number.count(".") + 1 if number else int(md_level), "section",
                            "decimal" if number else "markdown")
    if h:
        return h
    if u.flags.get("heading_line") and _heading_shaped(text):
        return heading_parts(text)
    if u.flags.get("is_side") and _heading_shaped(text) and (title_like(text) or is_all_caps(text)):
        return heading_parts(text)  # a side heading in a margin column (ingest.text_margin)
    if u.flags.get("between_blanks") and not u.flags.get("cells") and u.n_lines == 1 and len(text.split()) <= 12 and _heading_shaped(text) \
            and (title_like(text, strict=True) or is_all_caps(text)) and not u.digit_candidate:
        return heading_parts(text)  # "Compilation Notes and Acknowledgments" between blank lines
    return None


def _heading_shaped(text: str) -> bool:
    """Short, opening with a capital or a number, not ending like a sentence (a short label may
    end with a full stop: "Appendix."), and not a caption, date or run of figures; an ellipsis
    carrying a title on (". . . Deficit and Debt?") is no part of its shape."""
    t = without_ellipsis(text)
    words = t.split()
    if not words or len(t) > MAX_HEADING_CHARS or len(words) > 30 or not_a_heading(t):
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "\"\u201c'\u2018\u00bf\u00a1"):
        return False
    if t.endswith((";", ",", "!", "-")) or t.endswith(".") and (len(words) > 2 or t.endswith("..") or _has_digit(t)):
        return False  # a sentence's end or a word broken at the line's end; a short label may end "."
    if t.endswith(":") and not match_heading(t):
        return False  # a label that opens a list ("Health benefits include:"), not "Chapter One:"
    if _SENTENCE_INSIDE.search(t):
        return False  # "... for Argentina. This quest translates into three missions:"
    return not L.is_toc_entry(t) and not L.is_list_item(t)


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


# a sentence's end inside the unit, or a reference's year ("Gill, I.S. and M. Raiser. 2012. Golden ...")
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[\"'\u201d\u2019]?[.!?][\"'\u201d\u2019]?\s+[\"'\u201c\u2018(]?[A-Z]|\b(?:19|20)\d\d[a-z]?\.\s")


def merge_split_headings(units: list[Unit]) -> None:
    """ "Chapter One:" on a line of its own takes the title printed on the next line; a display
    title the layout cut in two goes on in the next unit set the same way.

    Where type is known, a heading unit directly followed by another in the same size and weight,
    on the same page, is one title broken in two ("Appendix IV: Three States' Initiatives ...
    Renewable Energy" / "Technologies") when the second is not worded as a heading of its own
    and the first does not end a sentence. A line set small that repeats the title's opening
    words between the two (a running head printed level with the title) is skipped."""
    _merge_broken_titles(units)
    for i, u in enumerate(units[:-1]):
        if u.kind == HEADING and u.heading and u.heading.kind == "chapter" and not u.heading.title:
            nxt = units[i + 1]
            by_look = nxt.kind == HEADING and nxt.heading is not None and nxt.heading.kind in ("typeset", "plain")
            if (nxt.kind == BODY or by_look) and len(nxt.text) < 200 and not L.ends_sentence(nxt.text):
                u.text = f"{u.text.rstrip()} {nxt.text}"
                u.heading = HeadingMatch(u.heading.number, nxt.text, 1, "chapter", u.heading.scheme)
                nxt.kind, nxt.heading = "merged", None


def _merge_broken_titles(units: list[Unit]) -> None:
    i = 0
    while i < len(units) - 1:
        u = units[i]
        if u.kind != HEADING or not u.size or u.heading is None or L.ends_sentence(u.text):
            i += 1
            continue
        j = i + 1
        while j < len(units) - 1 and units[j].kind == HEADER:
            j += 1  # the page's running head and footer, over a page turn
        between = units[j]
        if between.kind == BODY and between.size and between.size * 1.5 < u.size and between.page == u.page \
                and _words(between.text)[:3] == _words(u.text)[:3]:
            j += 1  # the running head beside the title, repeating its words
        if j >= len(units):
            break
        v = units[j]
        # in display type (a title's size) or where the first part cannot end a title ("... of"),
        # or the second goes on in lower case; a display title may go on over a page turn
        display = u.size >= DISPLAY
        pages = (u.page, u.page + 1) if display else (u.page,)
        alike = v.page in pages and v.bold == u.bold and abs(v.size - u.size) <= 0.03 * u.size
        # the running head beside the title spells the whole of it: the title goes on in ``v``
        spelled = between is not v and _words(between.text) == _words(u.text) + _words(v.text)
        same = alike and (spelled and v.kind in (HEADING, BODY)
                          or v.kind == HEADING and v.heading is not None and match_heading(v.text) is None
                          and (display or v.text[:1].islower() or ends_open(u.text))
                          or v.kind == BODY and display and v.text[:1].islower() and len(v.text.split()) <= 6)
        if not same or len(u.text) + len(v.text) > MAX_HEADING_CHARS:
            i += 1
            continue
        u.text = f"{u.text.rstrip()} {v.text.strip()}"
        h = u.heading
        u.heading = HeadingMatch(h.number, f"{h.title} {v.text.strip()}", h.level, h.kind, h.scheme)
        v.kind, v.heading = "merged", None
        if between is not v:
            between.kind = HEADER  # the running head: out of the text
        # (the next unit may go on with the title as well)


#: A heading set this much larger than the body text is in display type (a title's size).
DISPLAY = 1.8


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def mark_title(units: list[Unit]) -> None:
    """The first unit of the report, if short and not a sentence, is its title."""
    for u in units:
        if u.kind in (HEADER, "merged"):
            continue
        # a title set in display type was taken for a heading by its look: it is the title
        by_look = u.kind == HEADING and u.heading is not None and u.heading.kind in ("typeset", "plain")
        if (u.kind == BODY or by_look) and len(u.text) < 300 and not L.ends_sentence(u.text) \
                and u.page == units[0].page:
            u.kind, u.heading = TITLE, None
        return


def confirm_headings(units: list[Unit], typeset: bool) -> None:
    """Keep the headings that head something, in the body of the report.

    A heading stands above text: the next unit (running heads aside) is a paragraph of body
    text, or a subheading that is. A figure's title stands above the chart's labels or its
    caption, a cover's lines above one another, and are not headings. Where a heading's style
    (its size and weight) is confirmed so by another heading of the document, a heading set the
    same way may stand above anything but a caption, a table or figures: back matter ("About
    the authors" above names and roles, "References" above a list set small).

    Headings before the end of the table of contents are the cover's and front matter's (title,
    imprint, "About us"), not the body's. A heading numbered with bare digits ("3 Water",
    "3. Water") must follow its predecessor (a 1, or the number before it already seen, as a
    heading or as the first part of a section's number: "2" after "1.1"): notes and list items
    are numbered too.
    """
    front_end = front_matter_end(units)
    cover = cover_end(units)
    heads = [i for i, u in enumerate(units) if u.kind == HEADING and u.heading is not None
             and not u.flags.get("md_heading")]  # a markdown heading is marked so by the dump itself
    strict = {i for i in heads if _heads_text(units, i, typeset, chain=_may_chain(units[i], typeset))}
    confirmed = {_style_key(units[i]) for i in strict} if typeset else set()
    seen_digits: set[int] = set()
    for i in heads:
        u = units[i]
        h = u.heading
        assert h is not None
        # a heading its wording marks (numbered, a matter word) or a confirmed style may stand
        # above a list ("Abbreviations" above its entries), names, a small-set reference list
        worded = match_heading(u.text) is not None
        # a division or matter heading may stand above a table or figure's caption ("Appendix."
        # above "Table A-1. ..."): its wording names a part of the report, not a chart
        named = worded or is_matter(u.text.strip().rstrip(".:"))
        # a numbered division in display type ("Appendix I: ..." set three times the text's
        # size) is a title whatever stands under it (a table, a letter reproduced as an image)
        display_division = typeset and u.size >= DISPLAY and h.scheme == "division"
        keep = i in strict or (worded or _style_key(u) in confirmed) and _heads_text(units, i, typeset, relaxed=True) \
            or named and typeset and _heads_text(units, i, typeset, relaxed=True, caption_ok=True) or display_division \
            or _heads_table(units, i, confirmed, typeset)
        # only its look marks it a heading and it stands on the cover, before any running text
        on_cover = i <= cover and not worded and not u.flags.get("listed") and _plain_look(u)
        if i <= front_end or on_cover or not keep:
            u.kind, u.heading = BODY, None
            continue
        if h.scheme == "digit" and h.number.isdigit():
            n = int(h.number)
            if n != 1 and n - 1 not in seen_digits:
                u.kind, u.heading = BODY, None
                continue
            seen_digits.add(n)
        elif h.scheme == "decimal":
            seen_digits.add(int(h.number.split(".")[0]))  # "1.1" is in chapter 1


def _heads_table(units: list[Unit], i: int, confirmed: set[tuple[float, bool, bool]], typeset: bool) -> bool:
    """A heading in a style other headings confirm, that its place or its wording marks too (a
    side heading in the margin column; a numbered or labelled title: "Strategic Objective 2.1:
    ...", "Appendix"), heads what stands under or beside it even when that is a table's text
    (in a text dump, a numbered or labelled title does):
    a performance table under an objective, contact details (labels and values: "Web site:
    ...", "Phone: (202) ...") beside a back page's side heading. A title only its style marks
    may be a table's own title, and does not head a table so."""
    u = units[i]
    if not typeset:
        # a dump has no style to confirm: a numbered or labelled title ("Strategic Objective
        # 1.4: ...") heads the table under it, which a dump that keeps the layout sets apart
        return match_heading(u.text) is not None and _heads_text(units, i, typeset, relaxed=True, table_ok=True)
    if _style_key(u) not in confirmed:
        return False
    if not (u.flags.get("is_side") or match_heading(u.text) is not None or is_matter(u.text.strip().rstrip(".:"))):
        return False
    return _heads_text(units, i, typeset, relaxed=True, table_ok=True)


def _style_key(u: Unit) -> tuple[float, bool, bool]:
    return (round(u.size, 1), u.bold, is_all_caps(u.text))


def _plain_look(u: Unit) -> bool:
    return u.heading is not None and u.heading.kind in ("typeset", "plain") and not u.heading.number


def _may_chain(u: Unit, typeset: bool) -> bool:
    """May a heading stand directly above another heading? Not a text dump's unit that only its
    title case or capitals mark (a running head above the first heading of a page), unless it
    ends with an ellipsis the headings under it carry on."""
    return typeset or u.heading is None or u.heading.kind != "plain" or bool(u.flags.get("heading_line")) \
        or carries_on(u.text)


def _heads_text(units: list[Unit], i: int, typeset: bool, relaxed: bool = False, chain: bool = True,
                caption_ok: bool = False, table_ok: bool = False) -> bool:
    """Is the heading at ``i`` followed by body text (through at most three subheadings)?

    ``relaxed``: by anything but a caption, a table, figures or nothing (``table_ok``: a table
    or figures too, on the heading's page). No heading stands at
    the foot of its page with nothing under it but the page's notes: a line there followed by
    the notes is the end of a paragraph the page break cut. Where pages are known, "notes" on
    the pages after a heading, with no text between, are its text (a reference list set small
    and read as notes). ``chain``: whether subheadings may stand between.
    """
    chained = 0
    j = i + 1
    while j < len(units):
        v = units[j]
        if v.kind in (HEADER, "merged"):
            j += 1
            continue
        if v.kind == HEADING:
            chained += 1
            if not chain or chained > 3 or typeset and v.size > units[i].size * 1.04:
                return False  # a larger heading next: this one heads nothing
            j += 1
            continue
        if table_ok and v.page == units[i].page and (v.kind == TABLE or v.kind == BODY and _mostly_figures(v.text)):
            return True
        if v.kind not in (BODY, NOTE):
            return False
        if v.text[:1].islower():
            return False  # the text goes on from it: the first line of a paragraph, not a heading
        if v.kind == NOTE and not (typeset and v.page != units[i].page):
            return False  # the foot of its page: no heading stands there with nothing under it
        if relaxed:
            small = typeset and v.kind == BODY and v.size < PROSE_SIZE
            return not small and (caption_ok or not is_caption(v.text)) and not _mostly_figures(v.text)
        return _is_prose(v, typeset and v.kind == BODY)
    return False


def _mostly_figures(text: str) -> bool:
    return sum(c.isdigit() for c in text) >= sum(c.isalpha() for c in text)


#: Running text is set at least this share of the body size (a reference list, a box's text
#: set a little smaller count).
PROSE_SIZE = 0.75


def _is_prose(u: Unit, typeset: bool) -> bool:
    """Running text: not larger than the body, several words or a sentence, not a caption."""
    if typeset and not PROSE_SIZE <= u.size < LARGER:
        return False
    words = u.text.split()
    if is_caption(u.text) or _mostly_figures(u.text):
        return False
    return len(words) >= 6 or L.ends_sentence(u.text) and len(words) >= 3
