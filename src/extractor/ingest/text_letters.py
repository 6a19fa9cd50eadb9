"""Letters a text dump got wrong: printed twice, or run together without spaces.

Two defects of a PDF's text layer that a user's dump (pdfplumber's ``extract_text()``) carries
into every line, and that no later rule can read past:

* **Overprinted letters.** A heading set in "fake bold" is drawn twice, a hair apart, and the dump
  doubles every character: "DDeecceemmbbeerr 2200,, 22000066" is "December 20, 2006", its figures
  read as 2200 and 22000066. A line whose words are so repeated is written once.
* **A line drawn twice, a hair to the side.** A heading drawn twice with an offset (a title
  laid over its own copy) makes the dump interleave the two copies' letters: "Appendix I:
  BrieAppfenidnix I:g Bri efSing lSliiddes es" is "Appendix I: Briefing Slides" twice. A line
  full of non-words whose letters part into two equal copies of one text is written once, its
  spaces put back as below, and the copy's later lines, which the dump wrote again under the
  heading's, are dropped.
* **Words run together.** Justified text whose word gaps are narrower than the dump's tolerance
  loses its spaces: "Throughtheprovisionofsafeandeffectivevaccines". On a page where such runs
  are a good share of the letters (:data:`RUN_TOGETHER_SHARE`; a page of ordinary text, in
  English, Spanish or French, has a few long words, never a fifth of its letters), each run that
  is no word is split into words by `SymSpell <https://github.com/mammothb/symspellpy>`_'s
  word segmentation over its English frequency dictionary (82,765 words counted in a web
  corpus; lemminflect's lexicon adds the words it lacks). A split is kept where its parts are
  common words (in a long run, most of its letters), so that a name is not cut up ("Hebei" is
  no "He be i"); then the spaces lost around numbers and punctuation ("since2014,positions",
  "deaths.By", "Page7") are put back. Word F1 on the sample's paragraphs with every space
  removed: 0.96-0.98.

The PDF backend places words by their gaps and needs neither (:mod:`extractor.ingest.pdf`).
"""
from __future__ import annotations

import math
import re
from collections import Counter

from extractor.ingest.wordlists import known_word, segmenter

# --- overprinted letters -----------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")


def _times_printed(token: str) -> int:
    """How many times over each character of ``token`` stands (2 to 5; 1 for a plain token)."""
    for k in (5, 4, 3, 2):
        if len(token) >= k and len(token) % k == 0 \
                and all(token[i:i + k] == token[i] * k for i in range(0, len(token), k)):
            return k
    return 1


