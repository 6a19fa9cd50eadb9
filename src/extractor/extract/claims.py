"""Numeric claims: one row per quantity stated in the body text (gold/SPEC.md, claims.csv).

Everything reads the shared parsed Docs (``analysis.blocks[i].doc``); nothing is tokenised
again. Token patterns (spaCy ``Matcher``) find the pieces:

* numbers: digits with separators, decimals and a scale word (``33.05 million``), glued forms
  (``5.5bn``, ``US$4.7``, ``5–10``), number words (``three million``, ``twenty-five``), ``a decade``,
  fractions (``two-thirds of``), ``one in five``, and ratio words (``double``, ``twice``);
* units after a number: percent phrases, currency names and codes, measures, durations
  (``four consecutive years``, ``three-year``); before it: currency symbols and codes (``$2.15``,
  ``USD 20 billion``).

Rules then decide, number by number: the unit (a number with no unit of its own takes its counted
noun, the unit of its partner in a range or pair, the noun of "the number of ...", or the noun it
refers back to), and the exclusions (years, dates, ordinals, labels such as ``Chapter 3``, codes
such as ``5G``, numbers inside quoted titles and capitalised names, hyphenated modifiers such as
``one-time``). The context columns (qualifier, year and period, change, subject) come from
:mod:`extractor.extract.claim_context`; the number words and unit lexicons from the pure modules
:mod:`extractor.numbers` and :mod:`extractor.units`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from decimal import Decimal
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractor import currencies
from extractor import numbers as N
from extractor import units as U
from extractor.analysis import Analysis, ParsedBlock
from extractor.extract.claim_context import (
    POST_QUALIFIERS, ClaimContext, assign_years, qualifier_matches, qualifier_words, time_matches,
)
from extractor.extract.quantities import (
    Bounds, DASHES, DOWN_WORDS, FUNCTION_WORDS, MONTH_WORDS, NUMBER_TOKEN, NUMBER_TOKEN_REGEX, QUOTES_CLOSE,
    QUOTES_OPEN, RATIO_WORDS, STATING_VERBS, UP_WORDS, Quantity, clause_start, counted_noun, is_punct,
    is_year_word, longest_matches, matches_within, number_token, phrase_matcher, sent_start, spaced, span_text,
    verb_like,
)
from extractor.ids import stable_id
from extractor.model import Sentence

#: Words before a number that make it a label, not a quantity: "Chapter 3", "No. 5".
LABEL_WORDS = frozenset("""
    chapter chapters section sections article articles paragraph paragraphs para page pages p pp figure figures
    fig table tables annex annexes appendix item items line lines note notes footnote goal goals target targets
    phase stage level grade class step round session volume vol issue no nos number part clause rule box map
    chart exhibit version tier category type route highway lane gate room unit plot block batch wave group
    sdg sdgs decree resolution law order act code edition series model
""".split())
#: Words before a number word that make it part of a period or ordinal phrase ("the first three quarters").
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                       "tenth", "initial", "opening"})
#: What stands between the two figures of a range or pair: "two to three", "22 out of 23".
_RANGE_LINKS = (("to",), ("-",), ("\u2013",), ("\u2014",), ("~",), ("or",), ("and",), ("out", "of"), ("of",),
                ("of", "the"), ("through",), ("up", "to"))
#: Words before "decade" or "century" that make it a duration counted back or on from now.
_DECADE_LEADS = frozenset({"past", "last", "next", "previous", "preceding", "coming", "following"})
_PAIR_QUALIFIERS = frozenset({"roughly", "about", "around", "approximately", "nearly", "some", "almost", "only",
                              "just", "estimated", "an"})
#: Words after "double"/"twice" when it compares ("more than double that of adults").
_RATIO_FOLLOWERS = frozenset({"that", "the", "those", "what", "as", "than", "its", "their", "his", "her", "."})


@functools.lru_cache(maxsize=8)
def _matchers(vocab: Vocab) -> dict[str, list[Matcher | PhraseMatcher]]:
    """Number, unit and currency patterns, compiled once per vocabulary (every Doc of a pipeline
    shares one)."""
    scales = sorted(N.SCALES) + ["bn", "mn", "mln", "tn", "trn"]
    number_words = sorted(N.NUMBER_WORDS)
    numbers = Matcher(vocab)
    numbers.add("DIGITS", [[{"TEXT": {"REGEX": NUMBER_TOKEN_REGEX}},
                            {"LOWER": {"IN": scales + ["m", "k"]}, "OP": "?"}],
                           # a compound scale: "Rs 2.77 lakh crore", "3 thousand million"
                           [{"TEXT": {"REGEX": NUMBER_TOKEN_REGEX}}, {"LOWER": {"IN": sorted(N.SCALES)}},
                            {"LOWER": {"IN": sorted(N.SCALES)}}]])
    numbers.add("WORDS", [[{"LOWER": {"IN": number_words}},
                           {"LOWER": {"IN": number_words + sorted(N.SCALES) + ["-", "and"]}, "OP": "*"}]])
    numbers.add("WORDS", [[{"LOWER": {"IN": ["a", "an", "one"]}}, {"LOWER": {"IN": ["dozen"] + sorted(N.SCALES)}},
                           {"LOWER": {"IN": sorted(N.SCALES)}, "OP": "?"}],
                          [{"LOWER": "half"}, {"LOWER": "a"}, {"LOWER": {"IN": sorted(N.SCALES)}}]])
    fractions = sorted(N.FRACTIONS)
    numbers.add("FRACTION", [[{"LOWER": {"IN": number_words + ["a", "one"]}}, {"TEXT": "-", "OP": "?"},
                               {"LOWER": {"IN": fractions}}, {"LOWER": "of"}],
                              [{"LOWER": "half"}, {"LOWER": "of"}]])
    number = {"LOWER": {"IN": number_words}}
    digits = {"TEXT": {"REGEX": r"^\d+$"}}
    out_of_every = [{"LOWER": "out"}, {"LOWER": "of"}, {"LOWER": "every"}]
    numbers.add("ONE_IN", [[number, {"LOWER": "in"}, number], [digits, {"LOWER": "in"}, digits],
                           [number, *out_of_every, number], [digits, *out_of_every, digits]])
    # "a decade ago", "for over a decade", "within a century": a duration stated with the article
    numbers.add("DECADE", [[{"LOWER": {"IN": ["a", "an", "one"]}}, {"LOWER": {"IN": ["decade", "century"]}}],
                           # "the past decade", "over the last century": as long as "a decade"
                           [{"LOWER": {"IN": sorted(_DECADE_LEADS)}}, {"LOWER": {"IN": ["decade", "century"]}}]])
    numbers.add("MULTIPLIER", [[{"LOWER": {"IN": sorted(N.MULTIPLIERS)}}],
                               [{"LOWER": {"REGEX": r"^(?:" + "|".join(number_words) + r")fold$"}}]])

    def money(code: str) -> str:
        return f"money|{'CNY' if code == 'RMB' else code}|1"

    words = [(f"percent|{unit}|1", phrase) for phrase, unit in U.PERCENT_PHRASES.items()]
    words += [(money(code), phrase) for phrase, code in currencies.NAMES.items()]
    words += [(f"measure|{unit}|1", phrase) for phrase, unit in U.MEASURES.items()]
    for word, (unit, mult) in U.DURATIONS.items():
        words += [(f"duration|{unit}|{mult}", f"{mod} {word}".strip()) for mod in ("", *U.DURATION_MODIFIERS)]
    words += [("ratio|ratio|1", phrase) for phrase in U.RATIO_PHRASES]
    units = [phrase_matcher(vocab, "LOWER", words),
             phrase_matcher(vocab, "ORTH", [(money(code), code) for code in currencies.CODES])]
    symbols = [(money(code), sym) for sym, code in currencies.SYMBOLS.items()]
    symbols += [(money(code), code) for code in currencies.CODES]
    symbols += [(money(code), symbol) for symbol, code in currencies.SPACED_SYMBOLS.items()]
    prefixes = [phrase_matcher(vocab, "ORTH", symbols)]
    return {"numbers": [numbers], "units": units, "prefixes": prefixes}


def extract_claims(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per numeric claim in the body paragraphs, in document order."""
    document = analysis.document
    names = _RecurringNames(document.text)
    # each section's label, found once (Document.section_label scans the sections per call)
    labels = {s.section_id: s.label for s in reversed(document.sections)}
    rows: list[dict[str, Any]] = []
    body = list(analysis.body())
    numbers_of = [longest_matches(pb.doc, found) for pb, found in zip(body, _matched_blocks(body, "numbers"))]
    # no figure, no claim: the rest of the matching is done for the blocks with a figure only
    figures = [(pb, numbers) for pb, numbers in zip(body, numbers_of) if numbers]
    figure_blocks = [pb for pb, _ in figures]
    # the other matches of the blocks with a figure, each kind found for all of them at once
    matched = zip(time_matches(figure_blocks), _matched_blocks(figure_blocks, "units"),
                  _matched_blocks(figure_blocks, "prefixes"), qualifier_matches(figure_blocks))
    for (pb, numbers), (block_times, units, prefixes, qualifiers) in zip(figures, matched):
        found = _BlockClaims(pb, numbers, names, block_times, units, prefixes, qualifiers)
        previous_year: int | None = None
        for sent in pb.sentences:
            span = _sentence_span(pb, sent)
            if numbers[-1][1] < span.start:
                break  # no figure in this sentence or after it (the last year read matters no more)
            claims, last_year = found.sentence_claims(span, previous_year)
            previous_year = last_year if last_year is not None else previous_year
            for c in claims:
                rows.append(_row(analysis, pb, sent, c, labels))
    return rows


