"""The qualifier of a figure: the words that bound it, before it ("more than 3,000", "nearly
40%") or after it ("5,000 or more"), from ``data/lexicons/qualifiers.toml``; or a sign glued to
it ("~5", "5,000+"), read with the number.
"""
from __future__ import annotations

from extractor.extract.claims.figures import Paragraph, Quantity
from extractor.registry import lexicon

_LEXICON = lexicon("qualifiers")
#: Phrases before a figure that bound it, by qualifier (found by a PhraseMatcher, :mod:`.patterns`).
QUALIFIERS: dict[str, list[str]] = dict(_LEXICON["before"])
#: Words after a figure that bound it: ("or", "more") -> "at_least".
POST_QUALIFIERS: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): label for phrase, label in _LEXICON["after"].items()}
#: Every word of a qualifier before a figure ("more", "than", "nearly").
QUALIFIER_WORDS = frozenset(word for phrases in QUALIFIERS.values() for phrase in phrases for word in phrase.split())


def qualifier(par: Paragraph, c: Quantity) -> str:
    """The qualifier read with the number, else the phrase before the figure, else the words after it."""
    if c.qualifier != "exact":
        return c.qualifier
    q = par.qualifiers.get(par.surface_start(c))
    if q is not None:
        return q[1]
    after = tuple(t.lower_ for t in par.doc[c.right:c.right + 2])
    # (no phrase is the start of another: the one the words after begin with, looked up)
    return POST_QUALIFIERS.get(after) or POST_QUALIFIERS.get(after[:1]) or "exact"