def _overprinted(line: str) -> bool:
    """Three words in four of ``line`` that hold a letter are printed over (the rest may be cut
    short), and two of them (or one of three letters or more, alone on its line) are long enough
    that chance cannot repeat each letter ("aall" is no word; "1100" and "ee" can be)."""
    worded = [t for t in _TOKEN.findall(line) if any(c.isalpha() for c in t)]
    over = [t for t in worded if _times_printed(t) > 1]
    if not worded or len(over) < 0.75 * len(worded):
        return False
    long = [t for t in over if len(t) >= 2 * _times_printed(t) and len(t) // _times_printed(t) >= 2]
    return len(long) >= 2 or (len(worded) == 1 and len(worded[0]) // _times_printed(worded[0]) >= 3)


def undouble(line: str) -> str:
    """``line`` written once where its words were printed two to five times over."""
    if not _overprinted(line):
        return line
    return _TOKEN.sub(lambda m: m.group()[0::_times_printed(m.group())], line)


# --- a line drawn twice, interleaved ------------------------------------------------------------

#: A line is read as two interleaved copies only where this many of its words of four letters or
#: more are no words, and this share of them...
INTERLEAVED_NON_WORDS = 2
INTERLEAVED_SHARE = 0.3
#: ... and its copy reads as words: at most this many non-words left.
COPY_NON_WORDS = 1
#: Letters a copy holds at least (shorter lines may part into copies by chance), at most (the
#: search for the parting grows with the line).
COPY_MIN, COPY_MAX = 8, 120
#: The search for a parting gives up after this many steps.
PARTING_STEPS = 20_000
#: A copy's later lines, written again under its own, are this many at most.
COPY_LINES = 3
#: Where a word starts inside a copy's letters whatever the words: a capital after an acronym
#: ("GAOContact"), after a closing apostrophe ("States’Use") or after a colon.
_WORD_STARTS = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z])|(?<=[a-z][\u2019'])(?=[A-Z])|(?<=:)(?=\w)")
_WORDISH = re.compile(r"[^\W\d_][^\W\d_'\u2019]*")


def _non_words(line: str) -> tuple[int, int]:
    """How many of ``line``'s words of four letters or more are no words, and how many it has."""
    long = [w for w in _WORDISH.findall(line) if len(w) >= 4]
    return sum(1 for w in long if not known_word(w.strip("'\u2019"))), len(long)


def _parted(text: str) -> str | None:
    """The text of which ``text`` (spaces left out) is two copies with their letters interleaved,
    each in order, the copy that comes first leading; None if there is none, or if the copies
    stand one after the other."""
    chars = [c for c in text if not c.isspace()]
    half, rem = divmod(len(chars), 2)
    if rem or not COPY_MIN <= half <= COPY_MAX or any(n % 2 for n in Counter(chars).values()):
        return None  # (two copies hold each letter an even number of times)
    copy: list[str] = []
    steps = 0

    def part(i: int, b: int) -> bool:
        # letter i either is the trailing copy's next letter (b), which the leading copy printed
        # already, or carries the leading copy on
        nonlocal steps
        steps += 1
        if i == len(chars) or steps > PARTING_STEPS:
            return b == half and i == len(chars)
        if b < len(copy) and copy[b] == chars[i] and part(i + 1, b + 1):
            return True
        if len(copy) < half:
            copy.append(chars[i])
            if part(i + 1, b):
                return True
            copy.pop()
        return False

    if not part(0, 0) or copy == chars[:half]:
        return None  # (a line printed twice side by side, as two cells or two legends, is left so)
    return "".join(copy)


def write_once(lines: list[str]) -> list[str]:
    """A page's ``lines`` with each line drawn twice and interleaved written once (see the
    module), and the copy's later lines that follow it twice over written once."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        bad, long = _non_words(line)
        copy = _parted(line) if bad >= INTERLEAVED_NON_WORDS and bad >= INTERLEAVED_SHARE * long else None
        if copy is None:
            out.append(line)
            i += 1
            continue
        once = respace([_WORD_STARTS.sub(" ", copy)])[0]
        if _non_words(once)[0] > COPY_NON_WORDS:
            out.append(line)
            i += 1
            continue
        out.append(once)
        i += 1
        for k in range(COPY_LINES, 0, -1):  # the copies' next lines: k of one, then k of the other
            first, second = lines[i:i + k], lines[i + k:i + 2 * k]
            if len(second) == k and all(a.replace(" ", "") == b.replace(" ", "") and a.strip()
                                        for a, b in zip(first, second)):
                out.extend(first)
                i += 2 * k
                break
    return out


# --- words run together ------------------------------------------------------------------------

#: A page whose letters are this share or more in long runs that are no word, and split into
#: common words, lost its spaces.
RUN_TOGETHER_SHARE = 0.15
#: ... and has at least this many such runs (a short page of a title and a long name has one).
RUN_TOGETHER_MIN_RUNS = 5
#: A run this long that is no dictionary word counts toward the page's share, and is split where
#: words make up this share of its letters (a shorter run only where all of it is words).
LONG_RUN = 15
LONG_RUN_KNOWN_SHARE = 0.75
#: A split is kept where its parts are common words: their mean log10 frequency (SymSpell's
#: score, a part's count over the corpus's words) is at least this (one in ten million words).
MIN_MEAN_LOG_FREQUENCY = -7.0
#: ... and each part of three letters or fewer is a common word ("us", "per", "oil"; not "ely").
MIN_SHORT_LOG_FREQUENCY = -5.5

_LETTERS = re.compile(r"[^\W\d_]+")


#: A part of a split that no dictionary knows counts as this rare (a log10 frequency), so that a
#: short one fails :data:`MIN_SHORT_LOG_FREQUENCY`.
_UNKNOWN_LOG_FREQUENCY = -9.0
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _log_frequency(word: str) -> float:
    speller = segmenter()
    count = speller.words.get(word.lower())
    return math.log10(count / speller.N) if count else _UNKNOWN_LOG_FREQUENCY


def _split_chunk(chunk: str) -> list[str] | None:
    if known_word(chunk) or chunk.isupper():
        return [chunk]
    if len(chunk) < 4:
        return None
    parts = segmenter().word_segmentation(chunk, max_edit_distance=0).segmented_string.split()
    if len(parts) < 2 or "".join(parts) != chunk:
        return None
    parts = _merge_known(parts)
    unknown = [p for p in parts if not known_word(p) and not p.isupper()]
    if len(chunk) >= LONG_RUN:
        # a run this long is words run together, whatever they are: split where most of it
        # is words ("...over millennia": "millennia" is no word SymSpell knows)
        if sum(map(len, unknown)) > (1 - LONG_RUN_KNOWN_SHARE) * len(chunk):
            return None
    elif len(unknown) > 1 or any(len(p) < 4 or not p.islower() for p in unknown) or any(
            len(p) <= 3 and _log_frequency(p) < MIN_SHORT_LOG_FREQUENCY for p in parts if not p.isupper()):
        return None  # "tively" is no "tiv ely", "andag" no "an dag": a short part is a common word
    elif chunk.istitle() and (len(parts[0]) < 3 or min(map(len, parts)) < 2):
        return None  # a capitalised short run is a name as often as words: "Hebei" is no "He be i"
    known = [p for p in parts if p not in unknown]
    if not known or sum(map(_log_frequency, known)) / len(known) < MIN_MEAN_LOG_FREQUENCY:
        return None
    return parts


def _merge_known(parts: list[str]) -> list[str]:
    """Parts that make one word SymSpell's list lacks and lemminflect knows, where one of them is
    no word or of two letters: "lab or" -> "labor", "end eav or" -> "endeavor", "liv able" ->
    "livable"."""
    out: list[str] = []
    k = 0
    while k < len(parts):
        for width in (3, 2):
            window = parts[k:k + width]
            word = "".join(window)
            if len(window) == width and word.lower() not in segmenter().words and known_word(word) \
                    and any(len(p) <= 2 or not known_word(p) for p in window):
                out.append(word)
                k += width
                break
        else:
            out.append(parts[k])
            k += 1
    return out


_CAPITALS_FIRST = re.compile(r"([A-Z]{2,})([a-z].*)")


def _split_capitals(chunk: str) -> list[str] | None:
    """A chunk that opens with an acronym: "USAIDwill" -> USAID + will; "HIVEpidemic" -> HIV +
    Epidemic (where the small letters alone split into no words, the acronym's last capital
    starts the next word)."""
    opening = _CAPITALS_FIRST.fullmatch(chunk)
    if not opening:
        return _split_chunk(chunk)
    capitals, rest = opening.groups()
    split = _split_chunk(rest)
    if split is not None:
        return [capitals, *split]
    split = _split_chunk(capitals[-1] + rest)
    return None if split is None else [capitals[:-1], *split]


def _split(run: str) -> str | None:
    """``run`` split into common words ("agendaasacomplex" -> "agenda as a complex"), or None
    where it is one word, an acronym, or splits only into rare pieces (a name, a word of another
    language). A small letter before a capital ends a word ("DepartmentofState"), and a chunk so
    ended that splits into no words is kept whole ("CyberSafety" -> Cyber + Safety)."""
    chunks = _CAMEL.split(run)
    parts: list[str] = []
    for chunk in chunks:
        split = _split_capitals(chunk)
        if split is None:
            if len(chunks) == 1:
                return None
            split = [chunk]
        parts.extend(split)
    return " ".join(parts) if len(parts) > 1 else None


def run_together(lines: list[str]) -> bool:
    """Whether ``lines`` (a page) lost the spaces between its words (:data:`RUN_TOGETHER_SHARE`)."""
    letters = 0
    runs: list[str] = []
    for line in lines:
        for m in _LETTERS.finditer(line):
            letters += len(m.group())
            if len(m.group()) >= LONG_RUN and not known_word(m.group()):
                runs.append(m.group())
    if not letters or len(runs) < RUN_TOGETHER_MIN_RUNS:
        return False
    split = sum(len(r) for r in runs if _split(r))
    return split / letters >= RUN_TOGETHER_SHARE


# Spaces lost around numbers and punctuation, on a page that lost them between words:
# - a word and the number after it ("since2014", "of2", "Page7"; not "FY2022", "G20", "CO2":
#   capitals stay glued, and not a code's letters, "_6ce5f018"); a number and a word after it
#   ("19Pandemic", "19and"; not "3rd", "1990s");
# - a comma, semicolon or colon and the word after it ("States,U.S."; not "1,000"), and a comma
#   between numbers that is no thousands separator ("September 30,2023");
# - a full stop and a capitalised word ("deaths.By", "U.S.Department", "1.1.1.COVID"; not "U.S."
#   or "e.g."), and an abbreviation's last stop and a small word ("U.S.foreign");
# - a plural's apostrophe and a word ("Americans’lives"), a closing bracket and a word, and a word
#   and an opening bracket ("Stakeholders(continued)").
_WORD_NUMBER = re.compile(r"(?<![^\W\d_]|_)([a-z]{2,}|[A-Z][a-z]+)(?=\d)")
_NUMBER_WORD = re.compile(r"(?<=\d)(?!(?:st|nd|rd|th)\b)([A-Z][a-z]+|[a-z]{2,})(?![^\W\d_])")
_SPACE_AFTER_PUNCT = re.compile(
    r"(?<=[^\W_][,;:])(?=[^\W\d_])|(?<=\)[,;:])(?=[^\W\d_])|(?<=\d,)(?=\d{4,}|\d{1,2}(?!\d))"
    r"|(?:(?<=[^\W_][.])|(?<=\)[.]))(?=[A-Z][a-z]|[A-Z]{2})|(?<=[a-z]{3}[.])(?=[A-Z]\b)"
    r"|(?<=\b[A-Z][.][A-Z][.])(?=[a-z])"
    r"|(?<=[a-z]s[\u2019'])(?=[a-z])|(?<=\))(?=[^\W_])"
)
_SPACE_BEFORE_BRACKET = re.compile(r"(?<=[^\W\d_]{2})(?=\((?:[^\W\d_]{2}|\d))")
# ... and a per cent sign and the word after it ("8.5%of"), a word and a currency sign ("than$2"),
# a comma and the figure after it ("population,692"), and curly quotes and the words outside them.
_SPACE_AROUND_SIGNS = re.compile(
    r"(?<=%)(?=[^\W\d_])|(?<=[^\W\d_])(?=[$\u20ac\u00a3\u00a5]\d)|(?<=[^\W\d_],)(?=\d)"
    r"|(?<=[^\W_,])(?=\u201c)|(?<=\u201d)(?=[^\W_])"
)
_STRAIGHT_QUOTE = re.compile(r'"')


def _space_straight_quotes(line: str, open_before: bool) -> tuple[str, bool]:
    """``line`` with a space before each opening and after each closing straight quote glued to a
    word (which opens and which closes by their count: "the"Spring Rain"and" has one of each),
    and whether a quote is open at its end."""
    out: list[str] = []
    is_open = open_before
    last = 0
    for m in _STRAIGHT_QUOTE.finditer(line):
        k = m.start()
        out.append(line[last:k])
        before, after = line[k - 1:k], line[k + 1:k + 2]
        if not is_open and before and (before.isalnum() or before in ",;:"):
            out.append(' "')
        elif is_open and after and after.isalnum():
            out.append('" ')
        else:
            out.append('"')
        is_open = not is_open
        last = k + 1
    out.append(line[last:])
    return "".join(out), is_open


def _space_known(m: re.Match[str]) -> str:
    return m.group() + " " if known_word(m.group()) else m.group()


def _space_before_known(m: re.Match[str]) -> str:
    return " " + m.group() if known_word(m.group()) else m.group()


# A possessive's "s" or a contraction glued to the next word ("State’svision", "isn'tjust").
_POSSESSIVE = re.compile(r"(?<=[^\W\d_]['\u2019])(s|t|d|ll|re|ve|m)(?=[^\W\d_]{2})")
# A line that ends in a word broken by a hyphen, and the line that goes on with it.
_BROKEN_END = re.compile(r"([^\W\d_]+)-$")
_BROKEN_START = re.compile(r"^([a-z]+)")


def _respace_words(line: str) -> str:
    line = _POSSESSIVE.sub(r"\1 ", line)
    return _LETTERS.sub(lambda m: _split(m.group()) or m.group(), line)


def _respace_line(line: str) -> str:
    line = _WORD_NUMBER.sub(_space_known, line)
    line = _NUMBER_WORD.sub(_space_before_known, line)
    line = _SPACE_AFTER_PUNCT.sub(" ", line)
    line = _SPACE_AROUND_SIGNS.sub(" ", line)
    return _SPACE_BEFORE_BRACKET.sub(" ", line)


def _rejoin_broken(lines: list[str]) -> list[tuple[str, int, int]]:
    """Each line, and where its words still to split start and end: a word split by a hyphen at
    a line's end is split into words with the line after it, as one run, and the hyphen is put
    back where it was ("humanimmunodefi-" + "ciencyvirus" -> "human immunodefi-" + "ciency
    virus"), for the layout's dehyphenation to join; those words are settled."""
    out = [[line, 0, len(line)] for line in lines]
    for i in range(len(lines) - 1):
        line, after = out[i][0].rstrip(), out[i + 1][0]
        end, start = _BROKEN_END.search(line), _BROKEN_START.match(after)
        if not end or not start or end.start(1) < out[i][1]:
            continue
        left, right = end.group(1), start.group(1)
        split = _split(left + right)
        if split is None:
            continue
        cut, seen = 0, 0
        while seen < len(left):  # the position in ``split`` after the last letter of ``left``
            seen += split[cut] != " "
            cut += 1
        head, tail = split[:cut].rstrip(), split[cut:].lstrip()
        out[i][0], out[i][2] = line[: end.start(1)] + head + "-", end.start(1)
        out[i + 1] = [tail + after[start.end(1):], len(tail), len(tail) + len(after) - start.end(1)]
    return [(line, a, b) for line, a, b in out]


def respace(lines: list[str]) -> list[str]:
    """A page's ``lines`` with the spaces put back between their words run together (see the
    module)."""
    out: list[str] = []
    quote_open = False
    for line, a, b in _rejoin_broken(lines):
        line = line[:a] + _respace_words(line[a:b]) + line[b:]
        line, quote_open = _space_straight_quotes(_respace_line(line), quote_open)
        out.append(line)
    return out


def repair_letters(lines: list[str]) -> list[str]:
    """A page's lines with overprinted letters and lines drawn twice written once and, on a page
    that lost its word spaces, the spaces put back."""
    lines = write_once([undouble(line) for line in lines])
    if run_together(lines):
        lines = respace(lines)
    return lines
