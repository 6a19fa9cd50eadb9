"""The review site's HTML: one page per run (``index.html``) and one per document.

Report text is data: every string from a report or a table goes through :func:`e`
(``html.escape``); a link is written only for an ``http(s)`` URL. The pages need no script and
no network: crops are PNG files and plots SVG files beside them. Landmarks (header, nav, main,
footer), a skip link, table headers with scope, alt text on every image, visible keyboard focus.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

import pandas as pd

from extractor.review.digest import Plot
from extractor.review.findings import Finding, Spot

STYLE = """
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--bad:#b42318;--warn:#8a5a00;--ok:#1a7f37;
--mark:#ffe58a;--focus:#0b57d0}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:2}
.skip:focus{left:1rem}
header,main,footer,nav{max-width:74rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1.25rem}main header{padding:0}
h1{font-size:1.6rem;margin:.2rem 0 .4rem}h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}
a{color:#0b57d0}a:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.verdict{display:inline-block;padding:.15rem .6rem;border-radius:1rem;font-weight:600;border:2px solid}
.verdict.ok{color:var(--ok)}.verdict.warn{color:var(--warn)}.verdict.bad{color:var(--bad)}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:var(--soft)}td.num{text-align:right;font-variant-numeric:tabular-nums}
article.finding{border:1px solid var(--line);border-left:6px solid var(--warn);border-radius:6px;padding:.2rem 1rem 1rem;
margin:1rem 0}
article.finding.conflict,article.finding.critical{border-left-color:var(--bad)}
figure{margin:.8rem 0}figure img{display:block;max-width:100%;height:auto;border:1px solid var(--line)}
figcaption{font-size:.92rem;margin-top:.3rem}
mark{background:var(--mark);padding:0 .1rem}
blockquote{margin:.5rem 0;padding:.4rem .8rem;border-left:4px solid var(--line);background:var(--soft)}
.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(34rem,100%),1fr));gap:1rem}
.plot img{max-width:100%;height:auto}
details{margin:.3rem 0}summary{cursor:pointer;color:var(--muted)}
footer{padding:2rem 1.25rem;color:var(--muted);font-size:.9rem}
"""


def e(value: object) -> str:
    """Any value as escaped HTML text ("" for null)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def link(url: object, text: object | None = None) -> str:
    """A link for an ``http(s)`` URL; anything else (``javascript:``, ``data:``) as plain text."""
    url_text = "" if url is None or (not isinstance(url, str) and pd.isna(url)) else str(url)
    if not re.match(r"^https?://", url_text, re.IGNORECASE):
        return e(text if text is not None else url_text)
    return f'<a href="{e(url_text)}" rel="noopener noreferrer">{e(text if text is not None else url_text)}</a>'


def page(title: str, nav: Sequence[tuple[str, str]], body: str, footer: str) -> str:
    links = "".join(f'<li><a href="{e(href)}">{e(label)}</a></li>' for href, label in nav)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(title)}</title>'
            f"<style>{STYLE}</style></head><body>"
            f'<a class="skip" href="#main">Skip to content</a>'
            f'<nav aria-label="Site and sections"><ul>{links}</ul></nav>'
            f'<main id="main" tabindex="-1">{body}</main><footer>{footer}</footer></body></html>\n')


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A table with a caption and column headers; cells are HTML already escaped."""
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# --- the verdict -------------------------------------------------------------------------------

def verdict(status: str, n_conflicts: int, n_errors: int, n_warnings: int) -> tuple[str, str]:
    """(css class, words) of a document's verdict."""
    if status != "ok":
        return "bad", "failed to process"
    if n_errors:
        return "bad", f"{n_errors} table defect(s)"
    if n_conflicts or n_warnings:
        bits = [f"{n_conflicts} conflict(s)"] if n_conflicts else []
        bits += [f"{n_warnings} warning(s)"] if n_warnings else []
        return "warn", "to review: " + ", ".join(bits)
    return "ok", "consistent, no failed check"


def verdict_badge(css: str, words: str) -> str:
    return f'<span class="verdict {css}">{e(words)}</span>'


# --- one document --------------------------------------------------------------------------------

def marked(sentence: str, text: str) -> str:
    """The sentence, escaped, with the first occurrence of ``text`` marked."""
    at = sentence.find(text) if text and text != sentence else -1  # a note is its own sentence: no mark
    if at < 0:
        return e(sentence)
    return e(sentence[:at]) + "<mark>" + e(text) + "</mark>" + e(sentence[at + len(text):])


