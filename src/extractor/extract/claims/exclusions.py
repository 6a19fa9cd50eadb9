"""Exclusions: numbers that are no claims. A number inside a quoted title or after "per" is none;
else its written unit is attached (:mod:`.written_units`, several rules read it) and the rules of
its kind are tried (:data:`DIGIT_RULES`, :data:`WORD_RULES`): any rule that holds excludes it, so
their order does not decide.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from extractor import numbers as N
from extractor.currencies import CODES, NAMES
from extractor.extract.claims.figures import Paragraph, Quantity
from extractor.extract.claims.pairs import of_them, range_follows
from extractor.extract.claims.qualifiers import QUALIFIER_WORDS
from extractor.extract.claims.units import DURATIONS, MEASURES
from extractor.extract.claims.words import (
    DASHES, FINITE_VERBS, FUNCTION_WORDS, PAST_VERBS, STATING_VERBS, WORDS, verb_like,
)
from extractor.extract.claims.written_units import SINGLE_BOUNDS, attach_unit
from extractor.months import MONTH_WORDS
from extractor.registry import lexicon

_WORDS = WORDS["exclusions"]
#: Words before a number that make it a label, not a quantity: "Chapter 3", "No. 5"; and the words
#: that open a caption or an inset's title, in any language the layout lexicon holds ("Tableau 3",
#: "Cuadro 2", "Recuadro 1").
_LAYOUT = lexicon("layout")
LABEL_WORDS = frozenset(_WORDS["label_words"]) | frozenset(
    w.rstrip(".") for w in _LAYOUT["caption_openers"] + _LAYOUT["inset_openers"])
#: Words before a number word that make it part of a period or ordinal phrase ("the first three quarters").
_ORDINALS = frozenset(_WORDS["ordinals"])
#: Determiners that make "one" after them (maybe past an adjective) a pronoun: "the previous one".
_PRONOUN_DETERMINERS = frozenset(_WORDS["pronoun_determiners"])
#: Words before a capitalised word that make it a place or an owner, not a label: "in Texas 254 counties".
_PLACE_LEADS = frozenset(_WORDS["place_leads"])
#: Words after a number that make it a time of day: "at 9 am".
_TIMES_OF_DAY = frozenset(_WORDS["times_of_day"])
#: "2.1" (a section number), "2.0" (a version) and "66" (a label's number), as the rules test them.
_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)+")
_VERSION_NUMBER = re.compile(r"\d{1,2}\.\d{1,2}")
_SMALL_WHOLE = re.compile(r"\d{1,3}")
#: The fewest numbers of a sentence that is a run of figures (:func:`figure_run`).
_RUN_FIGURES = 4
#: The fewest numbers in a row, nothing between them, that are a chart's or table's labels (:func:`_in_row_of_figures`).
_ROW_FIGURES = 3
#: A number as a token of its own: "44", "1,234", "3.5".
_FIGURE = re.compile(r"\d[\d,.]*")
#: Label words cited in abbreviated form, which label whatever the number is followed by: "p. 5 percent".
_ABBREVIATED_LABELS = frozenset(_WORDS["abbreviated_labels"])
#: Words and signs that join the numbers of a list: "Articles 3, 57, and 86", "figures 2 to 4".
_LIST_LINKS = frozenset(_WORDS["list_links"])
#: The signs of a section of a code: "§ 144", "§§ 101-103", "¶ 12".
_SECTION_SIGNS = frozenset(_WORDS["section_signs"])
#: A number that can label: a whole number or a section number ("1.7", "2.1.3"), no thousands separator.
_LABEL_NUMBER = re.compile(r"\d{1,5}(?:\.\d+)*")
#: An abbreviation written with full stops, as laws, orders, bills and codes are cited: "P.L.", "E.O.",
#: "S.", "H.R.", "U.S.C.", "C.F.R.", "D.C." (one to four letters before each stop, the first a capital).
_DOTTED_ABBREVIATION = re.compile(r"(?:[A-Z][A-Za-z]{0,3}\.)+")
#: A name written with an ampersand: "S&P", "AT&T".
_AMPERSAND_NAME = re.compile(r"[A-Z][A-Za-z]*&[A-Za-z]+")
#: A code glued by a hyphen to the number after it: "F-16", "GAO-07-106" (capitals, maybe digits).
_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
#: A telephone number: "(202) 512-6000", "202-512-6000", "202.512.6000", "+1 202 512 6000".
_PHONE = re.compile(r"(?<![\d.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d,]|\.\d)")

Rule = Callable[[Paragraph, Quantity, Span], bool]


def excluded(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """Whether a number is no claim; attaches its written unit on the way."""
    if par.in_quoted_title(c.i):
        return True
    if c.i > sent.start and par.doc[c.i - 1].lower_ == "per":
        return True  # a denominator: "per 100,000 people"
    if c.family is None:
        attach_unit(par, c, sent)
    if c.family == "skip":
        return True
    rules = DIGIT_RULES if c.kind == "digits" else WORD_RULES
    return any(rule(par, c, sent) for _, rule in rules)


def figure_run(par: Paragraph, sent: Span, numbers: int) -> bool:
    """A "sentence" that is a run of figures, a chart's or table's labels read into the text (a
    text dump prints them between body lines: "China 1,73% United States 0,39% 0,7% (estimated in
    2023) South Korea 0,6%"): at least :data:`_RUN_FIGURES` numbers in digits (years aside), one for every
    two content words (labels name what a figure is, one or two words each), and no verb. Its
    numbers state nothing a sentence says."""
    if numbers < _RUN_FIGURES:
        return False
    words = [t for t in sent if t.is_alpha and t.lower_ not in FUNCTION_WORDS]
    if 2 * numbers < len(words):
        return False
    return not any(t.lower_ in STATING_VERBS or t.lower_ in FINITE_VERBS or t.lower_ in PAST_VERBS
                   or t.tag_ and verb_like(t) for t in sent)


def _bare(c: Quantity) -> bool:
    """No unit, or only the noun it counts."""
    return c.family in (None, "count")


def _text(par: Paragraph, c: Quantity) -> str:
    return par.text[c.start:c.end]


def _word_before(doc: Doc, i: int, sent: Span) -> str | None:
    """The word written before token ``i``, with the full stop or degree sign the tokenizer split
    from it: "No." in "No. 5", "N°" in "N° 25.675", "§". An abbreviation's full stop may have been
    taken for a sentence's end ("Pub. L. No. | 109-58"): such a word is read across it."""
    k = i - 1
    if k < 0 or k < sent.start and doc[k].text != ".":
        return None
    if doc[k].text in (".", "\u00b0", "\u00ba") and k >= 1 and not doc[k - 1].whitespace_ and doc[k - 1].is_alpha:
        return doc[k - 1].text + doc[k].text
    return doc[k].text if k >= sent.start else None


