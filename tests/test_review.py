"""The review site (output/review/) and ``report-extract show``: every figure shown where it stands.

The slow tests render the site for the sample typeset as a PDF with one figure corrupted, for a
corpus report and for a text dump, open it in headless Chromium with no network, keep
screenshots under output/test-artifacts/, and check that the conflict comes first with two
highlighted crops whose boxes hold the two conflicting figures (pdfplumber's words)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest

from extractor.cli import main
from extractor.errors import ShowError
from extractor.review.pages import e, link, marked
from extractor.review.show import show_claim
from extractor.runner import RunOptions, run_batch
from tests import pdfgen
from tests.corpus import corpus_pdf
from tests.test_datadocs import BROWSER, _colours, dump_dom, screenshot

CORRUPTED = ("17,522 yuan, a 24.7%", "17,252 yuan, a 24.7%")


class Figures(HTMLParser):
    """The review page's findings: for each ``<article>``, its figures' data attributes and images."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[dict] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "article":
            self.articles.append({"class": a.get("class", ""), "figures": []})
        elif tag == "figure" and self.articles:
            self.articles[-1]["figures"].append({**a, "img": None})
        elif tag == "img" and self.articles and self.articles[-1]["figures"]:
            self.articles[-1]["figures"][-1]["img"] = a


def parse(page: Path) -> Figures:
    parser = Figures()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def run(paths: list[Path], out: Path) -> Path:
    summary = run_batch(paths, RunOptions(output_dir=str(out), model="none", use_cache=False))
    assert summary.review and Path(summary.review["index"]).is_file()
    return Path(summary.review["index"]).parent


def words_in(pdf: Path, page: int, box: tuple[float, ...]) -> list[str]:
    """pdfplumber's words whose centre lies in ``box`` on ``page``."""
    x0, top, x1, bottom = box
    with pdfplumber.open(pdf) as document:
        words = document.pages[page - 1].extract_words(x_tolerance_ratio=0.15)  # words set without spaces
    return [w["text"] for w in words
            if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom]


# --- fast: report text is data ----------------------------------------------------------------------

def test_report_text_is_escaped_and_only_web_links_are_links():
    assert e('<script>alert("x")</script>') == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    assert "<a" not in link("javascript:alert(1)") and "<a" not in link("data:text/html,x")
    assert link("https://example.org/a?b=1&c=2").startswith('<a href="https://example.org/a?b=1&amp;c=2"')
    assert marked("Income <b>rose</b> to 17,522 yuan.", "17,522 yuan") == \
        "Income &lt;b&gt;rose&lt;/b&gt; to <mark>17,522 yuan</mark>."


# --- slow: the site in a browser ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def corrupted_pdf(tmp_path_factory, sample_text) -> Path:
    assert sample_text.count(CORRUPTED[0]) == 1
    folder = tmp_path_factory.mktemp("review-pdf")
    return pdfgen.generate_report_pdf(sample_text.replace(*CORRUPTED), folder / "corrupted.pdf", markers="digits")


@pytest.fixture(scope="module")
def corrupted_site(corrupted_pdf, tmp_path_factory) -> Path:
    return run([corrupted_pdf], tmp_path_factory.mktemp("review-out") / "output")


@pytest.mark.slow
def test_the_conflict_comes_first_with_two_crops_holding_its_figures(corrupted_site, corrupted_pdf):
    pages = [p for p in corrupted_site.glob("*.html") if p.name != "index.html"]
    assert len(pages) == 1
    found = parse(pages[0])
    assert found.scripts == 0
    first = found.articles[0]
    assert "conflict" in first["class"]
    figures = first["figures"]
    assert len(figures) == 2 and all(f["img"] for f in figures)
    seen = set()
    for f in figures:
        crop = corrupted_site / f["img"]["src"]
        assert crop.is_file() and crop.stat().st_size > 2000
        assert "highlighted" in f["img"]["alt"] and f["img"]["alt"].startswith(f"Page {f['data-page']}")
        box = tuple(float(v) for v in f["data-box"].split(","))
        held = words_in(corrupted_pdf, int(f["data-page"]), box)
        seen.update(w.rstrip(",.") for w in held)
        # the crop is the band of the page around the box: its pixels are the region's
        region = tuple(float(v) for v in f["data-region"].split(","))
        assert region[1] <= box[1] and box[3] <= region[3]
        from PIL import Image

        with Image.open(crop) as image:
            assert abs(image.height - (region[3] - region[1]) * 110 / 72) <= 2
            colours = image.convert("RGB").getcolors(1 << 20)
            assert sum(n for n, c in colours if c[0] > 170 and c[1] < 80 and c[2] < 80) > 50  # the red outline
    assert {"17,252", "17,522"} <= seen, seen