def _sentence_span(pb: ParsedBlock, sent: Sentence) -> Bounds:
    """The token bounds of ``pb.span_of(sent)``, found by bisection on the tokens' offsets when
    the sentence starts and ends at token edges (as a sentence of the block's own Doc does);
    else by ``Doc.char_span``."""
    starts, words = pb.starts, pb.words
    rel_start = sent.char_start - pb.block.char_start
    rel_end = sent.char_end - pb.block.char_start
    i = bisect.bisect_left(starts, rel_start)
    j = bisect.bisect_left(starts, rel_end, i)
    if i < j and starts[i] == rel_start and starts[j - 1] + len(words[j - 1]) == rel_end:
        return Bounds(i, j)
    span = pb.span_of(sent)
    return Bounds(span.start, span.end)


def _row(analysis: Analysis, pb: ParsedBlock, sent: Sentence, c: Quantity, labels: dict[str, str]) -> dict[str, Any]:
    """The claims.csv row of one claim; ``labels``: the report's section labels by section id."""
    doc = analysis.document
    start = pb.block.char_start + c.start
    end = pb.block.char_start + c.end
    value = float(c.value)
    return {
        "claim_id": stable_id("c", doc.doc_id, start, end, value), "doc_id": doc.doc_id,
        "page": pb.block.page_at(c.start), "section": labels.get(sent.section_id, ""),
        "section_id": sent.section_id, "sentence_id": sent.sentence_id, "sentence": sent.text,
        "surface": doc.text[start:end], "value": value, "unit": c.unit, "kind": c.kind,
        "qualifier": c.qualifier, "year": c.year, "period": c.period, "change": c.change, "subject": c.subject,
        "place": None, "markers": None, "char_start": start, "char_end": end,
    }


def _matched_blocks(blocks: list[ParsedBlock], kind: str) -> list[list[tuple[int, int, int]]]:
    """Per block, the (match_id, start, end) matches of one kind of :func:`_matchers`."""
    return [[m for matcher in _matchers(pb.doc.vocab)[kind] for m in matcher(pb.doc)] for pb in blocks]


#: (match_id, start, end) triples, as spaCy's Matcher gives them.
_Matches = list[tuple[int, int, int]]


class _RecurringNames:
    """Hyphenated durations used as the name of something ("the five-year transitional period").

    A compound such as "three-year initiative" states a duration; the same compound written
    again and again, or once inside quotation marks, names a period or programme instead.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        #: :meth:`is_name` by its arguments: a report writes the same compound again and again.
        self._known: dict[tuple[str, str, str], bool] = {}

    @functools.cached_property
    def text(self) -> str:
        """The report in lower case (made on the first question: most reports ask none)."""
        return self._text.lower()

    @functools.cached_property
    def _quoted(self) -> str:
        """The report's quotations, in lower case."""
        return " ".join(re.findall(r"[\"\u201c\u2018]([^\"\u201d\u2019]{1,120})[\"\u201d\u2019]", self.text))

    def is_name(self, number: str, unit: str, noun: str) -> bool:
        """Whether "<number>-<unit> <noun>" recurs in the report or stands in quotation marks."""
        key = (number, unit, noun)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = self._is_name(number, unit, noun)
        return known

    def _is_name(self, number: str, unit: str, noun: str) -> bool:
        # The word boundary before the number is tested in a lookbehind after it, so that the
        # pattern opens with a literal and the regex engine can skip ahead to its occurrences
        # instead of trying every position of the report.
        number = re.escape(number)
        pattern = re.compile(
            rf"{number}(?<=\b{number})\s*[-\u2010-\u2015]\s*{re.escape(unit)}s?[\s-]+{re.escape(noun)}\b")
        # the search stops at the second occurrence: no need to count them all
        recurs = next(itertools.islice(pattern.finditer(self.text), 1, None), None) is not None
        return recurs or bool(pattern.search(self._quoted))


