"""One spaCy pass over a repaired document: the parsed text every extractor reads.

Body paragraphs, headings and footnotes are parsed once each with ``nlp.pipe``; sentences get
document-wide ids and spans into ``Document.text``. Extractors receive :class:`Analysis` and
never tokenise again.
"""
from __future__ import annotations

import functools
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from itertools import compress, islice

from spacy.attrs import IDX, LENGTH, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.model import Block, BlockKind, Document, Sentence

PARSED_KINDS = (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TITLE, BlockKind.FOOTNOTE)


@dataclass
class ParsedBlock:
    index: int  # index into Document.blocks
    block: Block
    doc: Doc
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        """``doc.text`` without rebuilding it token by token (the Doc was made from this text)."""
        return self.block.text

    # Token attributes as plain lists, read once per block: rules that scan every token use
    # these instead of creating a spaCy Token object per token and per scan.
    @functools.cached_property
    def words(self) -> list[str]:
        """``[t.text for t in doc]``."""
        strings = self.doc.vocab.strings
        return [strings[orth] for orth in self.doc.to_array(ORTH).tolist()]

    @functools.cached_property
    def lowers(self) -> list[str]:
        """``[t.lower_ for t in doc]``: a lexeme's LOWER is ``str.lower`` of its text (spaCy's
        lexical attribute getter), faster computed from the words than looked up."""
        return [word.lower() for word in self.words]

    @functools.cached_property
    def starts(self) -> list[int]:
        """``[t.idx for t in doc]``."""
        return self.doc.to_array(IDX).tolist()

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
        import bisect

        starts = self._starts
        i = bisect.bisect_right(starts, offset - (1 if before else 0)) - 1
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
    parsed: list[ParsedBlock] = []
    sentences: list[Sentence] = []
    for (i, block), doc in zip(targets, nlp.pipe((b.text for _, b in targets), batch_size=batch_size)):
        pb = ParsedBlock(i, block, doc)
        pb.sentences = _block_sentences(i, block, doc)
        sentences.extend(pb.sentences)
        parsed.append(pb)
    sentences.sort(key=lambda s: s.char_start)
    for n, s in enumerate(sentences, start=1):
        s.sentence_id = n
    return Analysis(document, parsed, sentences, model_label)


def _block_sentences(index: int, block: Block, doc: Doc) -> list[Sentence]:
    """The non-blank sentences of ``doc`` (ids still 0), stripped of surrounding whitespace."""
    in_note = block.kind == BlockKind.FOOTNOTE
    out: list[Sentence] = []
    for rel_start, rel_end in _sentence_bounds(doc):
        raw = block.text[rel_start:rel_end]
        text = raw.strip()
        if not text:
            continue
        start = block.char_start + rel_start + len(raw) - len(raw.lstrip())
        out.append(Sentence(sentence_id=0, text=text, char_start=start, char_end=start + len(text),
                            page=block.page_at(rel_start), section_id=block.section_id, block_index=index,
                            in_note=in_note))
    return out


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``(sent.start_char, sent.end_char)`` for each sentence of ``doc.sents``.

    Read from token arrays (a sentence opens at every token after the first whose SENT_START is
    1, as in ``Doc.sents``): iterating ``doc.sents`` and reading ``sent.text`` creates a Span per
    sentence and a Token object per token, a sixth of the cost of the spaCy pass itself.
    """
    if len(doc) == 0:
        return []
    cols = doc.to_array([SENT_START, IDX, LENGTH])
    firsts = [0, *((cols[1:, 0] == 1).nonzero()[0] + 1).tolist()]
    idx, length = cols[:, 1].tolist(), cols[:, 2].tolist()
    lasts = [f - 1 for f in firsts[1:]] + [len(doc) - 1]
    return [(idx[f], idx[e] + length[e]) for f, e in zip(firsts, lasts)]
