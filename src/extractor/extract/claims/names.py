"""Names that hold numbers and are no claims: quoted titles ("10,000 Enterprises Helping 10,000
Villages") and hyphenated durations used as the name of something ("the five-year transitional
period").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from extractor import numbers as N
from extractor.extract.claims.words import FUNCTION_WORDS, QUOTES_CLOSE, QUOTES_OPEN

#: How many tokens a quoted title may span.
_LONGEST_QUOTATION = 39


def quoted_titles(doc: Doc) -> list[tuple[int, int]]:
    """Token spans inside quotation marks that read as a title or name ("10,000 Enterprises
    Helping 10,000 Villages"), not as quoted speech ("Our harvests in the past two years ...")."""
    out: list[tuple[int, int]] = []
    resume = 0  # after a quotation, the next one opens past its closing quote
    for t in doc:
        k = t.i
        if t.text not in QUOTES_OPEN or k < resume:
            continue
        if t.text == "'" and k > 0 and not doc[k - 1].whitespace_:
            continue  # a closing apostrophe glued to its word ("farmers'")
        close = next((m for m in range(k + 1, min(len(doc), k + 1 + _LONGEST_QUOTATION))
                      if doc[m].text in QUOTES_CLOSE), None)
        if close is None:
            continue
        inside = doc[k + 1:close]
        alpha = [w for w in inside if w.is_alpha]
        content = [w for w in alpha[1:] if w.lower_ not in FUNCTION_WORDS]
        capitals = sum(1 for w in content if w.text[:1].isupper())
        lower_case = sum(1 for w in content if w.is_lower)
        has_number = any(N.NUMBER_TOKEN.match(w.text) or w.lower_ in N.NUMBER_WORDS for w in inside)
        if (capitals >= lower_case and (capitals or has_number)) or (has_number and len(alpha) <= 6):
            out.append((k + 1, close))
        resume = close + 1
    return out


_URL = re.compile(r"(?:https?://|www\.)\S+")


class RecurringNames:
    """Hyphenated durations used as the name of something ("the five-year transitional period").

    A compound such as "three-year initiative" states a duration; the same compound written
    again and again, or once inside quotation marks, names a period or programme instead. Only
    the compound in lower case counts: in title case ("Iran Confirms Two-Week Ceasefire", a
    cited article's title) it is a title's words, which says nothing of how the report uses it.
    """

    def __init__(self, text: str) -> None:
        #: The report less its URLs (".../iran-confirms-two-week-ceasefire"), and its quotations.
        self.text = _URL.sub(" ", text)
        self.quoted = " ".join(re.findall(r"[\"\u201c\u2018]([^\"\u201d\u2019]{1,120})[\"\u201d\u2019]", self.text))

    def is_name(self, number: str, unit: str, noun: str) -> bool:
        """Whether "<number>-<unit> <noun>" (lower case) recurs in the report or stands in quotation marks."""
        pattern = re.compile(
            rf"\b{re.escape(number.lower())}\s*[-\u2010-\u2015]\s*{re.escape(unit.lower())}s?[\s-]+"
            rf"{re.escape(noun.lower())}\b")
        return len(pattern.findall(self.text)) > 1 or bool(pattern.search(self.quoted))
