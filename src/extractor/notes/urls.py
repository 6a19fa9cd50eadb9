"""The first URL of a footnote, as printed, with a syntactic validity flag.

Notes print URLs bare (``https://a.cn/x.htm.``), in angle brackets (``<https://a.cn/x>``) or
without a scheme (``www.a.cn/x``). The sentence punctuation that follows a bare URL is not part
of it. Typesetting sometimes breaks a URL with a stray space (``content_573 7820.htm``): the URL
is then kept *as printed*, space included, and flagged ``valid=False`` so that a reader (or a
validation rule) can see it cannot be followed as is. Nothing is ever fetched: validity is a
purely syntactic check (scheme, host name shape, URL characters).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Start of a URL: a scheme, or a bare "www." host.
_START = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)")
# Characters a URL may contain (RFC 3986 unreserved + reserved + "%"); anything else ends it.
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
# Punctuation that ends the sentence after a bare URL rather than belonging to it.
_TRAILING = ".,;:)]'\"!?"
# A continuation printed after a stray space: a run of URL characters that looks like the rest
# of a path (has a path/query separator, or is a file name with an extension), not a word.
_CONTINUATION = re.compile(r"[A-Za-z0-9\-._~/?#@!$&*+=%]+")
_PATHLIKE = re.compile(r"[/?=&%#_]|\.(?:s?html?|php|aspx?|jsp|pdf|cn|com|org|net|gov|int)\b", re.I)
_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9\-]{1,63}(?<!-)$")
_TLD = re.compile(r"^[A-Za-z]{2,24}$|^xn--[a-z0-9\-]+$")


@dataclass(frozen=True)
class FoundUrl:
    """A URL found in a note: ``url`` exactly as printed (minus ``<>`` and trailing punctuation)."""

    url: str
    domain: str | None
    valid: bool
    start: int  # span in the note text (including any angle brackets)
    end: int


def find_url(text: str) -> FoundUrl | None:
    """The first URL in ``text``, or None."""
    m = _START.search(text)
    if not m:
        return None
    start = m.start()
    bracketed = start > 0 and text[start - 1] == "<"
    if bracketed:
        close = text.find(">", start)
        end = close if close != -1 else len(text)
        url = text[start:end].strip()
        span_end = end + 1 if close != -1 else end
        url = url.rstrip(_TRAILING) if close == -1 else url
        return FoundUrl(url, url_domain(url), is_valid_url(url), start - 1, span_end)
    run = _URL_CHARS.match(text, start)
    assert run is not None  # _START matched URL characters
    end = run.end()
    # a stray non-URL character inside the URL ("gov\u3002cn/x"): keep it, as printed
    while end + 1 < len(text) and _is_stray(text[end]) and _URL_CHARS.match(text, end + 1):
        end = _URL_CHARS.match(text, end + 1).end()  # type: ignore[union-attr]
    url = _strip_trailing(text[start:end])
    end = start + len(url)
    broken = _broken_continuation(text, end)
    if broken:
        url = url + broken
        end = start + len(url)
    return FoundUrl(url, url_domain(url), is_valid_url(url), start, end)


def _is_stray(char: str) -> bool:
    """A character that cannot be in a URL but is no separator either (not space, quote, bracket)."""
    return not char.isspace() and char not in "<>\"'\u201c\u201d\u2018\u2019()[]{}|\\^`" and not _URL_CHARS.match(char)


def _strip_trailing(url: str) -> str:
    """Drop sentence punctuation after a bare URL; keep a ``)`` that closes a ``(`` in the URL."""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _broken_continuation(text: str, end: int) -> str:
    """The rest of a URL printed after a stray space, as printed (with the space), or ``""``.

    Only taken when the URL so far stops mid-path (it does not end with a file name or a
    slash) and the next token looks like more path, never like an ordinary word.
    """
    if end >= len(text) or text[end] != " ":
        return ""
    if end > 0 and text[end - 1] in _TRAILING:
        return ""
    nxt = _CONTINUATION.match(text, end + 1)
    if not nxt:
        return ""
    token = _strip_trailing(nxt.group())
    if not token or not _PATHLIKE.search(token) or token[0] in "./" and len(token) < 3:
        return ""
    if re.fullmatch(r"[A-Za-z]+[.,;:]?", token):
        return ""
    return " " + token


def url_domain(url: str) -> str | None:
    """The host of ``url``, lower-cased, without ``www.`` and port: ``"gov.cn"``."""
    m = re.match(r"(?i)^(?:[a-z]+://)?([^/?#\s:]+)", url)
    if not m:
        return None
    host = m.group(1).lower().rstrip(".")
    host = host.split("@")[-1]
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host or None


def is_valid_url(url: str) -> bool:
    """Could ``url`` be followed as printed? A syntactic check only; nothing is fetched."""
    if not url or not _URL_CHARS.fullmatch(url):  # (white space is none of these characters)
        return False
    m = re.match(r"(?i)^(?:(https?|ftp)://)?([^/?#]+)(.*)$", url)
    if not m:
        return False
    if m.group(1) is None and not url.lower().startswith("www."):
        return False
    host = m.group(2).split("@")[-1]
    host = re.sub(r":\d{1,5}$", "", host)
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(lab) for lab in labels) or not _TLD.match(labels[-1]):
        return False
    rest = m.group(3)
    if re.search(r"%(?![0-9A-Fa-f]{2})", rest):
        return False
    return rest == "" or rest[0] in "/?#"
