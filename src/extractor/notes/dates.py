"""The date a footnote gives, as an ISO string, partial where the note is partial.

Notes print dates in many ways: ``November 18, 2024``, ``18 November 2024``, ``Nov. 18, 2024``,
``2024-11-18``, ``2024/11/18``, ``2024年11月18日``, ``(September 1988)``, or a bare year closing
a reference (``..., 2022.``). The first date that is the note's own date wins; these are not:
dates inside the URL (``/2020-11-22/``), access dates (``accessed March 3, 2025``,
``[2025-01-01]`` after ``[EB/OL]``), a year inside a quoted title (``"The 2024 Plan"``) or used
as a modifier (``the 2024 National Economic ...``). A date is only accepted if it exists on the
calendar.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from extractor.months import MONTHS

# (the lookahead lets the engine reject a position by its first letter before trying every name)
_MONTH = (r"(?=[adfjmnos])(?P<month>"
          + "|".join(sorted((name.capitalize() for name in MONTHS), key=lambda n: (-len(n), n))) + r")\.?")
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
#: After a year: no digit, "/", "." or "-" before it (tested once the year has matched, so that the
#: patterns open with the year's first digit and the regex engine skips to those).
_NOT_AFTER_DATE_CHAR = r"(?<![\d/.-]\d{4})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("iso", re.compile(rf"{_YEAR}{_NOT_AFTER_DATE_CHAR}[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?![\d/.-]?\d)")),
    ("cjk", re.compile(rf"{_YEAR}\s*年\s*(?P<month>[01]?\d)\s*月(?:\s*(?P<day>[0-3]?\d)\s*日)?")),
    ("my", re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("ym", re.compile(rf"{_YEAR}{_NOT_AFTER_DATE_CHAR}-(?P<month>[01]\d)(?![\d/-])")),
]
# A bare year that is an element of the reference: after a comma or "(", before the end,
# a period, a comma or ")"; not followed by a word it modifies.
_BARE_YEAR = re.compile(rf"(?:^|[,(\[]\s*){_YEAR}\s*(?=$|[.,;)\]])")
#: Every date pattern holds a year; most of a note's text is none.
_ANY_YEAR = re.compile(_YEAR.replace("?P<year>", "?:"))
#: The patterns that need a month's name, and what every month's name starts with: a note that
#: holds none of these (compared case-folded, as ``re.I`` compares) cannot match them.
_NAMED_MONTH_KINDS = frozenset({"mdy", "dmy", "my"})
_MONTH_STARTS = tuple(sorted({name[:3] for name in MONTHS}))
# Words that introduce a date that is not the note's own.
_ACCESS = re.compile(r"\b(?:accessed|retrieved|viewed|visited|consulted|last\s+modified|访问|引用)\b[^,;]*$", re.I)
_ISSUED = re.compile(r"\b(?:issued|published|released|dated|posted|updated)(?:\s+(?:on|in))?\s*:?\s*$", re.I)
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|\*(?<![\w*]\*)[^*]+\*(?![\w*])|_[^_]+_")


@dataclass(frozen=True)
class FoundDate:
    iso: str  # "2024-11-18", "2024-11" or "2024"
    start: int
    end: int


def find_date(text: str, *, exclude: list[tuple[int, int]] | None = None) -> str | None:
    """The note's date as ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None when it gives none.

    ``exclude`` are spans (e.g. the URL's) whose dates do not count.
    """
    found = find_dates(text, exclude=exclude)
    if not found:
        return None
    # "Report for March 2024, issued April 2024": a date the note says it was issued on wins
    for d in found:
        if _ISSUED.search(text[max(0, d.start - 30):d.start]):
            return d.iso
    # "Statistics: April to June 2023, 14 December 2023": a full date is the release date; the
    # months and years before it name the period the publication covers
    full = [d for d in found if len(d.iso) == 10]
    if full:
        return full[0].iso
    # "World Bank (2023). Title. Washington, DC, August 2023": the later date refines the year
    first = found[0]
    if len(first.iso) == 4:
        refined = [d for d in found[1:] if d.iso.startswith(first.iso) and len(d.iso) > 4]
        if refined:
            return refined[0].iso
    return first.iso


def find_dates(text: str, *, exclude: list[tuple[int, int]] | None = None) -> list[FoundDate]:
    """Every date the note gives for itself, in reading order (see the module docstring)."""
    if not _ANY_YEAR.search(text):
        return []
    folded = text.casefold()
    patterns = _PATTERNS if any(start in folded for start in _MONTH_STARTS) else [
        (kind, pattern) for kind, pattern in _PATTERNS if kind not in _NAMED_MONTH_KINDS]
    masked = _mask(text, exclude or [])
    titled = _mask(masked, [(m.start(), m.end()) for m in _QUOTED.finditer(masked)])
    dates: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for source in (titled, masked):  # dates outside titles first; inside a title only if none outside
        for kind, pattern in patterns:
            for m in pattern.finditer(source):
                if _overlaps(m.start(), m.end(), taken):
                    continue
                if _is_access_date(source, m.start()):
                    taken.append((m.start(), m.end()))  # its year is no bare year either
                    continue
                iso = _iso(m, kind)
                if iso:
                    dates.append(FoundDate(iso, m.start(), m.end()))
                taken.append((m.start(), m.end()))  # an impossible date gives no bare year either
        if source is titled:
            for m in _BARE_YEAR.finditer(titled):
                s, e = m.start("year"), m.end("year")
                if not _overlaps(s, e, taken) and not _is_access_date(titled, s):
                    dates.append(FoundDate(m.group("year"), s, e))
                    taken.append((s, e))
        if dates:
            break
        taken = []
    dates.sort(key=lambda d: d.start)
    return dates


def _iso(m: re.Match[str], kind: str) -> str | None:
    year = int(m.group("year"))
    month_text = m.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower().rstrip("."))
    if not month or not 1 <= month <= 12:
        return None
    day_text = m.groupdict().get("day")
    if not day_text:
        return f"{year:04d}-{month:02d}"
    day = int(day_text)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _is_access_date(text: str, pos: int) -> bool:
    """Is the date at ``pos`` an access date (``accessed ...``, or the 2nd bracket after [EB/OL])?"""
    before = text[max(0, pos - 40):pos]
    if _ACCESS.search(before):
        return True
    # GB/T 7714 style: "[EB/OL]. (2024-11-18)[2025-01-01]" - the bracketed date is the citing date
    return bool(re.search(r"\)\s*\[\s*$", before))


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out ``spans`` (same length, so offsets stay valid)."""
    for s, e in spans:
        s, e = max(0, s), min(len(text), e)
        if s < e:
            text = f"{text[:s]}{' ' * (e - s)}{text[e:]}"
    return text


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < te and ts < e for ts, te in spans)
