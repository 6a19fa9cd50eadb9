"""Place names: gazetteer EntityRuler, head-noun patterns, model entities, context filters.

Inside the single spaCy pass, the place ruler (:mod:`extractor.place_ruler`) proposes
candidates: gazetteer names (countries, ISO 3166-2 subdivisions, big cities, continents, world
regions; see :mod:`extractor.gazetteer`) and token patterns for "<Name> <Head>" names. It runs
before a statistical NER when one is loaded, so rules win ties and the model only adds GPE/LOC
entities elsewhere.

:func:`extract_place_mentions` then decides, with the whole document in view, which candidates
name places (:mod:`extractor.extract.place_context`), adds the places only a cue reveals
("the villages of A and B", "Eastern <Province>", a bare "Guizhou" once "Guizhou Province"
occurs, "the plant at <Locality>", "in <Town> and <Locality>", "<City>: <Publisher>" in a note,
"through West <Name>") and records enclosing places stated in the text. :func:`aggregate_places` (in
:mod:`extractor.extract.place_aggregate`) merges mentions into one row per place.
"""
from __future__ import annotations

import functools
from collections.abc import Collection, Container, Iterator, Mapping
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from extractor.analysis import Analysis, ParsedBlock
from extractor.extract import place_patterns as pp
from extractor.extract.place_context import (
    COMPASS, COMPASS_REGION_WORDS, ROMANCE_PARTICLES, BlockWords, names_road, at_sentence_start, in_organisation_list, in_programme_title, programme_like, quoted_term, common_words, document_vocabulary, in_title_case, names_organisation,
    part_of_longer_name, span_text, SentenceOpeners, TitleWords,
)
from extractor.extract.place_aggregate import aggregate_places
from extractor.extract.place_hierarchy import assign_parents
from extractor.extract.place_mention import Mention
from extractor.gazetteer import GENERIC_WORDS, Entry, Gazetteer, gazetteer, is_generic
from extractor.ids import stable_id
from extractor.model import BlockKind
from extractor.registry import lexicon

__all__ = ["extract_place_mentions", "aggregate_places"]

_CUES = lexicon("place_cues")
_HEADS = lexicon("place_heads")
#: Words after which "the <Name>" locates something ("in the Andes", "along the Danube").
LOCATIVES = frozenset(_CUES["locatives"]["before_the"])
#: Endings of ordinary English nouns and adjectives, never of a bare feature's name ("the Conclusions").
WORD_SUFFIXES = tuple(_CUES["names"]["word_suffixes"])
#: Capitalised heads that, before "of <Name>", belong to the place's name ("State of São Paulo").
OF_CAPITAL_HEADS = frozenset(_HEADS["of_heads"]["part_of_name"])
#: Capitalised heads before "of <Name>" that take the capitalised words before them into the name
#: ("London Borough of Hackney", "Royal Borough of Greenwich").
OF_PREFIXED_HEADS = frozenset(_HEADS["of_heads"]["take_words_before"])

#: Words before a noun that make a capitalised word a common noun ("the whole Union").
DETERMINERS = frozenset(_CUES["determiners"]["words"])
#: Types of inhabited places a locality joined to them by "and" shares.
SETTLEMENTS = frozenset(_HEADS["settlements"]["types"])
#: Words before "of <Name>" that say the name is a governed unit ("the capital of X", "Government of X").
GOVERNED_HEADS = frozenset(_HEADS["settlements"]["governed_heads"])
MODEL_LABELS = tuple(_CUES["model"]["labels"])
#: Abbreviations and words for "Saint" that open a place's name ("St. Lawrence", "San Joaquin").
SAINT_PREFIXES = frozenset(_CUES["names"]["saint_prefixes"])
#: Locatives before a bare land name ("in Appalachia").
LAND_LOCATIVES = frozenset(_CUES["locatives"]["before_land"])
#: Capitalised words that, before a city, name its conurbation ("Metro Manila", "Greater Cairo").
METRO_PREFIXES = frozenset(_CUES["names"]["metro_prefixes"])
#: First words of the lists :meth:`_Builder.lists` reads ("villages of", "county governments of").
_LIST_STARTS = frozenset(pp.LIST_HEADS) | frozenset(pp.LIST_GOVERNMENT_HEADS)
#: The words before "<Locality>" in :meth:`_Builder.facility_sites` and :meth:`_Builder.locative_pairs`.
_FACILITY_LEADS = tuple(_CUES["locatives"]["after_facility"])
_PAIR_LEADS = tuple(_CUES["locatives"]["before_pair"])
#: The full stop before a place of publication (:meth:`_Builder.publisher_places`).
_FULL_STOP = (".",)
#: Blocks whose words are capitalised whatever they name.
_HEADING_KINDS = (BlockKind.HEADING, BlockKind.TITLE)
#: "the", before a bare feature (:meth:`_Builder.bare_features`).
_THE = ("the",)
#: Types a bare name may inherit from a headed name with the same core ("Guizhou" <- "Guizhou
#: Province"); villages and townships are left out: their cores are often other things' names.
ALIASABLE = frozenset(_HEADS["settlements"]["aliasable"])
#: First words of a headed name that belong to the name itself ("Lake Victoria").
_NAME_OPENERS = frozenset(_HEADS["features"]["name_openers"])
#: Heads of a unit of an organisation after ordinary words ("the Rural Sociology Division").
_UNIT_HEADS = frozenset(_CUES["organisations"]["unit_heads"])
#: Articles a model's entity may open with ("the Sahel").
_ARTICLES = frozenset(_CUES["determiners"]["articles"])
#: Endings of capitalised adjectives of nationality ("Spanish"), and of those after a compass word ("South Asian").
_NATIONALITY_ENDINGS = tuple(_CUES["names"]["nationality_endings"])
_COMPASS_ADJECTIVE_ENDINGS = tuple(_CUES["names"]["compass_adjective_endings"])


