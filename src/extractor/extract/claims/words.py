"""The words the claim rules share, read from ``data/lexicons/claim_words.toml``: punctuation,
function words, verbs and the words of change; and the token tests built on them.

Lists that one rule family alone reads are read by its own module, from the section of the
lexicon named for it.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from extractor.registry import lexicon

WORDS = lexicon("claim_words")

DASHES = frozenset(WORDS["punctuation"]["dashes"])
#: The dashes that join a compound when glued between words ("drought-exposed"); an em dash so
#: glued sets off a phrase ("1,200 workers—most of them engineers").
JOINERS = DASHES - frozenset(WORDS["punctuation"]["parenthetical_dashes"])
QUOTES_OPEN = frozenset(WORDS["punctuation"]["quotes_open"])
QUOTES_CLOSE = frozenset(WORDS["punctuation"]["quotes_close"])
#: Function words: a counted noun phrase never runs across one.
FUNCTION_WORDS = frozenset(WORDS["function_words"]["words"])
#: Verbs that state a figure for their subject: "income reached 17,522 yuan".
STATING_VERBS = frozenset(WORDS["verbs"]["stating"])
#: Common verbs that follow a noun phrase (where a phrase ends when there is no tagger).
FINITE_VERBS = frozenset(WORDS["verbs"]["finite"])
#: Words of growth and of decline, verbs and nouns: "grew by", "an increase of", "dropped by".
UP_WORDS = frozenset(WORDS["change"]["up"])
DOWN_WORDS = frozenset(WORDS["change"]["down"])
#: Forms that can only be verbs (past tenses), where a phrase ends: "funds increased", "income rose".
PAST_VERBS = frozenset(w for w in STATING_VERBS | UP_WORDS | DOWN_WORDS
                       if w.endswith("ed") or w in WORDS["verbs"]["past_forms"])
#: Words that make a bare figure a ratio or index: "the income ratio ... dropping to 1.86".
RATIO_WORDS = frozenset(WORDS["ratios"]["words"])

_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


def is_year_word(word: str) -> bool:
    """Whether a token's text is a year (1500-2099)."""
    return _YEAR.fullmatch(word) is not None


def verb_like(t: Token) -> bool:
    """A verb, by the tagger when there is one, else by a short list of verbs that follow nouns."""
    if t.tag_:
        return t.tag_ in ("VBZ", "VBP", "VBD", "MD") or (t.tag_ == "VBN" and t.dep_ not in ("amod", "compound")) \
            or (t.tag_ == "VBG" and t.dep_ in ("acl", "advcl", "xcomp", "conj", "ROOT"))
    return t.lower_ in STATING_VERBS or t.lower_ in FINITE_VERBS
