"""Note date and URL parsers: examples from how reports print them, and properties (hypothesis)."""
from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.notes.dates import find_date
from extractor.notes.urls import find_url, is_valid_url, url_domain

MONTH_NAMES = [calendar.month_name[i] for i in range(1, 13)]


@pytest.mark.parametrize(("text", "expected"), [
    ('Xi Jinping, "Speech at the Conference," November 27, 2015. https://www.gov.cn/x/2015-11/28/c.htm.', "2015-11-27"),
    ("Report, 18 November 2024.", "2024-11-18"),
    ("Nov. 18, 2024, Beijing.", "2024-11-18"),
    ("Published 2024-11-18.", "2024-11-18"),
    ("人民日报, 2024年11月18日.", "2024-11-18"),
    ('Xi Jinping, "How Can a Weak Bird Fly First?" (September 1988) from *Out of Poverty*, July 1992.', "1988-09"),
    ("China Digital Countryside Development Report, 2022.", "2022"),
    ("National Bureau of Statistics, Statistical Communiqué on the 2024 National Economic Development.", None),
    ('Sichuan Daily, "2025 Prominent Entrepreneurs Visit Sichuan." <https://a.cn/x>', None),
    ('People\'s Daily, "Title." <https://www.rmzxw.com.cn/c/2020-11-22/2720635.shtml>', None),
    ("Website, accessed March 3, 2025.", None),
    ("Xi Jinping, Remarks, [EB/OL]. (2024-11-18)[2025-01-02].", "2024-11-18"),
    ("Statement, February 30, 2021.", None),  # not on the calendar
])
def test_find_date_examples(text: str, expected: str | None) -> None:
    url = find_url(text)
    exclude = [(url.start, url.end)] if url else []
    assert find_date(text, exclude=exclude) == expected


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["mdy", "dmy", "iso", "abbr"]))
def test_any_printed_calendar_date_round_trips(d: date, style: str) -> None:
    month = MONTH_NAMES[d.month - 1]
    printed = {
        "mdy": f"{month} {d.day}, {d.year}",
        "dmy": f"{d.day} {month} {d.year}",
        "iso": d.isoformat(),
        "abbr": f"{month[:3]}. {d.day}, {d.year}",
    }[style]
    assert find_date(f'Ministry of Finance, "Some Title," {printed}. https://example.org/a') == d.isoformat()


@settings(max_examples=40, deadline=None)
@given(st.integers(1900, 2099), st.integers(1, 12))
def test_month_and_year_only_gives_a_partial_date(year: int, month: int) -> None:
    assert find_date(f"Survey notes ({MONTH_NAMES[month - 1]} {year}).") == f"{year:04d}-{month:02d}"


_MONTHISH = st.sampled_from(["January", "SEPT.", "sep", "\u017fept", "Auguſt", "may", "Dec", "oct", "NoV"])
_DATEISH = st.lists(st.one_of(_MONTHISH, st.sampled_from([" ", ", ", "2024", "1988", "3", "18th", "-", "/", "."]),
                              st.text(alphabet="aeKk\u212a\u0131\u017fs 0123456789", max_size=4)), max_size=8)


@given(_DATEISH.map("".join))
def test_the_quick_checks_never_skip_a_date_pattern_that_would_match(text: str) -> None:
    """find_dates skips patterns that cannot match: every pattern needs a year, and the named
    ones a month's first three letters (compared case-folded, as ``re.I`` compares)."""
    from extractor.notes import dates as D

    for kind, pattern in D._PATTERNS:
        if pattern.search(text):
            assert D._ANY_YEAR.search(text)
            if kind in D._NAMED_MONTH_KINDS:
                assert any(start in text.casefold() for start in D._MONTH_STARTS)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_find_date_never_fails_and_is_iso(text: str) -> None:
    found = find_date(text)
    if found is not None:
        parts = [int(p) for p in found.split("-")]
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)  # a real date


@pytest.mark.parametrize(("text", "url", "valid"), [
    ("Daily. https://www.gov.cn/lianbo/fabu/202501/content_6998300.htm.", "https://www.gov.cn/lianbo/fabu/202501/content_6998300.htm", True),
    ("Daily. <https://sichuan.scol.com.cn/ggxw/202505/83050073.html>.", "https://sichuan.scol.com.cn/ggxw/202505/83050073.html", True),
    ("x, <https://baijiahao.baidu.com/s?id=17365&wfr=spider&for=pc>.", "https://baijiahao.baidu.com/s?id=17365&wfr=spider&for=pc", True),
    ("See www.example.org/report (2021).", "www.example.org/report", True),
    ("https://en.wikipedia.org/wiki/Poverty_(economics).", "https://en.wikipedia.org/wiki/Poverty_(economics)", True),
    # broken by a stray space: kept as printed, flagged
    ("Site. https://www.gov.cn/xinwen/2023-01/18/content_573 7820.htm.", "https://www.gov.cn/xinwen/2023-01/18/content_573 7820.htm", False),
    ("Site. <https://www.a.cn/x y.html>", "https://www.a.cn/x y.html", False),
    # a stray character inside the host
    ("Site. https://www.gov\u3002cn/x.htm.", "https://www.gov\u3002cn/x.htm", False),
    # a following ordinary word is not part of the URL
    ("Online at https://www.a.cn/report and elsewhere.", "https://www.a.cn/report", True),
])
def test_find_url_examples(text: str, url: str, valid: bool) -> None:
    found = find_url(text)
    assert found is not None
    assert (found.url, found.valid) == (url, valid)