class TokenHits(Mapping[int, list[int]]):
    """Where some words stand in every block of a document (:meth:`WordTable.find`): block
    position -> the (block-relative) token indices found there, for the blocks with any.

    Held as two flat lists, not a list per block: ``local``, every hit's index within its
    block, block after block, and ``cuts``, where each block's hits start in it (block ``n``'s
    are ``local[cuts[n]:cuts[n + 1]]``). A block's list is sliced when asked for (most rules
    ask about few blocks), not built for every block of the report."""

    __slots__ = ("local", "cuts")

    def __init__(self, local: list[int], cuts: list[int]) -> None:
        self.local = local
        self.cuts = cuts

    def get(self, block: int, default: object = None) -> Any:  # type: ignore[override]
        cuts = self.cuts
        if not 0 <= block < len(cuts) - 1 or cuts[block] == cuts[block + 1]:
            return default
        return self.local[cuts[block]:cuts[block + 1]]

    def __getitem__(self, block: int) -> list[int]:
        found = self.get(block)
        if found is None:
            raise KeyError(block)
        return found

    def __contains__(self, block: object) -> bool:
        return isinstance(block, int) and self.get(block) is not None

    def __iter__(self) -> Iterator[int]:
        cuts = self.cuts
        return (block for block in range(len(cuts) - 1) if cuts[block] != cuts[block + 1])

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _head_split(lowers: list[str], start: int, end: int) -> tuple[int, int]:
    """(name end, head start) of a "<Name> <Head>" span (``lowers``: the block's lower-case
    words); for autonomous names, the core is the first word ("Nujiang" of "Nujiang Lisu
    Autonomous Prefecture")."""
    words = lowers[start:end]
    if "autonomous" in words:
        return start + 1, start + words.index("autonomous")
    if words and (words[0] in _NAME_OPENERS
                  or words[0] in pp.PREFIX_ADMIN_HEADS or words[-1] in pp.REGION_HEADS
                  or words[-1].endswith("shire") or words[-2:] == ["city", "region"]):
        return end, end  # the whole phrase is the name: "Sun Belt", "Derbyshire", "Liverpool City Region"
    return end - 1, end - 1


