"""The place ruler: the spaCy component that proposes place names inside the one spaCy pass.

It is registered as the factory ``place_ruler`` (:data:`FACTORY`) so that :mod:`extractor.nlp`
adds it by name, and is made of spaCy's own matchers. Every entity it sets is labelled
``PLACE``, with an ``ent_id_`` of ``"<method>|<what>"``:

* ``gazetteer|<place type>``: a name of :mod:`extractor.gazetteer` (countries, ISO 3166-2
  subdivisions, big cities, continents, world regions), found by a stock ``PhraseMatcher`` with
  one phrase per name, made from the data packages when the pipeline is built;
* ``pattern|<shape>``: a name written with a head noun ("Kisumu County", "Mekong River", "Lake
  Victoria", "Moraikobai village", "Nujiang Lisu Autonomous Prefecture"), found by a stock
  ``Matcher`` with a few token patterns (:func:`head_patterns`), one per *shape*
  (:data:`SHAPES`: where the head stands and what the name is made of). The head word, not the
  pattern, says what kind of place it is: :func:`reading` reads the type (and whether the head
  was written in lower case) from the head's entry in ``data/lexicons/place_heads.toml``
  (:data:`HEADS`).

A token pattern costs the Matcher a little at every token of every block, whether or not a head
word is near; so the head patterns run only around their head words: a ``PhraseMatcher`` finds
the head words (the *anchors*: the words a pattern ends with, or, for "Lake Victoria" and "Gulf
of Guinea", begins with), and the ``Matcher`` runs on the few tokens before (after) each anchor
that a capitalised word stands next to (:data:`WINDOW`).

The patterns over-generate on purpose: the place rules (:mod:`extractor.extract.places`) reject
organisations, people and title-case phrases from the words around each candidate. Placed
before a statistical NER, the ruler's entities are kept and the model only adds GPE/LOC
entities elsewhere.

Overlapping matches are resolved by :func:`prefer_places`: the longest match wins, then the
earliest; where a gazetteer name and a head pattern match the same tokens ("Quezon City",
"Red Sea"), the order of ``[ruler] tie_order`` in ``place_heads.toml`` decides (a gazetteer name
the data packages trust anywhere, then the head pattern, then a gazetteer name trusted only where
the document names its country), so that no change to an unrelated pattern can flip a row.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.attrs import SUFFIX
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from extractor.gazetteer import gazetteer
from extractor.registry import lexicon

FACTORY = "place_ruler"
#: The ruler's name in the pipeline.
RULER_NAME = "place_ruler"
#: The label of every entity the ruler sets.
LABEL = "PLACE"

#: The head-noun tables of ``place_heads.toml`` (read-only).
HEADS: dict[str, Any] = lexicon("place_heads")
#: Capitalised after the name ("Kisumu County"): head -> place type.
AFTER_NAME: dict[str, str] = HEADS["after_name"]
#: After the name only in lower case ("Chocó department"): head -> place type.
LOWER_ONLY: dict[str, str] = HEADS["after_name_lower_only"]
#: Lower-case heads after a capitalised name ("Moraikobai village").
LOWER_CASE: tuple[str, ...] = tuple(HEADS["lower_case"]["heads"])
#: Natural features after the name ("Yellow River").
FEATURES: tuple[str, ...] = tuple(HEADS["features"]["after_name"])
#: Stretches of settled land after the name ("Sun Belt").
REGIONS: tuple[str, ...] = tuple(HEADS["regions"]["after_name"])
#: Administrative heads before the name ("Barangay San Roque"): head -> place type.
BEFORE_NAME: dict[str, str] = HEADS["before_name"]
#: Heads after "Autonomous" ("Nujiang Lisu Autonomous Prefecture"): head -> place type.
AUTONOMOUS: dict[str, str] = HEADS["autonomous"]
#: Written after a city's name for its federal district ("Washington, DC").
FEDERAL_DISTRICT: tuple[str, ...] = tuple(HEADS["federal_district"]["forms"])
#: Which method wins when a gazetteer name and a head pattern match the same tokens.
TIE_ORDER: tuple[str, ...] = tuple(HEADS["ruler"]["tie_order"])

_NAMES = lexicon("place_cues")["names"]
#: Dashes joining two names into one ("Qinghai – Xizang").
DASHES: tuple[str, ...] = tuple(_NAMES["dashes"])
#: Every head word, lower-cased: never part of the name itself.
HEAD_WORDS = (frozenset(AFTER_NAME) | frozenset(FEATURES) | frozenset(LOWER_ONLY) | frozenset(REGIONS)
              | frozenset(BEFORE_NAME) | {"autonomous"})
#: Words no name is made of: stop words (but number words: "Three Gorges") and head words.
NAME_STOP = frozenset((STOP_WORDS - frozenset(_NAMES["number_words"])) | HEAD_WORDS)

#: A capitalised word of letters (and apostrophes) with at least one lower-case letter, not a
#: word of :data:`NAME_STOP` ("Kisumu", "N'Djamena"; not "US", "CO2eq").
_NAME = {"TEXT": {"REGEX": r"^[A-ZÀ-ÞĀ-Ž](?=.*[a-zß-ÿā-ž])(?:[^\W\d_]|['’])*$"},
         "LOWER": {"NOT_IN": sorted(NAME_STOP)}}
#: A line break left inside a paragraph ("Silesian\nVoivodeship").
_SPACE = {"IS_SPACE": True, "OP": "?"}
#: Capitalised feature words inside a longer name ("River" in "Yangtze River Delta"), if any.
_FEATURES_IN_NAME = {"ORTH": {"IN": sorted(h.capitalize() for h in FEATURES)}, "OP": "*"}

# The shapes of the head patterns (the id after "pattern|"). A shape says where the head
# stands; the head word says the type (:func:`reading`).
#: "Kisumu County", "Sun Belt", "Chocó department", "Karamoja subregion": an administrative or
#: regional head after the name, capitalised or (in ``after_name_lower_only``) in lower case.
AFTER = "after"
#: "Yangtze River Delta", "the Mekong River basin", "Moraikobai village": a feature head, or a
#: lower-case head of ``[lower_case]``, after the name and any feature words inside it.
FEATURE = "feature"
#: "Nujiang Lisu Autonomous Prefecture", "Weining Yi, Hui, and Miao Autonomous County".
AUTONOMOUS_SHAPE = "autonomous"
#: "Liverpool City Region": a city and the authorities around it.
CITY_REGION = "city_region"
#: "Karamoja sub-region".
SUB_REGION = "sub_region"
#: "Derbyshire", "West Yorkshire".
SHIRE = "shire"
#: "Washington, DC".
CITY_DISTRICT = "federal_district"
#: "Lake Victoria", "Mount Kenya".
FEATURE_BEFORE = "feature_before"
#: "Barangay San Roque", "Kecamatan Menteng".
ADMIN_BEFORE = "admin_before"
#: "Gulf of Guinea", "Bay of Bengal".
FEATURE_OF = "feature_of"
#: "the Leviathan gas field", "the Ghawar field".
RESOURCE_FIELD = "resource_field"
#: Shapes whose place type is fixed (the others read it from the head word).
_SHAPE_TYPES = {CITY_REGION: "region", SUB_REGION: "region", SHIRE: "county", CITY_DISTRICT: "city",
                FEATURE_BEFORE: "natural_feature", FEATURE_OF: "natural_feature", RESOURCE_FIELD: "natural_feature"}
SHAPES = (AFTER, FEATURE, AUTONOMOUS_SHAPE, CITY_REGION, SUB_REGION, SHIRE, CITY_DISTRICT, FEATURE_BEFORE,
          ADMIN_BEFORE, FEATURE_OF, RESOURCE_FIELD)


def _name(op: str = "+") -> dict[str, Any]:
    return {**_NAME, "OP": op}


def _words(words: Iterable[str], capitalize: bool = True) -> dict[str, Any]:
    """One token spec for several words (one pattern for all of them, not one each)."""
    return {"ORTH": {"IN": sorted({w.capitalize() if capitalize else w for w in words})}}


def _ethnic_list(n: int) -> list[dict[str, Any]]:
    """"Yi, Hui, and Miao": n (3 or more) names separated by commas, the last after "and", with
    or without a comma before it."""
    parts: list[dict[str, Any]] = [dict(_NAME)]
    for _ in range(n - 2):
        parts += [{"ORTH": ","}, dict(_NAME)]
    return [*parts, {"ORTH": ",", "OP": "?"}, {"LOWER": "and"}, dict(_NAME)]


def _pattern(tokens: list[dict[str, Any]], shape: str) -> dict[str, Any]:
    return {"label": LABEL, "pattern": tokens, "id": f"pattern|{shape}"}


def head_patterns() -> list[dict[str, Any]]:
    """The token patterns of names written with a head noun, one per shape and form of the name
    (the words are :data:`HEADS`)."""
    pats: list[dict[str, Any]] = []
    dash = {"ORTH": {"IN": list(DASHES)}}
    # capitalised administrative and regional heads, and the heads written only in lower case
    after_heads = {"ORTH": {"IN": sorted({*(h.capitalize() for h in [*AFTER_NAME, *REGIONS]), *LOWER_ONLY})}}
    # capitalised features, and the lower-case heads that still mark a place
    feature_heads = {"ORTH": {"IN": sorted({*(h.capitalize() for h in FEATURES), *LOWER_CASE})}}
    autonomous = _words(AUTONOMOUS)
    # the name: "<Name>+", or two joined by a dash ("Qinghai – Xizang", "Bouyei-Miao")
    for name in ([_name()], [_name(), dash, _name()]):
        pats.append(_pattern([*name, _SPACE, after_heads], AFTER))
        pats.append(_pattern([*name, _FEATURES_IN_NAME, feature_heads], FEATURE))
        pats.append(_pattern([*name, {"ORTH": "Autonomous"}, autonomous], AUTONOMOUS_SHAPE))
        for n in (3, 4):
            pats.append(_pattern([*name, *_ethnic_list(n), {"ORTH": "Autonomous"}, autonomous], AUTONOMOUS_SHAPE))
        # two groups ("Lisu and Yi"); also two multi-word names ("Haixi Mongol and Tibetan")
        pats.append(_pattern([*name, {"LOWER": "and"}, _name(), {"ORTH": "Autonomous"}, autonomous],
                             AUTONOMOUS_SHAPE))
        pats.append(_pattern([*name, {"ORTH": "City"}, {"ORTH": "Region"}], CITY_REGION))
        pats.append(_pattern([*name, {"LOWER": "sub"}, dash, {"LOWER": "region"}], SUB_REGION))
        pats.append(_pattern([*name, _words(HEADS["resource_fields"]["resources"], capitalize=False) | {"OP": "?"},
                              _words(HEADS["resource_fields"]["heads"], capitalize=False)], RESOURCE_FIELD))
    pats.append(_pattern([{"ORTH": {"IN": HEADS["shires"]["compass"]}, "OP": "?"},
                          {"TEXT": {"REGEX": r"^[A-Z][a-z]{2,}shire$"}}], SHIRE))
    pats.append(_pattern([_name(), {"ORTH": ",", "OP": "?"}, {"ORTH": {"IN": list(FEDERAL_DISTRICT)}}],
                         CITY_DISTRICT))
    # "Lake Victoria", "Lake Chad Basin", "Mount Kenya Forest": feature words may follow the name
    pats.append(_pattern([_words(HEADS["features"]["before_name"], capitalize=False), _name(), _FEATURES_IN_NAME],
                         FEATURE_BEFORE))
    pats.append(_pattern([_words(BEFORE_NAME), _name()], ADMIN_BEFORE))
    pats.append(_pattern([_words(HEADS["features"]["before_of"], capitalize=False), {"LOWER": "of"},
                          {"LOWER": "the", "OP": "?"}, _name()], FEATURE_OF))
    return pats


def head_type(head: str, shape: str) -> tuple[str, bool]:
    """(place type, head in lower case) of a match of ``shape`` whose head word is ``head``, as
    printed: the type from the head's entry in ``place_heads.toml``."""
    low = head.lower()
    lower = head == low and head[:1].isalpha()
    if shape in _SHAPE_TYPES:
        return _SHAPE_TYPES[shape], shape == SUB_REGION
    if shape == AUTONOMOUS_SHAPE:
        return AUTONOMOUS[low], False
    if shape == ADMIN_BEFORE:
        return BEFORE_NAME[low], False
    if shape == AFTER:
        if lower:
            return LOWER_ONLY[low], True
        return AFTER_NAME.get(low) or "region", False
    # FEATURE: a capitalised feature, or a lower-case head of the type it names after a name
    if lower:
        return AFTER_NAME.get(low, "natural_feature"), True
    return "natural_feature", False


