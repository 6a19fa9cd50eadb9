"""One footnote's text in, its parts out: source, title, date, URL and kind."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractor.notes.dates import find_date
from extractor.notes.sources import classify_kind, find_source, find_title
from extractor.notes.urls import find_url


@dataclass(frozen=True)
class ParsedNote:
    source: str | None
    title: str | None
    date: str | None  # ISO, partial where the note is: "2024-11-18", "1988-09", "2022"
    url: str | None  # first URL as printed, without <> and trailing punctuation
    url_domain: str | None
    url_valid: bool | None  # None when the note has no URL
    kind: str

    def as_row(self) -> dict[str, Any]:
        """The fields as a dict, in declaration order (``dataclasses.asdict`` without its deep copy)."""
        return {"source": self.source, "title": self.title, "date": self.date, "url": self.url,
                "url_domain": self.url_domain, "url_valid": self.url_valid, "kind": self.kind}


def parse_note(text: str) -> ParsedNote:
    """Parse a note's text (without its marker). The URL is located first so that dates and
    names inside it are not read as the note's own."""
    url = find_url(text)
    exclude = [(url.start, url.end)] if url else []
    without_url = text[:url.start] + " " * (url.end - url.start) + text[url.end:] if url else text
    title = find_title(without_url)
    return ParsedNote(
        source=find_source(without_url),
        title=title,
        date=find_date(text, exclude=exclude),
        url=url.url if url else None,
        url_domain=url.domain if url else None,
        url_valid=url.valid if url else None,
        kind=classify_kind(without_url, has_url=url is not None, title=title),
    )
