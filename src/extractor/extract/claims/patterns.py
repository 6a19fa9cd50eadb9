"""The token patterns of the claim rules, run on each paragraph's Doc: spaCy ``Matcher`` patterns
for numbers and time expressions, ``PhraseMatcher`` phrases for units, currency prefixes and
qualifiers.

The patterns are built here from the lexicons, so that each word list is written once, in its
data file: number words, scales, fractions and multipliers (``numbers.toml``), units
(``units.toml``), currencies (:mod:`extractor.currencies`), months (:mod:`extractor.months`),
qualifiers (``qualifiers.toml``).
"""
from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from operator import itemgetter

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from extractor import currencies
from extractor import numbers as N
from extractor.extract.claims import units as U
from extractor.extract.claims.figures import Match
from extractor.extract.claims.qualifiers import QUALIFIERS
from extractor.extract.claims.words import DASHES, WORDS
from extractor.months import MONTH_WORDS
from extractor.registry import lexicon

_DECADE_LEADS = sorted(WORDS["reading"]["decade_leads"])
_OUT_OF_EVERY = [{"LOWER": "out"}, {"LOWER": "of"}, {"LOWER": "every"}]
#: Abbreviations written before a fiscal year: "FY2024", "FY 2019".
FISCAL_PREFIXES: list[str] = sorted(lexicon("time_words")["fiscal"]["prefixes"], key=len, reverse=True)


def _digit_patterns(matcher: Matcher) -> None:
    """Numbers written in digits: with a scale ("2.5 million"), grouped by spaces ("470 000"),
    "1 in 5"."""
    figure = {"TEXT": {"REGEX": N.NUMBER_TOKEN.pattern}}
    scales = sorted(N.SCALES)
    matcher.add("DIGITS", [[figure, {"LOWER": {"IN": sorted(N.SCALES.keys() | N.SCALE_ABBREVIATIONS.keys())},
                                     "OP": "?"}],
                           # a compound scale: "Rs 2.77 lakh crore", "3 thousand million"
                           [figure, {"LOWER": {"IN": scales}}, {"LOWER": {"IN": scales}}]])
    # digits grouped by spaces, "470 000 réfugiés" (read as one number where the report writes so)
    matcher.add("SPACED", [[{"TEXT": {"REGEX": r"^\d{1,3}$"}}, {"TEXT": {"REGEX": r"^\d{3}(?:,\d+)?$"}, "OP": "+"},
                            {"LOWER": {"IN": scales}, "OP": "?"}]])
    digits = {"TEXT": {"REGEX": r"^\d+$"}}
    matcher.add("ONE_IN", [[digits, {"LOWER": "in"}, digits], [digits, *_OUT_OF_EVERY, digits]])


def _word_patterns(matcher: Matcher) -> None:
    """Numbers written in words, fractions, "one in five", "a decade", multipliers."""
    scales = sorted(N.SCALES)
    number_words = sorted(N.NUMBER_WORDS)
    matcher.add("WORDS", [[{"LOWER": {"IN": number_words}},
                           {"LOWER": {"IN": number_words + scales + ["-", "and"]}, "OP": "*"}]])
    matcher.add("WORDS", [[{"LOWER": {"IN": ["a", "an", "one"]}}, {"LOWER": {"IN": sorted(N.COUNT_WORDS) + scales}},
                           {"LOWER": {"IN": scales}, "OP": "?"}],
                          [{"LOWER": "half"}, {"LOWER": "a"}, {"LOWER": {"IN": scales}}]])
    matcher.add("FRACTION", [[{"LOWER": {"IN": number_words + ["a", "one"]}}, {"TEXT": "-", "OP": "?"},
                              {"LOWER": {"IN": sorted(N.FRACTIONS)}}, {"LOWER": "of"}],
                             [{"LOWER": "half"}, {"LOWER": "of"}]])
    number = {"LOWER": {"IN": number_words}}
    matcher.add("ONE_IN", [[number, {"LOWER": "in"}, number], [number, *_OUT_OF_EVERY, number]])
    # "a decade ago", "for over a decade", "within a century": a duration stated with the article;
    # "the past decade", "over the last century": as long as "a decade"
    matcher.add("DECADE", [[{"LOWER": {"IN": ["a", "an", "one"]}}, {"LOWER": {"IN": ["decade", "century"]}}],
                           [{"LOWER": {"IN": _DECADE_LEADS}}, {"LOWER": {"IN": ["decade", "century"]}}]])
    matcher.add("MULTIPLIER", [[{"LOWER": {"IN": sorted(N.MULTIPLIERS)}}],
                               [{"LOWER": {"REGEX": r"^(?:" + "|".join(number_words) + r")fold$"}}]])


