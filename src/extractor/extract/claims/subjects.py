"""The subject column: the noun phrase a figure measures ("832 impoverished counties", "the per
capita disposable income of rural residents reached 12,384 yuan"), found by rules tried in order
(:func:`subject`); from the dependency parse where a statistical model is installed, else from
the tokens alone.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from extractor.currencies import CODES
from extractor.extract.claims.figures import Paragraph, Quantity
from extractor.extract.claims.nouns import clause_start, phrase_after, phrase_before, phrase_end
from extractor.extract.claims.words import (
    DOWN_WORDS, FUNCTION_WORDS, PAST_VERBS, RATIO_WORDS, STATING_VERBS, UP_WORDS, WORDS, is_year_word, verb_like,
)

_WORDS = WORDS["subjects"]
#: Verbs that take a "that" clause: the subject of the figure starts after "that".
_REPORTING_VERBS = frozenset(_WORDS["reporting_verbs"])
#: "Uzbekistan saw its poverty rate fall": the subject starts after the verb.
_PERCEPTION_VERBS = frozenset(_WORDS["perception_verbs"])
#: Words between a subject and its verb that are not part of the subject.
_AUXILIARIES = frozenset(_WORDS["auxiliaries"])
#: Prepositions that open a clause before its subject.
_PREPOSITIONS = frozenset(_WORDS["prepositions"])
#: Words a subject does not start with.
_SUBJECT_LEADS = frozenset(_WORDS["leads"])
#: Words between a stating verb and the figure: "reached a total 3,000".
_VERB_GAP = frozenset(_WORDS["verb_gap"])
#: Words that make a phrase only about time: "year-on-year".
_TIME_WORDS = frozenset(_WORDS["time_words"])
#: Pronouns before the verb: the subject is elsewhere.
_PRONOUNS = frozenset(_WORDS["pronouns"])
#: Words before "of X" that make the phrase before them a change or a verb, not the subject.
_CHANGE_OR_PAST_WORDS = UP_WORDS | DOWN_WORDS | PAST_VERBS
_TRAILING_TIME = re.compile(r"\s*,?\s+(?:in|by|during|as of|since|for)\s+(?:the\s+)?(?:[A-Za-z]+\s+){0,4}"
                            r"(?:1[5-9]\d\d|20\d\d)$")


def subject(par: Paragraph, c: Quantity, earlier: list[Quantity], sent: Span) -> str | None:
    """The noun phrase the figure measures (see :func:`_subject`), without a trailing time
    phrase ("China's GDP in 2023" -> "China's GDP")."""
    text = _subject(par, c, earlier, sent)
    if text is None:
        return None
    text = _TRAILING_TIME.sub("", text).strip()
    return text or None


def _subject(par: Paragraph, c: Quantity, earlier: list[Quantity], sent: Span) -> str | None:
    """The noun phrase the figure measures, tried in order: the counted noun ("832 impoverished
    counties"); "X% of NP"; the noun after a rate ("a 98.1% coverage rate"); the thing a change
    is in ("an 82% surge in hunger") or of ("increasing annual income by 38,000 yuan"); money
    "in NP" ("156.1 billion yuan in transitional funding"); "NP of X" ("a production value of
    3.5 million yuan"), "NP from X to Y", "NP (X)"; the subject of the verb stating the figure
    ("the per capita disposable income of ... reached 12,384 yuan", from the parse when there is
    one); for a change standing beside another figure, that figure's subject. A figure that took
    its unit from another takes that one's subject last (see :func:`fill_subjects`)."""
    doc = par.doc
    if c.family == "count" and c.noun is not None:
        return _noun_phrase_text(doc, c.noun[0], c.noun[1], sent)
    lead = par.lead(c)
    after = doc[c.right].lower_ if c.right < sent.end else None  # the word after the figure
    before = doc[lead - 1].lower_ if lead > sent.start else ""
    if after == "of" and c.family in ("percent", "ratio", "count", "measure"):
        np = phrase_after(doc, c.right + 1, sent)
        if np:
            return np
    if after is not None and c.family == "percent" and c.change_at is None and doc[c.right].is_alpha \
            and after not in FUNCTION_WORDS and _names_a_measure(doc[c.right]):
        np = _content(phrase_after(doc, c.right, sent))
        if np:
            return np  # "a 98.1% coverage rate of specialty products"
    if c.change_at is not None:
        k = c.change_at + 1 if c.change_at >= c.right else c.right
        if k < sent.end and doc[k].lower_ == "in":
            np = phrase_after(doc, k + 1, sent)
            if np:
                return np
        if c.change_at < lead:
            by = next((n for n in range(c.change_at + 1, lead) if doc[n].lower_ == "by"), None)
            if by is not None and by > c.change_at + 1:
                np = phrase_after(doc, c.change_at + 1, doc[sent.start:by])
                if np:
                    return np  # "increasing annual income per household by 38,000 yuan"
            if before == "of":
                np = _content(phrase_before(doc, c.change_at, sent))
                if np:
                    return np  # "an average income increase of 3,000 yuan"
    if c.family in ("money", "measure") and after == "in":
        np = phrase_after(doc, c.right + 1, sent)
        if np:
            return np
    if before in ("of", "from", "to", "(") and (before != "to" or not c.partners):
        np = _content(phrase_before(doc, lead - 1, sent))
        if np and doc[lead - 2].lower_ not in _CHANGE_OR_PAST_WORDS:
            return np
    if c.family == "ratio" and c.kind == "digits":
        k = max((n for n in range(sent.start, c.i) if doc[n].lower_ in RATIO_WORDS), default=None)
        if k is not None:
            return phrase_before(doc, k + 1, sent)
    text = _verb_subject(par, c, lead, sent)
    if text:
        return text
    beside = earlier[-1] if earlier and earlier[-1].family != "count" else None
    if beside is not None and (c.change in ("growth_rate", "year_on_year", "difference")
                               or before == "to" and beside.right == lead - 1):
        return beside.subject  # "reached 17,522 yuan, a 24.7% increase", "fell 2.1% to 980 billion"
    return None


def fill_subjects(claims: list[Quantity]) -> None:
    """A figure with no subject of its own takes the subject of its partner or of the figure it
    refers back to: "22 out of 23 key counties", "... and 471,500 under monitoring"."""
    for _ in range(2):
        for c in claims:
            if c.subject is None:
                source = c.ref or next((p for p in c.partners if p.subject), None)
                if source is not None and source.subject:
                    c.subject = source.subject


def _verb_subject(par: Paragraph, c: Quantity, lead: int, sent: Span) -> str | None:
    """The subject of the verb right before the figure ("income reached", "sales grew by",
    "rate remained above"); a participle qualifier takes the phrase before it ("output values
    exceeding 5 billion yuan")."""
    doc = par.doc
    k = lead - 1
    while k >= sent.start and doc[k].lower_ in _VERB_GAP:
        k -= 1
    q = par.qualifiers.get(par.surface_start(c))
    if q is not None and doc[q[0]].lower_.endswith("ing"):
        return phrase_before(doc, q[0], sent)
    if q is not None and doc[q[0]].lower_ in STATING_VERBS:
        k = q[0]
    if k < sent.start:
        return None
    verb = doc[k].lower_
    # a verb of the list, or any past form kept apart from the figure: "reimbursed at over 90%"
    passive = k > sent.start and doc[k - 1].lower_ in ("was", "were", "is", "are", "been", "be", "being")
    if verb not in STATING_VERBS and not (verb.endswith("ed") and (k + 1 < par.surface_start(c) or passive)):
        return None
    if par.has_parse:
        start = _subject_start_from_parse(doc[k], doc[clause_start(doc, sent, k):sent.end])
        if start is not None:
            return _subject_from_rules(doc, k, sent, start)
    return _subject_from_rules(doc, k, sent)


def _noun_phrase_text(doc: Doc, first: int, head: int, sent: Span) -> str:
    """The counted noun phrase with a following "of"/"from" phrase: "individuals from formerly
    impoverished households"."""
    end = head + 1
    if end + 1 < sent.end and doc[end].lower_ in ("of", "from") and not is_year_word(doc[end + 1].text):
        more = phrase_end(doc, end + 1, sent)
        if more > end + 1:
            end = more
    return doc[first:end].text.strip()


def _content(phrase: str | None) -> str | None:
    """A phrase unless it is only words about time ("year-on-year")."""
    if phrase is None:
        return None
    words = [w for w in re.findall(r"[A-Za-z]+", phrase.lower()) if w not in _TIME_WORDS]
    return phrase if words else None


def _subject_from_rules(doc: Doc, verb: int, sent: Span, start: int | None = None) -> str | None:
    """The words before the verb that states the figure, within its clause: "the per capita
    disposable income of ... reached 12,384 yuan" -> "per capita disposable income of ...".
    ``start``, when given, is where the subject begins (from the parse)."""
    while verb - 1 >= sent.start and doc[verb - 1].lower_ in _AUXILIARIES:
        verb -= 1
    if start is None:
        start = clause_start(doc, sent, verb)
        # "projections suggest that the poverty rate ... will reach": the clause after "that"
        for k in range(verb - 1, start, -1):
            if doc[k].lower_ == "that" and doc[k - 1].lower_ in _REPORTING_VERBS or doc[k].lower_ in _PERCEPTION_VERBS:
                start = k + 1
                break
    if doc[start].lower_ in _PREPOSITIONS:
        # "In most poor regions the average income of farmers reached": the subject starts at "the"
        det = next((n for n in range(start + 1, verb) if doc[n].lower_ in ("the", "its", "their", "a", "an")), None)
        if det is not None:
            start = det
    while start < verb and doc[start].lower_ in _SUBJECT_LEADS:
        start += 1
    while verb > start and doc[verb - 1].lower_ in ("that", "which", "who", ","):
        verb -= 1
    if verb - start < 1 or verb - start > 25:
        return None
    words = [t.lower_ for t in doc[start:verb]]
    if doc[start].like_num or doc[start].is_currency or doc[start].text in CODES:
        return None  # "BDT 26,000 crore was allocated over ...": another figure, not a subject
    if all(w in FUNCTION_WORDS or w in ("figure", "number", "total") for w in words):
        return None  # "a figure that": the figure it restates gives the subject
    if any(w in _PRONOUNS for w in words):
        return None  # a pronoun: the subject is elsewhere
    text = re.sub(r"\s*\([^()]*\)", "", doc[start:verb].text)
    return text.strip() or None


def _names_a_measure(t: Token) -> bool:
    """Whether the word after a percentage names what it measures ("a 98.1% coverage rate"): not
    a verb, and a noun by the tagger (without one: not an -ing or -ed form)."""
    return not verb_like(t) and (t.tag_.startswith("NN") if t.tag_ else not t.lower_.endswith(("ing", "ed")))


def _subject_start_from_parse(verb: Token, clause: Span) -> int | None:
    """With a dependency parse: where the nominal subject of the verb stating the figure begins
    (following conjoined and auxiliary verbs to the one that has the subject)."""
    x = verb
    for _ in range(4):
        subj = next((ch for ch in x.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            first = subj.left_edge.i
            return first if clause.start <= first < verb.i else None
        if x.dep_ not in ("conj", "xcomp", "aux", "auxpass") or x.head is x:
            return None
        x = x.head
    return None
