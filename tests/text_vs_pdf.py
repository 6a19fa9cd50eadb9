"""Claims, citations and places of a corpus report read from its PDF and from a user's text dump
of it, compared (no gold).

    .venv/bin/python -m tests.text_vs_pdf [STEMS...] [--csv FILE] [--show N] [--fresh]

Where the PDF path knows that text sits in a table, a figure or a box, a text dump has only its
lines: claims the text path finds and the PDF path does not are mostly table cells, chart labels
and page furniture the dump's zoning failed to keep out of the body; claims the PDF path finds and
the text path does not are the text path's recall losses. Claims match on (value, unit, surface),
as many times as each path finds them (on the same page first). Prints per report: claims of each path, text-only,
pdf-only and the agreement F1 (2 x matched / (text + pdf)); ``--show N`` lists N of each kind.

Citations match on their marker and the start of the note they resolve to (its first words,
case and spacing aside; an unresolved marker has an empty note), on the same page first: a text
dump that misses a page's notes, or glues a marker to a year, shows here. Places match on their
name (lower case), once each.

``--dump layout`` makes the dump with ``pdftotext -layout`` (columns side by side) instead.

The test-set reports (``tests.corpus_scores.SPLITS["test"]`` and ``["test-2"]``) are never run. The PDF path's claims
are kept in a cache (``--cache``, default a folder under the temp dir; ``--fresh`` redoes them).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

from tests.corpus import CORPUS, corpus_names, layout_dump, text_dump
from tests.corpus_scores import SPLITS

Row = dict[str, str]
#: The tables compared, and the columns each keeps.
TABLES = ("claims", "citations", "places")
_COLUMNS = {"claims": ("value", "unit", "surface", "sentence", "page"),
            "citations": ("marker", "note_text", "url", "cited_sentence", "page"),
            "places": ("name", "place_type", "first_page")}


def _rows(path: Path) -> dict[str, list[Row]]:
    """The compared tables of one run of the pipeline (no model), their columns as strings."""
    from extractor.pipeline import ExtractionConfig, process_report

    result = process_report(path, ExtractionConfig(model="none", timeout_s=None))
    if result.status != "ok":
        raise RuntimeError(f"{path.name}: {result.error}")
    return {t: [{k: str(r.get(k, "") if r.get(k) is not None else "") for k in _COLUMNS[t]}
                for r in result.tables[t]] for t in TABLES}


def _note_start(text: str, chars: int = 40) -> str:
    """A note's first letters and digits, lower case, as the comparison reads them: without the
    dash a report may set between a note's number and its text ("4 - In 2014, ..."), and without
    spaces, which a PDF's text layer may lack ("ArticleV, Section3(b)")."""
    return "".join(text.lower().lstrip("-\u2013\u2014 ").split())[:chars]


#: What two rows must share to match, per table (without the page).
_KEYS = {"claims": lambda r: (r["value"], r["unit"], r["surface"]),
         "citations": lambda r: (r["marker"], _note_start(r["note_text"])),
         "places": lambda r: (r["name"].lower(),)}
_PAGE = {"claims": "page", "citations": "page", "places": "first_page"}