class _BlockClaims:
    """The matches of one parsed block, and the rules that turn them into claims sentence by sentence."""

    def __init__(self, pb: ParsedBlock, numbers: list[tuple[str, int, int]], names: _RecurringNames,
                 times: _Matches, units: _Matches, prefixes: _Matches, qualifiers: _Matches) -> None:
        """``numbers``: the block's number matches, longest first where they overlap, in text order;
        ``times``, ``units``, ``prefixes``, ``qualifiers``: its (match_id, start, end) matches of
        each kind, found for all the report's blocks at once (see :func:`extract_claims`)."""
        self.pb = pb
        self.doc = d = pb.doc
        self.text = pb.text
        #: The block's token texts, lower-case texts and character offsets (read, not Token objects).
        self.words, self.lowers, self.starts = pb.words, pb.lowers, pb.starts
        self.names = names
        self.numbers = numbers
        self.number_starts = [s for _, s, _ in numbers]
        self.units = {s: (e, label) for label, s, e in longest_matches(d, units, by_start=True)}
        self.prefixes = {e: (s, label) for label, s, e in longest_matches(d, prefixes)}
        self.quoted_titles = quoted_titles(pb)
        self.context = ClaimContext(pb, self.quoted_titles, times, qualifiers)
        #: The last count of the sentences read so far in the block, if no other figure came after it.
        self.last_count: Quantity | None = None

    def sentence_claims(self, span: Bounds, previous_year: int | None) -> tuple[list[Quantity], int | None]:
        """The claims of one sentence, and the last year it names (for "That year, ..." next).

        Numbers are read, excluded or given a unit; bare ones are resolved against the others of
        the sentence; then qualifier, change, year and period, and subject are filled in.
        """
        times = self.context.times(span, previous_year)
        time_tokens = {k for t in times for k in range(t.core, t.j)}
        claims: list[Quantity] = []
        for label, s, e in matches_within(self.numbers, self.number_starts, span):
            for c in self._read_number(label, s, e, span):
                if c.i in time_tokens and c.family is None:
                    continue
                if self._excluded(c, span):
                    continue
                claims.append(c)
        claims = self._resolve(claims, span)
        for c in claims:
            c.qualifier = self.context.qualifier(c)
            c.change = self.context.change(c, span)
        assign_years(claims, times, self.pb)
        for n, c in enumerate(claims):
            c.subject = self.context.subject(c, claims[:n], span)
        self.context.fill_subjects(claims)
        point_years = [t.years[-1] for t in times if t.kind == "point" and t.years]
        counts = [c for c in claims if c.family == "count"]
        self.last_count = counts[-1] if counts else (None if claims else self.last_count)
        return claims, (point_years[-1] if point_years else None)

    def _read_number(self, label: str, s: int, e: int, span: Bounds) -> list[Quantity]:
        """The number(s) a match stands for: one, or two for a glued range ("5–10")."""
        lowers, words, starts = self.lowers, self.words, self.starts
        if label == "DIGITS":
            m = number_token(words[s])
            if m is None:
                return []
            money = bool(m.group("cur")) or s in self.prefixes
            if e - s == 2 and lowers[e - 1] in ("m", "k") and not money:
                e = s + 1  # "5 m" may be metres; only money takes the short scales
            scale = N.scale_value(words[e - 1]) if e - s == 2 else None
            if e - s == 3:  # a compound scale ("lakh crore"), else the first scale word alone
                scale = N.words_value(words[s + 1:e])
                if scale is None:
                    e, scale = s + 2, N.scale_value(words[s + 1])
            suf = m.group("suf")
            if suf and suf != "+":
                if suf.lower() in ("k", "m") and not money:
                    return []
                scale = N.SCALE_ABBREVIATIONS[suf.lower()]
            out = []
            a = Quantity(s, e, starts[s] + m.start("a"), starts[s] + m.end("a"),
                         N.parse_digits(m.group("a")) or Decimal(0), "digits", scale)
            if m.group("b"):
                b = Quantity(s, e, starts[s] + m.start("b"), starts[s] + m.end("b"),
                             N.parse_digits(m.group("b")) or Decimal(0), "digits", scale)
                if scale is not None:
                    a.end = starts[s] + m.end("a")  # the scale is written once, after the second number
                    if a.value < b.value:
                        a.value *= scale
                    b.value *= scale
                    b.end = starts[e - 1] + len(words[e - 1])
                a.j = b.i = s  # neither owns the token after it alone
                a.partners, b.partners = [b], [a]
                out = [a, b]
            else:
                if scale is not None:
                    a.value *= scale
                    a.end = starts[e - 1] + len(words[e - 1]) if e - s >= 2 else starts[s] + len(words[s])
                out = [a]
            if m.group("cur"):
                code = currencies.SYMBOLS.get(m.group("cur")) or ("CNY" if m.group("cur") == "RMB" else m.group("cur"))
                out[0].start = starts[s]
                for c in out:
                    c.family, c.unit = "money", code
            if m.group("pre") in ("~", "≈"):
                for c in out:
                    c.qualifier = "approximate"
            if m.group("pre") in ("-", "\u2212") and not m.group("b"):
                out[0].value = -out[0].value  # "-2.1%"
                out[0].start -= 1
            if suf == "+":
                for c in out:
                    c.qualifier = "at_least"
            for c in out:
                c.right = e
            return out
        if label == "WORDS":
            return self._read_words(s, e)
        if label == "DECADE":
            unit, years = U.DURATIONS[lowers[e - 1]]
            if lowers[s] in _DECADE_LEADS:
                if e < span.end and lowers[e] == "of":
                    return []  # "the last decade of the century": a period
                s = e - 1  # the surface is the noun: "the past decade" -> "decade"
            c = Quantity(s, e, starts[s], starts[e - 1] + len(words[e - 1]), Decimal(years), "words",
                         family="duration", unit=unit)
            c.right = e
            return [c]
        if label == "MULTIPLIER":
            return self._read_multiplier(s, span)
        if label == "ONE_IN":
            # "one in five households": a pair of counts, two rows, as SPEC's "22 out of 23 key
            # counties"; with no counted noun after it ("one in five"), a ratio; and no figure at all
            # when the second number is a year ("3 in 2020")
            a, b = words[s], words[e - 1]
            va = N.parse_decimal(a)
            vb = N.parse_decimal(b)
            if va is None or vb is None or not 0 < va < vb or N.is_year(vb, b):
                return self._read_number("DIGITS" if a[0].isdigit() else "WORDS", s, s + 1, span)
            kind_a, kind_b = ("digits" if a[0].isdigit() else "words"), ("digits" if b[0].isdigit() else "words")
            if counted_noun(self.pb, e, span) is not None:
                first = Quantity(s, s + 1, starts[s], starts[s] + len(a), va, kind_a)
                second = Quantity(e - 1, e, starts[e - 1], starts[e - 1] + len(b), vb, kind_b)
                first.right, second.right = s + 1, e
                first.partners, second.partners = [second], [first]
                return [first, second]
            c = Quantity(s, e, starts[s], starts[e - 1] + len(b), va / vb, kind_a, family="ratio", unit="ratio")
            c.right = e
            return [c]
        if label == "FRACTION":
            value = N.fraction_value(words[s:e - 1])
            if value is None:
                return []
            c = Quantity(s, e - 1, starts[s], starts[e - 2] + len(words[e - 2]), value, "words",
                         family="ratio", unit="ratio")
            c.right = e - 1
            return [c]
        return []

    def _read_words(self, s: int, e: int) -> list[Quantity]:
        """Split a run of number words into numbers: "two" "to" "three" are two, "twenty-five" is one."""
        texts, lowers, starts = self.words, self.lowers, self.starts
        out: list[Quantity] = []
        k = s
        while k < e:
            best = None
            for stop in range(e, k, -1):
                words = texts[k:stop]
                if words[-1].lower() in ("and", "-"):
                    continue
                value = N.words_value(words)
                if value is not None:
                    best = (stop, value)
                    break
            if best is None:
                k += 1
                continue
            stop, value = best
            scale = next((N.SCALES[w] for w in reversed(lowers[k:stop]) if w in N.SCALES and w != "hundred"), None)
            end = starts[stop - 1] + len(texts[stop - 1])
            c = Quantity(k, stop, starts[k], end, Decimal(value), "words", scale)
            c.right = stop
            out.append(c)
            k = stop
        return out

    def _read_multiplier(self, s: int, span: Bounds) -> list[Quantity]:
        """"double", "twice": a ratio when it compares ("more than double that of adults")."""
        doc = self.doc
        tok = doc[s]
        nxt = doc[s + 1] if s + 1 < span.end else None
        prev = self.lowers[max(span.start, s - 2):s]
        value = N.MULTIPLIERS.get(tok.lower_) or N.words_value([tok.lower_[:-4]])
        comparing = tok.lower_.endswith("fold") or nxt is None or nxt.lower_ in _RATIO_FOLLOWERS or nxt.is_punct \
            or " ".join(prev) in ("more than", "less than") or (prev and prev[-1] in (
                "nearly", "almost", "about", "over", "roughly"))
        if nxt is not None and nxt.lower_ == "as" and tok.lower_ != "twice" \
                and "as" not in self.lowers[s + 2:min(span.end, s + 5)]:
            comparing = False  # "rivers that double as sewers": the verb; but "double as much as"
        # "has doubled since 2000" is the verb of a change and left out; bounded, "more than doubled" or
        # "nearly tripled" states the ratio as "more than double" does
        bounded = " ".join(prev) in ("more than", "less than", "well over", "just over", "just under") or bool(
            prev and prev[-1] in ("nearly", "almost", "about", "over", "roughly", "approximately", "around"))
        if tok.lower_.endswith("ed"):
            comparing = bounded
        if not value or not comparing or (nxt is not None and nxt.text in DASHES):
            return []
        c = Quantity(s, s + 1, tok.idx, tok.idx + len(tok.text), Decimal(value), "words", family="ratio",
                     unit="ratio")
        if tok.lower_ in ("twice", "thrice") and not bounded and (nxt is None or nxt.lower_ not in _RATIO_FOLLOWERS
                                                                  or nxt.text == "."):
            c.family, c.unit = "count", "time"  # "cut back twice": a count of occasions, not a ratio
        c.right = s + 1
        return [c]

    def _excluded(self, c: Quantity, span: Bounds) -> bool:
        """Whether a number is no claim: inside a quoted title, a denominator, a year or date, a
        label ("Chapter 3"), a code ("5G", "NUTS 2"), part of a name, an ordinal phrase, a hyphenated
        modifier ("one-time"). Attaches the unit on the way (several rules depend on it).

        The rules read the block's word lists, not spaCy Tokens (see :func:`is_punct`)."""
        if any(a <= c.i < b for a, b in self.quoted_titles):
            return True
        if c.i > span.start and self.lowers[c.i - 1] == "per":
            return True  # a denominator: "per 100,000 people"
        if c.family is None:
            self._attach_unit(c, span)
        if c.family == "skip":
            return True
        return self._excluded_digits(c, span) if c.kind == "digits" else self._excluded_words(c, span)

    def _excluded_digits(self, c: Quantity, span: Bounds) -> bool:
        words, lowers = self.words, self.lowers
        # the texts and lower-case texts of the words before and after the number
        prev = words[c.i - 1] if c.i > span.start else None
        prev_lower = lowers[c.i - 1] if c.i > span.start else None
        nxt = words[c.j] if c.j < span.end else None
        nxt_lower = lowers[c.j] if c.j < span.end else None
        bare = c.family in (None, "count")
        text = self.text[c.start:c.end]
        if c.i == span.start and _SECTION_NUMBER.fullmatch(text) and (nxt is None or nxt.istitle()):
            return True  # a section number left in the text: "2.1 Droughts, floods and heat" (or split off)
        if bare and prev is not None and prev.isupper() and prev.isalpha() and len(prev) >= 2 \
                and prev not in currencies.CODES:
            return True  # part of a code or name: "NUTS 2 regions", "CC BY 3.0", "PM 2.5"
        if bare and c.scale is None and _VERSION_NUMBER.fullmatch(text) and _after_name(self.pb, c.i, span):
            return True  # a version after a programme's name: "Swachh Bharat Mission (Urban) 2.0"
        if bare and c.scale is None and N.is_year(c.value, text) \
                and self.context.qualifiers.get(c.i) is None:
            return True  # "in 2024", "2025 marks", "the 2030 Sustainable Development Goals"
        if bare and c.scale is None and _is_day(self.pb, c, span):
            return True  # "November 18", "18 November"
        if prev is not None and prev_lower.rstrip(".") in LABEL_WORDS and (
                bare or prev.istitle() or prev_lower in ("no", "no.", "nos", "p", "pp", "vol")):
            return True  # "Chapter 3", "Goal 1", "phase 2 projects"
        if bare and c.scale is None and _named_label(self.pb, c, span, text):
            return True  # "Proposition 13 limits ...", "Article 50 talks", "Route 66"
        if bare and c.i == span.start and _heading_line(self.pb, c, span):
            return True  # a section or contents line left in the text: "7 Conclusions and recommendations"
        if _glued_code(self.pb, c, span):
            return True  # "5G"
        if c.family is None:
            if nxt is not None and nxt_lower in ("a.m.", "p.m.", "am", "pm", "o'clock", "hrs"):
                return True  # a time of day
            if c.value <= 20 and c.scale is None and (
                    prev is not None and prev == "(" and nxt is not None and nxt == ")"
                    or c.i == span.start and nxt is not None and nxt in (".", ")")):
                return True  # an item number: "(1) improving ...", "2) ..."
            if prev is not None and prev == "[" and nxt is not None and nxt == "]":
                return True  # a reference number: "[12]"
            # a bare number in a capitalised name: "Fortune 500", "COP 28", "Group of 77"
            capital_before = (prev is not None and prev.isalpha() and prev[:1].isupper()
                              and c.i - 1 != span.start and prev_lower not in qualifier_words())
            capital_after = nxt is not None and nxt.isalpha() and nxt.istitle() and nxt_lower not in (
                "in", "by", "as", "from")
            name_of = (prev is not None and prev_lower == "of" and c.i - 2 > span.start
                       and words[c.i - 2].istitle() and not sent_start(self.pb, c.i - 2))
            return capital_before or capital_after or name_of
        return False

    def _excluded_words(self, c: Quantity, span: Bounds) -> bool:
        words, lowers = self.words, self.lowers
        first = lowers[c.i]
        prev = lowers[c.i - 1] if c.i > span.start else None  # lower-case
        nxt = words[c.j] if c.j < span.end else None
        if words[c.i][:1].isupper() and (c.i != span.start or (nxt is not None and nxt.istitle())):
            return True  # part of a name: "Two Assurances and Three Guarantees", "Three Gorges"
        if prev is not None and prev in _ORDINALS:
            return True  # "the first three quarters" is a period, "the second two" an ordinal phrase
        if first == "one" and c.j == c.i + 1 and any(
                w in _PRONOUN_DETERMINERS for w in lowers[max(span.start, c.i - 2):c.i]):
            return True  # the pronoun: "the previous one", "a new one", "every one of"
        if prev is not None and prev in ("these", "those"):
            return True  # "these two works": the pair just named, not a new figure
        if prev is not None and prev in ("the", "all") and c.family != "duration":
            return True  # "the two pilot villages", "all three countries": a reference back to things counted
        if first == "one" and c.j == c.i + 1 and _contrast_follows(self.pb, c.j, span):
            return True  # "a deficit in one year must be recovered in the next": "one" as a determiner
        if c.family == "ratio":
            return False
        if nxt is not None and lowers[c.j] == "of" and c.scale is None and not _range_follows(self.pb, c.j, span) \
                and c.family is None and not _of_them(self.pb, c, span):
            return True  # "one of the", "one of them" (but "six of the 11 countries" is a pair, "six of
            # them" counts what "them" stands for, "three of the plants" counts plants)
        return False  # a bare number word stays only if _resolve finds it a unit ("two to three sectors")

    def _attach_unit(self, c: Quantity, span: Bounds) -> None:
        """The unit written with the number: a currency before it, or a unit or counted noun after it."""
        lowers, words = self.lowers, self.words
        pre = self.prefixes.get(c.i)
        if pre is not None and c.family is None:
            s, label = pre
            c.family, c.unit, _ = label.split("|")
            c.start = self.starts[s]
        k = c.j
        # "5,000+ workers", "1,000-plus wells", "50-odd villages"
        if k < span.end and words[k] == "+" and not spaced(self.pb, k - 1):
            c.qualifier, k = "at_least", k + 1
        elif k + 1 < span.end and words[k] in DASHES and lowers[k + 1] in ("plus", "odd"):
            c.qualifier, k = ("at_least" if lowers[k + 1] == "plus" else "approximate"), k + 2
        hyphen = k < span.end and words[k] in DASHES and k + 1 < span.end
        if hyphen:
            k += 1
            if NUMBER_TOKEN.match(words[k]) or lowers[k] in N.NUMBER_WORDS:
                return  # a range "5-10"; the partner gives the unit
        unit = self.units.get(k)
        if unit is not None:
            end, label = unit
            family, name, mult = label.split("|")
            if c.family == "money" and family != "money":
                return
            if hyphen and family != "duration" and family != "measure" and name != "ratio":
                c.family = "skip"
                return
            if hyphen and family == "duration" and not self._duration_compound_states(c, k, span):
                c.family = "skip"
                return
            if family == "duration" and _period_of_year(self.pb, c.i, end, span):
                c.family = "skip"  # "the first three quarters of 2024": a period, not a claim
                return
            if name == "ratio" and lowers[k] == "times" and c.value == int(c.value) and not (
                    end < span.end and lowers[end] in U.TIMES_FOLLOWERS):
                # "visited three times": occasions; but "2.5 times", a fraction, can only compare
                family, name = "count", "time"
            c.family, c.unit = family, name
            c.value *= int(mult)
            c.end = self.starts[end - 1] + len(words[end - 1])
            c.right = end
            return
        if c.family is not None:
            return
        if hyphen:
            c.family = "skip"  # "one-time", "three-tiered", "100-Day": a modifier or a name
            return
        if k + 1 < span.end and lowers[k] == "per" and NUMBER_TOKEN.match(words[k + 1]):
            c.family, c.unit = "ratio", "ratio"  # a rate: "5.4 per 1,000 live births"
            return
        if k + 1 < span.end and (lowers[k], lowers[k + 1]) in POST_QUALIFIERS:
            c.qualifier, k = POST_QUALIFIERS[lowers[k], lowers[k + 1]], k + 2  # "four or more members"
        if k + 1 < span.end and lowers[k] == "head" and lowers[k + 1] == "of":
            c.family, c.unit, c.right = "count", "head", k + 1  # "13 million head of livestock"
            return
        if k < span.end and lowers[k] in ("cents", "cent") and c.family is None:
            c.family, c.unit, c.value, c.right = "money", None, c.value / 100, k + 1  # currency: see _resolve
            c.end = self.starts[k] + len(words[k])
            return
        unit = _written_unit(self.pb, k, span)
        if unit is not None:
            if c.i > span.start and words[c.i - 1].istitle() and c.i - 1 != span.start:
                c.family = "skip"  # a version in a name: "Attribution 3.0 IGO"
                return
            end, c.unit = unit
            c.family, c.right = ("count" if "/" not in c.unit else "measure"), end
            c.end = self.starts[end - 1] + len(_symbol_text(words[end - 1]) or words[end - 1])
            return
        qualified = self.context.qualifiers.get(self.context.surface_start(c)) is not None or (
            c.i > span.start and lowers[c.i - 1] in _SINGLE_BOUNDS)
        if c.value == 1 and k + 1 < span.end and lowers[k] == "such" and words[k + 1].isalpha():
            k, qualified = k + 1, True  # "only one such notice"
        noun = counted_noun(self.pb, k, span, singular=c.value == 1 and qualified)
        if noun is not None:
            first, head, end = noun
            c.family, c.unit, c.noun, c.right = "count", _count_unit(self.pb, head), (first, head), end
            abbreviation = _abbreviation_after(self.pb, end, span)
            if abbreviation:
                c.unit = abbreviation  # "64 tropical livestock units (TLU)", so that "21 TLU" agrees
            return
        noun = _part_of(self.pb, c, k, span)
        if noun is not None:  # "operate 42 of the plants": the number counts the plants
            first, head, end = noun
            c.family, c.unit, c.noun, c.right = "count", _count_unit(self.pb, head), (first, head), end

    def _duration_compound_states(self, c: Quantity, unit_tok: int, span: Bounds) -> bool:
        """"a three-year initiative" states a duration; "nine-year compulsory education" and a
        recurring "five-year transitional period" name something."""
        words, lowers = self.words, self.lowers
        article = False
        for k in range(c.i - 1, max(span.start, c.i - 3) - 1, -1):
            if lowers[k] in ("a", "an"):
                article = True
                break
            if not words[k].isalpha() or lowers[k] in FUNCTION_WORDS:
                break
        if not article:
            return False
        noun = lowers[unit_tok + 1] if unit_tok + 1 < span.end else ""
        return not self.names.is_name(span_text(self.pb, c.i, c.j).lower(), lowers[unit_tok].rstrip("s"), noun)

    def _resolve(self, claims: list[Quantity], span: Bounds) -> list[Quantity]:
        """Give bare numbers a unit (see :meth:`_resolve_bare`); bare numbers that stay without one
        are no claims. Amounts in cents take the currency of the sentence."""
        _link_partners(self.doc, self.lowers, claims)
        for c in claims:
            _take_partner_unit(c)
        for n, c in enumerate(claims):
            if c.family is None:
                self._resolve_bare(c, claims[:n], claims[n + 1:], span)
        for c in claims:
            _take_partner_unit(c)  # both bare, one resolved since
            if c.family == "money" and c.unit is None:
                # "every €1 ... was matched by only 55 cents": the currency of the sentence
                c.unit = next((o.unit for o in claims if o.family == "money" and o.unit and o.i < c.i), "USD")
        return [c for c in claims if c.family not in (None, "skip") and c.unit]

    def _resolve_bare(self, c: Quantity, before: list[Quantity], after: list[Quantity], span: Bounds) -> None:
        """The unit of a number written bare, from what it refers to, in order: the noun it was
        brought to or from ("cut reported clashes to three"); "the number of X"; for an elliptical
        number closing a clause, the duration before it ("spend in five years what used to take ten");
        the figure it is compared with ("0.7 dollars ..., against 1.4"); a ratio or index word; an
        age ("residents over 65"); a population ("the population will reach 1.4 billion"); the noun
        it stands beside in brackets ("MPI-poor people (566 million)"); for a decimal, a ratio; the
        count it refers back to (or, in brackets or with a scale, forward to); the plural subject
        of the verb stating it ("disputes rose to 1,270")."""
        lowers, words = self.lowers, self.words
        i = c.i
        prev = lowers[i - 1] if i > span.start else ""
        if prev == "of" and i - 2 >= span.start and lowers[i - 2] == "factor":
            c.family, c.unit = "ratio", "ratio"  # "oversampled by a factor of three"
            return
        if _of_them(self.pb, c, span):
            # "14 utilities ..., and six of them": what "them" stands for, the first count of the
            # sentence large enough to hold the part ("520 districts, which served 15 million people;
            # fewer than 100 of them" counts districts)
            whole = next((o for o in before if o.family == "count" and o.value > c.value), None)
            if whole is not None:
                c.family, c.unit, c.ref = "count", whole.unit, whole
                return
        if prev in ("to", "from") and i - 2 >= span.start and _object_noun(words[i - 2], lowers[i - 2]):
            c.family, c.unit, c.noun = "count", _count_unit(self.pb, i - 2), (i - 2, i - 2)
            return
        noun = _number_of(self.pb, span.start, i)
        if noun is not None and c.kind == "digits":
            c.family, c.unit = "count", _count_unit(self.pb, noun)
            return
        known = [o for o in before if o.family not in (None, "skip")]
        duration = known[-1] if known and known[-1].family == "duration" else None
        if duration is not None and c.scale is None and c.value <= 100 and (c.j >= span.end or is_punct(words[c.j])) \
                and not any(map(is_punct, words[duration.right:i])):
            c.family, c.unit, c.ref = "duration", duration.unit, duration
            return
        # the figure it is compared with: "17 of the 41 utilities ..., against nine in 2020" (a number
        # word after "than" is a bound, "more than three", not a comparison)
        compared = prev in ("against", "versus", "vs", "vs.") or (prev == "than" and c.kind == "digits") or (
            prev in ("with", "to") and i - 2 >= span.start and lowers[i - 2] == "compared")
        compared_with = next((o for o in reversed(before) if o.family not in (None, "skip")), None)
        if compared and compared_with is not None:
            c.family, c.unit, c.ref = compared_with.family, compared_with.unit, compared_with
            return
        elliptical = c.j >= span.end or is_punct(words[c.j]) and words[c.j] not in DASHES
        if c.kind == "words":
            if elliptical and self.last_count is not None and _existential(self.pb, i, span):
                # "Only one such notice was issued ... Since 2018 there have been eleven, ..."
                c.family, c.unit, c.ref = "count", self.last_count.unit, self.last_count
            return
        if any(w in RATIO_WORDS for w in lowers[span.start:i]):
            c.family, c.unit = "ratio", "ratio"
            return
        if _is_age(self.pb, c, span):
            c.family, c.unit = "duration", "year"
            return
        if any(w in U.POPULATION_NOUNS for w in lowers[clause_start(self.pb, span, i):i]):
            c.family, c.unit = "count", "person"
            return
        if i - 2 >= span.start and prev == "(" and U.looks_plural(lowers[i - 2]):
            c.family, c.unit = "count", _count_unit(self.pb, i - 2)
            return
        if "." in words[i] and c.scale is None:
            c.family, c.unit = "ratio", "ratio"
            return
        antecedent = next((o for o in reversed(before) if o.family == "count"), None)
        if antecedent is None and (c.scale or prev == "("):
            antecedent = next((o for o in after if o.family == "count"), None)
        if antecedent is not None:
            c.family, c.unit, c.ref = "count", antecedent.unit, antecedent
            return
        head = _subject_head(self.pb, span, i)
        if head is not None:
            c.family, c.unit = "count", _count_unit(self.pb, head)
            return
        if elliptical and c.scale is None and self.last_count is not None and not any(
                o.family not in (None, "skip") for o in before):
            # a figure closing its sentence with its noun left out refers back to the count of the
            # sentence before: "653,100 people were counted ... Los Angeles alone accounted for more than 75,000."
            c.family, c.unit, c.ref = "count", self.last_count.unit, self.last_count


