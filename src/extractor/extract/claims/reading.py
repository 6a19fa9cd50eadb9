"""Number reading: the figure(s) each number match stands for, by the match's label
(:data:`READERS`): its value, scale and kind, and what is glued to it (a currency, a sign, a
second number).

* ``DIGITS``: "17,522", "33.05 million", "5.5bn", "US$4.7", "~5", "5–10", "5,000+", "Rs 2.77 lakh crore";
* ``WORDS``: "three million", "twenty-five", "a dozen", "half a million"; a run such as "two to
  three" is split into its numbers;
* ``DECADE``: "a decade", "the past century" (a duration);
* ``MULTIPLIER``: "double", "twice", "threefold", when it compares (a ratio);
* ``ONE_IN``: "one in five households" (a pair of counts), "one in five" (a ratio);
* ``FRACTION``: "two-thirds of", "half of" (a ratio).
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from spacy.tokens import Span

from extractor import currencies
from extractor import numbers as N
from extractor.extract.claims.figures import Paragraph, Quantity
from extractor.extract.claims.nouns import counted_noun
from extractor.extract.claims.units import DURATIONS
from extractor.extract.claims.words import DASHES, WORDS, is_year_word

#: Words before "decade" or "century" that make it a duration counted back or on from now.
_DECADE_LEADS = frozenset(WORDS["reading"]["decade_leads"])
#: Words before "of (the) last century" that make it a point in time: "the end of the last century".
_DECADE_POINTS = frozenset(WORDS["reading"]["decade_points"])
#: The spaces between the groups of a number written "470 000": a space, a no-break space, a narrow one.
_GROUP_SPACES = (" ", "\u00a0", "\u202f")
#: Words written before a number for its minus sign: "minus 452 degrees Fahrenheit".
_SIGN_WORDS = frozenset(WORDS["reading"]["sign_words"])
#: Words after "double"/"twice" when it compares ("more than double that of adults").
_MULTIPLIER_FOLLOWERS = frozenset(WORDS["reading"]["multiplier_followers"])

Reader = Callable[[Paragraph, int, int, Span], list[Quantity]]


def read_number(par: Paragraph, label: str, s: int, e: int, sent: Span) -> list[Quantity]:
    """The figure(s) the number match ``doc[s:e]`` labelled ``label`` stands for (none, one, or two)."""
    return READERS[label](par, s, e, sent)


def _read_digits(par: Paragraph, s: int, e: int, sent: Span) -> list[Quantity]:
    """Digits, with the scale word after them and what the token glues to them."""
    doc = par.doc
    m = N.NUMBER_TOKEN.match(doc[s].text)
    if m is None:
        return []
    money = bool(m.group("cur")) or s in par.prefixes
    if e - s == 2 and doc[e - 1].lower_ in ("m", "k") and not money:
        e = s + 1  # "5 m" may be metres; only money takes the short scales
    scale = N.scale_value(doc[e - 1].text) if e - s == 2 else None
    if e - s == 3:  # a compound scale ("lakh crore"), else the first scale word alone
        scale = N.words_value([t.text for t in doc[s + 1:e]])
        if scale is None:
            e, scale = s + 2, N.scale_value(doc[s + 1].text)
    suf = m.group("suf")
    if suf and suf != "+":
        if suf.lower() in ("k", "m") and not money:
            return []
        scale = N.SCALE_ABBREVIATIONS[suf.lower()]
    start = doc[s].idx
    a = Quantity(s, e, start + m.start("a"), start + m.end("a"), N.parse_digits(m.group("a"), par.convention) or Decimal(0),
                 "digits", scale)
    if m.group("b"):  # a glued range: "5–10"
        b = Quantity(s, e, start + m.start("b"), start + m.end("b"), N.parse_digits(m.group("b"), par.convention) or Decimal(0),
                     "digits", scale)
        if scale is not None:
            a.end = start + m.end("a")  # the scale is written once, after the second number
            if a.value < b.value:
                a.value *= scale
            b.value *= scale
            b.end = doc[s:e].end_char
        a.j = b.i = s  # neither owns the token after it alone
        a.partners, b.partners = [b], [a]
        out = [a, b]
    else:
        if scale is not None:
            a.value *= scale
            a.end = doc[s:e].end_char
        out = [a]
    if m.group("cur"):
        code = currencies.SYMBOLS.get(m.group("cur")) or currencies.iso_code(m.group("cur"))
        out[0].start = start
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
    if s > sent.start and doc[s - 1].lower_ in _SIGN_WORDS and not m.group("b") and not m.group("cur"):
        out[0].value = -out[0].value  # "minus 452 degrees Fahrenheit"
        out[0].start = doc[s - 1].idx
    for c in out:
        c.right = e
    return out


def _read_spaced(par: Paragraph, s: int, e: int, sent: Span) -> list[Quantity]:
    """Digits grouped by spaces, "470 000", "1 234 567,8": one number where the report groups
    thousands so (:class:`extractor.numbers.Convention`) or a group starts with a zero, and one
    space stands between the groups; else each group is a number of its own."""
    doc = par.doc
    last = max(k for k in range(s, e) if doc[k].text[:1].isdigit())
    # a group with a leading zero ("000", "050") is no number of its own, whatever the convention
    grouped = par.convention.spaced_thousands or any(t.text.startswith("0") for t in doc[s + 1:last + 1])
    if not grouped or any(doc[k].whitespace_ not in _GROUP_SPACES for k in range(s, last)):
        out: list[Quantity] = []
        for k in range(s, last + 1):
            if k == s or not doc[k].text.startswith("0"):
                out.extend(_read_digits(par, k, e if k == last else k + 1, sent))
        return out
    text = "".join(t.text for t in doc[s:last + 1])
    value = N.parse_digits(text, par.convention)
    if value is None:
        return []
    scale = N.scale_value(doc[e - 1].text) if e - 1 > last else None
    end = doc[s:e].end_char if scale is not None else doc[last].idx + len(doc[last].text)
    c = Quantity(s, e, doc[s].idx, end, value * (scale or 1), "digits", scale)
    c.right = e
    return [c]


def _read_words(par: Paragraph, s: int, e: int, sent: Span) -> list[Quantity]:
    """Split a run of number words into numbers: "two" "to" "three" are two, "twenty-five" is one."""
    doc = par.doc
    out: list[Quantity] = []
    k = s
    while k < e:
        best = None
        for stop in range(e, k, -1):
            words = [t.text for t in doc[k:stop]]
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
        # the last scale word but "hundred" is the figure's scale: "three million"
        scale = next((N.SCALES[t.lower_] for t in reversed(doc[k:stop])
                      if t.lower_ in N.SCALES and t.lower_ != "hundred"), None)
        c = Quantity(k, stop, doc[k].idx, doc[k:stop].end_char, Decimal(value), "words", scale)
        c.right = stop
        out.append(c)
        k = stop
    return out


def _read_decade(par: Paragraph, s: int, e: int, sent: Span) -> list[Quantity]:
    """"a decade", "the past decade": a duration of ten (or a hundred) years."""
    doc = par.doc
    unit, years = DURATIONS[doc[e - 1].lower_]
    if doc[s].lower_ in _DECADE_LEADS:
        if e < sent.end and doc[e].lower_ == "of":
            return []  # "the last decade of the century": a period
        before = s - 1 if s > sent.start and doc[s - 1].lower_ == "the" else s
        if before - 2 >= sent.start and doc[before - 1].lower_ == "of" and doc[before - 2].lower_ in _DECADE_POINTS:
            return []  # "toward the end of the last century": a point in time
        s = e - 1  # the surface is the noun: "the past decade" -> "decade"
    c = Quantity(s, e, doc[s].idx, doc[s:e].end_char, Decimal(years), "words", family="duration", unit=unit)
    c.right = e
    return [c]


def _read_multiplier(par: Paragraph, s: int, e: int, sent: Span) -> list[Quantity]:
    """"double", "twice": a ratio when it compares ("more than double that of adults")."""
    doc = par.doc
    tok = doc[s]
    nxt = doc[s + 1] if s + 1 < sent.end else None
    prev = [t.lower_ for t in doc[max(sent.start, s - 2):s]]
    value = N.MULTIPLIERS.get(tok.lower_) or N.words_value([tok.lower_[:-4]])
    comparing = tok.lower_.endswith("fold") or nxt is None or nxt.lower_ in _MULTIPLIER_FOLLOWERS or nxt.is_punct \
        or " ".join(prev) in ("more than", "less than") or (prev and prev[-1] in (
            "nearly", "almost", "about", "over", "roughly"))
    if nxt is not None and nxt.lower_ == "as" and tok.lower_ != "twice" \
            and "as" not in [t.lower_ for t in doc[s + 2:min(sent.end, s + 5)]]:
        comparing = False  # "rivers that double as sewers": the verb; but "double as much as"
    # "has doubled since 2000" is the verb of a change and left out; bounded, "more than doubled" or
    # "nearly tripled" states the ratio as "more than double" does
    bounded = " ".join(prev) in ("more than", "less than", "well over", "just over", "just under") or bool(
        prev and prev[-1] in ("nearly", "almost", "about", "over", "roughly", "approximately", "around"))
    if tok.lower_.endswith("ed"):
        comparing = bounded
    if not value or not comparing or (nxt is not None and nxt.text in DASHES):
        return []
    c = Quantity(s, s + 1, tok.idx, tok.idx + len(tok.text), Decimal(value), "words", family="ratio", unit="ratio")
    if tok.lower_ in ("twice", "thrice") and not bounded and (nxt is None or nxt.lower_ not in _MULTIPLIER_FOLLOWERS
                                                              or nxt.text == "."):
        c.family, c.unit = "count", "time"  # "cut back twice": a count of occasions, not a ratio
    c.right = s + 1
    return [c]


def _read_one_in(par: Paragraph, s: int, e: int, sent: Span) -> list[Quantity]:
    """"one in five households": a pair of counts, two rows, as SPEC's "22 out of 23 key
    counties"; with no counted noun after it ("one in five"), a ratio; and no figure at all when
    the second number is a year ("3 in 2020"), but the first number alone."""
    doc = par.doc
    a, b = doc[s].text, doc[e - 1].text
    va = N.parse_decimal(a)
    vb = N.parse_decimal(b)
    if va is None or vb is None or not 0 < va < vb or N.is_year(vb, b):
        return (_read_digits if a[0].isdigit() else _read_words)(par, s, s + 1, sent)
    kind_a, kind_b = ("digits" if a[0].isdigit() else "words"), ("digits" if b[0].isdigit() else "words")
    if counted_noun(doc, e, sent) is not None:
        first = Quantity(s, s + 1, doc[s].idx, doc[s].idx + len(a), va, kind_a)
        second = Quantity(e - 1, e, doc[e - 1].idx, doc[e - 1].idx + len(b), vb, kind_b)
        first.right, second.right = s + 1, e
        first.partners, second.partners = [second], [first]
        return [first, second]
    c = Quantity(s, e, doc[s].idx, doc[e - 1].idx + len(b), va / vb, kind_a, family="ratio", unit="ratio")
    c.right = e
    return [c]


def _read_fraction(par: Paragraph, s: int, e: int, sent: Span) -> list[Quantity]:
    """"two-thirds of", "a quarter of", "half of": a ratio (the "of" is left to what follows)."""
    doc = par.doc
    value = N.fraction_value([t.text for t in doc[s:e - 1]])
    if value is None or (e < sent.end and is_year_word(doc[e].text)):
        return []  # "the last two quarters of 2024", "the first half of 2023": a period
    c = Quantity(s, e - 1, doc[s].idx, doc[s:e - 1].end_char, value, "words", family="ratio", unit="ratio")
    c.right = e - 1
    return [c]


#: The reader of each number pattern's label (:mod:`.patterns`).
READERS: dict[str, Reader] = {
    "DIGITS": _read_digits, "SPACED": _read_spaced, "WORDS": _read_words, "DECADE": _read_decade, "MULTIPLIER": _read_multiplier,
    "ONE_IN": _read_one_in, "FRACTION": _read_fraction,
}
