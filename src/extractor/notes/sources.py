"""Who a footnote cites (source), what (title), and what kind of document it is.

Reference notes follow a loose house style: ``Source, "Title," Date. URL`` or
``Source, *Title*, Publisher, Year``. The source is the publisher, outlet or speaker printed
first; the title is the quoted part, or the italic part when nothing is quoted (an italic
name printed *first* and followed by a quoted title is the outlet, as in
``*People's Daily*, "..."``). Lead-ins such as ``Materials provided by``, ``Remarks by`` or
``Website of`` say what kind of source it is and are not part of its name; neither is a genre
word the outlet is followed by (``Xinhua News Agency feature article``).

The kind is decided from the words *outside* the title, because a title may name anything
("Press Conference on ..." is the subject of a report as often as it is the event).
"""
from __future__ import annotations

import re

KINDS = ("press_conference", "speech", "news_article", "materials", "report", "website", "book", "other")

_QUOTE_SPAN = re.compile(r"\"(?P<a>[^\"]+)\"|\u201c(?P<b>[^\u201d]+)\u201d")
# (each alternative opens with its mark and tests the character before it in a lookbehind, so
# that the regex engine can skip to the next "*" or "_" instead of trying every position)
_ITALIC_SPAN = re.compile(r"\*(?<![\w*]\*)(?P<a>[^*]+)\*(?![\w*])|_(?<![\w_]_)(?P<b>[^_]+)_(?![\w_])")

# Lead-ins that describe the source rather than name it: "Materials provided by X". After a
# provider lead-in (materials, report) the whole rest of the sentence names the provider
# ("Bureau of Agriculture, Animal Husbandry, ..., Zeku County"); after a speaker lead-in the
# name ends at the first comma (what follows is the speaker's office).
_PROVIDER_KINDS = ("materials", "report", "website")
_LEAD_INS: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"^(?:see(?:\s+also)?|cf\.|sources?:|quoted in|cited in|as cited in)\s+", re.I), None),
    (re.compile(r"^(?:(?:materials?|data|information|documents?|statistics)\s+(?:provided|supplied|compiled)\s+by)\s+",
                re.I), "materials"),
    (re.compile(r"^(?:remarks|speech|address|statement|keynote(?: speech)?|interview)\s+(?:by|of|with)\s+", re.I),
     "speech"),
    (re.compile(r"^(?:reports?|white paper|survey|study)\s+(?:by|of|from)\s+", re.I), "report"),
    (re.compile(r"^(?:the\s+)?(?:official\s+)?(?:web\s?site|portal|homepage|web page|wechat account)\s+of\s+", re.I),
     "website"),
]
# Genre words that may follow the outlet's name inside the first segment.
_GENRE_TAIL = re.compile(
    r"\s+(?:feature article|article|commentary|editorial|press conference|press briefing|news conference|"
    r"briefing|white paper|official website|website|web\s?site|reports?|interview)\b.*$",
)  # lower-case only: a capitalised "Report" is part of a name ("... Development Report")
_BOOK = re.compile(r"\b(?:publishing house|publishers?|university press|edition|ISBN|eds?\.)|"
                   r"\bfrom\s+(?:\*|_)[^*_]+(?:\*|_)|\b(?:pp?\.)\s*\d", re.I)
_WEBSITE = re.compile(r"\b(?:web\s?site|portal|homepage|web page|EB/OL)\b", re.I)
# Checked in order on the words outside the title; the first that matches decides.
_KIND_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("materials", re.compile(r"\b(?:materials?|data|information|documents?)\s+(?:provided|supplied|compiled)\s+by\b",
                             re.I)),
    ("press_conference", re.compile(r"\b(?:press|news)\s+(?:conference|briefing|release)s?\b|\bbriefing\b", re.I)),
    ("speech", re.compile(r"\b(?:speech|remarks|address|keynote|toast|congratulatory letter|statement by)\b", re.I)),
    ("book", _BOOK),
    ("news_article", re.compile(r"\b(?:daily|news|times|post|herald|gazette|tribune|observer|xinhua|reuters|"
                                r"agency|newspaper|article|magazine|weekly|journal|commentary|editorial)\b", re.I)),
    ("report", re.compile(r"\b(?:reports?|white paper|communiqu[eé]|yearbook|bulletin|working paper|survey|"
                          r"statistics|review|plan|strategy)\b", re.I)),
]


