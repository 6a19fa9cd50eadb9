"""Two columns that a text dump spliced line by line with a single space, into reading order.

``pdfplumber``'s ``extract_text()`` groups a page's characters into lines by their height on
the page, and joins the words of a line with one space. On a page set in two columns (or a
spread of two pages) each line of the dump is then the left column's line, one space, and the
right column's line at the same height: "Budget authority, obligations, and outlays are related
binding commitment. For example, the Department of". Where one column has a blank line (a
paragraph's break) the dump's line holds the other column's line alone. No run of spaces marks
the seam (:mod:`extractor.ingest.text_columns` reads dumps that keep one); what still shows is

- the seam's cues: a word broken by a hyphen in the middle of a line ("ways to esti- the costs
  of"), a sentence's end followed by a word in lower case ("activity. tract to purchase"): the
  end of a left column's line, then the right column's line. On a page in two columns these
  sit at one distance from the line's start (the left column's width, in characters, within
  a few characters: the type is proportional); on a page of one column they are rare and
  scattered;
- each column's text goes on from line to line: a part broken by a hyphen goes on with the
  rest of its word (a word the report uses, or one of the English word lists of
  :mod:`extractor.ingest.wordlists`), a part that ends a sentence is followed by one that
  opens with a capital, one that does not by one in lower case, a figure, a bracket, or a
  word that often follows its last (SymSpell's word pairs: "postal" / "Service"); no part
  holds a seam's cue, or a small word in capitals after a word that ends no sentence ("not
  in The").

:func:`unsplice_pages` finds the seam's width on each page from its cues (:func:`find_seam`);
a page of the same report with too few cues is tried at the width the others show, and kept
only where reading it in two columns makes its text go on much better than its lines as they
stand. :func:`unsplice_columns` takes the stretch of lines the columns run through (from the
first line with a cue, or too long for one column, to the last, up to a blank line or a
heading; the note block at the page's foot stays as the dump joined it, for the zoning of the
dump reads a second column's notes opening inside its lines) and reads each line as a left
part and a right part, one column's part alone, or a line set across both columns (a heading,
which ends a band of lines): the reading that makes both columns' text go on best over the
whole stretch, a Viterbi search whose state is how each column's text ended. Each band is then
written as the left column's lines, then the right column's, the notes at each column's foot
after both (as :mod:`extractor.ingest.text_columns` does); a heading across both columns, or
inside one, stands between blank lines, as a dump that keeps the page's layout shows it (a
column is too narrow for its shape among the lines to tell it). Measured against ``pdftotext``'s
reading order on 29 pages of three reports in two columns (CBO, IMF GFSR, OPM), word pairs
read as the PDF reads them: 0.85 spliced, 0.90 read so.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from extractor.ingest.text_columns import notes_from
from extractor.ingest.text_zones import NoteBlock, mark_furniture, note_blocks
from extractor.ingest.wordlists import known_pair, known_word
from extractor.registry import lexicon


@dataclass(frozen=True)
class SeamSettings:
    """Every threshold of the seam search, in one place."""

    #: a page is in two columns when at least this many cues lie within ``spread`` characters
    #: of their median distance from the line's start ...
    min_cues: int = 3
    spread: int = 4
    #: ... and they are at least this share of the page's cues
    inlier_share: float = 0.5
    #: the left column is at least this many characters wide
    min_width: int = 20
    #: a full line of a column is its width within this share (proportional type), and a few
    #: characters more at most
    tolerance: float = 0.15
    slack: int = 2
    #: a column's full line is at least this share of its width (type set ragged-right)
    shortest: float = 0.7
    #: notes set smaller than the text hold up to this share more characters a line
    note_share: float = 1.35
    #: a page without cues is read in two columns where that reading scores this much better
    #: a line than its lines as they stand (pages of running text in two columns: 1.6-2.4; in
    #: one column below 0.6; pages of tables and charts anywhere up to 1.5)
    min_gain: float = 1.5


SETTINGS = SeamSettings()

# a word broken by a hyphen, then the next column's line (not "pre- and post-war")
_CONJUNCTIONS = "|".join(map(re.escape, lexicon("layout")["suspended_hyphen_conjunctions"]))
_HYPHEN_CUE = re.compile(rf"(?<=[^\W\d_]{{2}})- (?!(?:{_CONJUNCTIONS})\b)(?=[^\W\d_])")
# a sentence's end (a note's number after it or not), then a word in lower case
# (a word of four letters or more: not "et al. found", "etc. and")
_STOP_CUE = re.compile(r"(?<=[a-z]{4}[.!?])(?:[\"'\u201d\u2019)]|\d{1,3})? (?=[a-z])")
_STOP_END = re.compile(r"[.!?:][\"'\u201d\u2019)\]]*(?:\d{1,3})?$")
_BROKEN_END = re.compile(r"([^\W\d_]+)-$")
_QUOTES = "\"'\u201c\u201d\u2018\u2019([\u2022"

_WORDS = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]{2}")
_TITLE_WORDS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_SMALL = frozenset(lexicon("headings")["small_words"]["words"])
# a small word in capitals after a word that ends no sentence: "not in The"
_CAPITAL_SMALL = re.compile(
    r"(?<=[a-z,]) (?:" + "|".join(sorted((w.capitalize() for w in _SMALL if w.isalpha()), key=len, reverse=True)) + r")\b")

# how a column's text ended, the state of the search: ("start", ""), ("stop", ""), ("open", its
# last word), ("broken", the letters of a word broken at the line's end)
End = tuple[str, str]


def unsplice_pages(pages: list[list[str]], settings: SeamSettings = SETTINGS) -> list[list[str]]:
    """The pages of a dump, each page's two columns spliced into its lines read one after the
    other. A page shows its seam by its cues (:func:`find_seam`); a page of the same report
    with too few cues is read at the seam the others show, where reading it in two columns
    makes its text go on much better than reading its lines as they stand
    (:data:`SeamSettings.min_gain`)."""
    seams = [find_seam(page, settings) for page in pages]
    found = [seam for seam in seams if seam is not None]
    if not found:
        return pages
    vocabulary = frozenset(w.lower() for page in pages for line in page for w in _WORDS.findall(line))
    usual = int(statistics.median(found))
    notes = note_blocks(pages, mark_furniture(pages, None))  # (as the zoning of the dump finds them)
    return [unsplice_columns(page, vocabulary, seam or usual, cued=seam is not None, notes=block, settings=settings)
            for page, seam, block in zip(pages, seams, notes)]


def unsplice_columns(lines: list[str], vocabulary: frozenset[str], seam: int, cued: bool = True,
                     notes: NoteBlock | None = None, settings: SeamSettings = SETTINGS) -> list[str]:
    """``lines`` of one page read as two columns spliced at ``seam`` characters (the left
    column's width): the stretch of lines they run through rewritten band by band, the left
    column's lines, then the right's. ``cued``: the page's own cues show the seam (else the
    reading must beat the lines as they stand by ``min_gain`` a line). ``vocabulary``: the
    report's words, in lower case, to tell a word broken at a column's edge. ``notes``: the
    page's note block (:func:`~extractor.ingest.text_zones.note_blocks`), left as the dump
    joined its lines: the zoning of a dump reads a second column's notes opening inside them."""
    width = seam * (1 + settings.tolerance) + settings.slack
    texts = [line.rstrip() for line in lines]
    if cued:
        anchors = [i for i, t in enumerate(texts) if any(o <= seam + settings.spread for o in _cues(t))]
    else:  # the longest run of lines too long for one column (not a paragraph set across the page)
        anchors = _longest_run([i for i, t in enumerate(texts) if len(t) > width])
    if len(anchors) < (1 if cued else settings.min_cues):
        return lines
    first, last = _stretch(texts, anchors)
    if notes is not None:
        last = min(last, min(note.index for note in notes.notes) - 1)
    if last < first:
        return lines
    stretch = [t.strip() for t in texts[first:last + 1] if t.strip()]
    score, path = _decode(stretch, seam, width, vocabulary, settings)
    if not cued and score - _one_column_score(stretch, vocabulary) < settings.min_gain * len(stretch):
        return lines
    # a heading set across both columns stands between blank lines, as a dump that keeps the
    # page's layout shows it: one inside the stretch, and those right above and below it
    above = first
    while above > 0 and _spans(texts[above - 1]) and len(texts[above - 1]) <= width * settings.note_share:
        above -= 1
    below = last + 1
    while below < len(texts) and _spans(texts[below]) and len(texts[below]) <= width * settings.note_share:
        below += 1
    out = lines[:above] + [x for t in texts[above:first] for x in ("", t)] + ([""] if above < first else [])
    for span, left, right in _bands(stretch, path):
        lk, rk = notes_from(left), notes_from(right)
        out += (["", *span, ""] if span else []) + left[:lk] + right[:rk] + left[lk:] + right[rk:]
    return out + [x for t in texts[last + 1:below] for x in ("", t)] + ([""] if last + 1 < below else []) + lines[below:]


