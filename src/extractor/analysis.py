"""One spaCy pass over a repaired document: the parsed text every extractor reads.

Body paragraphs, headings and footnotes are parsed once each with ``nlp.pipe``; sentences get
document-wide ids and spans into ``Document.text``. Extractors receive :class:`Analysis` and
never tokenise again.
"""
from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import accumulate, compress, islice
from operator import attrgetter
from typing import Any, TypeVar

import numpy
import pandas

from spacy.attrs import IDX, LENGTH, ORTH, SENT_START
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from extractor.model import Block, BlockKind, Document, Sentence

T = TypeVar("T")

PARSED_KINDS = (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TITLE, BlockKind.FOOTNOTE)


class WordTable:
    """The words of every parsed block of one document, read from spaCy once.

    Each distinct word (a report writes a few thousand in tens of thousands of tokens) gets one
    ``str``, cut from the first block text it occurs in, so that every block's word list shares
    it: its hash is computed once, and the set lookups the rules make cost no rehashing.
    Lower-case forms are computed once per distinct word too. Distinct words are numbered by
    first occurrence with a hash table (``pandas.factorize``), not by sorting.
    """

    def __init__(self, docs: list[Doc], strings: StringStore, texts: list[str] | None = None) -> None:
        """``texts``: each Doc's text, when the caller has it (a Doc rebuilds it token by token);
        without it, words are looked up in ``strings``."""
        columns = [doc.to_array([ORTH, IDX, LENGTH, SENT_START]) for doc in docs]
        bounds = [0, *accumulate(len(c) for c in columns)]
        self.bounds = bounds
        #: All blocks' columns, one token after another.
        self.tokens = numpy.concatenate(columns) if columns else numpy.zeros((0, 4), dtype=numpy.uint64)
        self._bounds = numpy.asarray(bounds)
        if bounds[-1]:
            codes, distinct = pandas.factorize(self.tokens[:, 0])
            #: Each token's word, as an index into :attr:`texts`.
            self.ids = codes
            self.texts = self._first_texts(codes, texts) if texts is not None else \
                [strings[orth] for orth in distinct.tolist()]
        else:
            self.texts, self.ids = [], numpy.zeros(0, dtype=numpy.intp)
        #: :meth:`hits` by the id of its targets, for words as written and in lower case.
        self._hits_text: dict[int, tuple[object, TokenHits]] = {}
        self._hits_lower: dict[int, tuple[object, TokenHits]] = {}

    def _first_texts(self, codes: numpy.ndarray, texts: list[str]) -> list[str]:
        """Each distinct word's text, cut from the block where it first occurs (``codes``
        number words by first occurrence, so the running maximum rises exactly there)."""
        firsts = numpy.flatnonzero(numpy.diff(numpy.maximum.accumulate(codes), prepend=-1) > 0)
        blocks = numpy.searchsorted(self._bounds, firsts, side="right") - 1
        starts = self.tokens[firsts, 1]
        ends = starts + self.tokens[firsts, 2]
        return [texts[b][s:e] for b, s, e in zip(blocks.tolist(), starts.tolist(), ends.tolist())]

    @functools.cached_property
    def lowers(self) -> list[str]:
        return [text.lower() for text in self.texts]

    @functools.cached_property
    def _lower_codes(self) -> tuple[numpy.ndarray, list[str]]:
        """Each distinct word's lower-case form as an index into the distinct lower-case forms,
        and those forms ("The" and "the" share one)."""
        codes, distinct = pandas.factorize(numpy.array(self.lowers, dtype=object))
        return codes, distinct.tolist()

    def hits(self, targets: Container[str] | Callable[[str], object], lower: bool = False) -> TokenHits:
        """:meth:`find`, remembered for the Analysis (``targets`` is kept alive with its result,
        so its id cannot be reused)."""
        remembered = self._hits_lower if lower else self._hits_text
        known = remembered.get(id(targets))
        if known is not None and known[0] is targets:
            return known[1]
        found = self.find(targets, lower)
        remembered[id(targets)] = (targets, found)
        return found

    def find(self, targets: Container[str] | Callable[[str], object], lower: bool = False) -> TokenHits:
        """Per block (its position in the table), the token indices whose word (lower-case word
        with ``lower``) is in ``targets``, or satisfies ``targets`` when it is a callable: one
        test per distinct word and one array pass for the whole document."""
        return self.find_tokens(self.word_flags(targets, lower)[self.ids])

    def find_tokens(self, mask: numpy.ndarray) -> TokenHits:
        """:meth:`find` of the tokens whose flag is set in ``mask`` (one per token of
        :attr:`tokens`), for tests that combine :meth:`word_flags` with the tokens' places."""
        return TokenHits.of_found(numpy.flatnonzero(mask), self._bounds)

    def word_flags(self, targets: Container[str] | Callable[[str], object], lower: bool = False) -> numpy.ndarray:
        """Per distinct word (of :attr:`texts`): is it (its lower-case form with ``lower``) in
        ``targets``, or does it satisfy ``targets`` when that is a callable."""
        if self._is_word_set(targets):
            # a word set smaller than the document's vocabulary: look its words up
            if lower:
                return self._lower_form_flags(targets)[self._lower_codes[0]]
            accepted = numpy.zeros(len(self.texts), dtype=bool)
            accepted[[n for n in map(self._text_index.get, targets) if n is not None]] = True
            return accepted
        words = self.lowers if lower else self.texts
        test = targets if callable(targets) else targets.__contains__
        return numpy.fromiter(map(bool, map(test, words)), dtype=bool, count=len(words))

    def _is_word_set(self, targets: object) -> bool:
        return isinstance(targets, (set, frozenset, dict, tuple, list)) and len(targets) < len(self.texts)

    def _lower_form_flags(self, targets: Container[str]) -> numpy.ndarray:
        """Per distinct lower-case form (see :attr:`_lower_codes`): is it in ``targets``."""
        accepted = numpy.zeros(len(self._lower_codes[1]), dtype=bool)
        accepted[[n for n in map(self._lower_index.get, targets) if n is not None]] = True  # type: ignore[arg-type]
        return accepted

    @functools.cached_property
    def gaps(self) -> numpy.ndarray:
        """Per token, the characters between it and the next token of its block: 0 or 1 (its
        trailing space: spaCy makes any other character a token), -1 for a block's last token."""
        starts = self.tokens[:, 1].astype(numpy.int64)
        gaps = numpy.full(len(starts), -1, dtype=numpy.int64)
        if len(starts) > 1:
            gaps[:-1] = starts[1:] - starts[:-1] - self.tokens[:-1, 2].astype(numpy.int64)
        gaps[numpy.asarray(self.bounds[1:], dtype=numpy.intp)[numpy.diff(self.bounds) > 0] - 1] = -1
        return gaps

    @functools.cached_property
    def _text_index(self) -> dict[str, int]:
        """Each distinct word's index in :attr:`texts`."""
        return dict(zip(self.texts, range(len(self.texts))))

    @functools.cached_property
    def _lower_index(self) -> dict[str, int]:
        """Each distinct lower-case form's index (see :attr:`_lower_codes`)."""
        distinct = self._lower_codes[1]
        return dict(zip(distinct, range(len(distinct))))

    def sentence_spans(self) -> tuple[list[int], list[int], list[int]]:
        """Every sentence of every block's ``doc.sents``, in order, as three flat lists: its
        block's position, ``sent.start_char`` and ``sent.end_char``. Found for the whole
        document in one array pass: a sentence opens at a block's first token and at every
        token whose SENT_START is 1 (as in ``Doc.sents``).

        Iterating ``doc.sents`` and reading ``sent.text`` creates a Span per sentence and a
        Token object per token, a sixth of the cost of the spaCy pass itself."""
        if not len(self.tokens):
            return [], [], []
        opens = self.tokens[:, 3] == 1
        opens[self._bounds[:-1][numpy.diff(self._bounds) > 0]] = True
        firsts = numpy.flatnonzero(opens)
        lasts = numpy.append(firsts[1:] - 1, len(self.tokens) - 1)
        blocks = numpy.searchsorted(self._bounds, firsts, side="right") - 1
        starts = self.tokens[firsts, 1]
        ends = self.tokens[lasts, 1] + self.tokens[lasts, 2]
        return blocks.tolist(), starts.tolist(), ends.tolist()

    @functools.cached_property
    def token_texts(self) -> list[str]:
        """Every token's text, block after block (a block's words are one slice of it)."""
        return numpy.array(self.texts, dtype=object)[self.ids].tolist()

    @functools.cached_property
    def token_lowers(self) -> list[str]:
        """Every token's lower-case text, block after block."""
        return numpy.array(self.lowers, dtype=object)[self.ids].tolist()

    @functools.cached_property
    def token_starts(self) -> list[int]:
        """Every token's character offset in its block, block after block."""
        return self.tokens[:, 1].tolist()

    def words_of(self, n: int, tokens: list[T]) -> list[T]:
        """Block ``n``'s slice of ``tokens`` (:attr:`token_texts`, :attr:`token_lowers` or
        :attr:`token_starts`)."""
        return tokens[self.bounds[n]:self.bounds[n + 1]]