def quoted_titles(pb: ParsedBlock) -> list[tuple[int, int]]:
    """Token spans inside quotation marks that read as a title or name ("10,000 Enterprises
    Helping 10,000 Villages"), not as quoted speech ("Our harvests in the past two years ...")."""
    # Read from the block's word lists, not from a Token object per word (IS_ALPHA is str.isalpha).
    words, lowers = pb.words, pb.lowers
    opening = pb.positions(QUOTES_OPEN)
    if not opening:
        return []
    closing = pb.positions(QUOTES_CLOSE)  # found for the whole report at once, as the openings
    starts = pb.starts
    n = len(words)
    out: list[tuple[int, int]] = []
    resume = 0  # after a quotation, the next one opens past its closing quote
    for k in opening:
        if k < resume or words[k] == "'" and k > 0 and starts[k] == starts[k - 1] + len(words[k - 1]):
            continue  # a closing apostrophe glued to its word ("farmers'")
        # the first closing quote after the opening one, within 39 tokens
        at = bisect.bisect_right(closing, k)
        if at == len(closing) or closing[at] >= min(n, k + 40):
            continue
        close = closing[at]
        inner, inner_lowers = words[k + 1:close], lowers[k + 1:close]
        alpha = [(word, low) for word, low in zip(inner, inner_lowers) if word.isalpha()]
        content = [word for word, low in alpha[1:] if low not in FUNCTION_WORDS]
        capitals = sum(1 for word in content if word[:1].isupper())
        lower_case = sum(1 for word in content if word.islower())
        has_number = any(NUMBER_TOKEN.match(word) or low in N.NUMBER_WORDS for word, low in zip(inner, inner_lowers))
        if (capitals >= lower_case and (capitals or has_number)) or (has_number and len(alpha) <= 6):
            out.append((k + 1, close))
        resume = close + 1
    return out


