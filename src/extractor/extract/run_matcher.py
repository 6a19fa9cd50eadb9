"""A spaCy token Matcher that visits only the stretches of a Doc where a pattern can match.

spaCy's Matcher starts every pattern at every token and evaluates REGEX predicates in Python,
so a few broad patterns cost more than tokenising. But each token a pattern matches satisfies
one of its token specs, and every pattern has an *anchor*: a required spec that accepts only a
narrow class of words (a head noun, a month, a number). So every match lies inside a maximal
run of tokens that some spec accepts, and that run holds an anchor. :class:`RunMatcher` finds
those runs from one ``doc.to_array(ORTH)`` (classifying each distinct word once) and runs the
Matcher on them alone: the (match_id, start, end) triples, and their order, are the ones the
Matcher gives on the whole Doc, since no spec looks past its own token. And since the Matcher
sees a token only through the specs that accept it, runs whose tokens are accepted by the same
specs, one by one ("1.5 million", "270 million"), match alike: a :class:`RunMemo` lets the runs
of one report share the matches of the first of them. Given the analysis' word table
(:func:`block_matches`), the report's distinct words are classified once and a block's runs
are found with one array lookup, not a dictionary lookup per token. A report's new runs are
matched in one Matcher call, written as their words' signatures over a private vocabulary whose
lexeme flags stand for the specs (:class:`_SignatureMatcher`): the Matcher then tests flags in
compiled code instead of calling a Python predicate per token for every REGEX and IN spec.

The specs are read from the patterns; a spec this module cannot read raises, so editing a
pattern can never make it silently inexact.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
import weakref
from typing import TYPE_CHECKING, Any

import numpy

from spacy.attrs import ORTH
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractor.word_memo import forget_word_memos

if TYPE_CHECKING:
    from extractor.analysis import ParsedBlock

_OPTIONAL = ("?", "*")
_OPS = (None, "+", *_OPTIONAL)
#: (match_id, start, end) triples, as spaCy's Matcher gives them.
Matches = list[tuple[int, int, int]]
#: A maximal run of matchable tokens, over the tokens' kinds as bytes (0: no spec accepts the
#: token, 1: some spec does, 2: some anchor does); a run counts when it holds a 2.
_RUN = re.compile(rb"[\x01\x02]+")
#: The same runs, found by the regex alone (no run without an anchor is returned to Python).
_ANCHORED_RUN = re.compile(rb"[\x01\x02]*\x02[\x01\x02]*")


class _Spec:
    """One token spec of a pattern, as a test on a word's text."""

    def __init__(self, token: dict[str, Any], connectors: frozenset[str]) -> None:
        self.tests: list[tuple[str, str, Any]] = []
        if token.get("OP") not in _OPS:
            raise ValueError(f"run matcher: unsupported operator in {token!r}")
        for attr, value in token.items():
            if attr == "OP":
                continue
            if attr == "IS_SPACE" and value is True:
                self.tests.append(("IS_SPACE", "space", None))
            elif attr in ("ORTH", "TEXT", "LOWER"):
                self.tests.append(("LOWER" if attr == "LOWER" else "TEXT", *_test(value)))
            else:
                raise ValueError(f"run matcher: unsupported token attribute {attr!r} in {token!r}")
        kinds = {kind for _, kind, _ in self.tests}
        narrow = any(kind == "regex" or kind == "in" and not arg <= connectors for _, kind, arg in self.tests)
        #: Required, and accepts a narrow class of words (no exclusion list, not only connectors).
        self.anchor = token.get("OP") not in _OPTIONAL and narrow and "not_in" not in kinds

    def accepts(self, text: str) -> bool:
        for attr, kind, arg in self.tests:
            value = text.lower() if attr == "LOWER" else text
            if kind == "space":
                ok = text.isspace()
            elif kind == "regex":
                ok = arg.search(value) is not None
            else:
                ok = (value in arg) == (kind == "in")
            if not ok:
                return False
        return True