class TokenHits(Mapping[int, list[int]]):
    """Where some words stand in every block of a document (:meth:`WordTable.find`): block
    position -> the (block-relative) token indices found there, for the blocks with any.

    Held as two flat lists, not a list per block: ``local``, every hit's index within its
    block, block after block, and ``cuts``, where each block's hits start in it (block ``n``'s
    are ``local[cuts[n]:cuts[n + 1]]``). A block's list is sliced when asked for (most rules
    ask about few blocks), not built for every block of the report."""

    __slots__ = ("local", "cuts")

    def __init__(self, local: list[int], cuts: list[int]) -> None:
        self.local = local
        self.cuts = cuts

    @classmethod
    def of_found(cls, found: numpy.ndarray, bounds: numpy.ndarray) -> TokenHits:
        """From the sorted document-wide token indices ``found`` and the blocks' ``bounds``."""
        cuts = numpy.searchsorted(found, bounds)
        return cls((found - numpy.repeat(bounds[:-1], numpy.diff(cuts))).tolist(), cuts.tolist())

    def get(self, block: int, default: object = None) -> Any:  # type: ignore[override]
        cuts = self.cuts
        if not 0 <= block < len(cuts) - 1 or cuts[block] == cuts[block + 1]:
            return default
        return self.local[cuts[block]:cuts[block + 1]]

    def __getitem__(self, block: int) -> list[int]:
        found = self.get(block)
        if found is None:
            raise KeyError(block)
        return found

    def __contains__(self, block: object) -> bool:
        return isinstance(block, int) and self.get(block) is not None

    def __iter__(self) -> Iterator[int]:
        cuts = self.cuts
        return (block for block in range(len(cuts) - 1) if cuts[block] != cuts[block + 1])

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass
class ParsedBlock:
    index: int  # index into Document.blocks
    block: Block
    doc: Doc
    sentences: list[Sentence] = field(default_factory=list)
    #: The document's word table and this block's position in it (see :func:`analyse`).
    table: WordTable | None = field(default=None, repr=False)
    position: int = 0
    #: ``doc.text`` without rebuilding it token by token (the Doc was made from this text): the
    #: block's text, an attribute rather than a property (the rules read it thousands of times).
    text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = self.block.text

    # Token attributes as plain lists, read once per block: rules that scan every token use
    # these instead of creating a spaCy Token object per token and per scan.
    @functools.cached_property
    def words(self) -> list[str]:
        """``[t.text for t in doc]``."""
        if self.table is None:
            strings = self.doc.vocab.strings
            return [strings[orth] for orth in self.doc.to_array(ORTH).tolist()]
        return self.table.words_of(self.position, self.table.token_texts)

    @functools.cached_property
    def lowers(self) -> list[str]:
        """``[t.lower_ for t in doc]``: a lexeme's LOWER is ``str.lower`` of its text (spaCy's
        lexical attribute getter), faster computed once per distinct word than looked up."""
        if self.table is None:
            return [word.lower() for word in self.words]
        return self.table.words_of(self.position, self.table.token_lowers)

    @functools.cached_property
    def starts(self) -> list[int]:
        """``[t.idx for t in doc]``."""
        if self.table is None:
            return self.doc.to_array(IDX).tolist()
        return self.table.words_of(self.position, self.table.token_starts)

    def positions(self, targets: Container[str] | Callable[[str], object], start: int = 0, stop: int | None = None,
                  *, lower: bool = False) -> list[int]:
        """``positions(self.words, targets, start, stop)`` (``self.lowers`` with ``lower``);
        ``targets`` may also be a test on a word. Found for the whole document at once (see
        :meth:`WordTable.hits`)."""
        if self.table is None:
            words = self.lowers if lower else self.words
            if callable(targets):
                stop = len(words) if stop is None else stop
                return [i for i in range(start, stop) if targets(words[i])]
            return positions(words, targets, start, stop)
        found = self.table.hits(targets, lower).get(self.position, [])
        if start <= 0 and (stop is None or stop >= len(self.doc)):
            return found
        stop = len(self.doc) if stop is None else stop
        return [i for i in found if start <= i < stop]

    def span_of(self, sentence: Sentence) -> Span:
        """The spaCy span of one of this block's sentences."""
        rel_start = sentence.char_start - self.block.char_start
        rel_end = sentence.char_end - self.block.char_start
        span = self.doc.char_span(rel_start, rel_end, alignment_mode="expand")
        assert span is not None
        return span