def _contrast_follows(pb: ParsedBlock, k: int, span: Bounds) -> bool:
    """Whether "the next", "the other" or "another" follows in the sentence: "one ... the other"."""
    words = pb.lowers[k:span.end]
    return "another" in words or any(a == "the" and b in ("next", "other", "following")
                                     for a, b in zip(words, words[1:]))


#: Words before "one" that make the noun right after it the counted one: "only one notice".
_SINGLE_BOUNDS = frozenset({"only", "just", "exactly", "single"})
#: Forms of "be" after "there" that introduce an elliptical count: "there have been eleven".
_EXISTENTIAL_BE = frozenset({"is", "are", "was", "were", "been", "be"})


def _existential(pb: ParsedBlock, i: int, span: Bounds) -> bool:
    """Whether token ``i`` follows "there is/are/was/were/have been" (a qualifier may stand between)."""
    lowers = pb.lowers
    k = i - 1
    while k > span.start and lowers[k] in qualifier_words():
        k -= 1
    if k <= span.start or lowers[k] not in _EXISTENTIAL_BE:
        return False
    back = lowers[max(span.start, k - 3):k]
    return "there" in back


#: Determiners that make "one" after them (maybe past an adjective) a pronoun: "the previous one".
_PRONOUN_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "each", "every", "another", "any", "which",
                                  "no", "its", "their"})
