"""The context columns of a claim: qualifier, reference year and period, change, subject.

Token patterns (spaCy ``Matcher``) find qualifiers ("more than", "nearly", "at least") and time
expressions (years, dates, ranges of years, with their lead-in: "as of the end of November 2024",
"in the first three quarters of 2024", "from 2021 to 2024"); rules relate them to each figure of
the sentence. The subject comes from the dependency parse where a statistical model is installed,
else from rules over the tokens.
"""
from __future__ import annotations

import bisect
import functools
import re

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Token
from spacy.vocab import Vocab

from extractor import currencies
from extractor.analysis import ParsedBlock
from extractor.extract.quantities import (
    Bounds, DASHES, DOWN_WORDS, FUNCTION_WORDS, MONTH_WORDS, PAST_VERBS, RATIO_WORDS, STATING_VERBS, UP_WORDS,
    Quantity, TimeExpression, clause_start, is_year_word, longest_matches, matches_within, phrase_after,
    phrase_before, phrase_end, phrase_matcher, span_text, verb_like,
)

#: Words before a figure that bound it, by qualifier.
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "over": ("more than", "over", "above", "exceeding", "exceeded", "exceeds", "exceed", "in excess of",
             "upwards of", "surpassing", "surpassed", "topping", "topped", "well over", "just over", "higher than",
             "greater than", "beyond", "north of"),
    "under": ("less than", "fewer than", "under", "below", "lower than", "just under", "just below", "short of"),
    "approximate": ("about", "around", "approximately", "roughly", "nearly", "almost", "close to", "some",
                    "an estimated", "estimated", "circa", "approx .", "approx", "around about", "more or less",
                    "in the region of", "on the order of", "~"),
    "at_least": ("at least", "no less than", "not less than", "no fewer than", "a minimum of", "minimum of",
                 "not fewer than"),
    "at_most": ("at most", "up to", "no more than", "not more than", "a maximum of", "maximum of",
                "not exceeding", "as many as", "as much as"),
}
#: Words after a figure that bound it: "5,000 or more".
POST_QUALIFIERS = {("or", "more"): "at_least", ("or", "above"): "at_least", ("and", "above"): "at_least",
                    ("or", "over"): "at_least", ("plus",): "at_least", ("or", "less"): "at_most",
                    ("or", "fewer"): "at_most", ("or", "below"): "at_most", ("and", "below"): "at_most",
                   ("or", "so"): "approximate"}
# (ClaimContext.qualifier looks the words after a figure up whole: no phrase may start another,
# which tests/test_claims.py checks.)
#: Nouns after a figure that make it a change: "a 24.7% increase", "an 82% surge".
_CHANGE_NOUNS_UP = frozenset({"increase", "increases", "rise", "growth", "gain", "jump", "surge", "hike", "boost",
                              "expansion", "upswing", "uptick"})
_CHANGE_NOUNS_DOWN = frozenset({"decrease", "decline", "drop", "fall", "reduction", "cut", "loss", "slump",
                                "contraction", "downturn", "dip"})
#: The words of growth and decline, the change nouns, and those with the past verbs (built once, not per figure).
_CHANGE_WORDS = UP_WORDS | DOWN_WORDS
_CHANGE_NOUNS = _CHANGE_NOUNS_UP | _CHANGE_NOUNS_DOWN
_CHANGE_OR_PAST_WORDS = UP_WORDS | DOWN_WORDS | PAST_VERBS
_YOY = re.compile(r"\byear[\s-]*on[\s-]*year\b|\by-o-y\b|\byoy\b|\bcompared with the same period\b", re.I)

#: Verbs that take a "that" clause: the subject of the figure starts after "that".
_REPORTING_VERBS = frozenset({"suggest", "suggests", "suggested", "show", "shows", "showed", "shown", "indicate",
                              "indicates", "indicated", "reveal", "reveals", "revealed", "note", "notes", "noted",
                              "find", "finds", "found", "estimate", "estimates", "estimated", "project",
                              "projects", "projected", "say", "says", "said", "state", "states", "stated",
                              "report", "reports", "reported", "mean", "means", "meant", "predict", "predicts",
                              "ensure", "ensures", "ensured", "demonstrate", "demonstrates", "demonstrated",
                              "confirm", "confirms", "confirmed", "believe", "believes", "expect", "expects",
                              "argue", "argues", "claim", "claims", "announce", "announced", "declare",
                              "declared", "observe", "observed", "agree", "agreed"})
