"""Recognise headings and build the section tree.

Patterns are written from how reports are typeset: "Chapter Two: Title", "Part III Title",
"2.1 Title", "Annex 1", and the front/back matter every report has (Preface, Foreword,
Executive Summary, Introduction, Conclusion, Acknowledgements, References).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.layout.lines import ends_sentence

_NUMBER_WORD = (
    r"(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|"
    r"Sixteen|Seventeen|Eighteen|Nineteen|Twenty|[IVXLC]{1,6}|\d{1,2}|[A-Z])"
)
_CHAPTER = re.compile(
    rf"^(?P<kind>Chapter|Part|Section|Annex|Appendix|Module)\s+(?P<num>{_NUMBER_WORD})\b\s*[:.\-\u2013\u2014]?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<title>[A-Z\"\u201c'].*)$")
_SINGLE_NUMBERED = re.compile(r"^(?P<num>\d{1,2})\.?\s+(?P<title>[A-Z][A-Za-z].*)$")
_MATTER = re.compile(
    r"^(?P<title>(?:Preface|Foreword|Prologue|Epilogue|Executive\s+Summary|Summary|Abstract|Introduction|"
    r"Conclusions?|Concluding\s+Remarks|Afterword|Postscript|Acknowledge?ments?|Compilation\s+Notes\b.*|"
    r"References|Bibliography|Notes|Glossary|Abbreviations|Acronyms)\b.*)$",
    re.IGNORECASE,
)
MAX_HEADING_CHARS = 220


@dataclass(frozen=True)
class HeadingMatch:
    number: str  # "2.1", "Two", "" for unnumbered matter
    title: str
    level: int
    kind: str  # "chapter", "section", "matter"


def match_heading(text: str) -> HeadingMatch | None:
    """Classify a unit as a heading, or return None.

    A heading is short and does not end like a sentence (a trailing colon is allowed, as in
    "Chapter One:"). Numbered sections take their level from the depth of the number.
    """
    t = text.strip()
    if not t or len(t) > MAX_HEADING_CHARS:
        return None
    body = t.rstrip(":").strip()
    numbered_question = t.endswith("?") and bool(_NUMBERED.match(body))  # "1.1 Why compare these countries?"
    if t.endswith((".", "!", "?", ";", ",")) and not re.search(r"\b(?:Chapter|Part)\b", t[:10]) \
            and not numbered_question:
        return None
    m = _CHAPTER.match(body)
    if m and (m.group("title") == "" or m.group("title")[:1].isupper() or m.group("title")[:1] in "\"\u201c"):
        return HeadingMatch(m.group("num"), m.group("title").strip(" :"), 1, "chapter")
    m = _NUMBERED.match(body)
    if m and (_title_like(m.group("title")) or len(body) <= 120 and not t.endswith((".", ";", ",", ":"))):
        # "2.1 Grants, council tax and business rates": numbered, short, not a sentence; many
        # publishers set headings in sentence case
        return HeadingMatch(m.group("num"), m.group("title").strip(), m.group("num").count(".") + 1, "section")
    m = _SINGLE_NUMBERED.match(body)
    if m and len(body) < 100 and not re.search(r"\d", m.group("title")[:3]) and (
            _title_like(m.group("title")) or len(body) <= 80 and not ends_sentence(t) and t == body):
        return HeadingMatch(m.group("num"), m.group("title").strip(), 1, "chapter")
    m = _MATTER.match(body)
    if m and (len(body.split()) <= 14) and (":" in t or not ends_sentence(t)) and _title_like(m.group("title")):
        # "Introduction" alone or "Preface: New Mission ..." but not "Introduction of new rules was ..."
        first_clause = body.split(":")[0]
        if len(first_clause.split()) <= 4 or ":" not in body and _title_like(body, strict=True):
            return HeadingMatch("", body, 1, "matter")
    return None


def _title_like(title: str, strict: bool = False) -> bool:
    """Most content words capitalised, as headings are typeset."""
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019\-]*", title)]
    if not words:
        return False
    small = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
             "with", "between", "not", "its", "their", "our", "amid", "against", "through", "via", "vs", "over"}
    content = [w for w in words if w.lower() not in small]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= (0.8 if strict else 0.6)


def section_id_for(number: str, title: str, level: int) -> str:
    """A stable id from the heading itself: ``"s2.1"``, ``"ch-two"``, ``"preface"``."""
    if number and level > 1:
        return f"s{number}"
    if number:
        return f"ch-{number.lower()}"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:40] or "untitled"