def positions(words: list[str], targets: Container[str], start: int = 0, stop: int | None = None) -> list[int]:
    """The indices ``i`` in ``range(start, stop)`` (to the end by default) where ``words[i] in
    targets``, in order.

    The membership tests run in C (``map`` and ``compress``), not as a Python step per word:
    rules that look for a few words would otherwise take one step per token of the report.
    """
    stop = len(words) if stop is None else max(start, stop)
    return list(compress(range(start, stop), map(targets.__contains__, islice(words, start, stop))))


@dataclass
class Analysis:
    document: Document
    blocks: list[ParsedBlock]
    sentences: list[Sentence]
    model: str

    def body(self) -> Iterator[ParsedBlock]:
        """Paragraphs (not headings, titles or notes): where claims are stated."""
        return (pb for pb in self.blocks if pb.block.kind == BlockKind.PARAGRAPH)

    def notes(self) -> Iterator[ParsedBlock]:
        return (pb for pb in self.blocks if pb.block.kind == BlockKind.FOOTNOTE)

    def sentence_at(self, offset: int, *, before: bool = False) -> Sentence | None:
        """The sentence containing ``offset``; with ``before``, the one ending at it (for markers)."""
        starts = self._starts
        i = bisect_right(starts, offset - (1 if before else 0)) - 1
        if i < 0:
            return None
        s = self.sentences[i]
        if s.char_start <= offset <= s.char_end:
            return s
        return None

    @property
    def _starts(self) -> list[int]:
        cached = getattr(self, "_starts_cache", None)
        if cached is None:
            cached = [s.char_start for s in self.sentences]
            object.__setattr__(self, "_starts_cache", cached)
        return cached