#: "Uzbekistan saw its poverty rate fall": the subject starts after the verb.
_PERCEPTION_VERBS = frozenset({"saw", "see", "sees", "seen", "witnessed", "witnesses", "watched"})
#: "18,620 yuan above the national average": a difference.
_DIFFERENCE_FOLLOWERS = frozenset({"above", "below", "more", "less", "higher", "lower", "over", "short"})
#: Words between a subject and its verb that are not part of the subject.
_AUXILIARIES = frozenset({"has", "have", "had", "been", "is", "are", "was", "were", "will", "would", "be",
                          "steadily", "already", "also", "further", "still", "successfully", "now", "had",
                          "should", "can", "could", "may", "might", "must", "shall"})
_TRAILING_TIME = re.compile(r"\s*,?\s+(?:in|by|during|as of|since|for)\s+(?:the\s+)?(?:[A-Za-z]+\s+){0,4}"
                            r"(?:1[5-9]\d\d|20\d\d)$")
_PREPOSITIONS = frozenset({"in", "on", "at", "for", "among", "across", "during", "under", "within", "throughout",
                           "by", "from", "after", "before", "since", "through", "over"})
#: Words a subject does not start with.
_SUBJECT_LEADS = frozenset({"the", "a", "an", "its", "their", "that", "which", "and", "but", "while", "whereas",
                            "with", "where", "meanwhile", "moreover", "furthermore", "also", "then"})
#: The word before a year or date and the kind of time expression it makes: a point in time, a
#: start ("since 2021"), a comparison base ("over 2021"); "from"/"between" followed by a second
#: year make a range.
_TIME_LEADS: dict[tuple[str, ...], str] = {
    ("as", "of"): "point", ("in",): "point", ("by",): "point", ("during",): "point", ("at",): "point",
    ("on",): "point", ("for",): "point", ("throughout",): "point", ("until",): "point", ("till",): "point",
    ("through",): "point", ("before",): "point", ("within",): "point", ("since",): "since", ("after",): "since",
    ("from",): "since", ("over",): "comparison", ("than",): "comparison", ("compared", "to"): "comparison",
    ("compared", "with"): "comparison", ("relative", "to"): "comparison", ("versus",): "comparison",
    ("vs",): "comparison", ("vs.",): "comparison", ("against",): "comparison", ("than", "in"): "comparison",
    ("from", "the"): "since", ("between",): "since", ("that", "of"): "comparison", ("those", "of"): "comparison",
    ("same", "period", "of"): "comparison", ("as", "in"): "comparison",
}
#: The leads' lengths, longest first (a longer lead wins over its own last words), and the longest.
_TIME_LEAD_LENGTHS = sorted({len(phrase) for phrase in _TIME_LEADS}, reverse=True)
_LEAD_WORDS = _TIME_LEAD_LENGTHS[0]
_PERIOD_WORDS = frozenset("""the end beginning start middle close first second third fourth last final half quarter
    quarters months month weeks days year fiscal early late mid two three four five six seven eight nine ten
    eleven twelve 1 2 3 4 5 6 7 8 9 10 11 12 h1 h2 q1 q2 q3 q4""".split())
_ATTACH_LEADS = frozenset({"in", "by", "as", "during", "for", "at", "until", "through", "throughout"})

_ATTACH_FILLERS = frozenset({"per", "a", "an", "each", "annually", "person", "capita", "head", "year", "month",
                             "day", "week", "household", "apiece", "alone", "respectively", "in", "total",
                             "combined", "overall", "nationwide", "cumulatively"})


