"""Body markers resolved to the notes they point to.

Reports number notes in one of two ways, and the resolution differs:

* **per page** - numbering restarts on every page ("①" on page 3 and "①" on page 4 are
  different notes); a marker means the note with the same marker printed at the foot of the
  same page. When a quote runs over a page break the marker may land on one page and its note
  on the neighbouring one, so the next page, then the previous page, are tried as a fallback.
* **through the document** - every note has its own number; marker 37 means note 37 wherever
  it is printed: the same page first, then the nearest following page (a note pushed over the
  break, or endnotes), then the nearest preceding one.

The scheme is read off the notes themselves: where the first note of most pages (after the
first page with notes) is numbered 1, numbering restarts per page.

A note printed twice (a quote spanning a page break prints its note on both pages) is a
duplicate of the first printing: same marker, same text, same or previous page.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from extractor.note_markers import Scheme, marker_number, numbering_scheme
from extractor.model import Marker, Note

__all__ = ["Scheme", "find_duplicates", "numbering_scheme", "resolve_markers"]

def resolve_markers(markers: Sequence[Marker], notes: Sequence[Note], scheme: Scheme | None = None) -> list[Note | None]:
    """The note each marker points to (None where no note can be found), in marker order."""
    scheme = scheme or numbering_scheme(notes)
    by_key: dict[str, list[Note]] = {}
    for n in notes:
        by_key.setdefault(_key(n.marker), []).append(n)
    max_distance = 1 if scheme == "page" else None
    return [_pick(by_key.get(_key(m.marker), []), m.page, max_distance) for m in markers]


def _key(marker: str) -> str:
    """Markers compare by the number they stand for: "③" (a circled glyph) and "3" differ in
    print but not in a document that mixes them; otherwise by the glyph itself."""
    num = marker_number(marker)
    return str(num) if num is not None else marker


def _pick(candidates: list[Note], page: int, max_distance: int | None) -> Note | None:
    """Same page, else the nearest following page, else the nearest preceding page."""
    best: Note | None = None
    best_rank: tuple[int, int, int] | None = None
    for n in candidates:
        d = n.page - page
        if max_distance is not None and abs(d) > max_distance:
            continue
        rank = (0 if d == 0 else 1 if d > 0 else 2, abs(d), n.ordinal)
        if best_rank is None or rank < best_rank:
            best, best_rank = n, rank
    return best


def find_duplicates(notes: Sequence[Note]) -> dict[str, str]:
    """``note_id`` -> ``note_id`` of the first printing, for every note printed again.

    A reprint has the same marker and the same text (compared case-, space-, quote- and
    dash-insensitively) as a note on the same or the previous page.
    """
    first: dict[tuple[str, str], Note] = {}
    dup: dict[str, str] = {}
    for n in sorted(notes, key=lambda n: (n.page, n.ordinal, n.char_start)):
        key = (_key(n.marker), normalise_note_text(n.text))
        seen = first.get(key)
        if seen is not None and 0 <= n.page - seen.page <= 1:
            dup[n.note_id] = dup.get(seen.note_id, seen.note_id)
            first[key] = n if n.page != seen.page else seen  # a run of reprints chains to the first
            continue
        first[key] = n
    return dup


#: Quotation marks as one straight quote, dashes as a hyphen, emphasis marks dropped: one
#: ``str.translate`` pass.
_NOTE_MARKS = str.maketrans({**dict.fromkeys("\u2018\u2019\u201c\u201d\"'`", "'"),
                             **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
                             **dict.fromkeys("*_")})


def normalise_note_text(text: str) -> str:
    """A note's text for comparing notes: NFKC, lower case, one kind of quote and dash, no
    emphasis marks, white space collapsed (``str.split`` splits where ``\\s+`` does), no final full stop."""
    t = unicodedata.normalize("NFKC", text).lower().translate(_NOTE_MARKS)
    return " ".join(t.split()).rstrip(".")
