"""The language a report is written in, and the dictionary forms of its words in that language.

The rules read English first; reports in Spanish and French (the development corpus has both)
count their figures in their own words: "178 pays", "15 millones de personas", "3,5 dólares".
A report's language is the one whose function words (spaCy's stop-word lists for English,
Spanish and French) make up most of its first 2,000 words: a page of any of the three is about half
function words of its own language, and a few per cent of the others'. Each parsed block
carries it as ``Doc._.report_language`` (set by :func:`extractor.analysis.analyse`), so a rule
that reads a token can tell which language's words it reads.

The dictionary form of a word of a Spanish or French report is `simplemma
<https://github.com/adbar/simplemma>`_'s (lemma lists built from open lexical resources):
"pays" stays "pays" (no English plural of "pay"), "dólares" is "dólar", "personnes" is
"personne".
"""
from __future__ import annotations

import functools
import re

from spacy.lang.en.stop_words import STOP_WORDS as _ENGLISH
from spacy.lang.es.stop_words import STOP_WORDS as _SPANISH
from spacy.lang.fr.stop_words import STOP_WORDS as _FRENCH
from spacy.tokens import Doc

ENGLISH = "en"
#: Function words of each language the rules know, by ISO 639-1 code.
STOP_WORDS: dict[str, frozenset[str]] = {
    ENGLISH: frozenset(_ENGLISH), "es": frozenset(_SPANISH), "fr": frozenset(_FRENCH)}
#: Words read to tell a report's language: the first this many are plenty (a page or two).
SAMPLE_WORDS = 2_000
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")

if not Doc.has_extension("report_language"):
    Doc.set_extension("report_language", default=ENGLISH)


def language_of(text: str) -> str:
    """The language ``text`` is written in: the one whose stop words are the largest share of
    its words ("en" for a text without words)."""
    words = [w.lower() for w in _WORD.findall(text[: SAMPLE_WORDS * 12])][:SAMPLE_WORDS]
    if not words:
        return ENGLISH
    shares = {lang: sum(w in stops for w in words) for lang, stops in STOP_WORDS.items()}
    return max(shares, key=lambda lang: (shares[lang], lang == ENGLISH))


@functools.lru_cache(maxsize=8192)
def lemma(word: str, language: str) -> str:
    """The dictionary form of ``word`` (lower case) in ``language``; the word itself in English
    (the English rules lemmatize with lemminflect) or where the lemma lists lack it."""
    if language == ENGLISH:
        return word
    import simplemma

    return simplemma.lemmatize(word, lang=language).lower()


def is_foreign_function_word(word: str, language: str) -> bool:
    """Is ``word`` (lower case) a function word of ``language`` other than English: "dans",
    "de", "sur" in French? (The English rules keep their own, shorter list: spaCy's English
    stop words hold nouns a figure counts, "parts", "hundreds".)"""
    return language != ENGLISH and word in STOP_WORDS.get(language, frozenset())