@functools.lru_cache(maxsize=8)
def _context_matchers(vocab: Vocab) -> dict[str, Matcher | PhraseMatcher]:
    """Qualifier and time-expression patterns, compiled once per vocabulary."""
    qualifiers = phrase_matcher(vocab, "LOWER", [(label, p) for label, phrases in QUALIFIERS.items() for p in phrases])

    times = Matcher(vocab)
    year = {"TEXT": {"REGEX": r"^(1[5-9]\d\d|20\d\d)$"}}
    month = {"LOWER": {"IN": sorted(MONTH_WORDS)}}
    day = {"TEXT": {"REGEX": r"^([1-9]|[12]\d|3[01])(st|nd|rd|th)?$"}}
    times.add("DATE", [[month, day, {"TEXT": ",", "OP": "?"}, year], [day, month, {"TEXT": ",", "OP": "?"}, year],
                       [month, year], [month, day], [day, month], [{"LOWER": "the"}, day, {"LOWER": "of"}, month]])
    times.add("YEAR", [[year], [{"TEXT": {"REGEX": r"^(?:mid|early|late)-(?:1[5-9]\d\d|20\d\d)$"}}]])
    # a decade: "in the 1990s" is a period, not a year
    times.add("DECADE", [[{"TEXT": {"REGEX": r"^(?:1[5-9]|20)\d0s$"}}]])
    # a fiscal or crop year: "the 2022/23 financial year", "in 2022-23" (a year and the next one's last
    # two digits) is stated for 2023; "2010-15", a year and two digits that do not follow it, is a range
    short = r"(?:/(?:\d\d|(?:19|20)\d\d)|[-\u2010-\u2015]\d\d)"
    times.add("FISCAL", [[{"TEXT": {"REGEX": r"^(?:19|20)\d\d" + short + "$"}}],
                         [year, {"TEXT": {"IN": sorted(DASHES) + ["/"]}}, {"TEXT": {"REGEX": r"^\d\d$"}}]])
    times.add("RANGE", [[year, {"TEXT": {"IN": sorted(DASHES) + ["to", "and"]}}, year],
                        [{"TEXT": {"REGEX": r"^(1[5-9]\d\d|20\d\d)[-\u2010-\u2015](1[5-9]\d\d|20\d\d)$"}}]])
    times.add("THAT_YEAR", [[{"LOWER": {"IN": ["that", "the"]}}, {"LOWER": "same", "OP": "?"}, {"LOWER": "year"}]])
    return {"qualifiers": qualifiers, "times": times}


def time_matches(blocks: list[ParsedBlock]) -> list[list[tuple[int, int, int]]]:
    """The time-expression matches of each block."""
    return [_context_matchers(pb.doc.vocab)["times"](pb.doc) for pb in blocks]


#: The years a time expression's text holds ("2019", "2022-23" holds 2022 only).
_YEARS_IN = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


def qualifier_matches(blocks: list[ParsedBlock]) -> list[list[tuple[int, int, int]]]:
    """The qualifier matches of each block."""
    return [_context_matchers(pb.doc.vocab)["qualifiers"](pb.doc) for pb in blocks]


