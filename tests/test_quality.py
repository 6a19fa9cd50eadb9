"""The quality summary that needs no gold, on the sample and on a copy with notes left in the body."""
from __future__ import annotations

from extractor.pipeline import ExtractionConfig, combine, process_report
from extractor.quality import CAPTION_LIKE, FURNITURE_LIKE, NOTE_LIKE, summary


def test_the_sample_reads_clean(sample_frames):
    row = summary(sample_frames).iloc[0]
    assert row["markers_resolved"] == 1.0 and row["notes_uncited"] == 0.0
    assert row["claims_note_like"] == 0.0 and row["claims_caption_like"] == 0.0
    assert row["claims_per_100_sentences"] > 20 and row["places_untyped"] == 0.0


def test_shapes_of_text_that_is_not_body():
    assert NOTE_LIKE.match("12 United Nations, World Population Prospects 2024, New York.")
    assert NOTE_LIKE.match("20 IMF, World Economic Outlook, October 2024, p. 12.")
    assert not NOTE_LIKE.match("17 provinces reported gains in 2024.")
    assert CAPTION_LIKE.match("Figure 3: Poverty rates by region") and CAPTION_LIKE.match("Source: World Bank")
    assert FURNITURE_LIKE.search("4/17 25-09656") and FURNITURE_LIKE.search("Page 10")


def test_a_footnote_read_as_body_shows(sample_text, tmp_path):
    """Notes glued into the body (their marker lines unrecognisable) show as note-like claims."""
    text = sample_text.replace("^①", "").replace("①", "")
    path = tmp_path / "notes-in-body.txt"
    path.write_text(text + "\n\n12 United Nations, World Population Prospects 2024, 8.2 billion people, New York.\n",
                    encoding="utf-8")
    row = summary(combine([process_report(path, ExtractionConfig(model="none"))])).iloc[0]
    assert row["claims_note_like"] > 0.0
