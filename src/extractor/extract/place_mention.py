"""A place mention being built: a token span of one parsed block with what is known about the
place it names, and its administrative rank."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from extractor.analysis import ParsedBlock
from extractor.registry import lexicon

_TYPES = lexicon("place_types")
#: Administrative rank of each place type: lower is wider (``place_types.toml``).
RANKS: dict[str, float] = _TYPES["rank"]
_WORLD_REGION_RANK: float = _TYPES["world_region_rank"]
_UNKNOWN_RANK: float = _TYPES["unknown_rank"]


def rank_of(place_type: str, method: str, headed: bool) -> float:
    """Administrative rank: lower is wider. World regions from the gazetteer rank above countries."""
    if place_type == "region" and method == "gazetteer" and not headed:
        return _WORLD_REGION_RANK
    return RANKS.get(place_type, _UNKNOWN_RANK)


@dataclass(slots=True)
class Mention:
    """A place mention being built: token span in one block plus what is known about it."""

    pb: ParsedBlock
    start: int  # token index in pb.doc
    end: int
    place_type: str
    method: str
    core: str = ""  # the name without its head ("Guizhou" for "Guizhou Province")
    core_len: int = 0  # tokens in ``core``
    country: str = ""
    parent: str = ""  # enclosing place stated by the text or the gazetteer
    gaz_parent: str = ""
    headed: bool = False
    of_form: bool = False  # "the State of X": a place the text keeps apart from a namesake city
    label: str = ""  # the place's name when the span is only part of it ("South" of "South and Southeast Asia")
    cued: bool = False  # a gazetteer name that counts only where the document names its country
    city_only: bool = False  # a gazetteer city no subdivision shares its name with ("Los Angeles")

    @property
    def span(self) -> Span:
        return self.pb.doc[self.start:self.end]

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def rank(self) -> float:
        return rank_of(self.place_type, self.method, self.headed)
