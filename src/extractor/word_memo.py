"""Per-word memos kept across reports, and one way to forget them all.

Like spaCy's lexeme attributes, what a pure rule says about one word (a figure's value, a noun's
count unit) is a property of the word: a batch pays for it the first time it sees the word.
:func:`forget_word_memos` puts every memo back in the state of a fresh process, for the
benchmark's "new words" figure (see :func:`extractor.extract.run_matcher.forget_word_classes`).
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_MEMOS: list[Any] = []


def word_memo(function: F) -> F:
    """``function`` (pure, of one word), remembered per word."""
    memo = functools.lru_cache(maxsize=8192)(function)
    _MEMOS.append(memo)
    return memo  # type: ignore[return-value]


def forget_word_memos() -> None:
    """Empty every :func:`word_memo`."""
    for memo in _MEMOS:
        memo.cache_clear()
