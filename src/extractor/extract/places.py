"""Place names: gazetteer EntityRuler, head-noun patterns, model entities, context filters.

Inside the single spaCy pass, :func:`add_place_ruler` adds an EntityRuler that proposes
candidates: gazetteer names (countries, ISO 3166-2 subdivisions, big cities, continents, world
regions; see :mod:`extractor.gazetteer`) and token patterns for "<Name> <Head>" names
(:mod:`extractor.extract.place_patterns`). It runs before a statistical NER when one is loaded,
so rules win ties and the model only adds GPE/LOC entities elsewhere.

:func:`extract_place_mentions` then decides, with the whole document in view, which candidates
name places (:mod:`extractor.extract.place_context`), adds the places only a cue reveals
("the villages of A and B", "Eastern <Province>", a bare "Guizhou" once "Guizhou Province"
occurs) and records enclosing places stated in the text. :func:`aggregate_places` (in
:mod:`extractor.extract.place_hierarchy`) merges mentions into one row per place.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor.analysis import Analysis, ParsedBlock
from extractor.extract import place_patterns as pp
from extractor.extract.place_context import (
    COMPASS, at_sentence_start, programme_like, quoted_term, common_words, document_vocabulary, in_title_case, is_title_word, names_organisation,
    part_of_longer_name,
)
from extractor.extract.place_hierarchy import aggregate_places, assign_parents, rank_of
from extractor.gazetteer import Gazetteer, gazetteer
from extractor.ids import stable_id
from extractor.model import BlockKind

__all__ = ["RULER_NAME", "add_place_ruler", "extract_place_mentions", "aggregate_places", "gazetteer_patterns"]

RULER_NAME = "place_ruler"
MODEL_LABELS = ("GPE", "LOC")
#: Types a bare name may inherit from a headed name with the same core ("Guizhou" <- "Guizhou
#: Province"); villages and townships are left out: their cores are often other things' names.
ALIASABLE = frozenset({"province", "autonomous_region", "municipality", "prefecture", "city", "county",
                       "district", "region"})


def gazetteer_patterns(gaz: Gazetteer | None = None) -> list[dict[str, Any]]:
    """Phrase patterns for every gazetteer name (case-sensitive)."""
    gaz = gaz or gazetteer()
    return [{"label": "PLACE", "pattern": name, "id": f"gazetteer|{e.place_type}"} for name, e in gaz.entries.items()]


def add_place_ruler(nlp: Language) -> None:
    """Add the place EntityRuler (once) before the statistical NER, if any."""
    if RULER_NAME in nlp.pipe_names:
        return
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config={"overwrite_ents": True}, **before)
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer_patterns() + pp.head_patterns())


@dataclass
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

    @property
    def text(self) -> str:
        return self.pb.doc[self.start:self.end].text

    @property
    def rank(self) -> int:
        return rank_of(self.place_type, self.method, self.headed)


def _head_split(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """(name end, head start) of a "<Name> <Head>" span; for autonomous names, the core is the
    first word ("Nujiang" of "Nujiang Lisu Autonomous Prefecture")."""
    words = [t.lower_ for t in doc[start:end]]
    if "autonomous" in words:
        return start + 1, start + words.index("autonomous")
    if words and words[0] in ("lake", "mount", "mt", "mt.", "gulf", "bay", "sea", "strait", "isle", "straits"):
        return end, end
    return end - 1, end - 1


class _Builder:
    """Collects accepted mentions of one document."""

    def __init__(self, analysis: Analysis, gaz: Gazetteer, use_model: bool) -> None:
        self.analysis = analysis
        self.gaz = gaz
        self.use_model = use_model
        self.vocab = document_vocabulary([pb.doc for pb in analysis.blocks])
        self.mentions: list[Mention] = []
        self.taken: dict[int, set[int]] = {}  # block index -> tokens already in a mention

    # ----- candidates from the spaCy pass
    def from_entities(self, pb: ParsedBlock) -> None:
        doc = pb.doc
        heading = pb.block.kind in (BlockKind.HEADING, BlockKind.TITLE)
        rule_tokens = {i for e in doc.ents if e.label_ == "PLACE" for i in range(e.start, e.end)}
        for ent in doc.ents:
            if ent.label_ == "PLACE":
                method, _, ptype = ent.ent_id_.partition("|")
            elif self.use_model and ent.label_ in MODEL_LABELS:
                method, ptype = "model", ""
            else:
                continue
            m = self._candidate(pb, ent.start, ent.end, method, ptype, heading, rule_tokens)
            if m is not None:
                self._add(m)

    def _candidate(self, pb: ParsedBlock, start: int, end: int, method: str, ptype: str, heading: bool,
                   place_tokens: set[int]) -> Mention | None:
        doc = pb.doc
        if method == "model":
            while start < end and doc[start].lower_ in ("the", "a", "an"):
                start += 1
            if start >= end or not is_title_word(doc[start]):
                return None
        if names_organisation(doc, end):
            return None
        title_ctx = in_title_case(doc, start, end, heading)
        if method in ("pattern", "pattern_lower"):
            return self._headed(pb, start, end, method, ptype, title_ctx)
        text = doc[start:end].text
        entry = self.gaz.lookup(text)
        if method == "model":
            entry = entry or self.gaz.lookup_city(text)
            if entry is None:
                return None
            ptype = entry.place_type
        assert entry is not None
        if entry.place_type not in ("country", "continent", "region"):
            if quoted_term(doc, start, end) or part_of_longer_name(doc, start, end, place_tokens, heading):
                return None
            if end - start == 1 and title_ctx and (doc[start].lower_ in self.vocab
                                                   or at_sentence_start(doc, start) and doc[start].lower_.endswith("ing")):
                return None  # "Reading the data, ...": an ordinary word, capitalised
        return Mention(pb, start, end, ptype or entry.place_type, "gazetteer" if method != "model" else "model",
                       core=text, country=entry.country, gaz_parent=entry.parent)

    def _headed(self, pb: ParsedBlock, start: int, end: int, method: str, ptype: str,
                title_ctx: bool) -> Mention | None:
        doc = pb.doc
        name_end, head_start = _head_split(doc, start, end)
        name_tokens = list(doc[start:name_end]) or list(doc[start:end])
        if programme_like(name_tokens, self.vocab):
            return None
        common = common_words(name_tokens, self.vocab)
        if title_ctx:
            # "Visiting Shangnan County": drop ordinary words in front of the name.
            while len(common) > 1 and at_sentence_start(doc, start) and (
                    common[0] or self.gaz.lookup(doc[start + 1:name_end].text) is not None):
                start += 1
                common.pop(0)
            if all(common):
                return None
            name_end, head_start = _head_split(doc, start, end)
        demonym = self.gaz.demonym_country(doc[start].text) if end - start == 2 else ""
        if demonym and ptype != "natural_feature":
            return None  # "a Chinese village", "the Kenyan state"
        country = demonym
        core = doc[start:name_end].text if name_end > start else ""
        if core:
            entry = self.gaz.lookup(core)
            if entry is not None and entry.place_type not in ("continent", "region"):
                country = country or entry.country
        entry = self.gaz.lookup(core) if core else None
        gaz_parent = entry.parent if entry is not None and entry.place_type == ptype else ""
        return Mention(pb, start, end, ptype, "pattern", core=core, core_len=max(0, name_end - start),
                       country=country, gaz_parent=gaz_parent, headed=True)

    def _add(self, m: Mention) -> None:
        taken = self.taken.setdefault(m.pb.index, set())
        span = set(range(m.start, m.end))
        if span & taken:
            return
        taken |= span
        self.mentions.append(m)

    # ----- cues the ruler cannot see
    def compass_regions(self) -> None:
        """"Eastern Fujian": a capitalised compass word before a sub-national place is a region of it."""
        for m in list(self.mentions):
            doc = m.pb.doc
            if m.start == 0 or doc[m.start - 1].text not in COMPASS or m.place_type in ("continent", "region"):
                continue
            if (m.start - 1) in self.taken.get(m.pb.index, set()) or at_sentence_start(doc, m.start - 1) and m.place_type == "country":
                continue
            self.mentions.remove(m)
            region = Mention(m.pb, m.start - 1, m.end, "region", "pattern", country=m.country,
                             parent=m.text, headed=True)
            self.taken[m.pb.index].add(m.start - 1)
            self.mentions.append(region)

    def lists(self, pb: ParsedBlock) -> None:
        """"the villages of A, B and C", "the county governments of A, B, and C": each item is a place
        of the type the plural head names."""
        doc = pb.doc
        for i, tok in enumerate(doc[:-2]):
            low = tok.lower_
            if low in pp.LIST_HEADS and doc[i + 1].lower_ == "of":
                ptype, j = pp.LIST_HEADS[low], i + 2
            elif (low in pp.LIST_GOVERNMENT_HEADS and doc[i + 1].lower_ in pp.LIST_GOVERNMENT_WORDS
                  and i + 2 < len(doc) and doc[i + 2].lower_ == "of"):
                ptype, j = pp.LIST_GOVERNMENT_HEADS[low], i + 3
            else:
                continue
            for s, e, known in self._list_items(doc, j):
                if known:
                    self._retype_bare(pb, s, e, ptype)
                    continue
                if names_organisation(doc, e):
                    continue
                entry = self.gaz.lookup(doc[s:e].text) or self.gaz.lookup_city(doc[s:e].text)
                country = entry.country if entry else ""
                self._add(Mention(pb, s, e, ptype, "pattern", core=doc[s:e].text, country=country))

    def _retype_bare(self, pb: ParsedBlock, start: int, end: int, place_type: str) -> None:
        """A bare gazetteer name in a typed list takes the list's type ("villages of ..., Sanhe"):
        the report's own word outranks a namesake elsewhere."""
        for m in self.mentions:
            if m.pb is pb and m.start == start and m.end == end and not m.headed and m.method == "gazetteer" \
                    and m.place_type not in ("country", "continent", "region"):
                m.place_type = place_type

    def _list_items(self, doc: Doc, j: int) -> list[tuple[int, int, bool]]:
        """(start, end, already a mention) of each item of the list starting at token ``j``."""
        taken = self.taken.get(self._index_of(doc), set())
        items: list[tuple[int, int, bool]] = []
        while j < len(doc):
            if doc[j].lower_ == "the":
                j += 1
                continue
            if j in taken:  # an item already found (e.g. "Cliff Village"): skip over it
                k = j
                while k < len(doc) and k in taken:
                    k += 1
                items.append((j, k, True))
                j = k
            else:
                k = j
                while k < len(doc) and is_title_word(doc[k]) and doc[k].lower_ not in pp.NAME_STOP:
                    k += 1
                if k == j:
                    break
                items.append((j, k, False))
                j = k
            if j < len(doc) and doc[j].text == ",":
                j += 1
            if j < len(doc) and doc[j].lower_ in ("and", "or"):
                j += 1
            elif j >= len(doc) or doc[j - 1].text != ",":
                break
        return items if len(items) >= 2 else []

    def _index_of(self, doc: Doc) -> int:
        for pb in self.analysis.blocks:
            if pb.doc is doc:
                return pb.index
        return -1

    def bare_aliases(self) -> None:
        """A bare "Guizhou" where "Guizhou Province" occurs: the core of a headed name, found
        anywhere else in the document, names the same place."""
        cores: dict[str, str] = {}
        lengths: dict[str, int] = {}
        for m in self.mentions:
            if m.headed and m.place_type in ALIASABLE and m.core and m.core != m.text and m.core_len:
                cores.setdefault(m.core, m.place_type)
                lengths[m.core] = m.core_len
        if not cores:
            return
        by_first: dict[str, list[str]] = {}
        for core in cores:
            by_first.setdefault(core.split()[0].split("-")[0], []).append(core)
        for pb in self.analysis.blocks:
            doc = pb.doc
            heading = pb.block.kind in (BlockKind.HEADING, BlockKind.TITLE)
            taken = self.taken.get(pb.index, set())
            for i, tok in enumerate(doc):
                for core in by_first.get(tok.text, ()):
                    n = lengths[core]
                    end = i + n
                    if doc[i:end].text != core or set(range(i, end)) & taken:
                        continue
                    if names_organisation(doc, end) or part_of_longer_name(doc, i, end, taken, heading):
                        continue
                    if n == 1 and in_title_case(doc, i, end, heading) and tok.lower_ in self.vocab:
                        continue
                    entry = self.gaz.lookup(core)
                    self._add(Mention(pb, i, end, cores[core], "pattern", core=core,
                                      country=entry.country if entry else ""))


