"""English words and word pairs, from maintained data packages, for repairing a dump's text.

Two lists that tell whether a string is a word and whether two words are often written one after
the other: `SymSpell <https://github.com/mammothb/symspellpy>`_'s English frequency dictionary
(82,765 words counted in a web corpus) and its bigram dictionary (242,342 word pairs), with
`lemminflect <https://github.com/bjascob/LemmInflect>`_'s lexicon for the forms of words the
first lacks ("labor", "insecurity"). Each list is read once, when first needed.
"""
from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def segmenter():  # type: ignore[no-untyped-def]
    """SymSpell with its bundled English frequency dictionary (used for word segmentation)."""
    from symspellpy import SymSpell

    speller = SymSpell(max_dictionary_edit_distance=0, prefix_length=7)
    dictionary = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    with resources.as_file(dictionary) as path:
        speller.load_dictionary(str(path), term_index=0, count_index=1, encoding="utf-8")
    return speller


@functools.cache
def known_word(word: str) -> bool:
    """A word of SymSpell's dictionary, or a form of a word lemminflect knows ("labor",
    "insecurity", "travelers": SymSpell's list of the commonest words lacks them)."""
    from lemminflect import getAllLemmas

    lower = word.lower()
    return lower in segmenter().words or bool(getAllLemmas(lower))


@functools.cache
def _bigrams() -> frozenset[str]:
    name = resources.files("symspellpy").joinpath("frequency_bigramdictionary_en_243_342.txt")
    with resources.as_file(name) as path, open(path, encoding="utf-8") as f:
        return frozenset(" ".join(line.split()[:2]) for line in f)


def known_pair(first: str, second: str) -> bool:
    """Are the two words (any case) a pair of SymSpell's bigram dictionary ("postal service")?"""
    return f"{first.lower()} {second.lower()}" in _bigrams()