def analyse(document: Document, nlp: Language, model_label: str = "blank", batch_size: int = 64) -> Analysis:
    """Parse every text block of ``document`` once with ``nlp``."""
    targets = [(i, b) for i, b in enumerate(document.blocks) if b.kind in PARSED_KINDS and b.char_start >= 0]
    parsed = [ParsedBlock(i, block, doc, position=n)
              for n, ((i, block), doc) in enumerate(zip(targets, nlp.pipe((b.text for _, b in targets),
                                                                          batch_size=batch_size)))]
    table = WordTable([pb.doc for pb in parsed], nlp.vocab.strings, [pb.text for pb in parsed])
    for pb in parsed:
        pb.table = table
    sentences = _sentences(parsed, *table.sentence_spans())
    sentences.sort(key=attrgetter("char_start"))
    for n, s in enumerate(sentences, start=1):
        s.sentence_id = n
    return Analysis(document, parsed, sentences, model_label)


def _sentences(parsed: list[ParsedBlock], blocks: list[int], starts: list[int], ends: list[int]) -> list[Sentence]:
    """The non-blank sentences of the blocks (ids still 0), stripped of surrounding whitespace,
    each also added to its block's ``sentences``; ``blocks``, ``starts``, ``ends``: each
    sentence's block and character span in it (:meth:`WordTable.sentence_spans`)."""
    out: list[Sentence] = []
    for position, rel_start, rel_end in zip(blocks, starts, ends):
        pb = parsed[position]
        block = pb.block
        raw = block.text[rel_start:rel_end]
        text = raw.strip()
        if not text:
            continue
        start = block.char_start + rel_start + len(raw) - len(raw.lstrip())
        sentence = Sentence(0, text, start, start + len(text), block.page_at(rel_start), block.section_id, pb.index,
                            block.kind == BlockKind.FOOTNOTE)
        pb.sentences.append(sentence)
        out.append(sentence)
    return out