class ClaimContext:
    """Qualifiers and time expressions of one parsed block, and the rules that fill a figure's
    context columns from them."""

    def __init__(self, pb: ParsedBlock, quoted_titles: list[tuple[int, int]], times: list[tuple[int, int, int]],
                 qualifiers: list[tuple[int, int, int]]) -> None:
        """``times`` and ``qualifiers``: the block's time-expression and qualifier matches, found
        for all the report's blocks at once (:func:`time_matches`, :func:`qualifier_matches`)."""
        self.pb = pb
        self.doc = doc = pb.doc
        #: The block's token texts and lower-case texts (read, not Token objects).
        self.words, self.lowers = pb.words, pb.lowers
        #: The tokens' character offsets, for surfaces that start where a token does.
        self.starts = pb.starts
        self.quoted_titles = quoted_titles
        self.qualifiers = {e: (s, label) for label, s, e in longest_matches(doc, qualifiers)}
        self.time_matches = longest_matches(doc, times)
        self.time_starts = [s for _, s, _ in self.time_matches]

    def surface_start(self, c: Quantity) -> int:
        """The first token of the surface (a currency before the number included)."""
        i = bisect.bisect_left(self.starts, c.start)
        if i < len(self.starts) and self.starts[i] == c.start:
            return i  # the surface starts at a token: its char_span starts there
        span = self.doc.char_span(c.start, c.end, alignment_mode="expand")
        return span.start if span is not None else c.i

    def lead(self, c: Quantity) -> int:
        """The first token of the claim, its qualifier included."""
        i = self.surface_start(c)
        q = self.qualifiers.get(i)
        return q[0] if q is not None else i

    def qualifier(self, c: Quantity) -> str:
        if c.qualifier != "exact":
            return c.qualifier
        q = self.qualifiers.get(self.surface_start(c))
        if q is not None:
            return q[1]
        after = tuple(self.lowers[c.right:c.right + 2])
        # (no phrase is the start of another: the one the words after begin with, looked up)
        return POST_QUALIFIERS.get(after) or POST_QUALIFIERS.get(after[:1]) or "exact"

    def change(self, c: Quantity, span: Bounds) -> str | None:
        """increase / decrease / growth_rate / year_on_year / difference, when the figure is a change.

        "grew by 15.8%", "an increase of 6.5%", "increased by a cumulative 973,000 yuan" (a change
        word before "by"/"of"); "a 24.7% increase", "a 6.4% year-on-year increase" (a change noun
        after); "18,620 yuan above the national average" (a difference). Percentages that grow are
        growth rates; with "year-on-year" nearby they are year-on-year rates.
        """
        lowers = self.lowers
        if c.family in ("ratio", "duration"):
            return None
        i = self.lead(c)
        k = i - 1
        while k > span.start and lowers[k] in ("a", "an", "the", "cumulative", "total", "further", "additional",
                                                   "average", "another", "real", "nominal", "combined"):
            k -= 1
        direction = None
        if k >= span.start and lowers[k] in ("by", "of"):
            window = range(k - 1, max(span.start, k - 8) - 1, -1)
            for w in window:
                word = lowers[w]
                if word in (",", ";", "from", "to"):
                    break
                if word in UP_WORDS or word in DOWN_WORDS:
                    direction, c.change_at = ("increase" if word in UP_WORDS else "decrease"), w
                    break
        if direction is None:
            for w in range(c.right, min(span.end, c.right + 6)):
                word = lowers[w]
                if word in ("-", "year", "on", "real", "annual", "average", "nominal"):
                    continue
                if word in _CHANGE_NOUNS_UP or word in _CHANGE_NOUNS_DOWN:
                    direction, c.change_at = ("increase" if word in _CHANGE_NOUNS_UP else "decrease"), w
                break
        if direction is None and k >= span.start and lowers[k] in ("up", "down") and c.family == "percent":
            direction, c.change_at = ("increase" if lowers[k] == "up" else "decrease"), k
        if direction is None and k >= span.start and lowers[k] in _CHANGE_WORDS and lowers[k] not in _CHANGE_NOUNS \
                and i == k + 1:
            direction, c.change_at = ("increase" if lowers[k] in UP_WORDS else "decrease"), k  # "grew 8%"
        if direction is None:
            after = lowers[c.right:min(span.end, c.right + 2)]
            if len(after) == 2 and after[0] in _DIFFERENCE_FOLLOWERS and after[1] in (
                    "the", "than", "that", "average", "its", "their"):
                return "difference"
            return None
        clause = span_text(self.pb, max(span.start, i - 10), min(span.end, c.right + 6))
        if _YOY.search(clause) and direction == "increase":
            return "year_on_year"
        if c.unit == "percent":
            return "growth_rate" if direction == "increase" else "decrease"
        return direction

    def subject(self, c: Quantity, earlier: list[Quantity], span: Bounds) -> str | None:
        """The noun phrase the figure measures (see :meth:`_subject`), without a trailing time
        phrase ("China's GDP in 2023" -> "China's GDP")."""
        text = self._subject(c, earlier, span)
        if text is None:
            return None
        text = _TRAILING_TIME.sub("", text).strip()
        return text or None

    def _subject(self, c: Quantity, earlier: list[Quantity], span: Bounds) -> str | None:
        """The noun phrase the figure measures, tried in order: the counted noun ("832 impoverished
        counties"); "X% of NP"; the noun after a rate ("a 98.1% coverage rate"); the thing a change
        is in ("an 82% surge in hunger") or of ("increasing annual income by 38,000 yuan"); money
        "in NP" ("156.1 billion yuan in transitional funding"); "NP of X" ("a production value of
        3.5 million yuan"), "NP from X to Y", "NP (X)"; the subject of the verb stating the figure
        ("the per capita disposable income of ... reached 12,384 yuan", from the parse when there is
        one); for a change standing beside another figure, that figure's subject. A figure that took
        its unit from another takes that one's subject last (see :meth:`fill_subjects`)."""
        doc = self.doc
        lowers = self.lowers
        if c.family == "count" and c.noun is not None:
            return _noun_phrase_text(self.pb, c.noun[0], c.noun[1], span)
        lead = self.lead(c)
        after = lowers[c.right] if c.right < span.end else None  # the word after the figure, lower-case
        before = lowers[lead - 1] if lead > span.start else ""
        if after == "of" and c.family in ("percent", "ratio", "count", "measure"):
            np = phrase_after(self.pb, c.right + 1, span)
            if np:
                return np
        if after is not None and c.family == "percent" and c.change_at is None and self.words[c.right].isalpha() \
                and after not in FUNCTION_WORDS and _names_a_measure(doc[c.right]):
            np = _content(phrase_after(self.pb, c.right, span))
            if np:
                return np  # "a 98.1% coverage rate of specialty products"
        if c.change_at is not None:
            k = c.change_at + 1 if c.change_at >= c.right else c.right
            if k < span.end and lowers[k] == "in":
                np = phrase_after(self.pb, k + 1, span)
                if np:
                    return np
            if c.change_at < lead:
                by = next((n for n in range(c.change_at + 1, lead) if lowers[n] == "by"), None)
                if by is not None and by > c.change_at + 1:
                    np = phrase_after(self.pb, c.change_at + 1, Bounds(span.start, by))
                    if np:
                        return np  # "increasing annual income per household by 38,000 yuan"
                if before == "of":
                    np = _content(phrase_before(self.pb, c.change_at, span))
                    if np:
                        return np  # "an average income increase of 3,000 yuan"
        if c.family in ("money", "measure") and after == "in":
            np = phrase_after(self.pb, c.right + 1, span)
            if np:
                return np
        if before in ("of", "from", "to", "(") and (before != "to" or not c.partners):
            np = _content(phrase_before(self.pb, lead - 1, span))
            if np and lowers[lead - 2] not in _CHANGE_OR_PAST_WORDS:
                return np
        if c.family == "ratio" and c.kind == "digits":
            k = max((n for n in range(span.start, c.i) if lowers[n] in RATIO_WORDS), default=None)
            if k is not None:
                return phrase_before(self.pb, k + 1, span)
        subject = self._verb_subject(c, lead, span)
        if subject:
            return subject
        beside = earlier[-1] if earlier and earlier[-1].family != "count" else None
        if beside is not None and (c.change in ("growth_rate", "year_on_year", "difference")
                                   or before == "to" and beside.right == lead - 1):
            return beside.subject  # "reached 17,522 yuan, a 24.7% increase", "fell 2.1% to 980 billion"
        return None

    @staticmethod
    def fill_subjects(claims: list[Quantity]) -> None:
        """A figure with no subject of its own takes the subject of its partner or of the figure it
        refers back to: "22 out of 23 key counties", "... and 471,500 under monitoring"."""
        for _ in range(2):
            for c in claims:
                if c.subject is None:
                    source = c.ref or next((p for p in c.partners if p.subject), None)
                    if source is not None and source.subject:
                        c.subject = source.subject

    def _verb_subject(self, c: Quantity, lead: int, span: Bounds) -> str | None:
        """The subject of the verb right before the figure ("income reached", "sales grew by",
        "rate remained above"); a participle qualifier takes the phrase before it ("output values
        exceeding 5 billion yuan")."""
        doc = self.doc
        lowers = self.lowers
        k = lead - 1
        while k >= span.start and lowers[k] in ("to", "at", "from", "by", "a", "an", "cumulative", "total",
                                                    "further", "additional", "another", "average"):
            k -= 1
        q = self.qualifiers.get(self.surface_start(c))
        if q is not None and lowers[q[0]].endswith("ing"):
            return phrase_before(self.pb, q[0], span)
        if q is not None and lowers[q[0]] in STATING_VERBS:
            k = q[0]
        if k < span.start:
            return None
        verb = lowers[k]
        # a verb of the list, or any past form kept apart from the figure: "reimbursed at over 90%"
        passive = k > span.start and lowers[k - 1] in ("was", "were", "is", "are", "been", "be", "being")
        if verb not in STATING_VERBS and not (verb.endswith("ed") and (k + 1 < self.surface_start(c) or passive)):
            return None
        if self.has_parse:
            start = _subject_start_from_parse(doc[k], Bounds(clause_start(self.pb, span, k), span.end))
            if start is not None:
                return _subject_from_rules(self.pb, k, span, start)
        return _subject_from_rules(self.pb, k, span)

    @functools.cached_property
    def has_parse(self) -> bool:
        """Whether the block's Doc has a dependency parse (asked for by few blocks' subjects)."""
        return self.doc.has_annotation("DEP")

    def times(self, span: Bounds, previous_year: int | None) -> list[TimeExpression]:
        words, lowers = self.words, self.lowers
        out: list[TimeExpression] = []
        for label, s, e in matches_within(self.time_matches, self.time_starts, span):
            if any(a <= s < b for a, b in self.quoted_titles):
                continue
            if label == "THAT_YEAR":
                # "That year", "in the same year": the last year named before, in this sentence or the last
                earlier = [y for t in out if t.kind == "point" for y in t.years]
                year = earlier[-1] if earlier else previous_year
                if year is not None:
                    out.append(TimeExpression(s, e, s, (year,), "point", span_text(self.pb, s, e), False))
                continue
            core = span_text(self.pb, s, e)
            years = tuple(int(y) for y in _YEARS_IN.findall(core))
            if label == "FISCAL":
                years = fiscal_years(core)
                if len(years) == 2:
                    label = "RANGE"
            if label == "DECADE":
                years = ()
            elif label == "DATE" and not years:
                continue  # "November 18" without a year: no reference year, but not a claim either
            if e < span.end and words[e].istitle() and words[e].isalpha() and label == "YEAR" and lowers[e] not in (
                    "in", "by", "as", "from", "to"):
                continue  # "the 2030 Agenda": part of a name
            kind = "range" if label in ("RANGE", "DECADE") else "point"
            i = s
            specific = label in ("DATE", "FISCAL")
            # "the end of", "the first three quarters of"
            if i - 1 >= span.start and lowers[i - 1] == "of":
                k = i - 2
                while k >= span.start and lowers[k] in _PERIOD_WORDS:
                    k -= 1
                if k + 1 < i - 1:
                    i = k + 1
                    specific = True
            lead = None
            before = tuple(lowers[max(span.start, i - _LEAD_WORDS):i])
            for n in _TIME_LEAD_LENGTHS:  # the longest lead the words before end with
                lead_kind = _TIME_LEADS.get(before[len(before) - n:]) if n <= len(before) else None
                if lead_kind is not None:
                    lead = (i - n, lead_kind)
                    break
            if lead is not None:
                lead_start, lead_kind = lead
                if label == "YEAR" and lowers[lead_start] == "on":
                    lead_kind = "comparison"  # "up 35 per cent on 2021"
                if lead_kind == "comparison":
                    kind = "comparison"
                elif lead_kind == "since" and kind == "point":
                    # "from 2021 to 2024", "between 2021 and July 2024": a range; "since 2021": a start
                    nxt = range(e, min(e + 4, len(words)))  # doc[e:e + 4]
                    later = [m for m in nxt if is_year_word(words[m])]
                    if nxt and lowers[e] in ("to", "and", "until", "through") and later:
                        stop = later[-1] + 1
                        years = years + tuple(int(words[m]) for m in later)
                        end_year = fiscal_years(span_text(self.pb, stop - 1, stop + 2)) if stop + 1 < span.end else ()
                        if len(end_year) == 1:  # "between 2013-14 and 2022-23"
                            stop, years = stop + 2, years[:-1] + end_year
                        e = stop
                        kind = "range"
                    elif lowers[lead_start] in ("since", "after", "from"):
                        kind = "since"
                i = lead_start
            if e < span.end and lowers[e] in ("levels", "level", "baseline", "prices", "price", "base",
                                                   "constant", "dollars", "yuan"):
                kind = "comparison"  # a base year: "2019 levels", "at 2010 constant prices"
            if kind == "point" and _clause_opens_with(self.pb, span, i, ("since", "after")):
                kind = "since"
                i = clause_start(self.pb, span, i)
            text = span_text(self.pb, i, e)
            if text.lower().startswith(("in ", "on ", "at ")):
                text = text[3:]
            if text.lower().startswith("the "):
                text = text[4:]
            specific = specific or kind != "point" or lead is not None and lowers[i] not in ("in", "on", "during")
            out.append(TimeExpression(i, e, s, years, kind, text, specific))
        # a range absorbed into another expression is one expression
        out.sort(key=lambda t: (t.i, -t.j))
        merged: list[TimeExpression] = []
        for t in out:
            if merged and t.i < merged[-1].j:
                continue
            merged.append(t)
        return merged


