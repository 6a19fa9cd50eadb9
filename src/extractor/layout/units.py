"""The unit every layout pass decides on, its kinds, and whether its type sets it apart.

A unit is a run of a page's lines between blank lines (or cut where the input marks a heading,
a note, a table row): :func:`extractor.layout.line_kinds.group_units` makes them, the passes of
:func:`extractor.layout.line_kinds.classify` give each its kind. What this module decides is
the one fact about type that both the heading passes (:mod:`extractor.layout.heading_units`)
and the page furniture (:mod:`extractor.layout.furniture`) read: whether a unit is set apart
from the body text (:func:`set_apart`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.layout.headings import HeadingMatch, is_all_caps

BODY, HEADING, NOTE, TOC, HEADER, TABLE, TITLE = "body", "heading", "note", "toc", "header", "table", "title"


@dataclass
class Unit:
    text: str
    page: int
    kind: str = BODY
    heading: HeadingMatch | None = None
    marker: str = ""  # for notes
    digit_candidate: bool = False  # a line that may be a note numbered with plain digits
    printed: str = ""  # the text with markdown emphasis kept: a note's italics mark its title
    flags: dict[str, bool] = field(default_factory=dict)
    # typography, where the input gives it (a PDF): the smallest size of the unit's lines
    # relative to the body text (0.0: not known), whether every line is set bold, how many lines
    size: float = 0.0
    bold: bool = False
    n_lines: int = 1


#: A unit set at least this much larger than the body text is set apart as a heading.
LARGER = 1.12
#: A bold or capitalised unit is a heading only if it is not set much smaller than the body
#: (bold note text, a chart's bold labels).
NOT_SMALLER = 0.95


def set_apart(u: Unit) -> bool:
    """Is the unit set apart from the body text: larger, or bold or in capitals at body size, or
    set in the margin beside the text column (a side heading)?"""
    if u.size >= LARGER or u.flags.get("is_side"):
        return True
    return u.size >= NOT_SMALLER and (u.bold or is_all_caps(u.text))