def _unmatched(table: str, text_rows: list[Row], pdf_rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """The rows of each path with no counterpart in the other: matched on the table's key on the
    same page first, then on any page (a dump's pages are the PDF's)."""
    key, page = _KEYS[table], _PAGE[table]

    def pair(with_page: bool) -> None:
        free: dict[tuple, list[int]] = {}
        for j, r in enumerate(pdf_rows):
            if j not in used_pdf:
                free.setdefault((*key(r), r[page] if with_page else ""), []).append(j)
        for i, r in enumerate(text_rows):
            k = (*key(r), r[page] if with_page else "")
            if i not in used_text and free.get(k):
                used_text.add(i)
                used_pdf.add(free[k].pop(0))

    used_text: set[int] = set()
    used_pdf: set[int] = set()
    pair(True)
    pair(False)
    return ([r for i, r in enumerate(text_rows) if i not in used_text],
            [r for j, r in enumerate(pdf_rows) if j not in used_pdf])


def _agreement(table: str, text_rows: list[Row], pdf_rows: list[Row]) -> dict:
    """One table's comparison: counts, the unmatched rows of each path and the agreement F1."""
    text_only, pdf_only = _unmatched(table, text_rows, pdf_rows)
    matched = len(text_rows) - len(text_only)
    total = len(text_rows) + len(pdf_rows)
    return {"pdf": len(pdf_rows), "text": len(text_rows), "text_only": text_only, "pdf_only": pdf_only,
            "f1": round(2 * matched / total, 3) if total else 1.0}


def _describe(table: str, r: Row) -> str:
    """One unmatched row, as the report lists it."""
    if table == "claims":
        return f"p{r['page']:>3} {r['surface']!r:18} {r['sentence'][:110]!r}"
    if table == "citations":
        return (f"p{r['page']:>3} [{r['marker']}] {r['cited_sentence'][-50:]!r} -> "
                f"{r['note_text'][:70]!r}")
    return f"p{r['first_page']:>3} {r['name']!r} ({r['place_type']})"


DUMPS = {"pdfplumber": text_dump, "layout": layout_dump}


def compare(name: str, cache: Path, fresh: bool = False, dump_kind: str = "pdfplumber") -> dict:
    """Report ``name`` through both paths: per table, its agreement (see :func:`_agreement`)."""
    pdf = CORPUS / f"{name}.pdf"
    cached = cache / f"{name}.pdf.tables.json"
    if cached.is_file() and not fresh:
        pdf_rows = json.loads(cached.read_text(encoding="utf-8"))
    else:
        pdf_rows = _rows(pdf)
        cached.write_text(json.dumps(pdf_rows), encoding="utf-8")
    dump = cache / (f"{name}.txt" if dump_kind == "pdfplumber" else f"{name}.{dump_kind}.txt")
    if not dump.is_file():
        dump.write_text(DUMPS[dump_kind](pdf), encoding="utf-8")
    text_rows = _rows(dump)
    return {"report": name, **{t: _agreement(t, text_rows[t], pdf_rows[t]) for t in TABLES}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stems", nargs="*", help="corpus report stems (default: all but the test set)")
    parser.add_argument("--csv", type=Path, help="also write one row per report here")
    parser.add_argument("--show", type=int, default=0, help="list this many text-only and pdf-only rows per table")
    parser.add_argument("--tables", nargs="+", choices=TABLES, default=list(TABLES), help="the tables compared")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "text_vs_pdf")
    parser.add_argument("--fresh", action="store_true", help="run the PDF path again")
    parser.add_argument("--dump", choices=sorted(DUMPS), default="pdfplumber",
                        help="how the text dump is made: pdfplumber's extract_text() or pdftotext -layout")
    args = parser.parse_args(argv)
    held_out = set(SPLITS["test"]) | set(SPLITS["test-2"])
    names = args.stems or [n for n in corpus_names() if n not in held_out]
    refused = sorted(set(names) & held_out)
    if refused:
        sys.exit(f"test-set reports are scored once, at the end, not compared: {', '.join(refused)}")
    args.cache.mkdir(parents=True, exist_ok=True)
    rows = []
    print(f"{'report':52} {'table':9} {'pdf':>5} {'text':>5} {'t-only':>6} {'p-only':>6} {'F1':>6}", flush=True)
    for name in names:
        r = compare(name, args.cache, args.fresh, args.dump)
        rows.append(r)
        for table in args.tables:
            t = r[table]
            print(f"{name:52} {table:9} {t['pdf']:>5} {t['text']:>5} {len(t['text_only']):>6} "
                  f"{len(t['pdf_only']):>6} {t['f1']:>6}", flush=True)
            for label in ("text_only", "pdf_only"):
                for row in t[label][:args.show]:
                    print(f"    {label:9} {_describe(table, row)}")
    if args.csv:
        with args.csv.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["report", "table", "pdf", "text", "text_only", "pdf_only", "agreement_f1"])
            w.writerows([r["report"], table, r[table]["pdf"], r[table]["text"], len(r[table]["text_only"]),
                         len(r[table]["pdf_only"]), r[table]["f1"]] for r in rows for table in args.tables)


if __name__ == "__main__":
    main()