def fiscal_years(text: str) -> tuple[int, ...]:
    """The year a fiscal or crop year is stated for, its last: "2022-23" and "2022/2023" -> (2023,);
    a year and two digits that do not follow it are a range: "2010-15" -> (2010, 2015)."""
    m = re.fullmatch(r"((?:19|20)\d\d)\s*[-/\u2010-\u2015]\s*(\d\d|(?:19|20)\d\d)", text.strip())
    if m is None:
        return ()
    first = int(m.group(1))
    second = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
    if second == first + 1 or "/" in text and second > first:
        return (second,)
    return (first, second) if second > first else (first,)


@functools.lru_cache(maxsize=1)
def qualifier_words() -> frozenset[str]:
    return frozenset(w for phrases in QUALIFIERS.values() for p in phrases for w in p.split())


def _clause_opens_with(pb: ParsedBlock, span: Bounds, i: int, words: tuple[str, ...]) -> bool:
    lowers = pb.lowers
    start = clause_start(pb, span, i)
    return start < i and lowers[start] in words and i - start <= 10


def assign_years(claims: list[Quantity], times: list[TimeExpression], pb: ParsedBlock) -> None:
    """The reference year (and period) each figure is stated for.

    1. a point in time written right after the figure ("770 million yuan in 2024",
       "4,770 yuan per person per year in 2021", "EUR 1.9 billion of investment in 2023", "17% by
       2030"); the first figure of a range takes the year written after the second ("between 15
       and 20 per cent by 2050", not "from 553 to 797 in 2024");
    2. else the nearest one before it in its own clause ("Cyclone Sidr in 2007 killed about
       3,400 and Cyclone Amphan in 2020 fewer than 30"), else one later in its own clause ("plans
       to bring 500,000 hectares under irrigation by 2027");
    3. else the nearest time expression before it in the sentence ("In 2024, ... 17,522 yuan, a
       24.7% increase over 2021" -> 2024), skipping comparisons ("over 2021") and the year written
       for its range partner ("from 17% in 2022 to 8.9%");
    4. else the first one later in the sentence ("..., according to 2022 figures");
    a range or start ("from 2021 to 2024", "since 2021") gives a period but no single year.
    """
    lowers = pb.lowers
    for c in claims:
        for t in times:
            if t.i < c.right or t.kind != "point":
                continue
            if _attaches(pb, c.right, t.i):
                c.attached = t
            break
    for n, c in enumerate(claims):
        chosen: TimeExpression | None = c.attached
        later = next((p for p in c.partners if p.i > c.i and p.attached is not None), None)
        if chosen is None and later is not None and lowers[c.i - 1] != "from" \
                and not any(t.i >= c.right and t.j <= later.i for t in times):
            chosen = later.attached  # "between 15 and 20 per cent by 2050": the range's year
        partner_times = {id(p.attached) for p in c.partners if p.attached}
        # the year of a base figure belongs to it alone: "absorbs 63 per cent, up from 47 per cent in 2010"
        partner_times |= {id(o.attached) for o in claims if o is not c and o.attached and o not in c.partners
                          and not o.partners and o.i > c.i and _after_from(pb, o.i)}
        before = [t for t in times if t.j <= c.i and t.kind != "comparison" and id(t) not in partner_times]
        if chosen is None and before and not _punctuation_between(pb, before[-1].j, c.i):
            chosen = before[-1]  # in the figure's own clause: "Cyclone Sidr in 2007 killed about 3,400"
        if chosen is None:
            # a point in time later in the figure's own clause: "plans to bring 500,000 hectares ... by 2027"
            chosen = next((t for t in times if t.i >= c.right and t.kind == "point" and id(t) not in partner_times
                           and not _punctuation_between(pb, c.right, t.i)), None)
        if chosen is None:
            # else the nearest before it, else the sentence's year wherever it stands ("..., according
            # to 2022 figures"); a period in another clause ("since the 1970s") yields to a later year
            later = next((t for t in times
                          if t.i >= c.right and t.kind == "point" and id(t) not in partner_times), None)
            chosen = before[-1] if before and (before[-1].kind == "point" or later is None) else later
        if chosen is None and c.change is not None:
            # a change over a range of years written right after it is stated as of its end: "fell by
            # 26% in real terms between 2010 and 2020" -> 2020
            span_of = next((t for t in times if t.i >= c.right and t.kind == "range"), None)
            if span_of is not None and len(span_of.years) == 2 and _attaches_range(pb, c.right, span_of.i):
                c.year, c.period = span_of.years[-1], span_of.text
                continue
        if chosen is None:
            continue
        if chosen.kind == "point":
            year = chosen.years[-1] if chosen.years else None
            c.year = year if year is not None and 1900 <= year <= 2100 else None
            c.period = chosen.text if chosen.specific else None
        else:
            c.period = chosen.text


