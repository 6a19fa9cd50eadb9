"""A place mention being built, and what the place passes share while they build a document's.

A :class:`Mention` is a token span of one parsed block with what is known about the place it
names. :class:`Found` holds the mentions one document's passes have accepted so far: the first
pass to claim a token wins it (:meth:`Found.add` refuses a mention that overlaps one already
found), which is why the passes run in the order :data:`extractor.extract.places.PASSES` gives.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from extractor.analysis import Analysis, ParsedBlock
from extractor.extract.place_context import document_vocabulary
from extractor.gazetteer import Gazetteer
from extractor.model import BlockKind
from extractor.registry import lexicon

_TYPES = lexicon("place_types")
#: Administrative rank of each place type: lower is wider (``place_types.toml``).
RANKS: dict[str, float] = _TYPES["rank"]
_WORLD_REGION_RANK: float = _TYPES["world_region_rank"]
_UNKNOWN_RANK: float = _TYPES["unknown_rank"]
#: Types that are wider than any sub-national unit: a rule about local names leaves them alone.
WIDE_TYPES = ("country", "continent", "region")
#: Blocks whose words are capitalised whatever they name.
HEADING_KINDS = (BlockKind.HEADING, BlockKind.TITLE)


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
    variant: str = ""  # "abbreviation" for a country's abbreviation (``extractor.gazetteer.Entry.variant``)

    @property
    def span(self) -> Span:
        return self.pb.doc[self.start:self.end]

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def rank(self) -> float:
        return rank_of(self.place_type, self.method, self.headed)


@functools.lru_cache(maxsize=32)
def _word_matcher(vocab: Vocab, attr: str, words: frozenset[str]) -> PhraseMatcher:
    """A PhraseMatcher of single words (one per vocabulary, attribute and word set; the word sets
    are the rules' constants, so the cache holds a few dozen at most)."""
    matcher = PhraseMatcher(vocab, attr=attr)
    matcher.add("word", [Doc(vocab, words=[word]) for word in sorted(words)])
    return matcher


class Found:
    """The mentions accepted so far in one document, and what every pass may read: the parsed
    document, the gazetteer, whether a statistical model ran, the document's vocabulary of
    lower-case words and the countries it names (set by the pass that finds them)."""

    def __init__(self, analysis: Analysis, gaz: Gazetteer, use_model: bool) -> None:
        self.analysis = analysis
        self.gaz = gaz
        self.use_model = use_model
        #: Words the document writes in lower case (:func:`document_vocabulary`).
        self.vocabulary = document_vocabulary(analysis)
        #: ISO codes of the countries the document names (:func:`named_countries`).
        self.countries: set[str] = set()
        #: Every accepted mention, in the order accepted.
        self.mentions: list[Mention] = []
        self._in_block: dict[int, list[Mention]] = {}  # block index -> its mentions, in the same order
        self._taken: dict[int, set[int]] = {}  # block index -> tokens already in a mention

    @functools.cached_property
    def organisation_names(self) -> frozenset[tuple[str, ...]]:
        """The words of every organisation's name the document writes whole (capitalised words
        ending in an organisation word: "American Ocean Minerals Corporation"), and each of their
        beginnings of two words or more: where the document writes a beginning alone ("American
        Ocean Minerals reportedly ..."), it still names the organisation."""
        from extractor.extract.place_context import ORG_WORDS, is_title

        names: set[tuple[str, ...]] = set()
        for pb in self.analysis.blocks:
            doc = pb.doc
            for i in self.hits(pb, ORG_WORDS, lower=True):
                if not is_title(doc[i]):
                    continue
                s = i
                while s > 0 and i - s < 6 and is_title(doc[s - 1]):
                    s -= 1
                words = tuple(t.text for t in doc[s:i + 1])
                for k in range(2, len(words) + 1):
                    names.add(words[:k])
        return frozenset(names)

    def in_block(self, pb: ParsedBlock) -> list[Mention]:
        """The block's mentions (the live list)."""
        return self._in_block.setdefault(pb.index, [])

    def taken(self, pb: ParsedBlock) -> set[int]:
        """The block's tokens already in a mention (the live set)."""
        return self._taken.setdefault(pb.index, set())

    def add(self, m: Mention) -> None:
        """Accept ``m`` unless a mention already holds one of its tokens."""
        taken = self.taken(m.pb)
        if not taken.isdisjoint(range(m.start, m.end)):
            return
        taken.update(range(m.start, m.end))
        self.mentions.append(m)
        self.in_block(m.pb).append(m)

    def drop(self, m: Mention) -> None:
        """Forget ``m`` and free its tokens."""
        self.mentions.remove(m)
        self.in_block(m.pb).remove(m)
        self.taken(m.pb).difference_update(range(m.start, m.end))

    def replace(self, old: Mention, new: Mention) -> None:
        """Put ``new`` in the place of ``old``, whose tokens it holds with more around them."""
        self.mentions.remove(old)
        self.in_block(old.pb).remove(old)
        self.taken(new.pb).update(range(new.start, new.end))
        self.mentions.append(new)
        self.in_block(new.pb).append(new)

    def at(self, pb: ParsedBlock, start: int, end: int) -> Mention | None:
        """The block's mention of exactly ``doc[start:end]``, if any."""
        return next((m for m in self._in_block.get(pb.index, ()) if m.start == start and m.end == end), None)

    def overlaps(self, pb: ParsedBlock, start: int, end: int) -> bool:
        """Whether a mention holds a token of ``doc[start:end]``."""
        return not self.taken(pb).isdisjoint(range(start, end))

    def hits(self, pb: ParsedBlock, words: frozenset[str], *, lower: bool = False, first: int = 0,
             room: int = 0) -> list[int]:
        """Where a word of ``words`` stands in the block (its lower-case form with ``lower``), in
        order: the token indices ``i`` with ``first <= i < len(doc) - room`` (``room``: how many
        tokens the rule reads after ``i``), found by a stock PhraseMatcher."""
        doc = pb.doc
        matcher = _word_matcher(doc.vocab, "LOWER" if lower else "ORTH", words)
        stop = len(doc) - room
        return sorted(start for _, start, _ in matcher(doc) if first <= start < stop)
