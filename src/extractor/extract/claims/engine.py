"""The order of the claim rules: paragraph by paragraph, sentence by sentence.

For each body paragraph with a number, the patterns are matched once (:mod:`.patterns`); then
each sentence's figures go through the stages in turn:

1. its time expressions are found (:mod:`.times`): a number inside one ("in 2024") is no figure;
2. each number match is read (:mod:`.reading`), its written unit attached (:mod:`.written_units`)
   and the numbers that are no claims dropped (:mod:`.exclusions`);
3. ranges and pairs are linked and bare numbers given a unit (:mod:`.pairs`, :mod:`.resolution`);
4. the context columns are filled: qualifier (:mod:`.qualifiers`), change (:mod:`.changes`),
   year and period (:mod:`.years`), subject (:mod:`.subjects`).
"""
from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span

from extractor import numbers as N
from extractor.analysis import Analysis, ParsedBlock
from extractor.extract.claims import patterns
from extractor.extract.claims.back_matter import back_matter_sections
from extractor.extract.claims.changes import change
from extractor.extract.claims.exclusions import excluded, figure_run
from extractor.extract.claims.figures import Paragraph, Quantity
from extractor.extract.claims.names import RecurringNames, quoted_titles
from extractor.extract.claims.qualifiers import qualifier
from extractor.extract.claims.reading import read_number
from extractor.extract.claims.resolution import resolve
from extractor.extract.claims.subjects import fill_subjects, subject
from extractor.extract.claims.times import time_expressions
from extractor.extract.claims.words import is_year_word
from extractor.extract.claims.years import assign_years
from extractor.ids import stable_id
from extractor.language import ENGLISH
from extractor.model import Sentence
from extractor.numbers import stored_value


_DIGIT = re.compile(r"\d")


def extract_claims(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per numeric claim in the body paragraphs, in document order."""
    document = analysis.document
    names = RecurringNames(document.text)
    convention = N.convention_of(document.text)
    labels = {s.section_id: s.label for s in reversed(document.sections)}  # each section's label
    back_matter = back_matter_sections(analysis)  # about the report, not in it: no claims
    rows: list[dict[str, Any]] = []
    for pb in analysis.body():
        par = _paragraph(pb, names, convention, analysis.has_parse)
        if par is None:
            continue  # no figure, no claim
        previous_year: int | None = None
        for sent in pb.sentences:
            span = pb.span_of(sent)
            if par.numbers[-1][1] < span.start:
                break  # no figure in this sentence or after it
            if sent.section_id in back_matter:
                continue
            claims, last_year = sentence_claims(par, span, previous_year)
            previous_year = last_year if last_year is not None else previous_year
            rows.extend(_row(analysis, pb, sent, c, labels) for c in claims)
    return rows


def _paragraph(pb: ParsedBlock, names: RecurringNames, convention: N.Convention, has_parse: bool) -> Paragraph | None:
    """The paragraph and what the patterns find in it; None when it has no number."""
    doc = pb.doc
    found = patterns.matchers(doc.vocab)
    # each set of number patterns runs where its cue stands: a digit, a number word (most
    # paragraphs of a report hold neither); the number words are English, and read only in an
    # English report (a Spanish "ten", a verb, is no 10)
    has_digit = _DIGIT.search(pb.block.text) is not None
    matches = found.digit_numbers(doc) if has_digit else []
    if doc._.report_language == ENGLISH and found.number_words(doc):
        matches += found.word_numbers(doc)
    numbers = patterns.longest(doc, matches)
    if not numbers:
        return None
    units = patterns.longest(doc, [m for matcher in found.units for m in matcher(doc)], by_start=True)
    return Paragraph(
        doc, pb.block.text, numbers,  # the block's text is the Doc's (Doc.text joins every token)
        units={s: (e, label) for label, s, e in units},
        prefixes={e: (s, label) for label, s, e in patterns.longest(doc, found.prefixes(doc))},
        qualifiers={e: (s, label) for label, s, e in patterns.longest(doc, found.qualifiers(doc))},
        # every date and year holds a digit; "that year" refers back to a year the paragraph named
        times=patterns.longest(doc, found.times(doc)) if has_digit else [],
        quoted_titles=quoted_titles(doc), has_parse=has_parse, names=names,
        convention=convention)


def sentence_claims(par: Paragraph, sent: Span, previous_year: int | None) -> tuple[list[Quantity], int | None]:
    """The claims of one sentence, and the last year it names (for "That year, ..." next)."""
    times = time_expressions(par, sent, previous_year)
    time_tokens = {k for t in times for k in range(t.core, t.j)}
    claims: list[Quantity] = []
    found = patterns.within(par.numbers, sent)
    digits = sum(1 for label, s, _ in found if label in ("DIGITS", "SPACED") and not is_year_word(par.doc[s].text))
    if figure_run(par, sent, digits):
        found = []  # a chart's or table's labels read into the text
    for label, s, e in found:
        for c in read_number(par, label, s, e, sent):
            if c.i in time_tokens and c.family is None:
                continue  # "in 2024": a year, not a figure
            if not excluded(par, c, sent):
                claims.append(c)
    claims = resolve(par, claims, sent)
    for c in claims:
        c.qualifier = qualifier(par, c)
        c.change = change(par, c, sent)
    assign_years(par.doc, claims, times)
    for n, c in enumerate(claims):
        c.subject = subject(par, c, claims[:n], sent)
    fill_subjects(claims)
    counts = [c for c in claims if c.family == "count"]
    par.last_count = counts[-1] if counts else (None if claims else par.last_count)
    point_years = [t.years[-1] for t in times if t.kind == "point" and t.years]
    return claims, (point_years[-1] if point_years else None)


def _row(analysis: Analysis, pb: ParsedBlock, sent: Sentence, c: Quantity, labels: dict[str, str]) -> dict[str, Any]:
    """The claims.csv row of one claim; ``labels``: the report's section labels by section id."""
    doc = analysis.document
    start = pb.block.char_start + c.start
    end = pb.block.char_start + c.end
    value, flag = stored_value(c.value)
    page = pb.block.page_at(c.start)
    return {
        "claim_id": stable_id("c", doc.doc_id, start, end, value), "doc_id": doc.doc_id,
        "page": page, "section": labels.get(sent.section_id, ""),
        "section_id": sent.section_id, "sentence_id": sent.sentence_id, "sentence": sent.text,
        "surface": doc.text[start:end], "value": value, "value_flag": flag, "unit": c.unit, "kind": c.kind,
        "qualifier": c.qualifier, "year": c.year, "period": c.period, "change": c.change, "subject": c.subject,
        "place": None, "markers": None, "char_start": start, "char_end": end,
        **analysis.provenance.columns(start, end, page),
    }
