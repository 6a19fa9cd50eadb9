"""Regions and aliases: the passes that read the mentions already found across the document.

"Eastern Fujian" is a region of Fujian, "South and Southeast Asia" two world regions, "through
West Nusa" a sub-national unit the gazetteer does not know; a bare "Guizhou" where "Guizhou
Province" occurs names the province. These passes run last: each reads what the others found.
"""
from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extractor.analysis import ParsedBlock
from extractor.extract.place_context import (
    COMPASS, at_sentence_start, in_title_case, is_title, names_organisation, part_of_longer_name,
)
from extractor.extract.place_cues import LOCATIVES, new_name
from extractor.extract.place_mention import HEADING_KINDS, Found, Mention
from extractor.gazetteer import is_generic
from extractor.place_ruler import HEADS
from extractor.registry import lexicon

#: Words before "of <Name>" that say the name is a governed unit ("the capital of X", "Government of X").
GOVERNED_HEADS = frozenset(HEADS["settlements"]["governed_heads"])
#: Types a bare name may inherit from a headed name with the same core ("Guizhou" <- "Guizhou Province").
ALIASABLE = frozenset(HEADS["settlements"]["aliasable"])
#: Endings of the adjectives after a compass word ("East African", "South Asian").
_ADJECTIVE_ENDINGS = tuple(lexicon("place_cues")["names"]["compass_adjective_endings"])
#: Plural heads before "such as <Name>" ("regions such as Eastern Marmara").
PLURAL_REGION_HEADS = frozenset({"regions", "provinces", "states", "districts", "areas", "countries", "territories"})


def compass_regions(found: Found) -> None:
    """"Eastern Fujian": a capitalised compass word before a sub-national place is a region of it."""
    gaz = found.gaz
    for m in list(found.mentions):
        doc = m.pb.doc
        # "South and Southeast Asia": two regions sharing their last word, when the gazetteer
        # knows the first ("South Asia"); otherwise ("Central and Western Fooland") one region.
        # Established aggregates ("Central and Eastern Europe") are gazetteer names of their own.
        if (m.place_type == "region" and m.start >= 2 and doc[m.start].text in COMPASS
                and doc[m.start - 1].lower_ == "and" and doc[m.start - 2].text in COMPASS
                and not found.overlaps(m.pb, m.start - 2, m.start)):
            first = f"{doc[m.start - 2].text} {doc[m.start + 1:m.end].text}"
            entry = gaz.lookup(first)
            if entry is not None and entry.place_type in ("region", "continent"):
                found.add(Mention(m.pb, m.start - 2, m.start - 1, entry.place_type, m.method, core=first,
                                  country=entry.country, label=first))
                continue
            m.start -= 2
            m.core = m.text
            found.taken(m.pb).update((m.start, m.start + 1))
            continue
        if m.start == 0 or doc[m.start - 1].text not in COMPASS or m.place_type in ("continent", "region"):
            continue
        if (m.start - 1) in found.taken(m.pb) or at_sentence_start(doc, m.start - 1) and m.place_type == "country":
            continue
        found.replace(m, Mention(m.pb, m.start - 1, m.end, "region", "pattern", country=m.country,
                                 parent=m.text, headed=True))


def compass_names(found: Found) -> None:
    """"through West Nusa", "the capital of North Kivu": after a locative, a compass word and a
    name the gazetteer does not know, with nothing capitalised after it, name a sub-national
    unit: a province where the document speaks of its capital or government, else a region."""
    added: list[Mention] = []
    for pb in found.analysis.blocks:
        doc = pb.doc
        for i in found.hits(pb, COMPASS, first=1, room=1):
            if found.overlaps(pb, i, i + 1) or not (doc[i - 1].lower_ in LOCATIVES or _listed_after_place(found, pb, i)):
                continue
            e = new_name(found, pb, i + 1)
            name = doc[i + 1:e].text
            if e == i + 1 or is_generic(name) or found.gaz.lookup(name) is not None:
                continue
            if any(t.text.endswith(_ADJECTIVE_ENDINGS) for t in doc[i + 1:e]):
                continue  # "East African", "South Asian": adjectives
            m = Mention(pb, i, e, "region", "pattern", core=doc[i:e].text, core_len=e - i, headed=True)
            found.add(m)
            added.append(m)
    governed = {m.text for m in added if m.start >= 2 and m.pb.doc[m.start - 1].lower_ == "of"
                and m.pb.doc[m.start - 2].lower_ in GOVERNED_HEADS}
    for m in added:
        if m.text in governed:
            m.place_type = "province"