def _hyphen_cues(line: str) -> list[int]:
    return [m.start() + 1 for m in _HYPHEN_CUE.finditer(line)]


def _cues(line: str) -> list[int]:
    """Where the line's seam cues put the seam (the length of the left part)."""
    return _hyphen_cues(line) + [m.start() for m in _STOP_CUE.finditer(line)]


def find_seam(lines: list[str], settings: SeamSettings = SETTINGS) -> int | None:
    """The left column's width in characters, or None for a page that shows no two columns
    spliced: words broken by a hyphen in mid-line at one distance from the line's start (a
    full left line is as wide as the column), two or more, and with the sentences' ends
    followed by a word in lower case (the short last lines of the left column's paragraphs,
    which may end anywhere before the seam), three cues or more."""
    hyphens = [o for line in lines for o in _hyphen_cues(line.rstrip())]
    stops = [o for line in lines for o in _cues(line.rstrip()) if o not in hyphens]
    if len(hyphens) < 2:
        return None
    seam = statistics.median(hyphens)
    inliers = [o for o in hyphens if abs(o - seam) <= settings.spread]
    before = [o for o in stops if o <= seam + settings.spread]
    if len(inliers) < 2 or len(inliers) < settings.inlier_share * len(hyphens) \
            or len(inliers) + len(before) < settings.min_cues or seam < settings.min_width:
        return None
    return int(statistics.median(inliers))