def _test(value: Any) -> tuple[str, Any]:
    if isinstance(value, str):
        return "in", frozenset({value})
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            return "in", frozenset(arg)
        if op == "NOT_IN":
            return "not_in", frozenset(arg)
        if op == "REGEX":
            return "regex", re.compile(arg)
    raise ValueError(f"run matcher: unsupported token spec value {value!r}")


#: Every TokenRuns and RunMatcher, for :func:`forget_word_classes`.
_WORD_CACHES: weakref.WeakSet[TokenRuns | RunMatcher] = weakref.WeakSet()


def forget_word_classes() -> None:
    """Forget which specs accept which words, in every run matcher of the process.

    Like spaCy's lexeme attributes, a word's class is a property of the word and the patterns,
    kept across reports: a batch pays for a word the first time it sees it. This puts every
    matcher back in the state of a fresh process, for measuring what a report made only of
    new words costs (the benchmark's "new words" figure); extraction never needs it. The other
    per-word memos of the claim rules (a figure's value, a noun's count unit) are dropped too.
    """
    for cache in list(_WORD_CACHES):
        cache.forget_words()
    forget_word_memos()


class TokenRuns:
    """Which words some spec accepts (1) or some anchor accepts (2); cached per ORTH id."""

    def __init__(self, patterns: list[list[dict[str, Any]]], connectors: frozenset[str]) -> None:
        specs: dict[str, _Spec] = {}
        for pattern in patterns:
            found = [specs.setdefault(repr(sorted(t.items())), _Spec(t, connectors)) for t in pattern]
            if not any(s.anchor for s in found):
                raise ValueError(f"run matcher: pattern without an anchor: {pattern!r}")
        self.specs = list(specs.values())
        self.anchors = [s for s in self.specs if s.anchor]
        self._kind: dict[int, int] = {}
        _WORD_CACHES.add(self)

    def forget_words(self) -> None:
        """Drop the kinds of the words seen so far (see :func:`forget_word_classes`)."""
        self._kind.clear()

    def _classify(self, orth: int, text: str) -> int:
        kind = 2 if any(s.accepts(text) for s in self.anchors) else int(any(s.accepts(text) for s in self.specs))
        self._kind[orth] = kind
        return kind

    def __call__(self, doc: Doc) -> list[tuple[int, int]]:
        """Maximal runs of matchable tokens that hold an anchor, as (start, end)."""
        return self.spans(doc.to_array(ORTH).tolist(), doc.vocab.strings)

    def spans(self, orths: list[int], strings: StringStore) -> list[tuple[int, int]]:
        """The maximal runs of matchable tokens that hold an anchor, as (start, end), for tokens
        ``orths``: one regex pass over the tokens' kinds (looked up with ``map``), not a Python
        step per token."""
        kinds = list(map(self._kind.get, orths))
        if None in kinds:
            kinds = [self._classify(orth, strings[orth]) if kind is None else kind
                     for orth, kind in zip(orths, kinds)]
        return [m.span() for m in _RUN.finditer(bytes(kinds)) if 2 in m.group()]