#: Words that join the items of a list ("A, B and C", "such as A").
_LIST_LINKS = frozenset({",", "and", "or", "as"})
#: Verbs after a plural head that name its members ("the most efficient regions are West Marmara").
_NAMING_VERBS = frozenset({"are", "include", "including"})


def _listed_after_place(found: Found, pb: ParsedBlock, i: int) -> bool:
    """Whether token ``i`` continues a list whose item before it is a place found already
    ("Northeast Anatolia (TRA), Central East Anatolia (TRB), and Southeast Anatolia"), or follows
    "such as" after a plural head ("regions such as Eastern Marmara")."""
    doc = pb.doc
    if doc[i - 1].lower_ in _NAMING_VERBS:
        return any(doc[j].lower_ in PLURAL_REGION_HEADS for j in range(max(0, i - 4), i - 1))
    k = i - 1
    while k >= 0 and doc[k].lower_ in _LIST_LINKS:
        k -= 1
    if k == i - 1 or k < 0:
        return False
    if doc[i - 1].lower_ == "as":
        return k >= 1 and doc[k].lower_ == "such" and doc[k - 1].lower_ in PLURAL_REGION_HEADS
    while k >= 0 and doc[k].text == ")":  # "(TRB)": a code in brackets after the place
        k = next((j for j in range(k - 1, max(-1, k - 4), -1) if doc[j].text == "("), -1) - 1
    return k >= 0 and found.overlaps(pb, k, k + 1)


def repeated_names(found: Found) -> None:
    """A name of two words or more that a rule accepted once names the same place wherever the
    document writes it again ("the prosperous West and more challenged Southeast Anatolia"), unless
    a longer capitalised name holds it there."""
    names: dict[str, Mention] = {}
    for m in found.mentions:
        if m.end - m.start >= 2 and m.method == "pattern" and m.place_type in ("region", "natural_feature"):
            names.setdefault(" ".join(t.text for t in m.span), m)
    if not names:
        return
    matcher = PhraseMatcher(found.analysis.blocks[0].doc.vocab, attr="ORTH")
    for key, m in names.items():
        matcher.add(key, [m.span.as_doc()])
    for pb in found.analysis.blocks:
        doc = pb.doc
        for match_id, i, e in matcher(doc):
            if found.overlaps(pb, i, e) or (e < len(doc) and is_title(doc[e])) \
                    or (i > 0 and is_title(doc[i - 1]) and not found.overlaps(pb, i - 1, i)
                        and not doc[i - 1].is_sent_start):
                continue
            m = names[doc.vocab.strings[match_id]]
            found.add(Mention(pb, i, e, m.place_type, "pattern", core=m.core, core_len=m.core_len,
                              country=m.country, headed=m.headed))


def bare_aliases(found: Found) -> None:
    """A bare "Guizhou" where "Guizhou Province" occurs: the core of a headed name, found
    anywhere else in the document, names the same place (the type of the first headed name
    found with that core; none where the document keeps "the State of <Core>" apart)."""
    cores: dict[str, str] = {}
    lengths: dict[str, int] = {}
    for m in found.mentions:
        if m.headed and m.place_type in ALIASABLE and m.core and m.core_len and m.core != m.text:
            cores.setdefault(m.core, m.place_type)
            lengths[m.core] = m.core_len
    if not cores:
        return
    for m in found.mentions:
        if m.of_form:
            cores.pop(m.core, None)
    by_first: dict[str, list[str]] = {}
    for core in cores:
        by_first.setdefault(core.split()[0].split("-")[0], []).append(core)
    vocab = found.analysis.blocks[0].doc.vocab
    first_words = PhraseMatcher(vocab, attr="ORTH")
    first_words.add("first", [Doc(vocab, words=[word]) for word in sorted(by_first)])
    for pb in found.analysis.blocks:
        doc = pb.doc
        heading = pb.block.kind in HEADING_KINDS
        taken = found.taken(pb)
        for i in sorted(start for _, start, _ in first_words(doc)):
            token = doc[i]
            for core in by_first[token.text]:
                n = lengths[core]
                end = i + n
                if doc[i:end].text != core or not taken.isdisjoint(range(i, end)):
                    continue
                if names_organisation(doc, end) or part_of_longer_name(doc, i, end, taken, heading):
                    continue
                if n == 1 and token.lower_ in found.vocabulary and in_title_case(doc, i, end, heading):
                    continue
                entry = found.gaz.lookup(core)
                found.add(Mention(pb, i, end, cores[core], "pattern", core=core,
                                  country=entry.country if entry else ""))