# A title that names its own genre: "Speech at ...", "China ... Development Report".
_TITLE_KIND: list[tuple[str, re.Pattern[str]]] = [
    ("speech", re.compile(r"^(?:speech|remarks|address|keynote|statement|toast|congratulatory letter)\b", re.I)),
    ("press_conference", re.compile(r"^(?:press|news)\s+(?:conference|briefing)", re.I)),
    ("report", re.compile(r"\b(?:report|yearbook|white paper|communiqu[eé]|outlook)$", re.I)),
]
# A first segment that is itself the name of a report, not of its publisher.
_REPORT_NAME = re.compile(r"^[A-Z].*\b(?:Report|Yearbook|White Paper|Communiqu[eé]|Outlook)$")
_DATE_OR_TAG = re.compile(r"^(?:\[[A-Z/]+\]|\(?\d|(?:January|February|March|April|May|June|July|August|September|"
                          r"October|November|December)\b)")

# The patterns the functions below apply to every note, compiled once.
_BEFORE_URL = re.compile(r"\s*(?:<|https?://|www\.)")
_SEGMENT_BREAK = re.compile(r",\s|:\s|\.\s|\.$|\s\[[A-Z/]+\]")
_COMMA_OR_COLON = re.compile(r"\s*[,:]")
_PROVIDER_END = re.compile(r"[\"\u201c]|\.\s|\.$|\s*<|\s*https?://|\s*www\.")
_LEADING_THE = re.compile(r"^the\s+", re.I)
_WEBSITE_TAIL = re.compile(r"\s+(?:official\s+)?(?:web\s?site)$", re.I)
_OPENING_QUOTE = re.compile(r"[\"\u201c]")
_BEFORE_TAG_OR_URL = re.compile(r"\s*(?:\[[A-Z/]+\]|<|https?://|www\.)")
_SOURCE_BREAK = re.compile(r",|:\s|\.\s|\.$")
_WEBSITE_OF = re.compile(r"^(?:the\s+)?(?:official\s+)?(?:web\s?site|portal)\s+of\s+(?:the\s+)?", re.I)
_AUTHOR_DATE = re.compile(r"\s*\((?:19|20)\d\d[a-z]?\)$")
_LEADING_THE_NAME = re.compile(r"^the\s+(?=[A-Z])")
_URL_OR_TAG = re.compile(r"<[^>]*>|https?://\S+|www\.\S+")
_SPACES = re.compile(r"\s+")


def find_title(text: str) -> str | None:
    """The quoted title, or the italic one when nothing is quoted, or else the capitalised
    segment that follows the source (``Xi Jinping, Remarks on ..., [EB/OL].``); trailing
    punctuation dropped."""
    quoted = _quoted_or_italic_title(text)
    if quoted is not None:
        return quoted
    plain = _strip_markup(text).strip()
    if any(p.match(plain) for p, _ in _LEAD_INS):
        return None  # "Materials provided by X, Province": the rest qualifies the provider
    segments = _segments(plain)
    if segments and _REPORT_NAME.match(segments[0]):
        return segments[0]
    if len(segments) >= 2:
        cand = segments[1]
        if cand[:1].isupper() and len(cand.split()) >= 4 and not _DATE_OR_TAG.match(cand):
            return _clean_title(cand)
    return None