class _Builder:
    """Collects accepted mentions of one document."""

    def __init__(self, analysis: Analysis, gaz: Gazetteer, use_model: bool) -> None:
        self.analysis = analysis
        self.gaz = gaz
        self.use_model = use_model
        #: Every word the document writes (the union of its blocks' words, in C).
        self.distinct_words: Collection[str] = _distinct_words(analysis)
        self.vocab = document_vocabulary(self.distinct_words)
        #: Which of the document's words are capitalised (:func:`is_title_word`), each tested once.
        self.titles = TitleWords()
        self.mentions: list[Mention] = []
        #: The same mentions by block index, in the same order: per-block rules look up their
        #: block's few mentions instead of scanning the document's.
        self.in_block: dict[int, list[Mention]] = {}
        self.taken: dict[int, set[int]] = {}  # block index -> tokens already in a mention
        self._views: dict[int, BlockWords] = {}
        self._openers = SentenceOpeners()
        #: :meth:`_hits` by the id of its targets, for words as written and in lower case; the
        #: targets are kept alive in ``_kept``, so that their ids are not reused.
        self._found: dict[int, TokenHits] = {}
        self._found_lower: dict[int, TokenHits] = {}
        self._kept: list[Container[str]] = []
        blocks = analysis.blocks
        self._table = None
        self._slots = {pb.index: n for n, pb in enumerate(blocks)}

    def view(self, pb: ParsedBlock) -> BlockWords:
        """The block's words as plain lists (made once per block and call)."""
        v = self._views.get(pb.index)
        if v is None:
            v = self._views[pb.index] = BlockWords(pb, self.titles, self._openers)
        return v

    # ----- candidates from the spaCy pass
    def from_entities(self, pb: ParsedBlock) -> None:
        ents = pb.doc.ents  # a new tuple of Spans at every read
        if not ents:
            return
        heading = pb.block.kind in _HEADING_KINDS
        v = self.view(pb)
        spans = [(ent.label_, ent.start, ent.end, ent) for ent in ents]  # each Span property read once
        rule_tokens = {i for label, start, end, _ in spans if label == "PLACE" for i in range(start, end)}
        for label, start, end, ent in spans:
            if label == "PLACE":
                method, _, ptype = ent.ent_id_.partition("|")
            elif self.use_model and label in MODEL_LABELS:
                method, ptype = "model", ""
            else:
                continue
            m = self._candidate(v, start, end, method, ptype, heading, rule_tokens)
            if m is not None:
                self._add(m)

    def _candidate(self, v: BlockWords, start: int, end: int, method: str, ptype: str, heading: bool,
                   place_tokens: set[int]) -> Mention | None:
        """The mention an entity of the spaCy pass (tokens ``start:end`` of ``v``'s block) makes,
        if its context lets it name a place. The costlier tests come last and only where their
        answer matters: most candidates are countries, whose capitalisation says nothing."""
        pb, lowers = v.pb, v.lowers
        if method == "model":
            while start < end and lowers[start] in _ARTICLES:
                start += 1
            if start >= end or not v.title(start):
                return None
        if (names_organisation(v, end) or names_road(v, start, end) or in_programme_title(v, start)
                or in_organisation_list(v, start, end)):
            return None
        if method in ("pattern", "pattern_lower"):
            return self._headed(pb, start, end, method, ptype, in_title_case(v, start, end, heading))
        text = v.text(start, end)
        entry = self.gaz.lookup(text)
        if method == "model":
            entry = entry or self.gaz.lookup_city(text)
            if entry is None:
                return None
            ptype = entry.place_type
        assert entry is not None
        if start > 0 and v.words[start - 1] in METRO_PREFIXES:
            city = entry if entry.place_type in ("city", "municipality") else self.gaz.city_named(text)
            if city is not None:
                # "Metro Manila", "Greater Cairo": the conurbation around a city, a region of its country
                return Mention(pb, start - 1, end, "region", "pattern", core=v.text(start - 1, end),
                               core_len=end - start + 1, country=city.country, gaz_parent=city.parent, headed=True)
        if entry.place_type not in ("country", "continent", "region"):
            if quoted_term(v, start, end) or part_of_longer_name(v, start, end, place_tokens, heading):
                return None
            if end - start == 1 and (lowers[start] in self.vocab
                                     or lowers[start].endswith("ing") and at_sentence_start(v, start)) \
                    and in_title_case(v, start, end, heading):
                return None  # "Reading the data, ...": an ordinary word, capitalised
        return Mention(pb, start, end, ptype or entry.place_type, "gazetteer" if method != "model" else "model",
                       core=text, country=entry.country, gaz_parent=entry.parent, cued=entry.cued,
                       city_only=entry.source == "city" and not self.gaz.is_subdivision(text))

    def _headed(self, pb: ParsedBlock, start: int, end: int, method: str, ptype: str,
                title_ctx: bool) -> Mention | None:
        v = self.view(pb)
        words, lowers = v.words, v.lowers
        if (method == "pattern_lower" and end - start >= 3 and lowers[end - 2] in pp.FEATURE_HEADS
                and words[end - 2][0].isupper() and ptype == "natural_feature"):
            end -= 1  # "the Amazon River basin": a descriptor after the river's own name
            method = "pattern"
        if words[end - 1] in ("DC", "D.C.", "D.C"):  # "Washington, DC"
            core_end = end - 1 - (words[end - 2] == ",")
            entry = self.gaz.lookup(v.text(start, core_end))
            return Mention(pb, start, end, "city", "pattern", core=v.text(start, core_end),
                           core_len=core_end - start, country=entry.country if entry else "", headed=True)
        name_end, head_start = _head_split(lowers, start, end)
        # the name's tokens: ``name_start:name_stop``
        name_start, name_stop = start, (name_end if name_end > start else end)
        while name_stop - name_start > 1 and lowers[name_stop - 1] in pp.HEAD_WORDS:
            name_stop -= 1  # "Liverpool City Region", "Sun Belt": judge the name without its heads
        if programme_like(v, name_start, name_stop, self.vocab):
            return None
        common = common_words(lowers[name_start:name_stop], self.vocab)
        if title_ctx:
            # "Visiting Shangnan County": drop ordinary words in front of the name.
            while len(common) > 1 and at_sentence_start(v, start) and lowers[start] not in GENERIC_WORDS \
                    and lowers[start] not in pp.PREFIX_ADMIN_HEADS and (
                    common[0] or self.gaz.lookup(v.text(start + 1, name_end)) is not None):
                start += 1
                common.pop(0)
            if all(common):
                return None
            name_end, head_start = _head_split(lowers, start, end)
        demonym = self.gaz.demonym_country(words[start]) if end - start == 2 else ""
        if demonym and ptype != "natural_feature":
            return None  # "a Chinese village", "the Kenyan state"
        if lowers[end - 1] in _UNIT_HEADS and any(
                common_words(lowers[name_start:name_stop], self.vocab)):
            return None  # "the Rural Sociology Division": a unit of an organisation
        if (end - start == 2 and method == "pattern_lower" and ptype != "natural_feature"
                and _adjective_of_nationality(words[start])
                and self.gaz.lookup(words[start]) is None):
            return None  # "a Spanish region", "Danish municipalities"
        country = demonym
        core = v.text(start, name_end) if name_end > start else ""
        if core:
            entry = self.gaz.lookup(core)
            if entry is not None and entry.place_type not in ("continent", "region"):
                country = country or entry.country
        entry = self.gaz.lookup(core) if core else None
        gaz_parent = entry.parent if entry is not None and entry.place_type == ptype else ""
        return Mention(pb, start, end, ptype, "pattern", core=core, core_len=max(0, name_end - start),
                       country=country, gaz_parent=gaz_parent, headed=True)

    def _hits(self, targets: Container[str], lower: bool = False) -> TokenHits:
        """Where the words (lower-case words with ``lower``) of ``targets`` stand in every block,
        found for the whole document at once (:meth:`extractor.analysis.WordTable.find`), as two
        flat lists rather than a list per block: a rule asks here first and returns at once on
        the many blocks without its trigger words, before reading the block's words."""
        known = (self._found_lower if lower else self._found).get(id(targets))
        if known is not None:
            return known
        if self._table is not None:
            found = self._table.find(targets, lower)
        else:
            local: list[int] = []
            cuts = [0]
            for pb in self.analysis.blocks:
                local += pb.positions(targets, lower=lower)
                cuts.append(len(local))
            found = TokenHits(local, cuts)
        (self._found_lower if lower else self._found)[id(targets)] = found
        self._kept.append(targets)
        return found

    def _in_block(self, pb: ParsedBlock, hits: TokenHits, start: int, room: int) -> list[int]:
        """The ``hits`` of block ``pb`` in ``range(start, len(doc) - room)``."""
        cuts = hits.cuts
        n = self._slots[pb.index]
        first = cuts[n]
        last = cuts[n + 1]
        if first == last:
            return []
        if start <= 0 and room <= 0:
            return hits.local[first:last]
        stop = len(pb.doc) - room
        return [i for i in hits.local[first:last] if start <= i < stop]

    def _starts_at(self, pb: ParsedBlock, targets: Container[str], start: int = 0, room: int = 0) -> list[int]:
        """Where a lower-case word of ``targets`` stands in ``range(start, len(doc) - room)`` of
        the block (``room``: the tokens a rule reads after it)."""
        return self._found_at(pb, targets, True, start, room)

    def _names_at(self, pb: ParsedBlock, targets: Container[str], start: int = 0, room: int = 0) -> list[int]:
        """Where a word (as written) of ``targets`` stands in ``range(start, len(doc) - room)``
        of the block."""
        return self._found_at(pb, targets, False, start, room)

    def _found_at(self, pb: ParsedBlock, targets: Container[str], lower: bool, start: int, room: int) -> list[int]:
        """:meth:`_in_block` of :meth:`_hits`. Every per-block rule asks this first, for every
        block, and most blocks hold none of its words: that answer is read here at once."""
        hits = (self._found_lower if lower else self._found).get(id(targets))
        if hits is None:
            hits = self._hits(targets, lower)
        n = self._slots[pb.index]
        if hits.cuts[n] == hits.cuts[n + 1]:
            return []
        return self._in_block(pb, hits, start, room)

    def _mention_at(self, pb: ParsedBlock, start: int, end: int) -> Mention | None:
        return next((m for m in self.in_block.get(pb.index, ()) if m.start == start and m.end == end), None)

    def _overlaps(self, pb: ParsedBlock, start: int, end: int) -> bool:
        return bool(set(range(start, end)) & self.taken.get(pb.index, set()))

    def _drop(self, m: Mention) -> None:
        self.mentions.remove(m)
        self.in_block[m.pb.index].remove(m)
        self.taken[m.pb.index] -= set(range(m.start, m.end))

    @staticmethod
    def _name_run(v: BlockWords, j: int, limit: int = 4) -> int:
        """End of the capitalised name starting at token ``j`` (``j`` when there is none); Romance
        particles inside a name are kept ("Vila do Conde")."""
        lowers = v.lowers
        k = j
        while k < v.n and k - j < limit:
            if v.title(k) and lowers[k] not in pp.NAME_STOP_SET:
                k += 1
            elif (k > j and lowers[k] in ROMANCE_PARTICLES and k + 1 < v.n
                  and v.title(k + 1)):
                k += 1
            else:
                break
        return k

    def _acceptable_name(self, v: BlockWords, s: int, e: int) -> bool:
        """A new name found through a cue: not an organisation, not ordinary words, not a nationality."""
        if e <= s or names_organisation(v, e) or is_generic(v.text(s, e)):
            return False
        if all(common_words(v.lowers[s:e], self.vocab)):
            return False
        word = v.words[s]
        return not (e - s == 1 and (self.gaz.demonym_country(word) or _adjective_of_nationality(word)))

    def of_forms(self, pb: ParsedBlock) -> None:
        """"the village of A", "the town of B", "the State of C", "the port of D": the head before
        "of" says what the named place is. A capitalised head is part of the name ("State of
        São Paulo") and keeps the place apart from a namesake city."""
        found = self._starts_at(pb, pp.OF_HEADS, 0, 2)
        if not found:
            return
        v = self.view(pb)
        words, lowers = v.words, v.lowers
        for i in found:
            head = lowers[i]
            if lowers[i + 1] != "of" or self._overlaps(pb, i, i + 1):
                continue
            capital = words[i][0].isupper() and head in OF_CAPITAL_HEADS and not at_sentence_start(v, i)
            if not capital and not (i > 0 and lowers[i - 1] == "the" and words[i].islower()):
                continue
            s = i + 2
            e = self._name_run(v, s)
            if e == s:
                continue
            ptype = pp.OF_HEADS[head]
            known = self._mention_at(pb, s, e)
            if known is None and self._overlaps(pb, s, e):
                continue
            if known is not None and (known.headed or known.place_type in ("country", "continent")):
                continue
            if known is None and not self._acceptable_name(v, s, e):
                continue
            name = v.text(s, e)
            entry = self.gaz.lookup(name) or self.gaz.lookup_city(name)
            country = known.country if known else (entry.country if entry else "")
            if known is not None:
                if ptype == "other":
                    continue
                self._drop(known)
            if capital and ptype == "city" and entry is not None and entry.place_type == "district":
                ptype = "district"  # "City of Westminster": a borough named as a city
            start = i if capital else s
            if capital and head in OF_PREFIXED_HEADS and i > 0 and v.title(i - 1) \
                    and lowers[i - 1] not in STOP_WORDS:
                before = self._mention_at(pb, i - 1, i)  # "London Borough of Hackney": "London" is part of it
                if before is not None:
                    self._drop(before)
                if not self._overlaps(pb, i - 1, i):
                    start = i - 1
            self._add(Mention(pb, start, e, ptype, "pattern", core=name, core_len=e - s, country=country,
                              headed=True, of_form=capital and ptype not in ("city", "municipality")))

    def plural_lists(self, pb: ParsedBlock) -> None:
        """"Dadu and Thatta districts", "the Tana, Athi and Galana rivers": names before a plural
        head are places of its type."""
        found = self._names_at(pb, pp.PLURAL_AFTER)
        if not found:
            return
        v = self.view(pb)
        words, lowers = v.words, v.lowers
        for i in found:
            ptype = pp.PLURAL_AFTER[words[i]]
            items: list[tuple[int, int]] = []
            k, joined = i, False
            while k > 0:
                e, s = k, k
                while s > 0 and v.title(s - 1) and lowers[s - 1] not in pp.NAME_STOP_SET:
                    s -= 1
                if s == e:
                    break
                items.append((s, e))
                if s > 0 and lowers[s - 1] in ("and", "or") and not items[1:]:
                    joined = True
                    k = s - 1
                    if k > 0 and words[k - 1] == ",":
                        k -= 1
                elif joined and s > 0 and words[s - 1] == ",":
                    k = s - 1
                else:
                    break
            if len(items) < 2 or not joined:
                continue
            if any(self.gaz.demonym_country(words[s]) or _adjective_of_nationality(words[s]) for s, _ in items):
                continue  # "Kenyan and Ugandan districts"
            for s, e in items:
                known = self._mention_at(pb, s, e)
                if known is not None:
                    if not known.headed and known.method == "gazetteer" and known.place_type not in (
                            "country", "continent") and (known.place_type != "region" or known.country):
                        # a sub-national namesake ("Zambezi" region) yields to the head; world regions do not
                        known.place_type, known.headed, known.core, known.core_len = ptype, True, known.text, e - s
                    continue
                if self._overlaps(pb, s, e) or not self._acceptable_name(v, s, e):
                    continue
                entry = self.gaz.lookup(v.text(s, e))
                self._add(Mention(pb, s, e, ptype, "pattern", core=v.text(s, e), core_len=e - s,
                                  country=entry.country if entry else "", headed=True))

    def lower_heads(self, pb: ParsedBlock) -> None:
        """"the Bay region", "Chocó department": a gazetteer name followed by a lower-case
        administrative head is named with it."""
        in_block = self.in_block.get(pb.index)
        if not in_block:
            return  # no mention to extend (the block's words are not read)
        words = pb.words
        for m in [m for m in in_block if not m.headed and m.method == "gazetteer"]:
            if m.place_type in ("country", "continent", "region") and m.country == "":
                continue
            if m.place_type in ("country", "continent"):
                continue
            j = m.end
            while j < len(words) and words[j].isspace():
                j += 1
            if j >= len(words) or not words[j].islower() or self._overlaps(pb, j, j + 1):
                continue
            head = words[j]
            ptype = pp.LOWER_ONLY_HEADS.get(head) or (pp.ADMIN_HEADS.get(head) if head in pp.LOWER_HEADS else None)
            if ptype is None or ptype == "village":
                continue
            m.end, m.headed, m.core, m.core_len, m.place_type = j + 1, True, m.text, m.end - m.start, ptype
            self.taken[pb.index] |= set(range(m.start, j + 1))

    def hyphen_compounds(self, pb: ParsedBlock) -> None:
        """"Bucharest-Ilfov": two sub-national names joined by a bare hyphen name one region."""
        in_block = self.in_block.get(pb.index, [])
        if len(in_block) < 2:
            return  # no pair of mentions
        doc = pb.doc
        ms = sorted(in_block, key=lambda m: m.start)
        for a, b in zip(ms, ms[1:]):
            if (b.start == a.end + 1 and pb.words[a.end] in pp.DASHES and not doc[a.end - 1].whitespace_
                    and not doc[a.end].whitespace_ and not a.headed and not b.headed
                    and a.place_type not in ("country", "continent", "region")
                    and b.place_type not in ("country", "continent", "region") and a.country == b.country):
                if a not in in_block or b not in in_block:
                    continue
                self._drop(a)
                self._drop(b)
                self._add(Mention(pb, a.start, b.end, "region", "pattern", core=span_text(pb, a.start, b.end),
                                  core_len=b.end - a.start, country=a.country, headed=True))

    def bare_features(self, pb: ParsedBlock) -> None:
        """"in the Andes", "along the Danube", "the Pyrenees and the Alps": one or two capitalised
        words after a locative "the" that the document never writes in lower case, followed by
        punctuation or a function word, name a natural feature."""
        found = self._starts_at(pb, _THE, 1, 1)
        if not found:
            return
        v = self.view(pb)
        doc, texts, lowers, n = v.doc, v.words, v.lowers, v.n
        for i in found:
            prev = lowers[i - 1]
            after_place = prev in ("and", "or", ",") and i >= 2 and (i - 2) in self.taken.get(pb.index, set())
            if prev not in LOCATIVES and not after_place:
                continue
            if not after_place and i >= 2 and v.title(i - 2) and not at_sentence_start(v, i - 2):
                continue  # "Pathways Out of the Polycrisis": a title-case title
            s = i + 1
            e = s
            while e < n and e - s < 2 and v.title(e) and lowers[e] not in STOP_WORDS:
                e += 1
            if e == s or self._overlaps(pb, s, e):
                continue
            words = lowers[s:e]
            if "-".join(words) in COMPASS_REGION_WORDS or (e - s == 1 and words[0] in COMPASS_REGION_WORDS):
                # "in the North East", "the Midwest": a region of a country, named by compass points
                if not (e < n and (v.title(e) or texts[e] in pp.DASHES)):
                    self._add(Mention(pb, s, e, "region", "pattern", core=v.text(s, e), core_len=e - s,
                                      headed=True))
                continue
            if names_road(v, s, e):
                continue  # "the Green Line": a transit line
            if e < n and not (lowers[e] in STOP_WORDS or after_place and texts[e].islower()
                              or doc[e].is_punct) or (
                    e < n and lowers[e] in ("of", "'s", "’s")):
                continue
            if e + 1 < n and lowers[e] in ("and", "or", "&", "against", "for", "on") and v.title(e + 1):
                continue  # "the Belt and Road Initiative", "the Global Shield against Climate Risks"
            saint = words[0] in SAINT_PREFIXES and e - s == 2  # "the St. Lawrence": a saint's name
            if words[0] in self.vocab or any(w in GENERIC_WORDS or w in pp.HEAD_WORDS and w not in pp.REGION_HEADS
                                             or w.endswith(WORD_SUFFIXES) and not saint for w in words):
                continue
            if not self._acceptable_name(v, s, e) or (e < n and texts[e] in ("-", "\u2013")):
                continue
            ptype = "region" if words[-1] in pp.REGION_HEADS else "natural_feature"  # "the Prairies"
            self._add(Mention(pb, s, e, ptype, "pattern", core=v.text(s, e), core_len=e - s, headed=True))

    def land_names(self, pb: ParsedBlock) -> None:
        """"in Appalachia", "across Patagonia": after a locative, a single unknown capitalised word
        with the toponymic ending "-ia", that the document never writes in lower case and nothing
        capitalised continues, names a region."""
        found = self._starts_at(pb, LAND_LOCATIVES, 0, 1)
        if not found:
            return
        words = pb.words
        for i in (k + 1 for k in found):
            name = words[i]
            if not name.endswith("ia") or len(name) < 6:
                continue
            if self.gaz.lookup(name) is not None or self.gaz.city_named(name) is not None:
                continue
            if self._new_name(pb, i) == i + 1:
                self._add(Mention(pb, i, i + 1, "region", "pattern", core=name, core_len=1, headed=True))

    # ----- small places that only the sentence around them reveals
    @staticmethod
    def _skip_space(v: BlockWords, j: int, step: int = 1) -> int:
        """The first token from ``j`` on (backwards with ``step`` -1) that is not white space."""
        words = v.words
        while 0 <= j < v.n and words[j].isspace():
            j += step
        return j

    def _new_name(self, pb: ParsedBlock, s: int) -> int:
        """End of an unknown capitalised name at ``s`` that the document never writes in lower
        case and that no capitalised word continues (``s`` when there is none)."""
        v = self.view(pb)
        e = self._name_run(v, s, limit=3)
        if e == s or self._overlaps(pb, s, e) or not self._acceptable_name(v, s, e):
            return s
        if any(low in self.vocab or low in pp.HEAD_WORDS for low in v.lowers[s:e]):
            return s
        nxt = self._skip_space(v, e)
        if nxt < v.n and (v.title(nxt) or v.words[nxt] in pp.DASHES):
            return s
        return e

    def _settlement(self, pb: ParsedBlock, s: int, e: int, default: str, countries: set[str]) -> Mention:
        name = span_text(pb, s, e)
        entry = self.gaz.city_named(name)
        if entry is not None and entry.country in countries:
            return Mention(pb, s, e, "city", "pattern", core=name, country=entry.country, gaz_parent=entry.parent)
        return Mention(pb, s, e, default, "pattern", core=name)

    def facility_sites(self, pb: ParsedBlock, countries: set[str]) -> None:
        """"a desalination plant at Kovalam", "the treatment plant at Saidpur and ...": the place a
        facility stands in, named after "<facility> at", is a locality (a city when the gazetteer
        knows one there, else a village)."""
        found = self._starts_at(pb, _FACILITY_LEADS, 1, 1)
        if not found:
            return
        v = self.view(pb)
        lowers = v.lowers
        for i in found:
            if lowers[i - 1] not in pp.FACILITY_NOUNS:
                continue
            j = self._skip_space(v, i + 1)
            while j < v.n:
                e = self._new_name(pb, j)
                if e == j:
                    break
                self._add(self._settlement(pb, j, e, "village", countries))
                k = self._skip_space(v, e)
                if k + 1 < v.n and lowers[k] == "and":
                    j = self._skip_space(v, k + 1)
                else:
                    break

    def locative_pairs(self, pb: ParsedBlock, countries: set[str]) -> None:
        """"in Ambattur and Avadi", "near Tondo and Navotas": after a locative, an unknown name
        joined to a city or town the document names (or the gazetteer knows in a country it
        names) is a place of the same kind."""
        found = self._starts_at(pb, _PAIR_LEADS, 0, 3)
        if not found:
            return
        v = self.view(pb)
        words = v.words
        for i in found:
            if not (words[i + 1].isspace() or v.title(i + 1)):
                continue  # no name after it (what ``_name_run`` would find at once)
            a = self._skip_space(v, i + 1)
            a_end = self._name_run(v, a, limit=3)
            if a_end == a or a_end >= v.n or v.lowers[a_end] != "and":
                continue
            b = self._skip_space(v, a_end + 1)
            b_end = self._name_run(v, b, limit=3)
            if b_end == b:
                continue
            nxt = self._skip_space(v, b_end)
            if nxt < v.n and not (words[nxt].islower() or v.doc[nxt].is_punct):
                continue
            items = [(a, a_end), (b, b_end)]
            known: list[str] = []
            for s, e in items:
                m = self._mention_at(pb, s, e)
                entry = self.gaz.city_named(v.text(s, e)) if m is None else None
                if m is not None and m.place_type in SETTLEMENTS:
                    known.append(m.place_type)
                elif entry is not None and entry.country in countries and self._new_name(pb, s) == e:
                    known.append("city")
            if not known:
                continue
            for s, e in items:
                if self._mention_at(pb, s, e) is None and self._new_name(pb, s) == e:
                    self._add(self._settlement(pb, s, e, known[0], countries))

    def publisher_places(self, pb: ParsedBlock) -> None:
        """"Geneva: WHO.", "... special focus. New York.": in a note, a name standing as the place of
        publication (before ": <Publisher>", or alone as the reference's last sentence) is a city,
        even where the gazetteer's first reading of the name is a state."""
        if pb.block.kind != BlockKind.FOOTNOTE:
            return
        found = self._names_at(pb, _FULL_STOP)
        if not found:
            return
        v = self.view(pb)
        words = v.words
        # a capitalised word (not the block's first or last token) after a full stop and spaces
        for p in found:
            i = self._skip_space(v, p + 1)
            if i >= v.n - 1 or not v.title(i):
                continue
            e = self._name_run(v, i, limit=3)
            if e == i or e >= v.n:
                continue
            n = self._skip_space(v, e + 1)
            publisher = words[e] == ":" and n < v.n and words[n][:1].isupper()
            alone = words[e] == "." and (n >= v.n or words[n][:1].isupper() or v.doc[n].like_url)
            if not (publisher or alone):
                continue
            entry = self.gaz.city_named(v.text(i, e))
            if entry is None:
                continue
            m = self._mention_at(pb, i, e)
            if m is not None and not m.headed and m.place_type not in ("country", "continent", "region"):
                m.place_type, m.country, m.gaz_parent = "city", entry.country, entry.parent
            elif m is None and not self._overlaps(pb, i, e):
                self._add(Mention(pb, i, e, "city", "gazetteer", core=v.text(i, e), country=entry.country,
                                  gaz_parent=entry.parent))

    def compass_names(self) -> None:
        """"through West Nusa", "the capital of North Kivu": after a locative, a compass word and a
        name the gazetteer does not know, with nothing capitalised after it, name a sub-national
        unit: a province where the document speaks of its capital or government, else a region."""
        found: list[Mention] = []
        for pb in self.analysis.blocks:
            compass = self._names_at(pb, COMPASS, 1, 1)
            if not compass:
                continue
            lowers = pb.lowers
            for i in compass:
                if lowers[i - 1] not in LOCATIVES or self._overlaps(pb, i, i + 1):
                    continue
                e = self._new_name(pb, i + 1)
                name = span_text(pb, i + 1, e)
                if e == i + 1 or is_generic(name) or self.gaz.lookup(name) is not None:
                    continue
                if any(word.endswith(_COMPASS_ADJECTIVE_ENDINGS) for word in pb.words[i + 1:e]):
                    continue  # "East African", "South Asian": adjectives
                m = Mention(pb, i, e, "region", "pattern", core=span_text(pb, i, e), core_len=e - i, headed=True)
                self._add(m)
                found.append(m)
        governed = {m.text for m in found if m.start >= 2 and m.pb.lowers[m.start - 1] == "of"
                    and m.pb.lowers[m.start - 2] in GOVERNED_HEADS}
        for m in found:
            if m.text in governed:
                m.place_type = "province"

    @functools.cached_property
    def cued_starts(self) -> frozenset[str]:
        """The document's capitalised words (:func:`is_title_word`) that some cued city's name
        starts with: the words :meth:`cued_cities` looks phrases up at, each tested once."""
        return frozenset(w for w in self.gaz.cued_name_starts(self.distinct_words) if self.titles[w])

    @functools.cached_property
    def _cued_hits(self) -> TokenHits:
        """The tokens :meth:`cued_cities` looks names up at: words of :attr:`cued_starts` that
        are a cued name, or that the text goes on after as some name does. Most of those words
        ("Water", "Can") only begin a longer word of a name ("Waterloo", "Cancún"), which a
        following space or other token cannot continue: a word the next token follows without
        a space (0 in :attr:`extractor.analysis.WordTable.gaps`) is looked at, one followed by
        a space (1) only when a name goes on with a space after it."""
        table = self._table
        if table is None:
            return self._hits(self.cued_starts)
        cued, prefixes = self.gaz.cued_index(), self.gaz.cued_prefixes()
        starts = self.cued_starts
        whole = [w for w in starts if w in cued]
        spaced = [w for w in starts if w + " " in prefixes]
        ids, gaps = table.ids, table.gaps
        return table.find_tokens(table.word_flags(whole)[ids]
                                 | (table.word_flags(spaced)[ids] & (gaps == 1))
                                 | (table.word_flags(starts)[ids] & (gaps == 0)))

    def cued_cities(self, pb: ParsedBlock, countries: set[str]) -> None:
        """Smaller cities (:data:`extractor.gazetteer.CUED_CITY_MIN_POPULATION` and up, under any
        plain alternate name) in a document that names their country: "Lodwar" in a report on Kenya."""
        if not countries:
            return  # no cued city without its country
        found = self._in_block(pb, self._cued_hits, 0, 0)
        if not found:
            return
        heading = pb.block.kind in _HEADING_KINDS
        taken = self.taken.setdefault(pb.index, set())
        v = self.view(pb)
        text, words, starts = pb.text, pb.words, pb.starts
        cued, prefixes = self.gaz.cued_index(), self.gaz.cued_prefixes()
        resume = 0  # a name found ends at ``resume``: the next one starts there or later
        for i in found:
            if i < resume or i in taken:
                continue
            if words[i] not in cued and (i + 1 >= v.n or text[starts[i]:starts[i + 1] + len(words[i + 1])]
                                         not in prefixes):
                # A longer phrase starts with this token and the next ("The report" of "The report
                # finds"): when no name starts so, only the word alone could be one, and it is not.
                continue
            hit = self._cued_city_at(pb, i, taken, countries)
            if hit is None:
                continue
            e, entry = hit
            resume = e
            if entry.alternate and (heading or at_sentence_start(v, i)):
                continue  # "Greenfield land ...": an alternate name opening a sentence is a word
            ok = (not quoted_term(v, i, e) and not part_of_longer_name(v, i, e, taken, heading)
                  and not _after_determiner(v, i) and self._acceptable_name(v, i, e)
                  and not any(low in self.vocab for low in v.lowers[i:e]))
            if ok:
                self._add(Mention(pb, i, e, "city", "gazetteer", core=v.text(i, e), country=entry.country,
                                  gaz_parent=entry.parent))

    def _cued_city_at(self, pb: ParsedBlock, i: int, taken: set[int],
                      countries: set[str]) -> tuple[int, Entry] | None:
        """(end, entry) of the longest cued city of ``countries`` (up to three tokens) starting at
        token ``i`` (a word of :attr:`cued_starts`), none of whose tokens is taken."""
        text, words, starts, cued = pb.text, pb.words, pb.starts, self.gaz.cued_index()
        free = i
        while free < min(i + 3, len(words)) and free not in taken:
            free += 1
        for e in range(free, i, -1):
            # ``doc[i:e].text`` sliced from the block's text with its word arrays, and
            # Gazetteer.cued_city without a call per phrase: this runs at many capitalised words.
            entry = cued.get(text[starts[i]:starts[e - 1] + len(words[e - 1])])
            if entry is not None and entry.country in countries:
                return e, entry
        return None

    def foreign_names(self, countries: set[str]) -> None:
        """Gazetteer names of a country the document never names: "Midlands" (a province of
        Zimbabwe) in a British report is the English region, "Manchester" (a Jamaican parish)
        the city of a country the document names; local authorities of an unnamed country
        ("Sutton", "Reading") are dropped."""
        for m in list(self.mentions):
            if m.method != "gazetteer" or m.headed or not m.country or m.country in countries \
                    or m.place_type in ("country", "continent"):
                continue
            if m.text.lower() in COMPASS_REGION_WORDS:
                m.place_type, m.country, m.gaz_parent = "region", "", ""
                continue
            city = self.gaz.city_named(m.text)
            if city is not None and city.country in countries:
                m.place_type, m.country, m.gaz_parent, m.cued = "city", city.country, city.parent, False
            elif m.cued:
                self._drop(m)

    def _add(self, m: Mention) -> None:
        """Accept ``m`` unless a mention already holds one of its tokens (no set or list is
        made for a block that has its own already)."""
        index = m.pb.index
        taken = self.taken.get(index)
        if taken is None:
            taken = self.taken[index] = set()
        elif not taken.isdisjoint(range(m.start, m.end)):
            return
        taken.update(range(m.start, m.end))
        self.mentions.append(m)
        in_block = self.in_block.get(index)
        if in_block is None:
            self.in_block[index] = [m]
        else:
            in_block.append(m)

    # ----- cues the ruler cannot see
    def compass_regions(self) -> None:
        """"Eastern Fujian": a capitalised compass word before a sub-national place is a region of it."""
        for m in list(self.mentions):
            v = self.view(m.pb)
            words = v.words
            # "South and Southeast Asia": two regions sharing their last word, when the gazetteer
            # knows the first ("South Asia"); otherwise ("Central and Western Fooland") one region.
            # Established aggregates ("Central and Eastern Europe") are gazetteer names of their own.
            if (m.place_type == "region" and m.start >= 2 and words[m.start] in COMPASS
                    and v.lowers[m.start - 1] == "and" and words[m.start - 2] in COMPASS
                    and not self._overlaps(m.pb, m.start - 2, m.start)):
                first = f"{words[m.start - 2]} {v.text(m.start + 1, m.end)}"
                entry = self.gaz.lookup(first)
                if entry is not None and entry.place_type in ("region", "continent"):
                    self._add(Mention(m.pb, m.start - 2, m.start - 1, entry.place_type, m.method, core=first,
                                      country=entry.country, label=first))
                    continue
                m.start -= 2
                m.core = m.text
                self.taken[m.pb.index] |= {m.start, m.start + 1}
                continue
            if m.start == 0 or words[m.start - 1] not in COMPASS or m.place_type in ("continent", "region"):
                continue
            if (m.start - 1) in self.taken.get(m.pb.index, set()) or at_sentence_start(v, m.start - 1) and m.place_type == "country":
                continue
            self.mentions.remove(m)
            self.in_block[m.pb.index].remove(m)
            region = Mention(m.pb, m.start - 1, m.end, "region", "pattern", country=m.country,
                             parent=m.text, headed=True)
            self.taken[m.pb.index].add(m.start - 1)
            self.mentions.append(region)
            self.in_block[m.pb.index].append(region)

    def lists(self, pb: ParsedBlock) -> None:
        """"the villages of A, B and C", "the county governments of A, B, and C": each item is a place
        of the type the plural head names."""
        found = self._starts_at(pb, _LIST_STARTS, 0, 2)
        if not found:
            return
        v = self.view(pb)
        lowers = v.lowers
        for i in found:
            low = lowers[i]
            if low in pp.LIST_HEADS and lowers[i + 1] == "of":
                ptype, j = pp.LIST_HEADS[low], i + 2
            elif (low in pp.LIST_GOVERNMENT_HEADS and lowers[i + 1] in pp.LIST_GOVERNMENT_WORDS
                  and i + 2 < v.n and lowers[i + 2] == "of"):
                ptype, j = pp.LIST_GOVERNMENT_HEADS[low], i + 3
            else:
                continue
            for s, e, known in self._list_items(v, j):
                if known:
                    self._retype_bare(pb, s, e, ptype)
                    continue
                if names_organisation(v, e):
                    continue
                name = v.text(s, e)
                entry = self.gaz.lookup(name) or self.gaz.lookup_city(name)
                country = entry.country if entry else ""
                self._add(Mention(pb, s, e, ptype, "pattern", core=name, country=country))

    def _retype_bare(self, pb: ParsedBlock, start: int, end: int, place_type: str) -> None:
        """A bare gazetteer name in a typed list takes the list's type ("villages of ..., Sanhe"):
        the report's own word outranks a namesake elsewhere."""
        for m in self.in_block.get(pb.index, ()):
            if m.start == start and m.end == end and not m.headed and m.method == "gazetteer" \
                    and m.place_type not in ("country", "continent", "region"):
                m.place_type = place_type

    def _list_items(self, v: BlockWords, j: int) -> list[tuple[int, int, bool]]:
        """(start, end, already a mention) of each item of the list starting at token ``j``."""
        taken = self.taken.get(v.pb.index, set())
        words, lowers, n = v.words, v.lowers, v.n
        items: list[tuple[int, int, bool]] = []
        while j < n:
            if lowers[j] == "the":
                j += 1
                continue
            if j in taken:  # an item already found (e.g. "Cliff Village"): skip over it
                k = j
                while k < n and k in taken:
                    k += 1
                items.append((j, k, True))
                j = k
            else:
                k = j
                while k < n and v.title(k) and lowers[k] not in pp.NAME_STOP_SET:
                    k += 1
                if k == j:
                    break
                items.append((j, k, False))
                j = k
            if j < n and words[j] == ",":
                j += 1
            if j < n and lowers[j] in ("and", "or"):
                j += 1
            elif j >= n or words[j - 1] != ",":
                break
        return items if len(items) >= 2 else []

    def bare_aliases(self) -> None:
        """A bare "Guizhou" where "Guizhou Province" occurs: the core of a headed name, found
        anywhere else in the document, names the same place."""
        cores: dict[str, str] = {}
        lengths: dict[str, int] = {}
        for m in self.mentions:
            if m.headed and m.place_type in ALIASABLE and m.core and m.core_len and m.core != m.text:
                cores.setdefault(m.core, m.place_type)
                lengths[m.core] = m.core_len
        if not cores:
            return
        by_first: dict[str, list[str]] = {}
        for m in self.mentions:
            if m.of_form:
                cores.pop(m.core, None)
        for core in cores:
            by_first.setdefault(core.split()[0].split("-")[0], []).append(core)
        for pb in self.analysis.blocks:
            found = self._names_at(pb, by_first)
            if not found:
                continue
            heading = pb.block.kind in _HEADING_KINDS
            taken = self.taken.get(pb.index, set())
            v = self.view(pb)
            for i in found:
                for core in by_first[pb.words[i]]:
                    n = lengths[core]
                    end = i + n
                    if v.text(i, min(end, v.n)) != core or set(range(i, end)) & taken:
                        continue
                    if names_organisation(v, end) or part_of_longer_name(v, i, end, taken, heading):
                        continue
                    if n == 1 and v.lowers[i] in self.vocab and in_title_case(v, i, end, heading):
                        continue
                    entry = self.gaz.lookup(core)
                    self._add(Mention(pb, i, end, cores[core], "pattern", core=core,
                                      country=entry.country if entry else ""))


