"""Footnotes: parsing a note into its parts, and resolving body markers to notes.

``parse``   one note's text -> source, title, date, URL, kind (pure, no I/O, nothing fetched);
``resolve`` body markers -> the notes they point to, page-aware, for notes numbered per page or
            through the whole document; notes printed twice.
"""
from extractor.notes.parse import ParsedNote, parse_note

__all__ = ["ParsedNote", "parse_note"]
