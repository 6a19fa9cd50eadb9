"""Cues: the passes that find places the spaCy pass cannot see, from the words around them.

A smaller city of a country the document names ("Lodwar" in a report on Kenya), a place of
publication in a note ("Geneva: WHO."), a feature after a locative "the" ("in the Andes"), a land
name ("across Patagonia"), the site of a facility ("the plant at Kovalam"), a town joined to
another ("in Ambattur and Avadi"): each pass starts at its trigger words (found with a stock
PhraseMatcher, :meth:`Found.hits`) and accepts an unknown name only where the document never
writes it in lower case and nothing capitalised continues it (:func:`new_name`).
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from extractor.analysis import ParsedBlock
from extractor.extract.place_context import (
    COMPASS_REGION_WORDS, acceptable_name, acronym_plural, adjective_of_nationality, after_determiner,
    at_sentence_start, in_list_of_other_names, institution_of, names_organisation,
    is_title, lowers, name_run, names_person, names_road, part_of_longer_name, quoted_term,
)
from extractor.extract.place_mention import HEADING_KINDS, WIDE_TYPES, Found, Mention
from extractor.gazetteer import GENERIC_WORDS, Entry, english_pos, english_word
from extractor.model import BlockKind
from extractor.months import MONTH_WORDS
from extractor.place_ruler import DASHES, HEAD_WORDS, HEADS, REGIONS
from extractor.registry import lexicon

_CUES = lexicon("place_cues")
#: Words after which "the <Name>" locates something ("in the Andes", "along the Danube").
LOCATIVES = frozenset(_CUES["locatives"]["before_the"])
#: Locatives before a bare land name ("in Appalachia").
LAND_LOCATIVES = frozenset(_CUES["locatives"]["before_land"])
#: Locatives before two names joined by "and" ("in Ambattur and Avadi").
PAIR_LOCATIVES = frozenset(_CUES["locatives"]["before_pair"])
#: The word between a facility and its site ("the plant at Kovalam").
FACILITY_LOCATIVES = frozenset(_CUES["locatives"]["after_facility"])
#: Facilities whose site, named after "<facility> at", is a locality.
FACILITY_NOUNS = frozenset(HEADS["facilities"]["nouns"])
#: Types of inhabited places a locality joined to them by "and" shares.
SETTLEMENTS = frozenset(HEADS["settlements"]["types"])
#: Abbreviations and words for "Saint" that open a place's name ("St. Lawrence").
SAINT_PREFIXES = frozenset(_CUES["names"]["saint_prefixes"])
#: Endings of ordinary English nouns and adjectives, never of a bare feature's name ("the Conclusions").
WORD_SUFFIXES = tuple(_CUES["names"]["word_suffixes"])
_REGION_HEADS = frozenset(REGIONS)
_THE = frozenset({"the"})
#: The four points, which after a locative "the" and alone name a region ("in the East", "from the South").
_CARDINAL_POINTS = frozenset({"north", "south", "east", "west"})
_COMMA = frozenset({","})
#: Parts of speech of an English word that make it a common noun (or a verb), not a feature's name.
_NOUN_OR_VERB = frozenset({"NOUN", "VERB"})
#: What a reference's place of publication follows: a full stop ("... special focus. New York.")
#: or an opening bracket ("(New York: Atlantic Monthly Press, 2021)").
_OPENS_REFERENCE = frozenset({".", "("})


def skip_space(doc: Doc, j: int, step: int = 1) -> int:
    """The first token from ``j`` on (backwards with ``step`` -1) that is not white space."""
    while 0 <= j < len(doc) and doc[j].is_space:
        j += step
    return j


def new_name(found: Found, pb: ParsedBlock, s: int) -> int:
    """End of an unknown capitalised name at ``s`` that the document never writes in lower
    case and that no capitalised word continues (``s`` when there is none)."""
    doc = pb.doc
    e = name_run(doc, s, limit=3)
    if e == s or found.overlaps(pb, s, e) or not acceptable_name(doc, s, e, found.vocabulary, found.gaz):
        return s
    if any(low in found.vocabulary or low in HEAD_WORDS for low in lowers(doc, s, e)):
        return s
    after = skip_space(doc, e)
    if after < len(doc) and (is_title(doc[after]) or doc[after].text in DASHES):
        return s
    return e


def cued_cities(found: Found, pb: ParsedBlock) -> None:
    """Smaller cities (:data:`extractor.gazetteer.CUED_CITY_MIN_POPULATION` and up, under any
    plain alternate name) in a document that names their country: "Lodwar" in a report on Kenya."""
    if not found.countries:
        return  # no cued city without its country
    doc = pb.doc
    heading = pb.block.kind in HEADING_KINDS
    taken = found.taken(pb)
    resume = 0  # a name found ends at ``resume``: the next one starts there or later
    firsts, orth = found.gaz.cued_first_words(), doc.to_array(ORTH)
    starts = np.flatnonzero(firsts[np.minimum(np.searchsorted(firsts, orth), len(firsts) - 1)] == orth)
    hits: list[tuple[int, int, Entry]] = []
    for i in map(int, starts):
        if i < resume or i in taken or not is_title(doc[i]):
            continue
        hit = _cued_city_at(found, doc, i, taken)
        if hit is None:
            continue
        e, entry = hit
        resume = e
        hits.append((i, e, entry))
    for i, e, entry in hits:
        if entry.alternate and (heading or at_sentence_start(doc, i) or not _located(found, pb, i, e)):
            continue  # "Greenfield land ...", "Hamas launched ...": an alternate name is a city only where located
        others = taken
        if names_organisation(doc, e) or institution_of(doc, i) or in_list_of_other_names(doc, i, e, others):
            continue  # "Federal Reserve Bank of St. Louis", "Kuwait Finance House", "Apple, Meta, Microsoft"
        if e - i == 1 and english_word(doc[i].text) and (heading or at_sentence_start(doc, i)):
            continue  # "Orange areas represent ...": an ordinary word, capitalised
        if (not quoted_term(doc, i, e) and not part_of_longer_name(doc, i, e, others, heading)
                and not names_person(doc, i, e, others, found.gaz) and not after_determiner(doc, i) and acceptable_name(doc, i, e, found.vocabulary, found.gaz)
                and not any(low in found.vocabulary for low in lowers(doc, i, e))):
            found.add(Mention(pb, i, e, "city", "gazetteer", core=doc[i:e].text, country=entry.country,
                              gaz_parent=entry.parent))


def _located(found: Found, pb: ParsedBlock, s: int, e: int) -> bool:
    """Whether ``doc[s:e]`` stands where a place does: after a locative ("in Seville") or before a
    comma and a place found already ("Seville, Spain")."""
    doc = pb.doc
    before = skip_space(doc, s - 1, -1)
    if before >= 0 and doc[before].lower_ in LAND_LOCATIVES | PAIR_LOCATIVES | LOCATIVES:
        return True
    after = skip_space(doc, e)
    return after + 1 < len(doc) and doc[after].text == "," and found.overlaps(pb, after + 1, after + 2)


def _cued_city_at(found: Found, doc: Doc, i: int, taken: set[int]) -> tuple[int, Entry] | None:
    """(end, entry) of the longest cued city of a country the document names (up to three
    tokens) starting at token ``i``, none of whose tokens is taken."""
    cued = found.gaz.cued_index()
    free = i
    while free < min(i + 3, len(doc)) and free not in taken:
        free += 1
    for e in range(free, i, -1):
        entry = cued.get(doc[i:e].text)
        if entry is not None and entry.country in found.countries:
            return e, entry
    return None


def state_codes(found: Found, pb: ParsedBlock) -> None:
    """"Houston, TX", "Alexandria, VA", "Sydney, NSW": capitals after a locality and a comma that
    are the ISO 3166-2 code of a first-level subdivision of the locality's country, or of a country
    the document names, name that subdivision (a place as written, "TX"); the locality is a city
    of it (the namesake there: "Alexandria" of Virginia, not of Egypt)."""
    doc, gaz = pb.doc, found.gaz
    n = len(doc)
    for i in found.hits(pb, _COMMA, first=1, room=1):
        code = doc[i + 1]
        if not (code.is_upper and code.is_alpha and 2 <= len(code) <= 3) or found.overlaps(pb, i + 1, i + 2):
            continue
        if i + 2 < n and (is_title(doc[i + 2]) or doc[i + 2].is_upper and doc[i + 2].is_alpha):
            continue  # "..., TX Capital Partners": the capitals open a name
        before = next((m for m in found.in_block(pb) if m.end == i), None)
        s = before.start if before is not None else _name_before(doc, i)
        if s == i:
            continue
        locality = doc[s:i].text
        # the country: the locality's own; else the one country with a subdivision of that code
        # and a city of that name; else the one the document names with a subdivision of that code
        countries = [before.country] if before is not None and before.country else []
        coded = gaz.countries_coding(code.text)
        with_city = [c for c in coded if gaz.namesake_in(locality, [c], first="city") is not None]
        named = [c for c in coded if c in found.countries]
        countries += with_city if len(with_city) == 1 else named if len(named) == 1 else []
        sub = next((e for c in countries if (e := gaz.coded_subdivision(c, code.text)) is not None), None)
        if sub is None:
            continue
        if before is None:
            if found.overlaps(pb, s, i) or not acceptable_name(doc, s, i, found.vocabulary, gaz):
                continue
            found.add(Mention(pb, s, i, "city", "pattern", core=locality, country=sub.country, gaz_parent=sub.name))
        elif not before.headed and before.place_type not in ("country", "continent", "region"):
            city = gaz.namesake_in(before.text, [sub.country], first="city")
            if city is not None and city.source == "city":
                before.place_type, before.country, before.gaz_parent = "city", city.country, sub.name
                before.city_only, before.cued = True, False
        found.add(Mention(pb, i + 1, i + 2, sub.place_type, "pattern", core=code.text, country=sub.country,
                          gaz_parent=sub.parent))


def _name_before(doc: Doc, i: int) -> int:
    """Start of the capitalised name (up to three words) ending right before token ``i``."""
    s = i
    while s > 0 and i - s < 3 and is_title(doc[s - 1]) and doc[s - 1].lower_ not in HEAD_WORDS \
            and doc[s - 1].lower_ not in STOP_WORDS:
        s -= 1
    return s


def publisher_places(found: Found, pb: ParsedBlock) -> None:
    """"Geneva: WHO.", "... special focus. New York.": in a note, a name standing as the place of
    publication (before ": <Publisher>", or alone as the reference's last sentence) is a city,
    even where the gazetteer's first reading of the name is a state."""
    if pb.block.kind != BlockKind.FOOTNOTE:
        return
    doc = pb.doc
    n = len(doc)
    # a capitalised word (not the block's first or last token) after a full stop and spaces
    for stop in found.hits(pb, _OPENS_REFERENCE):
        i = skip_space(doc, stop + 1)
        if i >= n - 1 or not is_title(doc[i]):
            continue
        e = name_run(doc, i, limit=3)
        if e == i or e >= n:
            continue
        after = skip_space(doc, e + 1)
        publisher = doc[e].text == ":" and after < n and doc[after].text[:1].isupper()
        alone = doc[e].text == "." and (after >= n or doc[after].text[:1].isupper() or doc[after].like_url)
        if not (publisher or alone):
            continue
        name = doc[i:e].text
        entry = found.gaz.city_named(name)
        if entry is None:
            continue
        m = found.at(pb, i, e)
        if m is not None and not m.headed and m.place_type not in WIDE_TYPES:
            m.place_type, m.country, m.gaz_parent = "city", entry.country, entry.parent
        elif m is None and not found.overlaps(pb, i, e):
            found.add(Mention(pb, i, e, "city", "gazetteer", core=name, country=entry.country,
                              gaz_parent=entry.parent))


def bare_features(found: Found, pb: ParsedBlock) -> None:
    """"in the Andes", "along the Danube", "the Pyrenees and the Alps": one or two capitalised
    words after a locative "the" that the document never writes in lower case, followed by
    punctuation or a function word, name a natural feature."""
    doc = pb.doc
    n = len(doc)
    for i in found.hits(pb, _THE, lower=True, first=1, room=1):
        before = doc[i - 1].lower_
        after_place = before in ("and", "or", ",") and i >= 2 and (i - 2) in found.taken(pb)
        if before not in LOCATIVES and not after_place:
            continue
        if not after_place and i >= 2 and is_title(doc[i - 2]) and not at_sentence_start(doc, i - 2) \
                and not found.overlaps(pb, i - 2, i - 1):
            continue  # "Pathways Out of the Polycrisis": a title-case title
        s = e = i + 1
        while e < n and e - s < 2 and is_title(doc[e]) and doc[e].lower_ not in STOP_WORDS and (
                doc[e].is_alpha or doc[e].lower_ in SAINT_PREFIXES):  # not "States.32": a note's number glued on
            e += 1
        if e == s or found.overlaps(pb, s, e):
            continue
        words = lowers(doc, s, e)
        if "-".join(words) in COMPASS_REGION_WORDS or (e - s == 1 and (words[0] in COMPASS_REGION_WORDS
                                                                      or words[0] in _CARDINAL_POINTS)):
            # "in the North East", "the Midwest": a region of a country, named by compass points
            if not (e < n and (is_title(doc[e]) or doc[e].text in DASHES)):
                found.add(Mention(pb, s, e, "region", "pattern", core=doc[s:e].text, core_len=e - s, headed=True))
            continue
        if names_road(doc, s, e):
            continue  # "the Green Line": a transit line
        if e < n and (not (doc[e].lower_ in STOP_WORDS or after_place and doc[e].is_lower or doc[e].is_punct)
                      or doc[e].lower_ in ("of", "'s", "’s")):
            continue
        if e + 1 < n and doc[e].lower_ in ("and", "or", "&", "against", "for", "on") and is_title(doc[e + 1]):
            continue  # "the Belt and Road Initiative", "the Global Shield against Climate Risks"
        if any(w in MONTH_WORDS for w in words):
            continue  # "(see Chapter 2 of the October 2022 report)": a month
        saint = words[0] in SAINT_PREFIXES and e - s == 2  # "the St. Lawrence": a saint's name
        if words[0] in found.vocabulary or any(w in GENERIC_WORDS or w in HEAD_WORDS and w not in _REGION_HEADS
                                               or w.endswith(WORD_SUFFIXES) and not saint for w in words):
            continue
        if found.gaz.lookup(doc[s:e].text) is not None or institution_of(doc, s):
            continue  # a name the gazetteer knows, declined by the passes before ("Government of the Netherlands")
        if any(acronym_plural(t.text) for t in doc[s:e]) or _common_noun_phrase(found, doc, s, e):
            continue
        if not acceptable_name(doc, s, e, found.vocabulary, found.gaz) or (e < n and doc[e].text in ("-", "\u2013")):
            continue
        place_type = "region" if words[-1] in _REGION_HEADS else "natural_feature"  # "the Prairies"
        found.add(Mention(pb, s, e, place_type, "pattern", core=doc[s:e].text, core_len=e - s, headed=True))


def _common_noun_phrase(found: Found, doc: Doc, s: int, e: int) -> bool:
    """Whether ``doc[s:e]`` after "the" is a common noun made proper, not a feature's name: English
    words ending in a noun ("the Treasury", "the Postal Service", "the White House"), or a noun (not
    also an adjective, as "Real" is) after a place or a people ("the Kyoto Protocol", "the
    Anatolian Tigers")."""
    last = doc[e - 1].text
    pos = english_pos(last)
    if last.lower() in _REGION_HEADS or not pos & _NOUN_OR_VERB:
        return False
    before = doc[s:e - 1]
    if all(english_word(t.text) for t in before):
        return True
    return "ADJ" not in pos and all(found.gaz.lookup(t.text) is not None or adjective_of_nationality(t.text)
                                    for t in before)


def land_names(found: Found, pb: ParsedBlock) -> None:
    """"in Appalachia", "across Patagonia": after a locative, a single unknown capitalised word
    with the toponymic ending "-ia", that the document never writes in lower case and nothing
    capitalised continues, names a region."""
    doc, gaz = pb.doc, found.gaz
    for locative in found.hits(pb, LAND_LOCATIVES, lower=True, room=1):
        i = locative + 1
        name = doc[i].text
        if not name.endswith("ia") or len(name) < 6:
            continue
        if gaz.lookup(name) is not None or gaz.city_named(name) is not None:
            continue
        if new_name(found, pb, i) == i + 1:
            found.add(Mention(pb, i, i + 1, "region", "pattern", core=name, core_len=1, headed=True))


def _settlement(found: Found, pb: ParsedBlock, s: int, e: int, default: str) -> Mention:
    """A locality named ``doc[s:e]``: the gazetteer's city when it knows one of that name in a
    country the document names, else a place of type ``default``."""
    name = pb.doc[s:e].text
    entry = found.gaz.city_named(name)
    if entry is not None and entry.country in found.countries:
        return Mention(pb, s, e, "city", "pattern", core=name, country=entry.country, gaz_parent=entry.parent)
    return Mention(pb, s, e, default, "pattern", core=name)


def facility_sites(found: Found, pb: ParsedBlock) -> None:
    """"a desalination plant at Kovalam", "the treatment plant at Saidpur and ...": the place a
    facility stands in, named after "<facility> at", is a locality (a city when the gazetteer
    knows one there, else a village)."""
    doc = pb.doc
    n = len(doc)
    for i in found.hits(pb, FACILITY_LOCATIVES, lower=True, first=1, room=1):
        if doc[i - 1].lower_ not in FACILITY_NOUNS:
            continue
        j = skip_space(doc, i + 1)
        while j < n:
            e = new_name(found, pb, j)
            if e == j:
                break
            found.add(_settlement(found, pb, j, e, "village"))
            k = skip_space(doc, e)
            if k + 1 < n and doc[k].lower_ == "and":
                j = skip_space(doc, k + 1)
            else:
                break


def locative_pairs(found: Found, pb: ParsedBlock) -> None:
    """"in Ambattur and Avadi", "near Tondo and Navotas": after a locative, an unknown name
    joined to a city or town the document names (or the gazetteer knows in a country it
    names) is a place of the same kind."""
    doc = pb.doc
    n = len(doc)
    for i in found.hits(pb, PAIR_LOCATIVES, lower=True, room=3):
        if not (doc[i + 1].is_space or is_title(doc[i + 1])):
            continue  # no name after it
        a = skip_space(doc, i + 1)
        a_end = name_run(doc, a, limit=3)
        if a_end == a or a_end >= n or doc[a_end].lower_ != "and":
            continue
        b = skip_space(doc, a_end + 1)
        b_end = name_run(doc, b, limit=3)
        if b_end == b:
            continue
        after = skip_space(doc, b_end)
        if after < n and not (doc[after].is_lower or doc[after].is_punct):
            continue
        items = [(a, a_end), (b, b_end)]
        known: list[str] = []
        for s, e in items:
            m = found.at(pb, s, e)
            entry = found.gaz.city_named(doc[s:e].text) if m is None else None
            if m is not None and m.place_type in SETTLEMENTS:
                known.append(m.place_type)
            elif entry is not None and entry.country in found.countries and new_name(found, pb, s) == e:
                known.append("city")
        if not known:
            continue
        for s, e in items:
            if found.at(pb, s, e) is None and new_name(found, pb, s) == e:
                found.add(_settlement(found, pb, s, e, known[0]))


#: Shortest run of letter fragments read as interleaved labels, and the share of its tokens that are
#: fragments (one or two letters).
_FRAGMENT_RUN = 10
_FRAGMENT_SHARE = 0.6
#: Shortest name looked for among fragments, and how far (times its length) its letters may spread.
_INTERLEAVED_MIN_LETTERS = 5
_INTERLEAVED_SPREAD = 3


def interleaved_labels(found: Found, pb: ParsedBlock) -> None:
    """A map's labels set on a slant, whose letters a text layer interleaves ("Ç E a d n ir a n k e
    T k e a k le irdağ ..." for Çanakkale, Edirne, Tekirdağ): in a run of one- and two-letter
    fragments, in a block that already names smaller places of a country, the names of that
    country's subdivisions (five letters or more) whose letters occur in order close together. Each letter serves one name; the mention is the fragment the name starts in."""
    from extractor.gazetteer import local_names

    doc = pb.doc
    countries = {m.country for m in found.in_block(pb) if m.country and m.place_type not in WIDE_TYPES}
    if not countries:
        return
    for s, e in _fragment_runs(doc):
        letters: list[str] = []
        owner: list[int] = []  # the token of each letter
        for i in range(s, e):
            for ch in doc[i].text:
                letters.append(ch)
                owner.append(i)
        used = [False] * len(letters)
        names = sorted({(ent.name, ent) for c in countries for ent in local_names(c) if ent.source == "subdivision"
                        and ent.name.isalpha() and len(ent.name) >= _INTERLEAVED_MIN_LETTERS}, key=lambda x: (-len(x[0]), x[0]))
        for name, entry in names:
            at = _subsequence(letters, used, name)
            if at is None:
                continue
            first = owner[at[0]]
            if found.overlaps(pb, first, first + 1):
                continue
            for k in at:
                used[k] = True
            found.add(Mention(pb, first, first + 1, entry.place_type, "pattern", label=name, core=name,
                              country=entry.country, gaz_parent=entry.parent))


def _fragment_runs(doc: Doc) -> list[tuple[int, int]]:
    """Runs of ``_FRAGMENT_RUN`` or more alphabetic tokens, most of them one or two letters long."""
    runs = []
    i, n = 0, len(doc)
    while i < n:
        if not (doc[i].is_alpha or doc[i].is_space):
            i += 1
            continue
        j = i
        while j < n and (doc[j].is_alpha or doc[j].is_space):
            j += 1
        words = [t for t in doc[i:j] if t.is_alpha]
        short = sum(1 for t in words if len(t) <= 2)
        if len(words) >= _FRAGMENT_RUN and short >= _FRAGMENT_SHARE * len(words):
            runs.append((i, j))
        i = j
    return runs


def _subsequence(letters: list[str], used: list[bool], name: str) -> list[int] | None:
    """Positions of ``name``'s letters, in order, among the unused ``letters``, the first one its
    capital and all within ``_INTERLEAVED_SPREAD`` times its length, the closest together of such
    readings; ``None`` when there is none."""
    limit = _INTERLEAVED_SPREAD * len(name)
    best: list[int] | None = None
    for start, ch in enumerate(letters):
        if used[start] or ch != name[0]:
            continue
        at, k = [start], 1
        for j in range(start + 1, min(len(letters), start + limit)):
            if k == len(name):
                break
            if not used[j] and letters[j] == name[k]:
                at.append(j)
                k += 1
        if k == len(name) and (best is None or at[-1] - at[0] < best[-1] - best[0]):
            best = at  # the tightest reading: "Gires" opens Giresun, not Gümüşhane
    return best
