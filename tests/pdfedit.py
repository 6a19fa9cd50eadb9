"""Edits of real PDFs for the hardening tests, as PDF writers make them: an incremental update
(new versions of some objects appended, with their own cross-reference section), so the rest of
the file is byte for byte the original.
"""
from __future__ import annotations

import re

#: An object that is a dictionary and nothing else (no stream), up to its ``endobj``.
_OBJECT = re.compile(rb"(?m)^(\d+) 0 obj\s*<<((?:(?!endobj|stream).)*?)>>\s*endobj", re.S)
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)


def rotate_pages(pdf: bytes, angle: int, pages: set[int] | None = None) -> bytes:
    """``pdf`` with ``/Rotate angle`` set on its pages (1-based ``pages``; None: every page), as a
    viewer's "rotate and save" writes it. The page's content is not changed: a page drawn upright
    now displays turned, and its text is read turned."""
    page_objects = [(int(m.group(1)), m.group(2)) for m in _OBJECT.finditer(pdf)
                    if re.search(rb"/Type\s*/Page\b(?!s)", m.group(2))]
    trailer = _TRAILER.search(pdf)
    assert trailer and page_objects, "a PDF with a classic trailer and page objects"
    body = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    offsets = []
    for number, (obj, entries) in enumerate(page_objects, start=1):
        if pages is not None and number not in pages:
            continue
        entries = re.sub(rb"/Rotate\s+-?\d+", b"", entries)
        offsets.append((obj, len(body)))
        body += b"%d 0 obj\n<<%s/Rotate %d\n>>\nendobj\n" % (obj, entries, angle)
    xref = len(body)
    body += b"xref\n" + b"".join(b"%d 1\n%010d 00000 n \n" % (obj, off) for obj, off in offsets)
    entries = re.sub(rb"/Prev\s+\d+", b"", trailer.group(1))
    body += b"trailer\n<<%s/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n" % (entries, trailer.group(2), xref)
    return body