def _after_from(pb: ParsedBlock, i: int) -> bool:
    """Whether the figure at token ``i`` (past its currency and qualifier) follows "from"."""
    doc, words, lowers = pb.doc, pb.words, pb.lowers
    k = i - 1
    while k > 0 and (doc[k].is_currency or words[k] in currencies.CODES or lowers[k] in qualifier_words()):
        k -= 1
    return k >= 0 and lowers[k] == "from"


def _attaches_range(pb: ParsedBlock, right: int, time_start: int) -> bool:
    """Whether a range of years follows the change ending at ``right`` in its own phrase: "by 26% in
    real terms between 2010 and 2020"."""
    gap = pb.words[right:time_start]
    return len(gap) <= 4 and all(word.isalpha() for word in gap)  # Token.is_alpha is str.isalpha


def _punctuation_between(pb: ParsedBlock, start: int, end: int) -> bool:
    return any(word in (",", ";", ":") for word in pb.words[start:end])


def _attaches(pb: ParsedBlock, right: int, time_start: int) -> bool:
    """Whether a time expression starting at ``time_start`` belongs to the figure ending at
    ``right``: nothing between but rate words ("per person per year in 2021") or an "of" phrase
    ("of foreign direct investment in 2023"), and a lead-in such as "in" or "by"."""
    if pb.lowers[time_start] not in _ATTACH_LEADS:
        return False
    gap = pb.lowers[right:time_start]
    if len(gap) <= 4 and all(word in _ATTACH_FILLERS for word in gap):
        return True
    # Token.is_alpha is str.isalpha of the text
    return bool(gap) and gap[0] == "of" and len(gap) <= 7 and all(
        word.isalpha() or word in DASHES for word in pb.words[right + 1:time_start])


