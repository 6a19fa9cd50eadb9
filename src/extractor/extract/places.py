"""Place names: which words of a report name places, of what type, inside which other places.

The spaCy pass proposes candidates: the place ruler (:mod:`extractor.place_ruler`) labels
gazetteer names and names written with a head noun, a statistical model (when one runs) GPE/LOC
entities. :func:`extract_place_mentions` then runs the named passes of :data:`PASSES`, in that
order, over the whole document; the first pass to claim a token wins it. The passes live in
modules named for what they decide:

* :mod:`~extractor.extract.place_candidates`: the spaCy pass's entities that name places;
* :mod:`~extractor.extract.place_typing`: types a head word, a list or the document's countries give;
* :mod:`~extractor.extract.place_cues`: places only the words around them reveal;
* :mod:`~extractor.extract.place_regions`: compass regions and bare aliases of headed names;
* :mod:`~extractor.extract.place_context`: the exclusions they share (organisations, roads,
  programme titles, title case, quoted terms);
* :mod:`~extractor.extract.place_hierarchy`: the enclosing place the text states;
* :mod:`~extractor.extract.place_aggregate`: :func:`aggregate_places`, one row per place.

The words the rules read are data: ``data/lexicons/place_heads.toml`` (head nouns),
``place_cues.toml`` (the words around a name), ``place_types.toml`` (types and ranks) and
``place_gazetteer.toml`` (how the gazetteer reads its data packages).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from extractor.analysis import Analysis
from extractor.extract import place_candidates, place_cues, place_regions, place_typing
from extractor.extract.place_aggregate import aggregate_places
from extractor.extract.place_hierarchy import assign_parents
from extractor.extract.place_mention import Found, Mention
from extractor.gazetteer import Gazetteer, gazetteer
from extractor.ids import stable_id
from extractor.model import BlockKind

__all__ = ["PASSES", "Pass", "aggregate_places", "extract_place_mentions"]


@dataclass(frozen=True)
class Pass:
    """One named pass of the place rules: ``run(found, block)`` for every parsed block in turn
    (``per_block``), else ``run(found)`` once; ``why`` is the reason for its place in the order."""

    name: str
    run: Callable[..., None]
    per_block: bool
    why: str


#: The passes, in the order they run. Each runs over the whole document before the next starts;
#: a mention is refused where an earlier pass holds one of its tokens, and a pass that retypes or
#: extends mentions sees only those found before it.
PASSES: tuple[Pass, ...] = (
    Pass("entities", place_candidates.entities, True,
         "The spaCy pass's candidates (gazetteer names, head patterns, a model's GPE/LOC) are the "
         "strongest evidence: every later pass works around, retypes or extends what they found."),
    Pass("named_countries", place_typing.named_countries, False,
         "The countries the document names, as the spaCy pass found them; the passes after it "
         "trust a name of a smaller place only in those countries."),
    Pass("foreign_names", place_typing.foreign_names, False,
         "Needs the named countries. Before the typing passes: a local authority of an unnamed "
         "country ('Reading') is dropped, freeing its tokens, and a namesake city is typed as the "
         "city before a head word or a list retypes it."),
    Pass("hyphen_compounds", place_typing.hyphen_compounds, True,
         "'Bucharest-Ilfov': joins two bare names of the spaCy pass, so runs before of_forms and "
         "the lists can replace or retype one of them."),
    Pass("lower_heads", place_typing.lower_heads, True,
         "'the Bay region': extends a bare name of the spaCy pass by the lower-case head after it; "
         "before of_forms, plural_lists and lists, which leave a headed name alone (the head "
         "written next to the name wins)."),
    Pass("of_forms", place_typing.of_forms, True,
         "'the town of A': a head right before one name replaces a bare reading of it; before "
         "plural_lists ('the town of A and B districts': A is the town) and the cue passes."),
    Pass("plural_lists", place_typing.plural_lists, True,
         "'Dadu and Thatta districts': after of_forms (a name keeps the head written before it), "
         "before the cue passes, which would take the names one by one."),
    Pass("lists", place_typing.lists, True,
         "'the villages of A, B and C': items found before are skipped over (their type kept, a "
         "bare gazetteer name's retyped); before the cue passes, which would take the items one "
         "by one ('Lodwar' in a list of villages is one of them, not a cued city)."),
    Pass("cued_cities", place_cues.cued_cities, True,
         "Smaller cities of a named country: after the typing passes, so that a name a head word "
         "or a list typed ('the town of Lodwar') keeps that type."),
    Pass("state_codes", place_cues.state_codes, True,
         "'Houston, TX': reads the locality before the comma, which the passes before it (cued_cities "
         "among them) find; before publisher_places, which would read 'Cambridge, MA: MIT Press' as "
         "the namesake city of a country the document names."),
    Pass("publisher_places", place_cues.publisher_places, True,
         "In a note, a place of publication is a city ('New York.' is the city, not the state): "
         "it retypes the bare readings the passes before it found."),
    Pass("bare_features", place_cues.bare_features, True,
         "'in the Andes', 'the Pyrenees and the Alps': reads whether a place stands two words "
         "before, so runs after the passes that find named places."),
    Pass("land_names", place_cues.land_names, True,
         "'in Appalachia': an unknown name, so after every pass that knows names."),
    Pass("facility_sites", place_cues.facility_sites, True,
         "'the plant at Kovalam': an unknown name, so after every pass that knows names; before "
         "locative_pairs, which reads the localities it finds."),
    Pass("locative_pairs", place_cues.locative_pairs, True,
         "'in Ambattur and Avadi': a name joined to a town the document names takes its kind, so "
         "runs after every pass that finds towns, cities and villages."),
    Pass("interleaved_labels", place_cues.interleaved_labels, True,
         "A map's slanted labels, interleaved letter by letter in a text layer: reads the smaller "
         "places every pass before it found in the block, and takes only fragments none of them holds."),
    Pass("compass_regions", place_regions.compass_regions, False,
         "'Eastern Fujian': a compass word before any place found so far makes a region of it; "
         "before compass_names, whose regions already start with their compass word."),
    Pass("compass_names", place_regions.compass_names, False,
         "'through West Nusa': a compass word before a name no pass knows, so after all of them."),
    Pass("repeated_names", place_regions.repeated_names, False,
         "'more challenged Southeast Anatolia': a name a rule accepted elsewhere in the document, "
         "written again where no cue stands; after every pass that accepts new names."),
    Pass("bare_aliases", place_regions.bare_aliases, False,
         "A bare 'Guizhou' where 'Guizhou Province' occurs: reads the headed names every other "
         "pass found, and takes only tokens none of them claimed."),
)


def extract_place_mentions(analysis: Analysis, gaz: Gazetteer | None = None) -> list[dict[str, Any]]:
    """Every place mention of one parsed document, in reading order, as place_mentions rows
    (plus private ``_``-prefixed keys that :func:`aggregate_places` consumes)."""
    found = Found(analysis, gaz or gazetteer(), use_model=analysis.model != "blank")
    for p in PASSES:
        if p.per_block:
            for pb in analysis.blocks:
                p.run(found, pb)
        else:
            p.run(found)
    mentions = sorted(found.mentions, key=lambda m: (m.pb.block.char_start, m.start))
    assign_parents(mentions)
    labels: dict[str | None, str] = {}  # section id -> label, looked up once per section
    return [_row(analysis, m, labels) for m in mentions]


def _row(analysis: Analysis, m: Mention, labels: dict[str | None, str]) -> dict[str, Any]:
    """The place_mentions row of a mention; ``labels`` memoises the document's section labels
    for one call."""
    doc, pb = analysis.document, m.pb
    section_id = pb.block.section_id
    if section_id not in labels:
        labels[section_id] = doc.section_label(section_id)
    span = m.span
    text = span.text
    start = pb.block.char_start + span.start_char
    sent = analysis.sentence_at(start)
    page = pb.block.page_at(span.start_char)
    return {
        "mention_id": stable_id("pm", doc.doc_id, start, text), "doc_id": doc.doc_id, "place_id": None,
        "page": page, "section": labels[section_id],
        "sentence_id": sent.sentence_id if sent else None, "sentence": sent.text if sent else None,
        "text": text, "name": m.label or " ".join(text.split()), "place_type": m.place_type, "method": m.method,
        "in_note": pb.block.kind == BlockKind.FOOTNOTE, "char_start": start, "char_end": start + len(text),
        **analysis.provenance.columns(start, start + len(text), page),
        "_country": m.country, "_parent": " ".join(m.parent.split()), "_gaz_parent": m.gaz_parent, "_core": m.core,
        "_headed": m.headed, "_of_form": m.of_form, "_city_only": m.city_only and m.place_type == "city",
        "_article": m.start > 0 and pb.doc[m.start - 1].lower_ == "the", "_variant": m.variant,
    }