def number_cues() -> list[str]:
    """The words of which every pattern of :func:`_word_patterns` holds one (the articles and
    links of "a dozen", "one in five", "a decade" never stand alone): a paragraph with none of
    them states no number in words."""
    cues = N.NUMBER_WORDS | N.FRACTIONS.keys() | N.MULTIPLIERS.keys() | N.COUNT_WORDS.keys() | N.SCALES.keys()
    cues |= {"half", "decade", "century"}
    return sorted(cues | {f"{word}fold" for word in N.NUMBER_WORDS})


def _time_patterns(matcher: Matcher) -> None:
    """Years, dates, decades, fiscal years, ranges of years, "that year"."""
    year = {"TEXT": {"REGEX": r"^(1[5-9]\d\d|20\d\d)$"}}
    month = {"LOWER": {"IN": sorted(MONTH_WORDS)}}
    day = {"TEXT": {"REGEX": r"^([1-9]|[12]\d|3[01])(st|nd|rd|th)?$"}}
    comma = {"TEXT": ",", "OP": "?"}
    matcher.add("DATE", [[month, day, comma, year], [day, month, comma, year], [month, year], [month, day],
                         [day, month], [{"LOWER": "the"}, day, {"LOWER": "of"}, month]])
    matcher.add("YEAR", [[year], [{"TEXT": {"REGEX": r"^(?:mid|early|late)-(?:1[5-9]\d\d|20\d\d)$"}}]])
    # a decade: "in the 1990s" is a period, not a year
    matcher.add("DECADE", [[{"TEXT": {"REGEX": r"^(?:1[5-9]|20)\d0s$"}}]])
    # a fiscal or crop year: "the 2022/23 financial year", "in 2022-23" (a year and the next one's last
    # two digits) is stated for 2023; "2010-15", a year and two digits that do not follow it, is a range
    short = r"(?:/(?:\d\d|(?:19|20)\d\d)|[-\u2010-\u2015]\d\d)"
    link = {"TEXT": {"IN": sorted(DASHES) + ["/"]}}
    # the next year's last two digits with a note's number glued to them: "2023-2410" (2023-24, note 10)
    noted = {"TEXT": {"REGEX": r"^(?!1[5-9]\d\d$|20\d\d$)\d{3,4}$"}}
    # a fiscal year named by its abbreviation: "FY2024", "FY24", "FY241" (a note glued), "FY 2019",
    # "FY2023-24"; two of them are a range ("FY2022-FY2025")
    prefix = "(?:" + "|".join(FISCAL_PREFIXES) + ")"
    fy = {"TEXT": {"REGEX": rf"^{prefix}\d{{2,4}}$"}}
    matcher.add("FISCAL", [[{"TEXT": {"REGEX": r"^(?:19|20)\d\d" + short + "$"}}],
                           [year, link, {"TEXT": {"REGEX": r"^\d\d$"}}], [year, link, noted],
                           [fy], [{"TEXT": {"IN": FISCAL_PREFIXES}}, {"TEXT": {"REGEX": r"^\d{2}(?:\d\d)?$"}}],
                           [fy, link, {"TEXT": {"REGEX": r"^\d{2,4}$"}}], [fy, link, fy]])
    matcher.add("RANGE", [[year, {"TEXT": {"IN": sorted(DASHES) + ["to", "and"]}}, year],
                          [{"TEXT": {"REGEX": r"^(1[5-9]\d\d|20\d\d)[-\u2010-\u2015](1[5-9]\d\d|20\d\d)$"}}]])
    matcher.add("THAT_YEAR", [[{"LOWER": {"IN": ["that", "the"]}}, {"LOWER": "same", "OP": "?"}, {"LOWER": "year"}]])