@pytest.mark.slow
@pytest.mark.skipif(BROWSER is None, reason="no headless browser installed (Debian package: chromium)")
def test_the_site_renders_offline_in_a_browser(corrupted_site, tmp_path):
    page = next(p for p in corrupted_site.glob("*.html") if p.name != "index.html")
    dom = dump_dom(page, tmp_path / "profile")
    assert dom.index("Conflict") < dom.index("Digest") < dom.index("Citations and their sources")
    assert "17,252 yuan" in dom and "<main" in dom and "<nav" in dom
    index = dump_dom(corrupted_site / "index.html", tmp_path / "profile")
    assert "to review: 1 conflict(s)" in index and page.name in index
    shots = [screenshot(corrupted_site / "index.html", tmp_path / "profile", "review-index.png"),
             screenshot(page, tmp_path / "profile", "review-sample-pdf.png")]
    assert all(_colours(s) > 200 for s in shots), [_colours(s) for s in shots]
    assert len(list((corrupted_site / page.stem / "plots").glob("*.svg"))) >= 5


@pytest.mark.slow
def test_show_draws_the_claim_on_its_page(corrupted_site, tmp_path):
    out = corrupted_site.parent
    claims = pd.read_parquet(out / "claims.parquet")
    claim = claims[claims["surface"] == "17,252 yuan"].iloc[0]
    png = show_claim(claim["claim_id"], out, tmp_path / "claim.png")
    from PIL import Image

    with Image.open(png) as image:
        assert image.width > 800 and image.height > image.width
    assert main(["show", claim["claim_id"], "--output", str(out), "--to", str(tmp_path / "cli.png")]) == 0
    assert main(["show", "c-000000000000", "--output", str(out)]) == 2


@pytest.mark.slow
def test_text_dump_pages_show_the_sentence_and_its_page(sample_text, tmp_path):
    source = tmp_path / "corrupted.txt"
    source.write_text(sample_text.replace(*CORRUPTED), encoding="utf-8")
    site = run([source], tmp_path / "output")
    page = next(p for p in site.glob("*.html") if p.name != "index.html")
    first = parse(page).articles[0]
    assert "conflict" in first["class"] and len(first["figures"]) == 2
    assert all(f["img"] is None and f["class"] == "no-crop" for f in first["figures"])
    text = page.read_text(encoding="utf-8")
    assert re.search(r"<strong>p\.\d+</strong>.*?<mark>17,252 yuan</mark>", text, re.S)
    assert not (site / page.stem / "crops").exists()
    claims = pd.read_parquet(site.parent / "claims.parquet")
    with pytest.raises(ShowError, match="text dump"):
        show_claim(claims["claim_id"].iloc[0], site.parent)
    if BROWSER:
        assert _colours(screenshot(page, tmp_path / "profile", "review-sample-text.png")) > 50


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(BROWSER is None, reason="no headless browser installed (Debian package: chromium)")
def test_a_corpus_report_review_renders(tmp_path):
    pdf = corpus_pdf("crs-strait-of-hormuz-shipping-2026")
    site = run([pdf], tmp_path / "output")
    page = next(p for p in site.glob("*.html") if p.name != "index.html")
    found = parse(page)
    assert found.scripts == 0
    dom = dump_dom(page, tmp_path / "profile")
    assert "Citations and their sources" in dom and "Places" in dom
    assert _colours(screenshot(page, tmp_path / "profile", "review-corpus-crs-hormuz.png")) > 200


def test_a_control_character_in_report_text_never_aborts_the_run(tmp_path):
    """A backspace a converter left after a running head ("December 2021\\b", as pdftotext
    writes one corpus report's) reached a chart's labels, and the SVG renderer, unable to read
    the SVG, aborted the whole process and the batch with it. Text dumps drop such characters;
    the charts drop what XML forbids whatever their source (run in a child process: an abort
    would take pytest down with it)."""
    import subprocess
    import sys

    from extractor.ingest.text import split_pages

    pages = split_pages("December 2021\b     Common Terms\nA line of text\x07 about 12 schools.\f2")
    assert not any(c in ln.text for p in pages for ln in p.lines for c in "\b\x07")
    script = ("import altair as alt, pandas as pd; from extractor.review.digest import render_svg; "
              "chart = alt.Chart(pd.DataFrame({'label': ['December 2021\\b', 'Q\\x01'], 'n': [3, 4]}))"
              ".mark_bar().encode(x='n:Q', y='label:N'); svg = render_svg(chart); "
              "assert '<svg' in svg and '\\b' not in svg; print('ok')")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]