def _noun_phrase_text(pb: ParsedBlock, first: int, head: int, span: Bounds) -> str:
    """The counted noun phrase with a following "of"/"from" phrase: "individuals from formerly
    impoverished households"."""
    lowers = pb.lowers
    end = head + 1
    if end + 1 < span.end and lowers[end] in ("of", "from") and not is_year_word(pb.words[end + 1]):
        more = phrase_end(pb, end + 1, span)
        if more > end + 1:
            end = more
    return span_text(pb, first, end).strip()


def _content(phrase: str | None) -> str | None:
    """A phrase unless it is only words about time ("year-on-year")."""
    if phrase is None:
        return None
    words = [w for w in re.findall(r"[A-Za-z]+", phrase.lower())
             if w not in ("year", "on", "real", "annual", "nominal", "half", "all", "both", "each")]
    return phrase if words else None


def _subject_from_rules(pb: ParsedBlock, verb: int, span: Bounds, start: int | None = None) -> str | None:
    """The words before the verb that states the figure, within its clause: "the per capita
    disposable income of ... reached 12,384 yuan" -> "per capita disposable income of ...".
    ``start``, when given, is where the subject begins (from the parse)."""
    doc, texts, lowers = pb.doc, pb.words, pb.lowers
    while verb - 1 >= span.start and lowers[verb - 1] in _AUXILIARIES:
        verb -= 1
    if start is None:
        start = clause_start(pb, span, verb)
        # "projections suggest that the poverty rate ... will reach": the clause after "that"
        for k in range(verb - 1, start, -1):
            if lowers[k] == "that" and lowers[k - 1] in _REPORTING_VERBS or lowers[k] in _PERCEPTION_VERBS:
                start = k + 1
                break
    if lowers[start] in _PREPOSITIONS:
        # "In most poor regions the average income of farmers reached": the subject starts at "the"
        det = next((n for n in range(start + 1, verb) if lowers[n] in ("the", "its", "their", "a", "an")), None)
        if det is not None:
            start = det
    while start < verb and lowers[start] in _SUBJECT_LEADS:
        start += 1
    while verb > start and lowers[verb - 1] in ("that", "which", "who", ","):
        verb -= 1
    if verb - start < 1 or verb - start > 25:
        return None
    words = lowers[start:verb]
    if doc[start].like_num or doc[start].is_currency or texts[start] in currencies.CODES:
        return None  # "BDT 26,000 crore was allocated over ...": another figure, not a subject
    if all(w in FUNCTION_WORDS or w in ("figure", "number", "total") for w in words):
        return None  # "a figure that": the figure it restates gives the subject
    if any(w in ("it", "they", "he", "she", "we", "this", "these", "those", "which", "who") for w in words):
        return None  # a pronoun: the subject is elsewhere
    text = re.sub(r"\s*\([^()]*\)", "", span_text(pb, start, verb))
    return text.strip() or None


def _names_a_measure(t: Token) -> bool:
    """Whether the word after a percentage names what it measures ("a 98.1% coverage rate"): not
    a verb, and a noun by the tagger (without one: not an -ing or -ed form)."""
    return not verb_like(t) and (t.tag_.startswith("NN") if t.tag_ else not t.lower_.endswith(("ing", "ed")))


def _subject_start_from_parse(verb: Token, span: Bounds) -> int | None:
    """With a dependency parse: where the nominal subject of the verb stating the figure begins
    (following conjoined and auxiliary verbs to the one that has the subject)."""
    x = verb
    for _ in range(4):
        subj = next((ch for ch in x.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            first = subj.left_edge.i
            return first if span.start <= first < verb.i else None
        if x.dep_ not in ("conj", "xcomp", "aux", "auxpass") or x.head is x:
            return None
        x = x.head
    return None