def reading(ent: Span) -> tuple[str, str]:
    """(method, place type) of one of the ruler's entities: ``gazetteer`` and the entry's type,
    or ``pattern`` (``pattern_lower`` where the head is written in lower case) and the type its
    head gives."""
    method, _, what = ent.ent_id_.partition("|")
    if method != "pattern":
        return ("gazetteer" if method == CUED else method), what
    head = ent[0] if what in (FEATURE_BEFORE, ADMIN_BEFORE, FEATURE_OF) else ent[-1]
    place_type, lower = head_type(head.text, what)
    return ("pattern_lower" if lower else "pattern"), place_type


#: The method of a gazetteer name trusted only where the document names its country
#: (:attr:`extractor.gazetteer.Entry.cued`): "Bar", "Red Sea", "Free State".
CUED = "gazetteer_cued"


#: The method of a country's name in another language than English, a place only in a report
#: written in that language (:meth:`extractor.gazetteer.Gazetteer.foreign_lookup`): "Tchad".
FOREIGN = "gazetteer_foreign"


def gazetteer_patterns() -> list[dict[str, Any]]:
    """A phrase pattern for every gazetteer name (matched as written), and for every country's
    name in another language the gazetteer knows."""
    gaz = gazetteer()
    patterns = [{"label": LABEL, "pattern": name, "id": f"{CUED if e.cued else 'gazetteer'}|{e.place_type}"}
                for name, e in gaz.entries.items()]
    foreign = sorted({name: e for names in gaz.foreign.values() for name, e in names.items()}.items())
    return patterns + [{"label": LABEL, "pattern": name, "id": f"{FOREIGN}|{e.place_type}"} for name, e in foreign]