def _is_label_word(word: str) -> bool:
    """Whether a word written before a number makes it a label: "Chapter", "No.", "N°", "§"."""
    w = word.lower()
    return w in LABEL_WORDS or w.rstrip(".") in LABEL_WORDS or w in _SECTION_SIGNS


def _before(doc: Doc, c: Quantity, sent: Span) -> str | None:
    return doc[c.i - 1].text if c.i > sent.start else None


def _after(doc: Doc, c: Quantity, sent: Span) -> str | None:
    return doc[c.j].text if c.j < sent.end else None


# ---------------------------------------------------------------------------- numbers in digits

def _section_number(par: Paragraph, c: Quantity, sent: Span) -> bool:
    nxt = par.doc[c.j] if c.j < sent.end else None
    return c.i == sent.start and bool(_SECTION_NUMBER.fullmatch(_text(par, c))) and (nxt is None or nxt.is_title)


def _in_code(par: Paragraph, c: Quantity, sent: Span) -> bool:
    prev = par.doc[c.i - 1] if c.i > sent.start else None
    return _bare(c) and prev is not None and prev.is_upper and prev.is_alpha and len(prev) >= 2 \
        and prev.text not in CODES


def _version(par: Paragraph, c: Quantity, sent: Span) -> bool:
    return _bare(c) and c.scale is None and bool(_VERSION_NUMBER.fullmatch(_text(par, c))) \
        and _after_name(par.doc, c.i, sent)