def _longest_run(lines: list[int]) -> list[int]:
    """The longest run of the (sorted) line numbers with one line at most between two."""
    runs: list[list[int]] = []
    for i in lines:
        if runs and i - runs[-1][-1] <= 2:
            runs[-1].append(i)
        else:
            runs.append([i])
    return max(runs, key=len, default=[])


def _stretch(texts: list[str], anchors: list[int]) -> tuple[int, int]:
    """The first and last line of the stretch the two columns run through: from the first
    anchor (a line with a cue, or too long for one column) to the last, and on either side the
    lines next to it up to a blank line or a heading (a line that :func:`_spans`: the page's
    running head, a title above the columns)."""
    first, last = anchors[0], anchors[-1]
    while first > 0 and texts[first - 1].strip() and not _spans(texts[first - 1]):
        first -= 1
    while last + 1 < len(texts) and texts[last + 1].strip() and not _spans(texts[last + 1]):
        last += 1
    return first, last


def _end(part: str) -> End:
    """How a column's part ends: a word broken by a hyphen (its letters), a sentence, or open
    (its last word)."""
    broken = _BROKEN_END.search(part)
    if broken:
        return ("broken", broken.group(1).lower())
    if _STOP_END.search(part) or not part.strip():
        return ("stop", "")  # (a blank line ends a paragraph too)
    return ("open", part.split()[-1].strip(_QUOTES + ",;").lower())


def _goes_on(before: End, part: str, vocabulary: frozenset[str]) -> float:
    """How well ``part`` goes on from a column's text that ended so: a broken word's rest, a
    capital after a sentence's end, a word in lower case or one that often follows the word
    before (SymSpell's word pairs: "postal" / "Service") after an open end."""
    kind, last = before
    if kind == "start":
        return 0.0
    bracket = part.startswith("(")  # "(Figure 1.25, panel 2)" goes on a sentence more often than it opens one
    part = part.lstrip(_QUOTES)
    opens_lower = part[:1].islower() or part[:1].isdigit() and kind == "open"  # (a figure goes on a sentence)
    word = _WORDS.match(part)
    if kind == "stop":
        return -3.0 if opens_lower else 0.0 if bracket else 1.0
    if kind == "open":
        goes_on = opens_lower or bracket
        return (1.0 if goes_on else 0.0) + (2.0 if word and last and known_pair(last, word.group(0)) else 0.0)
    joined = last + word.group(0).lower() if word else ""
    if word and (joined in vocabulary or known_word(joined)):
        return 4.0
    return 0.0 if opens_lower else -4.0


def _readings(line: str, seam: int, width: float, settings: SeamSettings) -> list[tuple[str, str]]:
    """The ways to read a line: (left part, right part), either empty when the line is one
    column's alone. A left part ends near the seam, or shorter where it ends a sentence; a
    column's notes, set smaller, hold more characters a line (up to ``note_share`` more)."""
    out: list[tuple[str, str]] = []
    wide = width * settings.note_share
    if len(line) <= wide:
        out += [(line, ""), ("", line)]
    low = seam * settings.shortest
    for m in re.finditer(" ", line):
        left, right = line[:m.start()], line[m.end():]
        if len(right) > wide or not _WORD.search(left) or not _WORD.search(right):
            continue  # (each part holds a word: ". | . . Authorization Acts" is no reading)
        if low <= len(left) <= wide or _end(left)[0] == "stop":
            out.append((left, right))
    return out


Reading = tuple[str, str]  # (left part, right part); one of them empty where a column has no line
_SPAN: Reading = ("", "")  # a line set across both columns: it ends a band of lines