def _phrase_matcher(vocab: Vocab, attr: str, phrases: Iterable[tuple[str, str]], tokenizer: Tokenizer) -> PhraseMatcher:
    """A ``PhraseMatcher`` comparing tokens by ``attr`` ("LOWER" or "ORTH") that finds each
    (label, phrase) pair's phrase under its label; the phrases are split by ``tokenizer``."""
    matcher = PhraseMatcher(vocab, attr=attr)
    for label, phrase in phrases:
        matcher.add(label, [tokenizer(phrase)])
    return matcher


def _money(code: str) -> str:
    return f"money|{currencies.iso_code(code)}|1"


class Matchers:
    """The claim patterns over one vocabulary (every Doc of a pipeline shares one)."""

    def __init__(self, vocab: Vocab) -> None:
        # the phrases are split by spaCy's English tokenizer, so that they split as reports do
        tokenizer = spacy.blank("en").tokenizer
        # numbers in digits and in words (``engine`` runs each only where its cue stands)
        self.digit_numbers = Matcher(vocab)
        _digit_patterns(self.digit_numbers)
        self.word_numbers = Matcher(vocab)
        _word_patterns(self.word_numbers)
        self.number_words = _phrase_matcher(vocab, "LOWER", [("cue", w) for w in number_cues()], tokenizer)
        self.times = Matcher(vocab)
        _time_patterns(self.times)
        # units written after a figure, labelled "family|unit|multiplier"
        words = [(f"percent|{unit}|1", phrase) for phrase, unit in U.PERCENT_PHRASES.items()]
        words += [(_money(code), phrase) for phrase, code in currencies.NAMES.items()]
        words += [(f"measure|{unit}|1", phrase) for phrase, unit in U.MEASURES.items()]
        for word, (unit, mult) in U.DURATIONS.items():
            words += [(f"duration|{unit}|{mult}", f"{mod} {word}".strip()) for mod in ("", *U.DURATION_MODIFIERS)]
        words += [("ratio|ratio|1", phrase) for phrase in U.RATIO_PHRASES]
        # (a word both matchers find, "KGS", is the measure: the lower-case phrases come first)
        self.units = [_phrase_matcher(vocab, "LOWER", words, tokenizer),
                      _phrase_matcher(vocab, "ORTH", [(_money(code), code) for code in currencies.CODES], tokenizer)]
        # currencies written before a figure
        symbols = [(_money(code), symbol) for symbol, code in currencies.SYMBOLS.items()]
        symbols += [(_money(code), code) for code in currencies.CODES]
        symbols += [(_money(code), symbol) for symbol, code in currencies.SPACED_SYMBOLS.items()]
        self.prefixes = _phrase_matcher(vocab, "ORTH", symbols, tokenizer)
        qualifiers = [(label, phrase) for label, phrases in QUALIFIERS.items() for phrase in phrases]
        self.qualifiers = _phrase_matcher(vocab, "LOWER", qualifiers, tokenizer)


@functools.lru_cache(maxsize=4)
def matchers(vocab: Vocab) -> Matchers:
    """The claim patterns, compiled once per vocabulary (as :func:`extractor.nlp.build_nlp` keeps
    a few pipelines)."""
    return Matchers(vocab)


def longest(doc: Doc, matches: Iterable[tuple[int, int, int]], by_start: bool = False) -> list[Match]:
    """spaCy's (match_id, start, end) matches as (label, start, end) in text order; where they
    overlap the longest wins (with ``by_start``, only matches starting at the same token compete;
    between equally long ones, the first found)."""
    items = sorted(matches, key=lambda m: (m[1], -(m[2] - m[1])))
    out: list[Match] = []
    taken_until = -1
    for match_id, s, e in items:
        if by_start and out and out[-1][1] == s or not by_start and s < taken_until:
            continue
        out.append((doc.vocab.strings[match_id], s, e))
        taken_until = e
    return out


def within(matches: list[Match], sent: Span) -> list[Match]:
    """The ``matches`` (in text order) that lie inside the sentence."""
    first = bisect.bisect_left(matches, sent.start, key=itemgetter(1))
    stop = bisect.bisect_left(matches, sent.end, first, key=itemgetter(1))
    return [m for m in matches[first:stop] if m[2] <= sent.end]