#: Determiners after "N of" before the noun the number counts a part of: "42 of the plants".
_PART_DETERMINERS = frozenset({"the", "these", "those", "its", "their", "our", "his", "her", "your", "all"})
#: Pronouns after "N of" that stand for counted things named before: "six of them".
_PART_PRONOUNS = frozenset({"them", "these", "those"})


def _part_of(pb: ParsedBlock, c: Quantity, k: int, span: Bounds) -> tuple[int, int, int] | None:
    """The counted noun of a part: "42 of the plants" -> plants (not "one of the most ...", not a
    pair "17 of the 41 utilities", which the partner resolves)."""
    lowers = pb.lowers
    if c.value <= 1 or c.scale is not None or k + 2 >= span.end or lowers[k] != "of" \
            or lowers[k + 1] not in _PART_DETERMINERS or _range_follows(pb, k, span):
        return None
    return counted_noun(pb, k + 2, span)


def _of_them(pb: ParsedBlock, c: Quantity, span: Bounds) -> bool:
    """"six of them", "100 of these": a part of things counted before (not "one of them")."""
    doc, lowers = pb.doc, pb.lowers
    k = c.j
    return (c.value > 1 and k + 1 < span.end and lowers[k] == "of" and lowers[k + 1] in _PART_PRONOUNS
            and (k + 2 >= span.end or not doc[k + 2].is_alpha or lowers[k + 2] in FUNCTION_WORDS
                 or verb_like(doc[k + 2]) or not U.looks_plural(lowers[k + 2])))