class _PatternAnchors(TokenRuns):
    """:class:`TokenRuns` whose anchors are one spec per pattern, its rarest required one.

    A match holds a token of every required spec of its pattern, so any one of them anchors
    it as exactly as all of them do. The rarest, not the first, keeps common words ("a",
    "-") from opening a run (and a Matcher call) wherever they stand: a spec that accepts a
    connector word is taken last, a regular expression after a word list, a short word list
    before a long one.
    """

    def __init__(self, patterns: list[list[dict[str, Any]]], connectors: frozenset[str]) -> None:
        super().__init__(patterns, connectors)
        # TokenRuns keeps one spec per distinct token spec, in the order of first occurrence
        keys = list(dict.fromkeys(_key(t) for pattern in patterns for t in pattern))
        #: Each token spec's (:func:`_key`) index in :attr:`specs`, the numbers signatures hold.
        self.spec_index = {key: n for n, key in enumerate(keys)}
        by_key = dict(zip(keys, self.specs, strict=True))
        chosen: dict[int, _Spec] = {}
        for pattern in patterns:
            own = [by_key[_key(t)] for t in pattern]
            best = min((s for s in own if s.anchor), key=lambda s: _breadth(s, connectors))
            chosen[id(best)] = best
        self.anchors = list(chosen.values())

    def spans(self, orths: list[int], strings: StringStore) -> list[tuple[int, int]]:
        """As :meth:`TokenRuns.spans`; the runs without an anchor (a lone connector word, which
        is frequent) are left out by the regex itself."""
        kinds = list(map(self._kind.get, orths))
        if None in kinds:
            kinds = [self._classify(orth, strings[orth]) if kind is None else kind
                     for orth, kind in zip(orths, kinds)]
        return [m.span() for m in _ANCHORED_RUN.finditer(bytes(kinds))]


def _key(token: dict[str, Any]) -> str:
    """The key :class:`TokenRuns` files a token spec under."""
    return repr(sorted(token.items()))


def _breadth(spec: _Spec, connectors: frozenset[str]) -> tuple[bool, bool, int]:
    """How many words a spec may accept, roughly, for picking a pattern's anchor (smaller is rarer)."""
    words = [arg for _, kind, arg in spec.tests if kind == "in"]
    common = any(arg & connectors for arg in words)
    regex = any(kind == "regex" for _, kind, _ in spec.tests)
    return common, regex and not words, min((len(arg) for arg in words), default=0)


class _SignatureMatcher:
    """The patterns of a :class:`RunMatcher`, over words written as their signatures.

    A spec of the patterns becomes a lexeme flag of a private vocabulary, and each signature (a
    set of specs, see :attr:`RunMatcher._classes`) a word of it whose flags are the specs in the
    set: a pattern token ``{flag: True}`` then accepts exactly the words its spec accepts. The
    Matcher tests lexeme flags in compiled code; the REGEX and IN predicates of the patterns as
    written are Python calls, made for every token and every predicate (most of a Matcher
    call's time). The Matcher sees a token only through the specs that accept it, so it gives
    the same triples, in the same order, on the signatures as on the words.
    """

    #: The lexeme flag bits free for custom flags (spaCy's FLAG19 to FLAG63; 1 to 18 are its
    #: own, IS_ALPHA and the like), hence how many specs the flags can stand for.
    FLAGS = range(19, 64)
    MAX_SPECS = len(FLAGS)
    #: The word between runs: no flag is set for it, so no spec accepts it.
    SEPARATOR = "|"

    def __init__(self, keyed: list[tuple[str, list[list[dict[str, Any]]]]], spec_index: dict[str, int],
                 signatures: list[frozenset[int]]) -> None:
        """``keyed``: the patterns by match key, as added; ``spec_index``: each token spec's
        (:func:`_key`) index among the specs; ``signatures``: each signature's set of spec
        indices, by signature number (the list grows as words are classified)."""
        self._signatures = signatures
        self.vocab = Vocab(lex_attr_getters={})
        flags = [self.vocab.add_flag(functools.partial(self._accepts, n), flag_id)
                 for n, flag_id in zip(range(len(spec_index)), self.FLAGS, strict=False)]
        # (pattern validation knows attribute names, not flag bits)
        self.matcher = Matcher(self.vocab, validate=False)
        for key, patterns in keyed:
            self.matcher.add(key, [[{flags[spec_index[_key(t)]]: True, **({"OP": t["OP"]} if "OP" in t else {})}
                                    for t in pattern] for pattern in patterns])

    def _accepts(self, spec: int, word: str) -> bool:
        """Whether the signature ``word`` (see :meth:`word`) holds ``spec`` (a flag's getter)."""
        number = word[1:]
        return word[:1] == "s" and number.isdigit() and spec in self._signatures[int(number)]

    @staticmethod
    def word(signature: int) -> str:
        return f"s{signature}"

    def __call__(self, words: list[str]) -> Matches:
        return self.matcher(Doc(self.vocab, words=words))