def _year(par: Paragraph, c: Quantity, sent: Span) -> bool:
    return _bare(c) and c.scale is None and N.is_year(c.value, _text(par, c)) and par.qualifiers.get(c.i) is None


def _day(par: Paragraph, c: Quantity, sent: Span) -> bool:
    if not _bare(c) or c.scale is not None or not (1 <= c.value <= 31) or c.value != int(c.value):
        return False
    doc = par.doc
    prev = doc[c.i - 1].lower_ if c.i > sent.start else ""
    nxt = doc[c.j].lower_ if c.j < sent.end else ""
    nxt2 = doc[c.j + 1].lower_ if c.j + 1 < sent.end else ""
    return prev in MONTH_WORDS or nxt in MONTH_WORDS or (nxt == "of" and nxt2 in MONTH_WORDS)


def _label(par: Paragraph, c: Quantity, sent: Span) -> bool:
    word = _word_before(par.doc, c.i, sent)
    return word is not None and _is_label_word(word) and (
        _bare(c) or word[:1].isupper() or word.lower().rstrip(".") in _ABBREVIATED_LABELS)


def _label_list(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """A number further on in a list of labels: "Articles 56 (paragraph three), 107, 174, and 181",
    "figures 2 and 3", "Pub. L. No. 109-58", "P.L. 117-58": back over the list's numbers, separators
    and bracketed asides, the first number of the list follows a label word or a cited abbreviation."""
    if c.family is not None or c.scale is not None or not _LABEL_NUMBER.fullmatch(_text(par, c)):
        return False
    doc = par.doc
    k, seen_separator = c.i - 1, False
    while k >= sent.start:
        t = doc[k]
        if t.text == ")":
            opening = next((m for m in range(k - 1, max(sent.start, k - 10) - 1, -1) if doc[m].text == "("), None)
            if opening is None:
                return False
            k = opening - 1
        elif t.lower_ in _LIST_LINKS or t.text in DASHES:
            seen_separator = True
            k -= 1
        elif seen_separator and _LABEL_NUMBER.fullmatch(t.text):
            word = _word_before(doc, k, sent)
            if word is not None and (_is_label_word(word) or _DOTTED_ABBREVIATION.fullmatch(word)):
                return True
            seen_separator = False
            k -= 1
        else:
            return False
    return False


def _legal_reference(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """A number of a law, order, bill or code section, cited with abbreviations written with full
    stops: "P.L. 117-58", "E.O. 14285", "S. 596", "23 U.S.C. §144" (the title before the code's
    abbreviation too), "5 U.S.C. 8350"."""
    if not _bare(c) or c.scale is not None:
        return False
    doc = par.doc
    word = _word_before(doc, c.i, sent)
    if word is not None and _DOTTED_ABBREVIATION.fullmatch(word):
        return True
    k = c.j
    return k + 1 < sent.end and _DOTTED_ABBREVIATION.fullmatch(doc[k].text) is not None \
        and (doc[k + 1].text in _SECTION_SIGNS or doc[k + 1].is_digit)


def _phone_number(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """A part of a telephone number: "(202) 512-6000", "202-512-6000", "+1 202 512 6000"."""
    token = par.doc[c.i]
    start, end = token.idx, token.idx + len(token.text)
    return any(m.start() <= start and end <= m.end() for m in _PHONE.finditer(par.text, sent.start_char, sent.end_char))


def _split_decimal(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """A decimal part printed apart from its number, a letter-spaced label: "Objective 1 .1"."""
    doc = par.doc
    return _text(par, c).startswith(".") and c.i > sent.start and doc[c.i - 1].is_digit and c.family is None


def _in_row_of_figures(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """One of three numbers or more in a row with nothing between them: a chart's or a table's
    labels that a text dump spliced into a sentence ("69 percent of men are banked compared with
    44 178 175 189 percent of women"); running text always sets a word or a sign between two
    figures, so none of them is read as stated."""
    doc = par.doc
    before = 0
    while c.i - before > sent.start and _FIGURE.fullmatch(doc[c.i - before - 1].text):
        before += 1
    after = 0  # (a number written with spaces between its thousands, "1 234 567", is one figure)
    while c.j + after < sent.end and _FIGURE.fullmatch(doc[c.j + after].text):
        after += 1
    return before + 1 + after >= _ROW_FIGURES


def _named_label(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """A bare whole number written right after a capitalised word inside a sentence names a thing:
    "Proposition 13", "Article 50", "Route 66" (not a month, unit or currency; not a qualifier; a
    count such as "Texas 254 counties" after a preposition keeps its place name)."""
    doc = par.doc
    k = c.i - 1  # the word before the number
    if not _bare(c) or c.scale is not None or c.i <= sent.start or k == sent.start or doc[k].is_sent_start \
            or not (doc[k].is_alpha and doc[k].is_title or _AMPERSAND_NAME.fullmatch(doc[k].text)) or not doc[k].whitespace_ \
            or not _SMALL_WHOLE.fullmatch(_text(par, c)):
        return False
    word = doc[k].lower_
    if word in MONTH_WORDS or word in MEASURES or word in NAMES or word in QUALIFIER_WORDS \
            or word in FUNCTION_WORDS or DURATIONS.get(word) is not None:
        return False
    if c.family == "count" and k - 1 >= sent.start and (doc[k - 1].lower_ in _PLACE_LEADS or doc[k - 1].is_title) \
            and doc[k].is_alpha:
        return False  # (a name with "&", "S&P 500 companies", is no place)
    return True


def _heading_line(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """A sentence that is a numbered heading or contents line: a small whole number, then a
    capitalised title and no sentence punctuation at the end (or dot leaders)."""
    doc = par.doc
    if not _bare(c) or c.i != sent.start:
        return False
    nxt = doc[c.j] if c.j < sent.end else None
    if nxt is None or not nxt.is_title or not nxt.is_alpha or c.value > 99 or c.value != int(c.value):
        return False
    leaders = sum(1 for t in doc[c.j:sent.end] if t.text == ".") >= 3
    return leaders or doc[sent.end - 1].text not in (".", "!", "?", ":", ";", ")", "\u201d", '"')


def _glued_code(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """A number glued to letters: "5G", "4K", "F-16" style codes and model numbers, report numbers
    ("GAO-07-106")."""
    doc = par.doc
    if c.j < sent.end and not doc[c.j - 1].whitespace_ and doc[c.j].is_alpha and doc[c.j].lower_ != "s" \
            and c.family in (None, "count") and doc[c.j].lower_ not in MEASURES:
        return True
    if c.i > sent.start and not doc[c.i - 1].whitespace_ and doc[c.i - 1].is_alpha:
        return True
    return (c.i > sent.start + 1 and doc[c.i - 1].text in DASHES and not doc[c.i - 2].whitespace_
            and not doc[c.i - 1].whitespace_ and _CODE.fullmatch(doc[c.i - 2].text) is not None)


def _time_of_day(par: Paragraph, c: Quantity, sent: Span) -> bool:
    return c.family is None and c.j < sent.end and par.doc[c.j].lower_ in _TIMES_OF_DAY


def _item_number(par: Paragraph, c: Quantity, sent: Span) -> bool:
    prev, nxt = _before(par.doc, c, sent), _after(par.doc, c, sent)
    return c.family is None and c.value <= 20 and c.scale is None and (
        prev == "(" and nxt == ")" or c.i == sent.start and nxt in (".", ")"))


def _reference_number(par: Paragraph, c: Quantity, sent: Span) -> bool:
    return c.family is None and _before(par.doc, c, sent) == "[" and _after(par.doc, c, sent) == "]"


def _in_name(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """A bare number in a capitalised name: "Fortune 500", "COP 28", "Group of 77", "S&P 500"."""
    if c.family is not None:
        return False
    doc = par.doc
    prev = doc[c.i - 1] if c.i > sent.start else None
    nxt = doc[c.j] if c.j < sent.end else None
    capital_before = (prev is not None and (prev.is_alpha or _AMPERSAND_NAME.fullmatch(prev.text)) and prev.text[:1].isupper()
                      and c.i - 1 != sent.start and prev.lower_ not in QUALIFIER_WORDS)
    capital_after = nxt is not None and nxt.is_alpha and nxt.is_title and nxt.lower_ not in ("in", "by", "as", "from")
    name_of = (prev is not None and prev.lower_ == "of" and c.i - 2 > sent.start
               and doc[c.i - 2].is_title and not doc[c.i - 2].is_sent_start)
    return capital_before or capital_after or name_of


#: The exclusion rules of a number written in digits, each with an example of what it excludes.
DIGIT_RULES: tuple[tuple[str, Rule], ...] = (
    ("section number", _section_number),  # a section number left in the text: "2.1 Droughts, floods and heat"
    ("code", _in_code),  # part of a code or name: "NUTS 2 regions", "CC BY 3.0", "PM 2.5"
    ("version", _version),  # a version after a programme's name: "Swachh Bharat Mission (Urban) 2.0"
    ("year", _year),  # "in 2024", "2025 marks", "the 2030 Sustainable Development Goals"
    ("day", _day),  # "November 18", "18 November"
    ("label", _label),  # "Chapter 3", "Goal 1", "phase 2 projects", "Law N° 25.675", "§ 144"
    ("label list", _label_list),  # "Articles 56 (paragraph three), 107, 174, and 181", "figures 2 and 3"
    ("legal reference", _legal_reference),  # "P.L. 117-58", "E.O. 14285", "23 U.S.C. §144"
    ("phone number", _phone_number),  # "(202) 512-6000"
    ("split decimal", _split_decimal),  # "Strategic Objective 1 .1"
    ("row of figures", _in_row_of_figures),  # "... compared with 44 178 175 189 percent of women"
    ("named label", _named_label),  # "Proposition 13 limits ...", "Article 50 talks", "Route 66"
    ("heading line", _heading_line),  # a section or contents line: "7 Conclusions and recommendations"
    ("glued code", _glued_code),  # "5G", "F-16"
    ("time of day", _time_of_day),  # "at 9 am"
    ("item number", _item_number),  # "(1) improving ...", "2) ..."
    ("reference number", _reference_number),  # "[12]"
    ("in a name", _in_name),  # "Fortune 500", "COP 28", "Group of 77"
)


# ----------------------------------------------------------------------------- numbers in words

def _capitalised(par: Paragraph, c: Quantity, sent: Span) -> bool:
    doc = par.doc
    nxt = doc[c.j] if c.j < sent.end else None
    return doc[c.i].text[:1].isupper() and (c.i != sent.start or (nxt is not None and nxt.is_title))


def _after_ordinal(par: Paragraph, c: Quantity, sent: Span) -> bool:
    return c.i > sent.start and par.doc[c.i - 1].lower_ in _ORDINALS


def _pronoun_one(par: Paragraph, c: Quantity, sent: Span) -> bool:
    doc = par.doc
    return doc[c.i].lower_ == "one" and c.j == c.i + 1 and any(
        t.lower_ in _PRONOUN_DETERMINERS for t in doc[max(sent.start, c.i - 2):c.i])


def _after_demonstrative(par: Paragraph, c: Quantity, sent: Span) -> bool:
    return c.i > sent.start and par.doc[c.i - 1].lower_ in ("these", "those")


def _reference_back(par: Paragraph, c: Quantity, sent: Span) -> bool:
    return c.i > sent.start and par.doc[c.i - 1].lower_ in ("the", "all") and c.family != "duration"


def _one_and_the_other(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """"one" as a determiner, when "the next", "the other" or "another" follows in the sentence."""
    doc = par.doc
    if doc[c.i].lower_ != "one" or c.j != c.i + 1:
        return False
    words = [t.lower_ for t in doc[c.j:sent.end]]
    return "another" in words or any(a == "the" and b in ("next", "other", "following")
                                     for a, b in zip(words, words[1:]))


def _one_of(par: Paragraph, c: Quantity, sent: Span) -> bool:
    doc = par.doc
    if not (c.family is None and c.j < sent.end and doc[c.j].lower_ == "of" and c.scale is None):
        return False
    # "one of the 12 ports", "one of only three people": one picks out an item, never a count
    return _is_one(doc, c) or not range_follows(doc, c.j, sent) and not of_them(doc, c, sent)


def _one_unbounded(par: Paragraph, c: Quantity, sent: Span) -> bool:
    """"one" before a noun it does not bound picks out an item: "according to one news report",
    "one DOE official said", "One such vessel" (but "only one such notice", "at least one member",
    "one million users", "one week")."""
    doc = par.doc
    if not _is_one(doc, c) or c.family not in (None, "count") or c.scale is not None or c.partners:
        return False  # (a pair's first figure stays: "one in five households")
    return par.qualifiers.get(par.surface_start(c)) is None and not (
        c.i > sent.start and doc[c.i - 1].lower_ in SINGLE_BOUNDS)


def _is_one(doc: Doc, c: Quantity) -> bool:
    return c.j == c.i + 1 and doc[c.i].lower_ == "one"


#: The exclusion rules of a number written in words. A number word that no rule excludes stays
#: only if it has a unit or :mod:`.resolution` finds it one ("two to three sectors").
WORD_RULES: tuple[tuple[str, Rule], ...] = (
    ("capitalised", _capitalised),  # part of a name: "Two Assurances and Three Guarantees", "Three Gorges"
    ("after an ordinal", _after_ordinal),  # "the first three quarters" is a period, "the second two" an ordinal
    ("pronoun one", _pronoun_one),  # the pronoun: "the previous one", "a new one", "every one of"
    ("these two", _after_demonstrative),  # "these two works": the pair just named, not a new figure
    ("the two", _reference_back),  # "the two pilot villages", "all three countries": things counted before
    ("one and the other", _one_and_the_other),  # "a deficit in one year must be recovered in the next"
    # "one of the", "one of them" (but "six of the 11 countries" is a pair, "six of them" counts what
    # "them" stands for, "three of the plants" counts plants; a ratio is never excluded by it)
    ("one of", _one_of),
    # "according to one news report", "one woman won a seat": "one" picks out an item unless bounded
    ("one unbounded", _one_unbounded),
)


def _after_name(doc: Doc, i: int, sent: Span) -> bool:
    """Whether token ``i`` follows a capitalised name, or a bracketed qualifier of one: "Vision 2.0",
    "Swachh Bharat Mission (Urban) 2.0"."""
    k = i - 1
    if k > sent.start and doc[k].text == ")":
        opening = next((m for m in range(k - 1, max(sent.start, k - 6) - 1, -1) if doc[m].text == "("), None)
        if opening is None:
            return False
        k = opening - 1
    return k > sent.start and doc[k].is_alpha and doc[k].text[:1].isupper() and doc[k].lower_ not in QUALIFIER_WORDS