def prefer_places(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """The ruler's entities from all its matches (``spans``) and the ``entities`` already set:
    of overlapping matches the longest wins, then the earliest; of matches of the same tokens,
    the method first in :data:`TIE_ORDER` (then the pattern id, so that the result never depends
    on the order the matches were collected in). Entities overlapping a match give way."""
    rank = {method: i for i, method in enumerate(TIE_ORDER)}

    def key(span: Span) -> tuple[int, int, int, str]:
        method = span.id_.partition("|")[0]
        return -(span.end - span.start), span.start, rank.get(method, len(rank)), span.id_

    kept: list[Span] = []
    seen: set[int] = set()
    for span in sorted(spans, key=key):
        if seen.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            seen.update(range(span.start, span.end))
    return [e for e in entities if seen.isdisjoint(range(e.start, e.end))] + kept


#: Shapes whose anchor is their first word ("Lake Victoria", "Gulf of Guinea", "Barangay San
#: Roque"); the others end with theirs.
_ANCHOR_FIRST = frozenset({FEATURE_BEFORE, ADMIN_BEFORE, FEATURE_OF})
#: How many tokens before an anchor (after one, for :data:`_ANCHOR_FIRST` shapes) a head
#: pattern's match may reach: longer runs of capitalised words are titles, not names.
WINDOW = 16
#: Written inside a county's name, the anchor of the shire pattern ("Derbyshire"); the anchor's
#: last three letters, as spaCy keeps them for every word (the ``SUFFIX`` attribute).
_SHIRE = "shire"
_SHIRE_SUFFIX = _SHIRE[-3:]


def _anchor_words(spec: dict[str, Any]) -> list[str]:
    """The words (lower case) one token spec of a head pattern accepts, if it lists them."""
    for key in ("ORTH", "TEXT", "LOWER"):
        value = spec.get(key)
        if isinstance(value, str):
            return [value.lower()]
        if isinstance(value, dict) and "IN" in value:
            return [w.lower() for w in value["IN"]]
    return []


class PlaceRuler:
    """The spaCy component: gazetteer names by phrase, head patterns around their anchors,
    overlaps resolved by :func:`prefer_places`, the result written to ``doc.ents``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        vocab = nlp.vocab
        self.strings = vocab.strings
        self.names = PhraseMatcher(vocab)
        by_id: dict[str, list[str]] = {}
        for p in gazetteer_patterns():
            by_id.setdefault(p["id"], []).append(p["pattern"])
        for pid, phrases in sorted(by_id.items()):
            self.names.add(pid, list(nlp.tokenizer.pipe(phrases)))
        self.heads = Matcher(vocab)
        anchors: dict[str, set[str]] = {"last": set(), "first": set()}
        #: lower-case words a pattern reads right before its last anchor ("gas" of "gas field")
        self.leads: set[str] = set()
        for p in head_patterns():
            self.heads.add(p["id"], [p["pattern"]])
            shape = p["id"].partition("|")[2]
            if shape in _ANCHOR_FIRST:
                anchors["first"].update(_anchor_words(p["pattern"][0]))
            else:
                anchors["last"].update(_anchor_words(p["pattern"][-1]))
                if len(p["pattern"]) > 1:
                    self.leads.update(_anchor_words(p["pattern"][-2]))
        self.anchors = PhraseMatcher(vocab, attr="LOWER")
        for key, words in anchors.items():
            self.anchors.add(key, [Doc(vocab, words=[w]) for w in sorted(words)])
        self._first = self.strings.add("first")
        self._shire_suffix = self.strings.add(_SHIRE_SUFFIX)

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=LABEL, span_id=self.strings[m]) for m, s, e in self.names(doc)]
        spans += self.head_matches(doc)
        # entities of components before the ruler (none in our pipelines; reading ``doc.ents``
        # walks every token, so only where some token carries one)
        existing = doc.ents if doc.has_annotation("ENT_IOB") else ()
        doc.ents = sorted(prefer_places(existing, spans))
        return doc

    def head_matches(self, doc: Doc) -> list[Span]:
        """The head patterns' matches, the Matcher run only next to each anchor that a
        capitalised word stands beside."""
        n = len(doc)
        windows: set[tuple[int, int]] = set()
        for key, s, _ in self.anchors(doc):
            if key == self._first:
                if s + 1 < n and (doc[s + 1].text[:1].isupper() or doc[s + 1].lower_ == "of"):
                    windows.add((s, min(n, s + WINDOW + 1)))
            elif s > 0 and (not doc[s - 1].is_lower or doc[s - 1].lower_ in self.leads):
                windows.add((max(0, s - WINDOW), s + 1))
        # counting the words' stored suffixes builds no Token object, unlike reading doc.text
        if self._shire_suffix in doc.count_by(SUFFIX):
            for t in doc:
                if t.text.endswith(_SHIRE):
                    windows.add((max(0, t.i - 1), t.i + 1))
        found: set[tuple[int, int, int]] = set()
        for ws, we in _merged(windows):
            found.update((m, ws + s, ws + e) for m, s, e in self.heads(doc[ws:we]))
        return [Span(doc, s, e, label=LABEL, span_id=self.strings[m]) for m, s, e in found]


def _merged(windows: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The windows, those that overlap or touch joined into one (one Matcher call each)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


@Language.factory(FACTORY, assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def make_place_ruler(nlp: Language, name: str) -> PlaceRuler:
    """The place ruler, with the gazetteer names and the head patterns."""
    return PlaceRuler(nlp, name)