class RunMatcher:
    """A :class:`spacy.matcher.Matcher` called only on the runs of a Doc that can hold a match.

    ``connectors``: words too common to anchor a run even though a pattern requires them
    ("the", "of", "and", punctuation).
    """

    def __init__(self, vocab: Vocab, connectors: frozenset[str] = frozenset()) -> None:
        self.matcher = Matcher(vocab)
        self.connectors = connectors
        self._patterns: list[list[dict[str, Any]]] = []
        self._runs: _PatternAnchors | None = None
        self._anchor_indices: frozenset[int] = frozenset()
        _WORD_CACHES.add(self)
        #: Per word, its class: its signature (a number standing for the set of specs that
        #: accept it: equal sets, equal numbers) times 4 plus its kind (see :class:`TokenRuns`).
        self._classes: dict[str, int] = {}
        self._signature_ids: dict[frozenset[int], int] = {}
        #: The same signatures' sets of specs, by number.
        self._signature_sets: list[frozenset[int]] = []
        #: The patterns by match key, as added (for :class:`_SignatureMatcher`).
        self._keyed: list[tuple[str, list[list[dict[str, Any]]]]] = []
        self._by_signature: _SignatureMatcher | None = None

    def __len__(self) -> int:
        return len(self.matcher)

    def forget_words(self) -> None:
        """Drop the classes of the words seen so far, and the matcher over signatures (see
        :func:`forget_word_classes`)."""
        self._classes.clear()
        self._by_signature = None

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        self.matcher.add(key, patterns)
        self._patterns.extend(patterns)
        self._keyed.append((key, patterns))
        self._runs = None
        self._classes.clear()
        self._signature_ids.clear()
        self._signature_sets.clear()
        self._by_signature = None

    def _anchors(self) -> _PatternAnchors:
        if self._runs is None:
            self._runs = _PatternAnchors(self._patterns, self.connectors)
            # the indices, among the specs, of the anchors
            self._anchor_indices = frozenset(n for n, spec in enumerate(self._runs.specs)
                                             if any(spec is anchor for anchor in self._runs.anchors))
        return self._runs

    def runs(self, doc: Doc, orths: list[int]) -> list[tuple[int, int]]:
        """The runs of ``doc`` that can hold a match; ``orths``: ``doc.to_array(ORTH).tolist()``."""
        return self._anchors().spans(orths, doc.vocab.strings)

    def __call__(self, doc: Doc, memo: RunMemo | None = None, orths: list[int] | None = None) -> Matches:
        """(match_id, start, end) triples, as ``Matcher(doc)`` gives them; with ``memo``, a run
        of words matched before (in another block of the same report) is not matched again.
        ``orths``: ``doc.to_array(ORTH).tolist()`` when the caller has it already."""
        if orths is None:
            orths = doc.to_array(ORTH).tolist()
        strings = doc.vocab.strings
        seen = memo.of(self) if memo is not None else {}
        out: Matches = []
        for start, end in self.runs(doc, orths):
            key = tuple(self._class(strings[orth]) >> 2 for orth in orths[start:end])
            self._extend(out, doc, start, end, key, seen)
        return out

    def match_many(self, blocks: list[numpy.ndarray], texts: list[str], memo: RunMemo) -> list[Matches]:
        """``self(doc, memo)`` for each of several Docs of one report, given by their tokens'
        indices into ``texts``, the report's distinct words (``blocks``; the analysis' word
        table): the words are classified once per report, and a block's runs found with one
        array lookup.

        The runs whose words were not matched before are matched together, in one Matcher call
        on a Doc made of them (see :meth:`_match_runs`), not in one call per run: a Matcher call
        costs tens of microseconds before it reads a token, more than the few tokens of a run."""
        kinds, signatures = memo.classes(self, texts)
        seen = memo.of(self)
        runs_of: list[list[tuple[int, tuple[int, ...]]]] = []
        new: dict[tuple[int, ...], numpy.ndarray] = {}
        for word_ids in blocks:
            runs = []
            for m in _ANCHORED_RUN.finditer(kinds[word_ids].tobytes()):
                start, end = m.span()
                key = tuple(signatures[word_ids[start:end]].tolist())
                if key not in seen and key not in new:
                    new[key] = word_ids[start:end]
                runs.append((start, key))
            runs_of.append(runs)
        if new:
            self._match_runs(new, texts, seen)
        return [[(m, s + start, e + start) for start, key in runs for m, s, e in seen[key]] for runs in runs_of]

    def _match_runs(self, runs: dict[tuple[int, ...], numpy.ndarray], texts: list[str],
                    seen: dict[tuple[int, ...], Matches]) -> None:
        """The matches of each run (its words' indices into ``texts``, by its key), into ``seen``.

        The runs are written one after another into one Doc, a word no spec accepts between
        two runs, and matched in one Matcher call. No match can hold that word, and every
        partial match dies on it as it would at the end of the run's own Doc (the Matcher's
        pending optional tokens resolve the same way on a token that fails them as at the end),
        so each run gets the triples, in the order, that a Matcher call on it alone gives.
        The runs are written as their words' signatures (:class:`_SignatureMatcher`), unless the
        patterns have more specs than a vocabulary has lexeme flags; then as the words, and
        without a word no spec accepts (a pattern accepting any word), each run is matched alone."""
        by_signature = self._signature_matcher()
        if by_signature is not None:
            self._collect(runs, seen, by_signature([w for key in runs for w in (
                *map(by_signature.word, key), by_signature.SEPARATOR)]))
            return
        separator = self._separator()
        if separator is None:
            for key, word_ids in runs.items():
                seen[key] = self.matcher(Doc(self.matcher.vocab, words=[texts[i] for i in word_ids.tolist()]))
            return
        words: list[str] = []
        for word_ids in runs.values():
            words.extend(texts[i] for i in word_ids.tolist())
            words.append(separator)
        self._collect(runs, seen, self.matcher(Doc(self.matcher.vocab, words=words)))

    @staticmethod
    def _collect(runs: dict[tuple[int, ...], numpy.ndarray], seen: dict[tuple[int, ...], Matches],
                 found: Matches) -> None:
        """The matches ``found`` in the runs written one after another, a word between two,
        into ``seen`` by run (relative to the run's start)."""
        offsets = [0, *itertools.accumulate(len(key) + 1 for key in runs)][:-1]
        by_run: list[Matches] = [[] for _ in offsets]
        for m, s, e in found:
            n = bisect.bisect_right(offsets, s) - 1
            by_run[n].append((m, s - offsets[n], e - offsets[n]))
        seen.update(zip(runs, by_run))

    def _signature_matcher(self) -> _SignatureMatcher | None:
        """The patterns over signatures (made once; None with too many specs for the flags)."""
        if self._by_signature is None:
            runs = self._anchors()
            if len(runs.specs) > _SignatureMatcher.MAX_SPECS:
                return None
            self._by_signature = _SignatureMatcher(self._keyed, runs.spec_index, self._signature_sets)
        return self._by_signature

    def _separator(self) -> str | None:
        """A word that no spec of the patterns accepts (between runs in :meth:`_match_runs`)."""
        for word in ("\u2063", "||", "\u00b6\u00b6"):
            if self._class(word) & 3 == 0:  # kind 0: no spec accepts it
                return word
        return None

    def _extend(self, out: Matches, doc: Doc, start: int, end: int, key: tuple[int, ...],
                seen: dict[tuple[int, ...], Matches]) -> None:
        """Add the matches of the run ``doc[start:end]`` (whose word signatures are ``key``) to ``out``."""
        found = seen.get(key)
        if found is None:
            found = seen[key] = self.matcher(doc[start:end])
        out.extend((m, s + start, e + start) for m, s, e in found)

    def classes(self, texts: list[str]) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The kinds and the signatures of the words ``texts``, as arrays (looked up with ``map``,
        not a Python step per word, once every word has been classified)."""
        classes = list(map(self._classes.get, texts))
        if None in classes:
            classes = [self._class(text) if known is None else known for text, known in zip(texts, classes)]
        codes = numpy.array(classes, dtype=numpy.intp)
        return (codes & 3).astype(numpy.uint8), codes >> 2

    def _class(self, text: str) -> int:
        """The class of one word (see :attr:`_classes`), classifying it when it is new."""
        known = self._classes.get(text)
        if known is not None:
            return known
        runs = self._anchors()
        # each spec tested once: the kind follows from the specs that accept the word
        accepted = frozenset(n for n, spec in enumerate(runs.specs) if spec.accepts(text))
        kind = 2 if not accepted.isdisjoint(self._anchor_indices) else int(bool(accepted))
        signature = self._signature_ids.get(accepted)
        if signature is None:
            signature = self._signature_ids[accepted] = len(self._signature_sets)
            self._signature_sets.append(accepted)
        known = self._classes[text] = signature * 4 + kind
        return known


class RunMemo:
    """Matches of the runs of words a :class:`RunMatcher` has matched, per matcher, for the Docs
    of one report (and the classes of the report's words).

    Every spec tests only a token's text, so a run of words accepted by the same specs matches
    the same way; a report repeats its years and figures, and a Matcher call costs far more
    than the lookup.
    """

    def __init__(self) -> None:
        self._by_matcher: dict[RunMatcher, dict[tuple[int, ...], Matches]] = {}
        self._classes: dict[RunMatcher, tuple[list[str], tuple[numpy.ndarray, numpy.ndarray]]] = {}

    def of(self, matcher: RunMatcher) -> dict[tuple[int, ...], Matches]:
        """Matches by run of word signatures (see :attr:`RunMatcher._classes`), for ``matcher``."""
        return self._by_matcher.setdefault(matcher, {})

    def classes(self, matcher: RunMatcher, texts: list[str]) -> tuple[numpy.ndarray, numpy.ndarray]:
        """``matcher.classes(texts)``, computed once per report (``texts``: its distinct words)."""
        known = self._classes.get(matcher)
        if known is None or known[0] is not texts:
            known = self._classes[matcher] = texts, matcher.classes(texts)
        return known[1]


def matches(matcher: RunMatcher | PhraseMatcher, doc: Doc, memo: RunMemo | None = None,
            orths: list[int] | None = None) -> Matches:
    """``matcher(doc)``; a :class:`RunMatcher` with ``memo`` (and ``orths``, the Doc's ORTH ids, if known)."""
    return matcher(doc, memo, orths) if isinstance(matcher, RunMatcher) else matcher(doc)


def block_matches(matcher: RunMatcher | PhraseMatcher, pb: ParsedBlock, memo: RunMemo) -> Matches:
    """``matcher(pb.doc)``; a :class:`RunMatcher` reads the block's words from the analysis' word table."""
    if isinstance(matcher, PhraseMatcher):
        return matcher(pb.doc)
    return matcher(pb.doc, memo)


def blocks_matches(matcher: RunMatcher, blocks: list[ParsedBlock], memo: RunMemo) -> list[Matches]:
    """``[block_matches(matcher, pb, memo) for pb in blocks]``, the runs of all the blocks matched
    together (:meth:`RunMatcher.match_many`) when they share the analysis' word table."""
    if not blocks:
        return []
    return [block_matches(matcher, pb, memo) for pb in blocks]