def _distinct_words(analysis: Analysis) -> Collection[str]:
    """Every word the document writes, once each: its word table's distinct words when its
    blocks share one (:class:`extractor.analysis.WordTable`; no set made of them), else the
    union of its blocks' words."""
    return list(dict.fromkeys(w for pb in analysis.blocks for w in pb.words))
    return set().union(*(pb.words for pb in analysis.blocks))


def extract_place_mentions(analysis: Analysis, gaz: Gazetteer | None = None) -> list[dict[str, Any]]:
    """Every place mention of one parsed document, in reading order, as place_mentions rows
    (plus private ``_``-prefixed keys that :func:`aggregate_places` consumes)."""
    gaz = gaz or gazetteer()
    use_model = analysis.model != "blank"
    b = _Builder(analysis, gaz, use_model)
    for pb in analysis.blocks:
        b.from_entities(pb)
    countries = {m.country for m in b.mentions if m.place_type == "country" and m.country}
    b.foreign_names(countries)
    for pb in analysis.blocks:
        b.hyphen_compounds(pb)
        b.lower_heads(pb)
        b.of_forms(pb)
        b.plural_lists(pb)
        b.lists(pb)
        b.cued_cities(pb, countries)
        b.publisher_places(pb)
    for pb in analysis.blocks:
        b.bare_features(pb)
        b.land_names(pb)
        b.facility_sites(pb, countries)
        b.locative_pairs(pb, countries)
    b.compass_regions()
    b.compass_names()
    b.bare_aliases()
    b.mentions.sort(key=lambda m: (m.pb.block.char_start, m.start))
    assign_parents(b.mentions)
    labels: dict[str | None, str] = {}  # section id -> label, looked up once per section
    return [_row(analysis, m, labels) for m in b.mentions]