def _after_name(pb: ParsedBlock, i: int, span: Bounds) -> bool:
    """Whether token ``i`` follows a capitalised name, or a bracketed qualifier of one: "Vision 2.0",
    "Swachh Bharat Mission (Urban) 2.0"."""
    words, lowers = pb.words, pb.lowers
    k = i - 1
    if k > span.start and words[k] == ")":
        opening = next((m for m in range(k - 1, max(span.start, k - 6) - 1, -1) if words[m] == "("), None)
        if opening is None:
            return False
        k = opening - 1
    return (k > span.start and words[k].isalpha() and words[k][:1].isupper()
            and lowers[k] not in qualifier_words())


#: Words before a capitalised word that make it a place or an owner, not a label: "in Texas 254 counties".
_PLACE_LEADS = frozenset({"in", "across", "throughout", "within", "for", "of", "from", "to", "and", "at", "outside",
                          "inside", "near"})


#: "2.1" (a section number), "2.0" (a version) and "66" (a label's number), as the rules test them.
_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)+")
_VERSION_NUMBER = re.compile(r"\d{1,2}\.\d{1,2}")
_SMALL_WHOLE = re.compile(r"\d{1,3}")


def _named_label(pb: ParsedBlock, c: Quantity, span: Bounds, text: str) -> bool:
    """A bare whole number written right after a capitalised word inside a sentence names a thing:
    "Proposition 13", "Article 50", "Route 66" (not a month, unit or currency; not a qualifier; a
    count such as "Texas 254 counties" after a preposition keeps its place name)."""
    words, lowers = pb.words, pb.lowers
    k = c.i - 1  # the word before the number
    if c.i <= span.start or k == span.start or sent_start(pb, k) or not words[k].isalpha() \
            or not words[k].istitle() or not spaced(pb, k) or not _SMALL_WHOLE.fullmatch(text):
        return False
    word = lowers[k]
    if word in MONTH_WORDS or word in U.MEASURES or word in currencies.NAMES or word in qualifier_words() \
            or word in FUNCTION_WORDS or U.DURATIONS.get(word) is not None:
        return False
    if c.family == "count" and k - 1 >= span.start and (lowers[k - 1] in _PLACE_LEADS or words[k - 1].istitle()):
        return False
    return True


def _heading_line(pb: ParsedBlock, c: Quantity, span: Bounds) -> bool:
    """A sentence that is a numbered heading or contents line: a small whole number, then a
    capitalised title and no sentence punctuation at the end (or dot leaders)."""
    words = pb.words
    nxt = words[c.j] if c.j < span.end else None
    if nxt is None or not nxt.istitle() or not nxt.isalpha() or c.value > 99 or c.value != int(c.value):
        return False
    last = words[span.end - 1]
    leaders = pb.words[c.j:span.end].count(".") >= 3
    return leaders or last not in (".", "!", "?", ":", ";", ")", "\u201d", '"')


def _is_day(pb: ParsedBlock, c: Quantity, span: Bounds) -> bool:
    """A day of the month next to a month name: "November 18", "18 November"."""
    lowers = pb.lowers
    if not (1 <= c.value <= 31) or c.value != int(c.value):
        return False
    prev = lowers[c.i - 1] if c.i > span.start else ""
    nxt = lowers[c.j] if c.j < span.end else ""
    nxt2 = lowers[c.j + 1] if c.j + 1 < span.end else ""
    return prev in MONTH_WORDS or nxt in MONTH_WORDS or (nxt == "of" and nxt2 in MONTH_WORDS)


def _glued_code(pb: ParsedBlock, c: Quantity, span: Bounds) -> bool:
    """A number glued to letters: "5G", "4K", "F-16" style codes and model numbers (read from the
    block's word lists: ``str.isalpha`` and ``str.isupper`` are spaCy's IS_ALPHA and IS_UPPER)."""
    words, lowers = pb.words, pb.lowers
    if c.j < span.end and not spaced(pb, c.j - 1) and words[c.j].isalpha() and lowers[c.j] not in (
            "s",) and c.family in (None, "count") and not lowers[c.j] in U.MEASURES:
        return True
    if c.i > span.start and not spaced(pb, c.i - 1) and words[c.i - 1].isalpha():
        return True
    return (c.i > span.start + 1 and words[c.i - 1] in DASHES and not spaced(pb, c.i - 2)
            and not spaced(pb, c.i - 1) and words[c.i - 2].isalpha() and words[c.i - 2].isupper())


def _period_of_year(pb: ParsedBlock, start: int, end: int, span: Bounds) -> bool:
    """A duration that is part of a period: "the first 10 months of 2024", "the first three quarters"."""
    lowers = pb.lowers
    if start > span.start and lowers[start - 1] in ("first", "last", "initial", "final", "opening"):
        return True
    return end + 1 < span.end and lowers[end] == "of" and (
        is_year_word(pb.words[end + 1]) or lowers[end + 1] in MONTH_WORDS)


def _take_partner_unit(c: Quantity) -> None:
    """A bare number takes the unit of its range or pair partner ("two to three sectors"), and
    its scale when it is the smaller first figure ("two to three million")."""
    if c.family is not None:
        return
    other = next((o for o in c.partners if o.family not in (None, "skip")), None)
    if other is None:
        return
    c.family, c.unit, c.ref = other.family, other.unit, other
    if other.i > c.i and c.scale is None and other.scale and c.value < other.value / other.scale:
        c.value *= other.scale
        c.scale = other.scale


def _object_noun(word: str, w: str) -> bool:
    """A plural noun a bare number was brought to or from: "cut reported clashes to three"
    (``word`` and ``w``: a token's text and lower-case text)."""
    return (word.isalpha() and U.looks_plural(w) and w not in FUNCTION_WORDS and w not in STATING_VERBS
            and w not in UP_WORDS and w not in DOWN_WORDS)


