"""What a row's box shows on its page: the text pdfplumber reads under it, and whether that
text is the row's (the provenance tests, on the typeset sample and on the corpus batch)."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pdfplumber

from extractor.provenance import BOX_COLUMNS

#: What a row's box must show, by table: the column holding the text printed there.
PRINTED = {"claims": "surface", "place_mentions": "text", "citations": "marker"}


def squeeze(text: str) -> str:
    """Text compared without white space, and without a hyphen a line break printed."""
    return re.sub(r"-\s+", "", re.sub(r"[ \t]+", " ", text)).replace(" ", "").replace("\n", "")


def shows(printed: str, under: str) -> bool:
    """Does the text under a box show ``printed``: all of it, or (a span that runs on to the next
    line, column or page, boxed on its first) a head of it that ends the box's text?"""
    words = printed.split()
    heads = [squeeze(" ".join(words[:k])) for k in range(1, len(words))]  # its first words
    printed, under = squeeze(printed), squeeze(under).rstrip("-\u00ad")
    if printed in under:
        return True
    heads += [printed[:k] for k in range(2, len(printed))]  # a word broken at the line end
    return any(under.endswith(head) for head in heads)


def _chars_of(pdf, number: int):
    """The page reduced to its characters (cropping it then filters nothing else), kept per
    document and page."""
    cache = pdf.__dict__.setdefault("_chars_pages", {})
    if number not in cache:
        cache[number] = pdf.pages[number - 1].filter(lambda obj: obj.get("object_type") == "char")
    return cache[number]


def text_under(pdf, row: dict) -> str:
    """The text pdfplumber reads under a row's box, twice: by position, characters printed twice
    (as some reports set bold) read once; and in the order the page draws them (text printed
    over text, a chart's labels over its lines, reads in no order by position)."""
    page = _chars_of(pdf, row["page"])
    x0, top, x1, bottom = (row[k] for k in BOX_COLUMNS)
    px0, ptop, px1, pbottom = page.bbox
    box = (max(x0, px0), max(top, ptop), min(x1, px1), min(bottom, pbottom))
    crop = page.crop(box)
    return crop.dedupe_chars().extract_text() + "\n" + crop.extract_text(use_text_flow=True)


def misplaced(pdf_path: Path, tables: dict, table: str) -> tuple[int, int, list[tuple]]:
    """(rows, rows with a box, boxed rows whose box does not show their text)."""
    rows = list(tables[table])
    boxed = [r for r in rows if r["x0"] is not None]
    bad = []
    with pdfplumber.open(pdf_path) as pdf:
        for r in boxed:
            under = text_under(pdf, r)
            if not shows(r[PRINTED[table]], under):
                bad.append((r["page"], r[PRINTED[table]], under[:80]))
    return len(rows), len(boxed), bad


def table_rows(frame) -> list[dict]:
    """A table's rows as the library gives them: a missing box is ``None``, not NaN."""
    rows = [{k: (None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]
    return [{**r, "page": int(r["page"]) if r["page"] is not None else None} for r in rows]
