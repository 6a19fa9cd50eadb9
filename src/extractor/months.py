"""Month names, one place for every rule that reads a date: names from Python's ``calendar``
(English), abbreviations from ``data/lexicons/calendar.toml``."""
from __future__ import annotations

import calendar

from extractor.registry import lexicon

#: Lower-case month name or abbreviation -> month number: "november", "nov", "sept".
MONTHS: dict[str, int] = {}
#: The abbreviations alone: "nov", "sept".
ABBREVIATIONS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _number
        ABBREVIATIONS[_name[:3].lower()] = _number
ABBREVIATIONS.update(lexicon("calendar")["months"]["extra_abbreviations"])
MONTHS.update(ABBREVIATIONS)

#: Every lower-case form a token may take: the names, the abbreviations, abbreviations with a full stop.
MONTH_WORDS: frozenset[str] = frozenset(MONTHS) | {f"{name}." for name in ABBREVIATIONS}