def _segments(text: str) -> list[str]:
    """Comma/colon/full-stop separated parts of a note, before any URL or [EB/OL]-style tag."""
    head = _BEFORE_URL.split(text)[0]
    return [p.strip() for p in _SEGMENT_BREAK.split(head) if p and p.strip()]


def _quoted_or_italic_title(text: str) -> str | None:
    q = _QUOTE_SPAN.search(text)
    if q:
        return _clean_title(q.group("a") or q.group("b"))
    italics = list(_ITALIC_SPAN.finditer(text))
    if italics:
        first = italics[0]
        if first.start() == 0 and len(italics) > 1:
            first = italics[1]  # a leading italic name is the outlet
        elif first.start() == 0 and len(italics) == 1 and _COMMA_OR_COLON.match(text, first.end()):
            return None
        return _clean_title(first.group("a") or first.group("b"))
    return None


def find_source(text: str) -> str | None:
    """The publisher, outlet or speaker the note names first (without lead-in and genre words)."""
    body = _strip_markup(text).strip()
    lead_kind: str | None = None
    for pattern, kind in _LEAD_INS:
        m = pattern.match(body)
        if m:
            body, lead_kind = body[m.end():], kind
            break
    if lead_kind in _PROVIDER_KINDS:
        provider = _PROVIDER_END.split(body)[0]
        provider = _LEADING_THE.sub("", provider.strip(" .,;:"))
        provider = _WEBSITE_TAIL.sub("", provider)
        return provider.strip(" .,;:") or None
    # the first segment: up to a quoted title, a colon, a comma or a full stop
    q = _OPENING_QUOTE.search(body)
    head = body[:q.start()] if q else body
    head = _BEFORE_TAG_OR_URL.split(head)[0]
    parts = [p.strip() for p in _SOURCE_BREAK.split(head)]
    parts = [p for p in parts if p]
    if not parts:
        return None
    source = parts[0]
    if _REPORT_NAME.match(source) and not q:
        return None  # "China Digital Countryside Development Report, 2022.": a title, no publisher
    source = _GENRE_TAIL.sub("", source).strip()
    source = _WEBSITE_OF.sub("", source)
    source = _WEBSITE_TAIL.sub("", source)
    source = _AUTHOR_DATE.sub("", source)  # author-date style: "OECD (2021)"
    source = _LEADING_THE_NAME.sub("", source.strip(" .,;:"))
    return source or None


_UNKNOWN = object()


def classify_kind(text: str, *, has_url: bool = False, title: str | None | object = _UNKNOWN) -> str:
    """One of :data:`KINDS`, from the lead-in and the words outside the title.

    ``title``: :func:`find_title` of ``text``, when the caller has it already."""
    plain = text.strip()
    lead = _strip_markup(plain)
    for pattern, kind in _LEAD_INS:
        if kind and pattern.match(lead):
            return kind
    outside = _QUOTE_SPAN.sub(" ", plain)
    if _BOOK.search(outside):  # "from *Book Title*" needs the italics
        return "book"
    outside = _ITALIC_SPAN.sub(lambda m: m.group(0) if m.start() == 0 else " ", outside)
    outside = _URL_OR_TAG.sub(" ", outside)
    for kind, pattern in _KIND_RULES:
        if pattern.search(outside):
            return kind
    title = (find_title(text) if title is _UNKNOWN else title) or ""
    for kind, pattern in _TITLE_KIND:
        if pattern.search(title):
            return kind
    if _WEBSITE.search(outside):
        return "website"
    if _quoted_or_italic_title(text) and not _QUOTE_SPAN.search(text):
        return "book"  # an italic title outside a quoted one: a book or other standalone work
    return "website" if has_url else "other"


def _clean_title(title: str) -> str | None:
    t = _SPACES.sub(" ", title).strip().rstrip(",.;:").strip()
    return t or None


def _strip_markup(text: str) -> str:
    return _ITALIC_SPAN.sub(lambda m: m.group("a") or m.group("b"), text)