def _row(analysis: Analysis, m: Mention, labels: dict[str | None, str]) -> dict[str, Any]:
    """The place_mentions row of a mention; ``labels`` memoises the document's section labels
    (``Document.section_label`` scans the sections) for one call."""
    doc, pb = analysis.document, m.pb
    section_id = pb.block.section_id
    if section_id not in labels:
        labels[section_id] = doc.section_label(section_id)
    # ``pb.doc[m.start:m.end]``'s start_char and text, read from the block's word arrays
    rel_start = pb.starts[m.start]
    text = pb.text[rel_start:pb.starts[m.end - 1] + len(pb.words[m.end - 1])]
    start = pb.block.char_start + rel_start
    sent = analysis.sentence_at(start)
    return {
        "mention_id": stable_id("pm", doc.doc_id, start, text), "doc_id": doc.doc_id, "place_id": None,
        "page": pb.block.page_at(rel_start), "section": labels[section_id],
        "sentence_id": sent.sentence_id if sent else None, "sentence": sent.text if sent else None,
        "text": text, "name": m.label or " ".join(text.split()), "place_type": m.place_type, "method": m.method,
        "in_note": pb.block.kind == BlockKind.FOOTNOTE, "char_start": start, "char_end": start + len(text),
        "_country": m.country, "_parent": " ".join(m.parent.split()), "_gaz_parent": m.gaz_parent, "_core": m.core,
        "_headed": m.headed, "_of_form": m.of_form, "_city_only": m.city_only and m.place_type == "city",
        "_article": m.start > 0 and pb.lowers[m.start - 1] == "the",
    }


def _after_determiner(v: BlockWords, i: int) -> bool:
    """"the Union", "the whole Union": a capitalised word after a determiner (and perhaps an
    adjective) is a common noun made proper, not a city's name."""
    lowers = v.lowers
    return i > 0 and (lowers[i - 1] in DETERMINERS
                      or i > 1 and v.words[i - 1].islower() and v.words[i - 1].isalpha() and lowers[i - 2] in DETERMINERS)


def _adjective_of_nationality(word: str) -> bool:
    """"Spanish", "Danish", "Japanese", "Andean": capitalised adjectives of nationality or region."""
    return word[:1].isupper() and word.lower().endswith(_NATIONALITY_ENDINGS)
