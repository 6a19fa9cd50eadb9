"""One spaCy pass over a repaired document: the parsed text every extractor reads.

Body paragraphs, headings and footnotes are parsed once each with ``nlp.pipe``; sentences get
document-wide ids and spans into ``Document.text``. Extractors receive :class:`Analysis` and
never tokenise again.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.attrs import IDX, LOWER, ORTH
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
        """``[t.lower_ for t in doc]``."""
        strings = self.doc.vocab.strings
        return [strings[low] for low in self.doc.to_array(LOWER).tolist()]

    @functools.cached_property
    def starts(self) -> list[int]:
        """``[t.idx for t in doc]``."""
        return self.doc.to_array(IDX).tolist()

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` for ``0 <= start < end <= len(doc)``."""
        return self.text[self.starts[start]:self.starts[end - 1] + len(self.words[end - 1])]

    def span_of(self, sentence: Sentence) -> Span:
        """The spaCy span of one of this block's sentences."""
        rel_start = sentence.char_start - self.block.char_start
        rel_end = sentence.char_end - self.block.char_start
        span = self.doc.char_span(rel_start, rel_end, alignment_mode="expand")
        assert span is not None
        return span


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
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            lead = len(sent.text) - len(sent.text.lstrip())
            start = block.char_start + sent.start_char + lead
            s = Sentence(
                sentence_id=0,
                text=text,
                char_start=start,
                char_end=start + len(text),
                page=block.page_at(sent.start_char),
                section_id=block.section_id,
                block_index=i,
                in_note=block.kind == BlockKind.FOOTNOTE,
            )
            pb.sentences.append(s)
            sentences.append(s)
        parsed.append(pb)
    sentences.sort(key=lambda s: s.char_start)
    for n, s in enumerate(sentences, start=1):
        s.sentence_id = n
    return Analysis(document, parsed, sentences, model_label)
