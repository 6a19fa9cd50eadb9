"""Each heading's level (1 a chapter, 2 its sections, ...), from the document's own heading
styles and numbering schemes.

The headings themselves are decided before (:mod:`extractor.layout.heading_units`); this module
only ranks them: :func:`assign_levels`. The section tree layout repair builds follows the levels.
"""
from __future__ import annotations

from extractor.layout.headings import HeadingMatch, carries_on, is_all_caps, is_matter
from extractor.layout.units import HEADING, Unit


def assign_levels(units: list[Unit], typeset: bool) -> None:
    """Each heading's level, from the document's own heading styles.

    Typeset: a heading's own wording decides where it can (:func:`_own_level`); otherwise the
    distinct styles (size, bold, capitals) of its headings, largest first, are levels 1, 2, 3;
    a style used by one heading only (a "References" set in display type) takes the level of
    the next smaller style used more often, so that it does not push every other heading a
    level down, unless that heading ends with an ellipsis the headings under it carry on.
    Text dumps: chapter divisions ("Chapter Two", "Annex A") are level 1
    and the numbering schemes nest in the order the document first uses them ("I." > "A." >
    "1."; a scheme first used after "Chapter One" nests under it); a decimal number nests by its
    depth under the digits ("2.1" under "2"); headings without a number are level 1; a markdown
    heading keeps its own level.
    """
    heads = [u for u in units if u.kind == HEADING and u.heading is not None]
    if not heads:
        return
    if typeset:
        # the styles of the headings whose wording does not say their level
        styled = [u for u in heads if u.heading is not None and _own_level(u.heading) is None]
        levels = _style_levels(styled) if styled else {}
        for u in heads:
            h = u.heading
            assert h is not None
            u.heading = HeadingMatch(h.number, h.title, _own_level(h) or levels[_style(u)], h.kind, h.scheme)
        return
    order: list[str] = []  # numbering schemes in the order the document first uses them
    for u in heads:
        h = u.heading
        assert h is not None
        if (h.scheme in ("division", "roman", "letter", "digit") or h.scheme.startswith("label:")) \
                and h.scheme not in order:
            order.append(h.scheme)
    for u in heads:
        h = u.heading
        assert h is not None
        if h.scheme == "division":
            level = 1
        elif h.scheme in order:
            level = 1 + order.index(h.scheme)
        elif h.scheme == "decimal" and not u.flags.get("md_heading"):
            digit = 1 + order.index("digit") if "digit" in order else 1
            level = digit + h.number.count(".")
        else:
            level = h.level if h.scheme in ("decimal", "markdown") else 1
        u.heading = HeadingMatch(h.number, h.title, level, h.kind, h.scheme)


def _own_level(h: HeadingMatch) -> int | None:
    """The level a heading's own wording gives, whatever its type: a division ("Chapter 2",
    "Annex A") and front or back matter ("Foreword", "References") are level 1, a decimal number
    nests by its depth ("2.1" is level 2); None for the others."""
    if h.scheme == "division" or h.scheme == "" and is_matter(h.title):
        return 1
    if h.scheme == "decimal":
        return h.number.count(".") + 1
    return None


def _style(u: Unit) -> tuple[float, bool, bool]:
    return (u.size, u.bold, is_all_caps(u.text))


def _style_levels(heads: list[Unit]) -> dict[tuple[float, bool, bool], int]:
    """Heading styles to levels: sizes within 4% of each other are one size."""
    styles = sorted({_style(u) for u in heads}, key=lambda st: (-st[0], not st[1], not st[2]))
    # one size for sizes that differ by rounding only (11.2 pt and 11.3 pt)
    size_of: dict[float, float] = {}
    for size in sorted({st[0] for st in styles}, reverse=True):
        near = next((s for s in size_of.values() if abs(s - size) <= 0.04 * s), None)
        size_of[size] = near if near is not None else size
    key = lambda st: (size_of[st[0]], st[1], st[2])  # noqa: E731
    count: dict[tuple[float, bool, bool], int] = {}
    for u in heads:
        count[key(_style(u))] = count.get(key(_style(u)), 0) + 1
    merged = sorted(count, key=lambda st: (-st[0], not st[1], not st[2]))
    # (a heading whose ellipsis the headings under it carry on heads them, however rare its style)
    heads_others = {key(_style(u)) for u in heads if carries_on(u.text)}
    frequent = [st for st in merged if count[st] > 1 or st in heads_others] or merged
    level_of: dict[tuple[float, bool, bool], int] = {st: k + 1 for k, st in enumerate(frequent)}
    for st in merged:
        if st not in level_of:
            smaller = [level_of[f] for f in frequent if merged.index(f) > merged.index(st)]
            level_of[st] = min(smaller) if smaller else len(frequent)
    return {st: level_of[key(st)] for st in styles}