def spot_html(spot: Spot, crop: str | None, region: tuple[float, ...] | None, title: str, why: str = "") -> str:
    """One row of a finding: its crop (PDF) or its sentence with its page (text dump)."""
    where = f"p.{spot.page}" if spot.page else "page unknown"
    section = f" \u00b7 {e(spot.section)}" if spot.section else ""
    quote = f"<blockquote>{marked(spot.sentence, spot.text)}</blockquote>"
    if crop:
        alt = f"Page {spot.page} of {title}, highlighted: \u201c{spot.text}\u201d in: {spot.sentence}"
        box = ",".join(f"{v:.2f}" for v in spot.box or ())
        band = ",".join(f"{v:.2f}" for v in region or ())
        return (f'<figure data-row="{e(spot.row_id)}" data-page="{spot.page}" data-box="{box}" data-region="{band}">'
                f'<img src="{e(crop)}" alt="{e(alt[:600])}" loading="lazy">'
                f"<figcaption><strong>{e(where)}</strong>{section}{quote}</figcaption></figure>")
    return (f'<figure data-row="{e(spot.row_id)}" data-page="{spot.page or ""}" class="no-crop">'
            f"<figcaption><strong>{e(where)}</strong>{section} <span class=muted>(no page image: "
            f"{e(why)})</span>{quote}</figcaption></figure>")


def finding_html(f: Finding, spots: str, n: int) -> str:
    more = (f'<p class="muted">and {f.more} more row(s): the validation report lists them.</p>' if f.more else "")
    details = f"<p>{e(f.message)}</p>" if f.message else ""
    return (f'<article class="finding {e(f.severity)}" aria-labelledby="f{n}" id="finding-{n}">'
            f'<h3 id="f{n}">{n}. {e(f.kind.capitalize())} \u2014 {e(f.title)}</h3>{details}{spots}{more}</article>')


def plots_html(plots: Sequence[Plot], files: dict[str, str]) -> str:
    if not plots:
        return '<p class="muted">No claims, citations or places to plot.</p>'
    cards = []
    for p in plots:
        data = table(f"Data of \u201c{p.title}\u201d", list(p.data.columns),
                     ([e(v) for v in row] for row in p.data.itertuples(index=False)))
        cards.append(f'<section class="plot" aria-labelledby="plot-{e(p.key)}"><h3 id="plot-{e(p.key)}">{e(p.title)}</h3>'
                     f'<img src="{e(files[p.key])}" alt="{e(p.alt[:900])}">'
                     f"<details><summary>The data as a table</summary>{data}</details></section>")
    return f'<div class="plots">{"".join(cards)}</div>'


def figure_groups_html(checks: pd.DataFrame) -> str:
    if checks.empty:
        return '<p class="muted">No repeated figure or stated relation found.</p>'
    rows = ([e(r.kind.replace("_", " ")), e(r.status), e(str(r.values).replace("|", ", ")),
             e(str(r.pages).replace("|", ", ")), e(r.message)] for r in checks.itertuples())
    return table("Consistency checks (figure groups, parts and wholes, differences, shares, changes)",
                 ["kind", "status", "values", "pages", "what was checked"], rows)


def citations_html(citations: pd.DataFrame) -> str:
    if citations.empty:
        return '<p class="muted">No footnote markers found.</p>'
    rows = ([e(r.page), e(r.marker), e(r.cited_sentence), e(r.source), e(r.title), e(r.date), e(r.kind),
             link(r.url), "yes" if r.resolved else "<strong>no</strong>"] for r in citations.itertuples())
    return table(f"{len(citations)} citations and their parsed sources", ["page", "marker", "cited sentence", "source",
                                                                         "title", "date", "kind", "URL", "resolved"],
                 rows, numeric=(0,))


def places_html(places: pd.DataFrame) -> str:
    if places.empty:
        return '<p class="muted">No places found.</p>'
    ordered = places.sort_values(["mentions", "name"], ascending=[False, True])
    rows = ([e(r.name), e(r.place_type), e(r.country), e(r.parent), e(r.mentions), e(r.first_page),
             "" if pd.isna(r.lat) else f"{r.lat:.3f}, {r.lon:.3f}", e(r.aliases).replace("|", ", ")]
            for r in ordered.itertuples())
    return table(f"{len(places)} places, most mentioned first", ["name", "type", "country", "parent", "mentions",
                                                                  "first page", "lat, lon", "other forms"],
                 rows, numeric=(4, 5))


# --- the run ---------------------------------------------------------------------------------------

def index_html(run_id: str, rows: Sequence[dict[str, str]]) -> str:
    body = [f"<header><h1>Review of run {e(run_id)}</h1><p class=muted>{len(rows)} document(s). Each document's page "
            f"shows its conflicts and failed checks first, each figure where it stands on its page.</p></header>"]
    cells = ([f'<a href="{e(r["href"])}">{e(r["title"])}</a>', e(r["file"]), e(r["format"]), e(r["pages"]),
              e(r["claims"]), e(r["citations"]), e(r["places"]), e(r["conflicts"]), e(r["failed"]),
              verdict_badge(r["css"], r["verdict"])] for r in rows)
    body.append(table("Documents of this run and their verdicts",
                      ["document", "file", "input", "pages", "claims", "citations", "places", "conflicts",
                       "failed checks", "verdict"], cells, numeric=(3, 4, 5, 6, 7, 8)))
    return page(f"Review of run {run_id}", [("index.html", "All documents"),
                                             ("../validation/report.html", "Validation report")],
                "".join(body), "Written by report-extractor at the end of the run. No script, no network.")