def _is_age(pb: ParsedBlock, c: Quantity, span: Bounds) -> bool:
    """An age: "people aged 60", "residents over 65 now outnumber those under 20"."""
    lowers = pb.lowers
    if c.scale is not None or c.value != int(c.value) or not 0 < c.value <= 120 or c.i - 1 < span.start:
        return False
    prev = lowers[c.i - 1]
    if prev in ("aged", "age", "ages"):
        return True
    if prev not in ("over", "under", "above", "below") or c.i - 2 < span.start:
        return False
    who = lowers[c.i - 2]
    return who in ("those", "people", "persons") or U.is_person(who) and U.looks_plural(who)


def _subject_head(pb: ParsedBlock, span: Bounds, i: int) -> int | None:
    """The plural head noun of the subject of a verb that states the bare number at ``i``:
    "Disputes rose to 1,270" -> Disputes; none for "the income of residents reached 5,000"."""
    lowers = pb.lowers
    k = i - 1
    while k > span.start and (lowers[k] in ("to", "at", "by", "a", "an") or lowers[k] in qualifier_words()):
        k -= 1
    if k <= span.start or lowers[k] not in STATING_VERBS:
        return None
    start = clause_start(pb, span, k)
    kept = [m for m in range(start, k) if lowers[m] not in ("has", "have", "had", "been", "will")]
    stop = next((n for n, m in enumerate(kept) if lowers[m] in FUNCTION_WORDS and n > 0), len(kept))
    head = kept[stop - 1] if stop else None
    return head if head is not None and pb.words[head].isalpha() and U.looks_plural(lowers[head]) else None


def _written_unit(pb: ParsedBlock, k: int, span: Bounds) -> tuple[int, str] | None:
    """A unit written as a symbol after a number: a rate such as "dS/m", "km/h" or "mg/l" (its last
    part may carry the sentence's full stop: "below 1 mg/l."), or an upper-case abbreviation such
    as "21 TLU" or "150 MGD treatment plant" (not a currency, not a time of day; but "242 NUTS 2
    regions" counts regions). Read from the block's word lists; a Token is made only for IS_PUNCT."""
    words, lowers = pb.words, pb.lowers
    if k >= span.end:
        return None
    w = words[k]
    if not w.isalpha() or not spaced(pb, k - 1) and k > span.start and words[k - 1].isdigit():
        return None
    if k + 2 < span.end and words[k + 1] == "/" and not spaced(pb, k) and not spaced(pb, k + 1):
        denominator = _symbol_text(words[k + 2])
        if denominator and len(w) <= 4 and len(denominator) <= 4:
            return k + 3, f"{lowers[k]}/{denominator.lower()}"
    last = k + 1 >= span.end
    if w.isupper() and 2 <= len(w) <= 6 and w not in currencies.CODES and lowers[k] not in ("am", "pm") \
            and (last or is_punct(words[k + 1]) or lowers[k + 1] in FUNCTION_WORDS
                 or counted_noun(pb, k, span) is None):
        return k + 1, U.singular(lowers[k])  # "21 TLU in 2023"
    return None


def _symbol_text(word: str) -> str:
    """The letters of a unit symbol's text, less a full stop glued to it ("l." at a sentence end)."""
    text = word[:-1] if word.endswith(".") else word
    return text if text.isalpha() else ""


def _abbreviation_after(pb: ParsedBlock, k: int, span: Bounds) -> str | None:
    """An abbreviation defined right after a counted noun phrase: "tropical livestock units (TLU)"."""
    words, lowers = pb.words, pb.lowers
    if k + 2 < span.end and words[k] == "(" and words[k + 2] == ")" and words[k + 1].isupper() \
            and words[k + 1].isalpha() and 2 <= len(words[k + 1]) <= 6:
        return U.singular(lowers[k + 1])
    return None


def _count_unit(pb: ParsedBlock, i: int) -> str:
    """The unit of a count from its head noun, token ``i``; a hyphenated head keeps its first
    part ("mini-grid")."""
    words, lowers = pb.words, pb.lowers
    unit = U.count_unit(lowers[i])
    if unit != "person" and i >= 2 and words[i - 1] in DASHES and not spaced(pb, i - 1) \
            and not spaced(pb, i - 2) and words[i - 2].isalpha():
        return f"{lowers[i - 2]}-{unit}"
    return unit


def _number_of(pb: ParsedBlock, start: int, i: int) -> int | None:
    """The head of "the number of X" (or "total of X") before token ``i``, if the sentence has one."""
    lowers = pb.lowers
    for k in range(i - 2, start - 1, -1):
        if lowers[k] == "of" and k > start and lowers[k - 1] in ("number", "numbers", "count", "total"):
            sub = Bounds(k + 1, i)
            noun = counted_noun(pb, k + 1, sub, limit=5)
            if noun is not None:
                return noun[1]
    return None


def _link_partners(doc: Doc, lowers: list[str], claims: list[Quantity]) -> None:
    """Ranges and pairs: "two to three sectors", "22 out of 23 counties", "from 553 in 2020 to 797".
    ``lowers``: the Doc's lower-case token texts."""
    for n in range(len(claims) - 1):
        a, b = claims[n], claims[n + 1]
        if b in a.partners:
            continue
        # qualifiers inside a pair do not break it: "18,000 of the roughly 540,000 households"
        between = tuple(w for w in lowers[a.right if a.family else a.j:b.i] if w not in _PAIR_QUALIFIERS)
        # "22 of Brazil's 26", "226 of the country's 391"
        possessive = (3 <= len(between) <= 5 and between[0] == "of" and between[-1] in ("'s", "\u2019s")
                      and all(t.is_alpha and t.lower_ not in STATING_VERBS
                              for t in doc[b.i - len(between) + 1:b.i - 1]))
        if between in _RANGE_LINKS or possessive or (between and between[0] in ("in",) and between[-1] == "to"
                                                     and len(between) <= 4) or _from_to(lowers, a, b):
            if a.family is not None and b.family is not None and (
                    a.unit != b.unit or between in (("and",), ("of",), ("of", "the"))):
                continue
            a.partners.append(b)
            b.partners.append(a)


def _range_follows(pb: ParsedBlock, k: int, span: Bounds) -> bool:
    """Whether a range or pair link and a second number follow token ``k``: "to three", "out of 23"."""
    lowers = pb.lowers
    for link in _RANGE_LINKS:
        n = len(link)
        if tuple(lowers[k:k + n]) == link and k + n < span.end:
            if NUMBER_TOKEN.match(pb.words[k + n]) or lowers[k + n] in N.NUMBER_WORDS:
                return True
    return False


def _from_to(lowers: list[str], a: Quantity, b: Quantity) -> bool:
    """"from X ... to Y" with a few words between (a year, a rate): X and Y are a pair.
    ``lowers``: the Doc's lower-case token texts."""
    start = lowers[a.i - 1] if a.i > 0 else ""
    if start != "from" and not (a.i > 1 and lowers[a.i - 2] == "from"):
        return False
    between = lowers[a.j:b.i]
    return 0 < len(between) <= 8 and between[-1] == "to" and "," not in between and ";" not in between
