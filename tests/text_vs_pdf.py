"""Claims of a corpus report read from its PDF and from a user's text dump of it, compared (no gold).

    .venv/bin/python -m tests.text_vs_pdf [STEMS...] [--csv FILE] [--show N] [--fresh]

Where the PDF path knows that text sits in a table, a figure or a box, a text dump has only its
lines: claims the text path finds and the PDF path does not are mostly table cells, chart labels
and page furniture the dump's zoning failed to keep out of the body; claims the PDF path finds and
the text path does not are the text path's recall losses. Claims match on (value, unit, surface),
as many times as each path finds them (on the same page first). Prints per report: claims of each path, text-only,
pdf-only and the agreement F1 (2 x matched / (text + pdf)); ``--show N`` lists N of each kind.

The test-set reports (``tests.corpus_scores.SPLITS["test"]``) are never run. The PDF path's claims
are kept in a cache (``--cache``, default a folder under the temp dir; ``--fresh`` redoes them).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

from tests.corpus import CORPUS, corpus_names, text_dump
from tests.corpus_scores import SPLITS

Key = tuple[str, str, str]


def _claims(path: Path) -> list[dict[str, str]]:
    from extractor.pipeline import ExtractionConfig, process_report

    result = process_report(path, ExtractionConfig(model="none", timeout_s=None))
    if result.status != "ok":
        raise RuntimeError(f"{path.name}: {result.error}")
    return [{k: str(c.get(k, "")) for k in ("value", "unit", "surface", "sentence", "page")}
            for c in result.tables["claims"]]


def _key(c: dict[str, str]) -> Key:
    return c["value"], c["unit"], c["surface"]


def _unmatched(text_claims: list[dict[str, str]], pdf_claims: list[dict[str, str]],
               ) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The claims of each path with no counterpart in the other: matched on (value, unit,
    surface) on the same page first, then on any page (a dump's pages are the PDF's)."""
    def pairs(key) -> tuple[set[int], set[int]]:
        free: dict[tuple, list[int]] = {}
        for j, c in enumerate(pdf_claims):
            if j not in used_pdf:
                free.setdefault(key(c), []).append(j)
        for i, c in enumerate(text_claims):
            if i not in used_text and free.get(key(c)):
                used_text.add(i)
                used_pdf.add(free[key(c)].pop(0))
        return used_text, used_pdf

    used_text: set[int] = set()
    used_pdf: set[int] = set()
    pairs(lambda c: (*_key(c), c["page"]))
    pairs(_key)
    return ([c for i, c in enumerate(text_claims) if i not in used_text],
            [c for j, c in enumerate(pdf_claims) if j not in used_pdf])


def compare(name: str, cache: Path, fresh: bool = False) -> dict:
    pdf = CORPUS / f"{name}.pdf"
    cached = cache / f"{name}.pdf.json"
    if cached.is_file() and not fresh:
        pdf_claims = json.loads(cached.read_text(encoding="utf-8"))
    else:
        pdf_claims = _claims(pdf)
        cached.write_text(json.dumps(pdf_claims), encoding="utf-8")
    dump = cache / f"{name}.txt"
    if not dump.is_file():
        dump.write_text(text_dump(pdf), encoding="utf-8")
    text_claims = _claims(dump)
    text_only, pdf_only = _unmatched(text_claims, pdf_claims)
    matched = len(text_claims) - len(text_only)
    total = len(text_claims) + len(pdf_claims)
    return {"report": name, "pdf": len(pdf_claims), "text": len(text_claims), "text_only": text_only,
            "pdf_only": pdf_only, "f1": round(2 * matched / total, 3) if total else 1.0}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stems", nargs="*", help="corpus report stems (default: all but the test set)")
    parser.add_argument("--csv", type=Path, help="also write one row per report here")
    parser.add_argument("--show", type=int, default=0, help="list this many text-only and pdf-only claims")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "text_vs_pdf")
    parser.add_argument("--fresh", action="store_true", help="run the PDF path again")
    args = parser.parse_args(argv)
    held_out = set(SPLITS["test"])
    names = args.stems or [n for n in corpus_names() if n not in held_out]
    refused = sorted(set(names) & held_out)
    if refused:
        sys.exit(f"test-set reports are scored once, at the end, not compared: {', '.join(refused)}")
    args.cache.mkdir(parents=True, exist_ok=True)
    rows = []
    print(f"{'report':52} {'pdf':>5} {'text':>5} {'t-only':>6} {'p-only':>6} {'F1':>6}", flush=True)
    for name in names:
        r = compare(name, args.cache, args.fresh)
        rows.append(r)
        print(f"{name:52} {r['pdf']:>5} {r['text']:>5} {len(r['text_only']):>6} {len(r['pdf_only']):>6} "
              f"{r['f1']:>6}", flush=True)
        for label in ("text_only", "pdf_only"):
            for c in r[label][:args.show]:
                print(f"    {label:9} p{c['page']:>3} {c['surface']!r:18} {c['sentence'][:110]!r}")
    if args.csv:
        with args.csv.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["report", "pdf_claims", "text_claims", "text_only", "pdf_only", "agreement_f1"])
            w.writerows([r["report"], r["pdf"], r["text"], len(r["text_only"]), len(r["pdf_only"]), r["f1"]]
                        for r in rows)


if __name__ == "__main__":
    main()
