"""One spaCy pass over a repaired document: the parsed text every extractor reads.

Body paragraphs, headings, footnotes and chart and table text are parsed once each with ``nlp.pipe``; sentences get
document-wide ids and spans into ``Document.text``. Extractors receive :class:`Analysis` and
never tokenise again.
"""
from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.language import language_of
from extractor.limits import Deadline, check_paragraph_length
from extractor.model import Block, BlockKind, Document, Sentence
from extractor.provenance import PageIndex

# (chart and table text is parsed for the places it names; claims read paragraphs only)
PARSED_KINDS = (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TITLE, BlockKind.FOOTNOTE, BlockKind.TABLE)


@dataclass
class ParsedBlock:
    index: int  # index into Document.blocks
    block: Block
    doc: Doc
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The block's text (the Doc was made from it)."""
        return self.block.text

    @functools.cached_property
    def words(self) -> list[str]:
        """``[t.text for t in doc]``."""
        return [t.text for t in self.doc]

    @functools.cached_property
    def lowers(self) -> list[str]:
        """``[t.lower_ for t in doc]``."""
        return [t.lower_ for t in self.doc]

    @functools.cached_property
    def starts(self) -> list[int]:
        """``[t.idx for t in doc]``."""
        return [t.idx for t in self.doc]

    def positions(self, targets: Container[str] | Callable[[str], object], start: int = 0, stop: int | None = None,
                  *, lower: bool = False) -> list[int]:
        """The token indices in ``range(start, stop)`` whose text (lower-case text with ``lower``)
        is in ``targets``, or satisfies ``targets`` when it is a callable."""
        words = self.lowers if lower else self.words
        stop = len(words) if stop is None else min(stop, len(words))
        test = targets if callable(targets) else targets.__contains__
        return [i for i in range(start, stop) if test(words[i])]

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

    @functools.cached_property
    def has_parse(self) -> bool:
        """Whether the pipeline gave the blocks a dependency parse (a model with a parser), read
        once per document: ``Doc.has_annotation`` looks at every token of a block that has none."""
        first = next((pb.doc for pb in self.blocks if len(pb.doc)), None)
        return first is not None and first.has_annotation("DEP")

    @functools.cached_property
    def provenance(self) -> PageIndex:
        """Where the document's spans stand on its PDF pages (:mod:`extractor.provenance`);
        built on first use, one per document."""
        return PageIndex(self.document)

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


def analyse(document: Document, nlp: Language, model_label: str = "blank", batch_size: int = 64,
            deadline: Deadline | None = None) -> Analysis:
    """Parse every text block of ``document`` once with ``nlp``.

    A block longer than ``nlp.max_length`` is refused (RX106) before spaCy sees it; with a
    ``deadline``, the report's time limit is checked between blocks. Each block's Doc carries
    the report's language (``Doc._.report_language``, :mod:`extractor.language`)."""
    targets = [(i, b) for i, b in enumerate(document.blocks) if b.kind in PARSED_KINDS and b.char_start >= 0]
    for _, b in targets:
        check_paragraph_length(document.source_path, len(b.text), nlp.max_length)
    docs = nlp.pipe((b.text for _, b in targets), batch_size=batch_size)
    language = language_of(document.text)
    parsed = []
    for (i, block), doc in zip(targets, docs):
        doc._.report_language = language
        parsed.append(ParsedBlock(i, block, doc))
        if deadline is not None and len(parsed) % batch_size == 0:
            deadline.check("the spaCy pass")
    sentences = [sentence for pb in parsed for sentence in _sentences(pb)]
    sentences.sort(key=attrgetter("char_start"))
    for n, s in enumerate(sentences, start=1):
        s.sentence_id = n
    return Analysis(document, parsed, sentences, model_label)


def _sentences(pb: ParsedBlock) -> list[Sentence]:
    """The block's non-blank sentences (ids still 0), stripped of surrounding whitespace; each
    is also added to the block's ``sentences``."""
    block = pb.block
    for sent in pb.doc.sents:
        raw = block.text[sent.start_char:sent.end_char]
        text = raw.strip()
        if not text:
            continue
        start = block.char_start + sent.start_char + len(raw) - len(raw.lstrip())
        pb.sentences.append(Sentence(0, text, start, start + len(text), block.page_at(sent.start_char),
                                     block.section_id, pb.index, block.kind == BlockKind.FOOTNOTE))
    return pb.sentences
