"""What the claim rules work on: a paragraph with what the patterns found in it, the figures
read from it, and its time expressions.

Token indices are into the paragraph's Doc; a sentence is a ``Span`` of it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from extractor.numbers import ENGLISH, Convention

if TYPE_CHECKING:
    from extractor.extract.claims.names import RecurringNames

#: A pattern match in text order: (label, first token, token after it).
Match = tuple[str, int, int]


@dataclass
class TimeExpression:
    """A time expression in a sentence: "As of the end of November 2024", "from 2021 to 2024"."""

    i: int  # first token (lead-in included)
    j: int  # token after it
    core: int  # first token of the date or year itself
    years: tuple[int, ...]
    kind: str  # point | since | range | comparison
    text: str
    specific: bool  # more than a bare year: a month, a quarter, "the end of"


@dataclass(eq=False)
class Quantity:
    """A figure found in a sentence: its number, unit and context as the rules work them out.

    ``start``/``end`` are characters of the paragraph's text.
    """

    i: int  # first token of the number
    j: int  # token after the number (scale word included)
    start: int  # surface span, paragraph-relative characters
    end: int
    value: Decimal
    kind: str  # digits | words
    scale: int | None = None
    family: str | None = None  # money percent measure duration ratio count (skip: no claim)
    unit: str | None = None
    right: int = 0  # token after everything that belongs to the figure (unit, counted noun)
    noun: tuple[int, int] | None = None  # counted noun phrase: (first token, head token)
    qualifier: str = "exact"
    partners: list[Quantity] = field(default_factory=list)  # the other figures of a range or pair
    ref: Quantity | None = None  # the figure whose unit a bare number took
    year: int | None = None
    period: str | None = None
    change: str | None = None
    subject: str | None = None
    attached: TimeExpression | None = None
    change_at: int | None = None  # token of the change word ("increase", "grew")


@dataclass
class Paragraph:
    """One body paragraph's Doc and what the patterns found in it (:mod:`.patterns`)."""

    doc: Doc
    #: The Doc's text (``doc.text``, which spaCy joins anew on each call).
    text: str
    #: Number matches, the longest where they overlap, in text order.
    numbers: list[Match]
    #: Unit phrases by first token: (token after it, "family|unit|multiplier").
    units: dict[int, tuple[int, str]]
    #: Currency prefixes by the token after them: (first token, "money|code|1").
    prefixes: dict[int, tuple[int, str]]
    #: Qualifiers by the token after them: (first token, qualifier).
    qualifiers: dict[int, tuple[int, str]]
    #: Time-expression matches, the longest where they overlap, in text order.
    times: list[Match]
    #: Token spans inside quotation marks that read as a title or name (:func:`.names.quoted_titles`).
    quoted_titles: list[tuple[int, int]]
    #: Whether the Doc has a dependency parse (a statistical model is installed).
    has_parse: bool
    #: The report's hyphenated durations that name something (:class:`.names.RecurringNames`).
    names: RecurringNames
    #: How the report writes the numbers whose form does not tell ("470 000", "25.675").
    convention: Convention = ENGLISH
    #: The last count of the sentences read so far, if no other figure came after it.
    last_count: Quantity | None = None

    def in_quoted_title(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.quoted_titles)

    def surface_start(self, c: Quantity) -> int:
        """The first token of the surface (a currency before the number included)."""
        span = self.doc.char_span(c.start, c.end, alignment_mode="expand")
        return span.start if span is not None else c.i

    def lead(self, c: Quantity) -> int:
        """The first token of the claim, its qualifier included."""
        i = self.surface_start(c)
        q = self.qualifiers.get(i)
        return q[0] if q is not None else i
