"""Hardening, fuzzing (issue 19, item 10): whatever a file holds, ``process_report`` gives a result
or a one-line RX error, never an unexpected exception (RX999 fails these tests).

Inputs: random bytes (as a text dump and as a PDF), random Unicode text, and random mutations
of the sample (bytes flipped, cut, repeated, hostile snippets spliced in) and of a PDF typeset
from it (bytes flipped, cut, spans deleted or repeated). The example counts are bounded, and the
examples derandomised, so the test runs the same in CI in about two minutes.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.pipeline import ExtractionConfig, process_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"
#: Limits small enough that a fuzzed report stays fast, large enough for the sample.
CONFIG = ExtractionConfig(model="none", timeout_s=120.0)
def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
#: What an error line looks like: the file, a reason, a known code (RX999 is a failure).
ERROR = re.compile(r"^.+: .+ \[RX(1\d\d|2\d\d|3\d\d|4\d\d|5\d\d)\]$", re.S)
#: Text that has broken parsers before: markers, huge numbers, markup, formulas, control characters.
HOSTILE = ["^①^①", "^1" * 50, "1" * 400 + "%", "1" + "0" * 400, "0." + "0" * 400 + "1", "<script>alert(1)</script>",
           '=HYPERLINK("http://evil.example")', "\f", "\x00", "\u202e", "\ufeff", "\r\n\r", "--- Page 9 of 9 ---",
           "1.", "[1]", "① ", "\u00ad", "-\n", "§", "\U0001f600" * 20, "…" * 200, " " * 5000, "\t" * 300]

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
#: The sample's first ~12 pages: mutations stay fast.
SHORT_SAMPLE = SAMPLE_TEXT[:30_000]


def _check(path: Path) -> None:
    result = process_report(path, CONFIG)
    if result.status == "ok":
        assert result.tables["documents"][0]["status"] == "ok"
        return
    assert result.status == "failed"
    assert result.error and ERROR.match(result.error), result.error
    assert "\n" not in result.error.strip()


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def small_pdf(fuzz_dir) -> bytes:
    """The sample's first pages typeset as a PDF (~5 pages: a mutation is read in a second or two)."""
    from tests.pdfgen import generate_report_pdf

    return generate_report_pdf(SAMPLE_TEXT[:12_000], fuzz_dir / "short.pdf").read_bytes()


@fuzz(40)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".txt", ".pdf", ".md"]))
def test_random_bytes(fuzz_dir, data: bytes, suffix: str) -> None:
    path = fuzz_dir / f"bytes{suffix}"
    path.write_bytes(data)
    _check(path)


@fuzz(40)
@given(text=st.text(max_size=3000))
def test_random_unicode(fuzz_dir, text: str) -> None:
    path = fuzz_dir / "unicode.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _check(path)


@st.composite
def text_mutations(draw) -> bytes:
    """The short sample with up to 8 edits: a byte flipped, a span cut, repeated or moved, a
    hostile snippet spliced in."""
    data = bytearray(SHORT_SAMPLE.encode("utf-8"))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "cut", "repeat", "splice", "splice"]))
        if kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[at:at + draw(st.integers(1, 2000))]
        elif kind == "repeat":
            span = bytes(data[at:at + draw(st.integers(1, 500))])
            data[at:at] = span * draw(st.integers(1, 20))
        else:
            data[at:at] = draw(st.sampled_from(HOSTILE)).encode("utf-8", "surrogatepass")
    return bytes(data)


@fuzz(30)
@given(data=text_mutations())
def test_mutations_of_the_sample(fuzz_dir, data: bytes) -> None:
    path = fuzz_dir / "mutated.txt"
    path.write_bytes(data)
    _check(path)


@st.composite
def pdf_mutations(draw, pdf: bytes) -> bytes:
    data = bytearray(pdf)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "truncate", "repeat", "zero"]))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[at:at + draw(st.integers(1, 400))]
        elif kind == "truncate":
            del data[at:]
            data += b"\n%%EOF\n"  # past the envelope check, into the parser
        elif kind == "repeat":
            data[at:at] = bytes(data[at:at + draw(st.integers(1, 300))]) * draw(st.integers(1, 5))
        else:
            data[at:at + 64] = bytes(len(data[at:at + 64]))
    return bytes(data)


@fuzz(15)
@given(data=st.data())
def test_mutations_of_a_pdf(fuzz_dir, small_pdf, data) -> None:
    """(Found: a PDF whose page tree breaks made pdfplumber's close() raise over the error being
    reported, an unexpected TypeError.)"""
    path = fuzz_dir / "mutated.pdf"
    path.write_bytes(data.draw(pdf_mutations(small_pdf)))
    _check(path)
