"""Hierarchy: the enclosing place the text states for each mention.

Reports name the enclosing place right after a place: "Qinglong County, Qianxinan ...
Autonomous Prefecture, Guizhou", "Yenge Village in Kolwezi", "Wuming District (Nanning City)",
"Tongren City, Jianzha County, and Zeku County of the Huangnan ... Prefecture", or before it
with a possessive: "Tanzania's Morogoro Region". A following place is the parent when it is
of a wider administrative rank (:func:`extractor.extract.place_mention.rank_of`, from
``data/lexicons/place_types.toml``).
"""
from __future__ import annotations

import re

from extractor.extract.place_mention import Mention

#: Text between a place and its enclosing place: ", ", " in ", " of the ", " (", ") of ", ", southeastern ",
#: ", the capital of ".
#: (", in" is not one: "in A, in B" lists places side by side.)
_LINK = re.compile(r"\s*\)?\s*(?:,|\(|(?:in|of|within)(?:\s+the)?|,\s*(?:the\s+)?capital\s+of)\s*"
                   r"(?:(?:north|south|east|west|central)\w*\s*)?", re.IGNORECASE)
#: Text between two places of one list: ", ", " and ", ", and the ".
_LIST = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*(?:the\s+)?", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*['’]s\s*")
#: Ranks of features and "other" places: never anything's parent.
_NO_PARENT_RANK = 9


def _between(a: Mention, b: Mention) -> str:
    """The text between two mentions of one block (the block's text, which its Doc was made from)."""
    return a.pb.text[a.span.end_char:b.pb.doc[b.start].idx]


def assign_parents(mentions: list[Mention]) -> None:
    """Set ``parent`` of mentions (sorted in reading order) from the way the text chains them."""
    ranks = [m.rank for m in mentions]
    for i, m in enumerate(mentions):
        if m.parent:
            continue
        run_rank = ranks[i]
        prev = m
        for j in range(i + 1, len(mentions)):
            nxt = mentions[j]
            if nxt.pb is not m.pb:
                break
            gap = _between(prev, nxt)
            if ranks[j] < run_rank and ranks[j] < _NO_PARENT_RANK and gap.strip() and _LINK.fullmatch(gap):
                m.parent = nxt.text
                break
            if not _LIST.fullmatch(gap):
                break
            run_rank = min(run_rank, ranks[j])
            prev = nxt
        if not m.parent and i > 0:
            before = mentions[i - 1]
            if before.pb is m.pb and ranks[i - 1] < ranks[i] and _POSSESSIVE.fullmatch(_between(before, m)):
                m.parent = before.text