def _bands(texts: list[str], path: list[Reading]) -> list[tuple[list[str], list[str], list[str]]]:
    """The bands of a stretch read so: each a line set across both columns (or none) and the
    left and right columns' lines under it. A heading inside a column (a line of one column
    alone, worded as a heading, after a sentence's end) stands between blank lines, as a dump
    that keeps the page's layout shows it: a column is too narrow for its shape to tell it."""
    bands: list[tuple[list[str], list[str], list[str]]] = [([], [], [])]
    for line, (left, right) in zip(texts, path):
        if (left, right) == _SPAN:
            bands.append(([line], [], []))
            continue
        for part, column in ((left, bands[-1][1]), (right, bands[-1][2])):
            if part and not (left and right) and _spans(part) and (not column or _end(column[-1])[0] == "stop"):
                column.extend(["", part, ""])
            elif part:
                column.append(part)
    return bands


def _decode(texts: list[str], seam: int, width: float, vocabulary: frozenset[str],
            settings: SeamSettings) -> tuple[float, list[Reading]]:
    """The readings of the lines that make both columns' text go on best, and their score: a
    Viterbi search whose state is how each column's text ended."""
    start: End = ("start", "")
    stop: End = ("stop", "")
    right_width = _right_width(texts, seam, settings)
    best: dict[tuple[End, End], tuple[float, list[Reading]]] = {(start, start): (0.0, [])}
    for line in texts:
        readings = _readings(line, seam, width, settings)
        nxt: dict[tuple[End, End], tuple[float, list[Reading]]] = {}
        for (lend, rend), (score, path) in best.items():
            for left, right in readings:
                s = score + _score(lend, rend, left, right, seam, right_width, vocabulary, settings)
                state = (_end(left) if left else lend, _end(right) if right else rend)
                if state not in nxt or s > nxt[state][0]:
                    nxt[state] = (s, path + [(left, right)])
            if not readings or _spans(line):
                # a heading set across both columns, between two bands of text, best under the
                # right column's paragraph end (the left column's last line goes on at the
                # right column's top); or a line too long for two columns' parts
                s = score + (0.0 if not readings else 1.0 if rend[0] in ("start", "stop") else -1.0)
                if (stop, start) not in nxt or s > nxt[(stop, start)][0]:
                    nxt[(stop, start)] = (s, path + [_SPAN])  # (the left column opens a paragraph under it)
        best = nxt
    return max(best.values(), key=lambda v: v[0])


def _one_column_score(texts: list[str], vocabulary: frozenset[str]) -> float:
    """The score of reading the lines as they stand, one column."""
    return sum(_goes_on(_end(a), b, vocabulary) - _seam_inside(b) for a, b in zip(texts, texts[1:]))


def _seam_inside(part: str) -> float:
    """What a seam inside a part costs: a cue (a word broken in mid-part), a small word in
    capitals after a word that ends no sentence ("... are not in The Congress can ...": the
    seam lies before "The")."""
    return 3.0 * len(_cues(part)) + 2.0 * len(_CAPITAL_SMALL.findall(part))


def _score(lend: End, rend: End, left: str, right: str, seam: int, right_width: int,
           vocabulary: frozenset[str], settings: SeamSettings) -> float:
    """How well a reading of a line goes on from how the columns' text ended: each part's
    start after its column's end (:func:`_goes_on`), no seam inside a part, a full part's
    length against its column's width (a fifth of a point a character off: a paragraph's last
    line may be shorter, only notes set smaller longer), and no seam between two words often
    written one after the other."""
    s = 0.0
    for before, part, full in ((lend, left, seam), (rend, right, right_width)):
        if not part:
            continue
        s += _goes_on(before, part, vocabulary) - _seam_inside(part)
        widest = full * (1 + settings.tolerance)
        if left and right and (_end(part)[0] != "stop" or len(part) > full):
            s -= abs(len(part) - full) / 5
        elif len(part) > widest:
            s -= (len(part) - widest) / 5
    if left and right and _reads_on(left, right):
        s -= 1.0
    return s


def _right_width(texts: list[str], seam: int, settings: SeamSettings) -> int:
    """The right column's width in characters: the right parts' length on the lines cued at
    the seam (their words broken at the left column's edge)."""
    rights = [len(t) - o - 1 for t in texts for o in _hyphen_cues(t) if abs(o - seam) <= settings.spread]
    return int(statistics.median(rights)) if rights else seam


def _spans(line: str) -> bool:
    """A line that may be set across both columns: a heading (most of its words capitalised,
    no sentence inside)."""
    words = [w for w in _TITLE_WORDS.findall(line) if w.lower() not in _SMALL]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words) and not line.endswith((",", ";"))


def _reads_on(left: str, right: str) -> bool:
    """Are the left part's last word and the right part's first a pair often written so?"""
    before, after = _WORDS.findall(left), _WORDS.match(right)
    return bool(before and after) and known_pair(before[-1], after.group(0))