def extract_place_mentions(analysis: Analysis, gaz: Gazetteer | None = None) -> list[dict[str, Any]]:
    """Every place mention of one parsed document, in reading order, as place_mentions rows
    (plus private ``_``-prefixed keys that :func:`aggregate_places` consumes)."""
    gaz = gaz or gazetteer()
    use_model = analysis.model != "blank"
    b = _Builder(analysis, gaz, use_model)
    for pb in analysis.blocks:
        b.from_entities(pb)
    for pb in analysis.blocks:
        b.lists(pb)
    b.compass_regions()
    b.bare_aliases()
    b.mentions.sort(key=lambda m: (m.pb.block.char_start, m.start))
    assign_parents(b.mentions)
    return [_row(analysis, m) for m in b.mentions]


def _row(analysis: Analysis, m: Mention) -> dict[str, Any]:
    doc = analysis.document
    span = m.pb.doc[m.start:m.end]
    start = m.pb.block.char_start + span.start_char
    sent = analysis.sentence_at(start)
    return {
        "mention_id": stable_id("pm", doc.doc_id, start, span.text), "doc_id": doc.doc_id, "place_id": None,
        "page": m.pb.block.page_at(span.start_char), "section": doc.section_label(m.pb.block.section_id),
        "sentence_id": sent.sentence_id if sent else None, "sentence": sent.text if sent else None,
        "text": span.text, "name": span.text, "place_type": m.place_type, "method": m.method,
        "in_note": m.pb.block.kind == BlockKind.FOOTNOTE, "char_start": start, "char_end": start + len(span.text),
        "_country": m.country, "_parent": m.parent, "_gaz_parent": m.gaz_parent, "_core": m.core,
        "_headed": m.headed,
    }
