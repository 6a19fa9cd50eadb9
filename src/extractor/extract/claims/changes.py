"""The change column: whether a figure states an increase, a decrease, a growth or year-on-year
rate, or a difference ("grew by 15.8%", "a 24.7% increase", "18,620 yuan above the national
average")."""
from __future__ import annotations

import re

from spacy.tokens import Span

from extractor.extract.claims.figures import Paragraph, Quantity
from extractor.extract.claims.words import DOWN_WORDS, UP_WORDS, WORDS

_CHANGE = WORDS["change"]
#: Nouns after a figure that make it a change: "a 24.7% increase", "an 82% surge".
CHANGE_NOUNS_UP = frozenset(_CHANGE["nouns_up"])
CHANGE_NOUNS_DOWN = frozenset(_CHANGE["nouns_down"])
_CHANGE_WORDS = UP_WORDS | DOWN_WORDS
_CHANGE_NOUNS = CHANGE_NOUNS_UP | CHANGE_NOUNS_DOWN
#: Words between "by"/"of" and the figure: "increased by a cumulative 973,000 yuan".
_BEFORE_FIGURE = frozenset(_CHANGE["before_figure"])
#: Words between the figure and a change noun after it: "a 6.4% year-on-year increase".
_AFTER_FIGURE = frozenset(_CHANGE["after_figure"])
#: "18,620 yuan above the national average": a difference.
_DIFFERENCE_FOLLOWERS = frozenset(_CHANGE["difference_followers"])
_DIFFERENCE_NEXT = frozenset(_CHANGE["difference_next"])
_YOY = re.compile(r"\byear[\s-]*on[\s-]*year\b|\by-o-y\b|\byoy\b|\bcompared with the same period\b", re.I)


def change(par: Paragraph, c: Quantity, sent: Span) -> str | None:
    """increase / decrease / growth_rate / year_on_year / difference, when the figure is a change.

    "grew by 15.8%", "an increase of 6.5%", "increased by a cumulative 973,000 yuan" (a change
    word before "by"/"of"); "a 24.7% increase", "a 6.4% year-on-year increase" (a change noun
    after); "up 5%" (a percentage); "grew 8%" (a change word right before); "18,620 yuan above the
    national average" (a difference). Percentages that grow are growth rates; with "year-on-year"
    nearby they are year-on-year rates. Sets ``c.change_at``, the change word's token.
    """
    doc = par.doc
    if c.family in ("ratio", "duration"):
        return None
    i = par.lead(c)
    k = i - 1
    while k > sent.start and doc[k].lower_ in _BEFORE_FIGURE:
        k -= 1
    before = doc[k].lower_ if k >= sent.start else None
    direction = None
    if before in ("by", "of"):
        for w in range(k - 1, max(sent.start, k - 8) - 1, -1):
            word = doc[w].lower_
            if word in (",", ";", "from", "to"):
                break
            if word in _CHANGE_WORDS:
                direction, c.change_at = ("increase" if word in UP_WORDS else "decrease"), w
                break
    if direction is None:
        for w in range(c.right, min(sent.end, c.right + 6)):
            word = doc[w].lower_
            if word in _AFTER_FIGURE:
                continue
            if word in _CHANGE_NOUNS:
                direction, c.change_at = ("increase" if word in CHANGE_NOUNS_UP else "decrease"), w
            break
    if direction is None and before in ("up", "down") and c.family == "percent":
        direction, c.change_at = ("increase" if before == "up" else "decrease"), k
    if direction is None and before in _CHANGE_WORDS and before not in _CHANGE_NOUNS and i == k + 1:
        direction, c.change_at = ("increase" if before in UP_WORDS else "decrease"), k  # "grew 8%"
    if direction is None:
        after = [t.lower_ for t in doc[c.right:min(sent.end, c.right + 2)]]
        if len(after) == 2 and after[0] in _DIFFERENCE_FOLLOWERS and after[1] in _DIFFERENCE_NEXT:
            return "difference"
        return None
    clause = doc[max(sent.start, i - 10):min(sent.end, c.right + 6)].text
    if _YOY.search(clause) and direction == "increase":
        return "year_on_year"
    if c.unit == "percent":
        return "growth_rate" if direction == "increase" else "decrease"
    return direction