def test_no_url() -> None:
    assert find_url("Materials provided by Gulang County, Gansu Province.") is None


_LABEL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12)
_PATH = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=10), max_size=4)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["http", "https"]), st.lists(_LABEL, min_size=1, max_size=3),
       st.sampled_from(["cn", "com", "org", "gov"]), _PATH, st.sampled_from(["", ".html", ".htm", "/"]),
       st.sampled_from(["{u}", "{u}.", "{u},", "<{u}>", "<{u}>.", "({u})"]))
def test_any_wellformed_url_is_found_whole_and_valid(scheme, labels, tld, path, ext, wrap) -> None:
    url = f"{scheme}://{'.'.join(labels)}.{tld}" + ("/" + "/".join(path) + ext if path else "")
    found = find_url(f'Publisher, "Title," May 1, 2024. {wrap.format(u=url)} ')
    assert found is not None
    assert found.url == url
    assert found.valid
    assert found.domain == url_domain(url)
    assert "<" not in found.url and not found.url.endswith((".", ",", ")"))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_find_url_never_fails_and_is_verbatim(text: str) -> None:
    found = find_url(text)
    if found is not None:
        assert found.url in text  # as printed: never rewritten
        assert found.valid == is_valid_url(found.url)


@pytest.mark.parametrize(("url", "valid"), [
    ("https://www.gov.cn/x.htm", True), ("http://a.b.cn:8080/x?y=1#z", True), ("www.gov.cn", True),
    ("https://www.gov.", False), ("https://gov", False), ("https://a.cn/x y", False), ("gov.cn/x", False),
    ("https://a.cn/%zz", False), ("https://-a.cn/x", False),
])
def test_is_valid_url(url: str, valid: bool) -> None:
    assert is_valid_url(url) is valid


def test_domain_drops_www_port_and_case() -> None:
    assert url_domain("https://WWW.Gov.cn:443/x") == "gov.cn"
    assert url_domain("http://finance.people.com.cn/n1/") == "finance.people.com.cn"


def test_the_issue_date_wins_over_the_period_a_report_covers():
    from extractor.notes.dates import find_date

    assert find_date("Ministry of Water, Monthly Report for March 2024, issued April 2024.") == "2024-04"
    assert find_date("Statistics Office, Survey of 2021, published on 3 May 2022.") == "2022-05-03"


def test_a_full_release_date_beats_the_period_covered_and_a_later_month_refines_the_year():
    from extractor.notes.dates import find_date

    assert find_date("Department of Housing, Statutory homelessness: April to June 2023, 14 December 2023.") \
        == "2023-12-14"
    assert find_date("Transport Office, Bus statistics: year ending March 2023, 31 January 2024.") == "2024-01-31"
    assert find_date("World Bank (2023). Somalia Economic Update. Washington, DC, August 2023.") == "2023-08"
    assert find_date('Author, "Essay" (September 1988), in Collected Works, July 1992.') == "1988-09"


# The date and markup patterns open with a literal (a year's first digit, "*", "_") and test
# the character before it in a lookbehind, so that the regex engine skips to candidates; these
# are the patterns as first written, with the lookbehind in front: both must find the same.
_MARKUPISH = st.text(alphabet='*_"\u201c\u201d ab.,-/12', max_size=40)
_ISOISH = st.lists(st.sampled_from(["2024", "1988", "2110", "19", "-", "/", ".", "0", "1", "11", "3", " ", "a"]),
                   max_size=10).map("".join)


def _spans(pattern, text: str) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


@given(_MARKUPISH)
def test_markup_patterns_find_what_the_lookbehind_first_patterns_find(text: str) -> None:
    import re

    from extractor.notes import dates as D
    from extractor.notes import sources as S

    italic = re.compile(r"(?<![\w*])\*(?P<a>[^*]+)\*(?![\w*])|(?<![\w_])_(?P<b>[^_]+)_(?![\w_])")
    quoted = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|(?<![\w*])\*[^*]+\*(?![\w*])|_[^_]+_")
    assert _spans(S._ITALIC_SPAN, text) == _spans(italic, text)
    assert _spans(D._QUOTED, text) == _spans(quoted, text)


@given(_ISOISH)
def test_numeric_date_patterns_find_what_the_lookbehind_first_patterns_find(text: str) -> None:
    import re

    from extractor.notes import dates as D

    patterns = dict(D._PATTERNS)
    iso = re.compile(rf"(?<![\d/.-]){D._YEAR}[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?![\d/.-]?\d)")
    ym = re.compile(rf"(?<![\d/.-]){D._YEAR}-(?P<month>[01]\d)(?![\d/-])")
    assert _spans(patterns["iso"], text) == _spans(iso, text)
    assert _spans(patterns["ym"], text) == _spans(ym, text)
