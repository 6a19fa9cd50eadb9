"""A document's digest: the plots people would rather look at than read.

Claims by section and by unit; the report's figures over time where a subject is stated for
several years; sources by kind and by publisher; places by country and by type; a map of the
places with coordinates. Each plot is a Vega-Lite chart (altair) rendered to static SVG by
vl-convert (no script, no network), with alt text and its data as a table beside it. A plot
with no data is left out.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

import altair as alt
import pandas as pd

#: Bars shown at most in a ranking (the rest summed as "other").
TOP = 12
#: A subject's figures make a series over time when stated for at least this many years.
MIN_YEARS = 3
#: Series over time shown at most (those with the most years first).
MAX_SERIES = 6
#: Characters of a label kept on an axis (the data table holds the full text).
LABEL_CHARS = 48
WIDTH = 460
#: Places named on the map, at most (the most mentioned; all are in its data table).
MAP_LABELS = 6
BAR_STEP = 18
COLOUR = "#3b6ea8"


@dataclass
class Plot:
    """One plot of the digest: its heading, alt text, SVG, and its data (shown as a table)."""

    key: str
    title: str
    alt: str
    svg: str
    data: pd.DataFrame


@functools.cache
def _converter():
    import vl_convert

    return vl_convert


def render_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG. Its strings are report text: a character that XML forbids (a
    backspace a PDF's text layer carries in a running head) would make the SVG unreadable to
    the renderer, which then aborts the whole process; such characters are dropped first."""
    spec = _xml_safe(json.loads(chart.to_json(validate=False)))
    return _converter().vegalite_to_svg(json.dumps(spec))


# The characters XML 1.0 forbids: C0 controls but tab, line feed and carriage return; the
# surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: object) -> object:
    """``value`` (parsed JSON) with every string cleared of the characters XML forbids."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, list):
        return [_xml_safe(v) for v in value]
    if isinstance(value, dict):
        return {_xml_safe(k): _xml_safe(v) for k, v in value.items()}
    return value


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "\u2026"


def _ranking(counts: pd.Series, what: str, of: str) -> pd.DataFrame:
    """A count per label, the TOP largest (in their order), the rest summed as "other"."""
    counts = counts[counts > 0]
    top = counts.head(TOP)
    frame = pd.DataFrame({what: [str(k) for k in top.index], "count": top.to_numpy(dtype=int)})
    if len(counts) > TOP:
        frame.loc[len(frame)] = [f"other ({len(counts) - TOP} {of})", int(counts.iloc[TOP:].sum())]
    return frame


def _bars(frame: pd.DataFrame, what: str, x_title: str) -> alt.Chart:
    data = frame.assign(label=frame[what].map(_short))
    return alt.Chart(data).mark_bar(color=COLOUR).encode(
        x=alt.X("count:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=0)),
    ).properties(width=WIDTH, height=alt.Step(BAR_STEP))


def _describe(frame: pd.DataFrame, what: str, noun: str) -> str:
    parts = [f"{r[what]}: {r['count']}" for _, r in frame.head(5).iterrows()]
    return f"Bar chart of {noun} by {what}, largest first. " + "; ".join(parts) + ("; ..." if len(frame) > 5 else ".")


def _bar_plot(key: str, title: str, counts: pd.Series, what: str, noun: str) -> Plot | None:
    if counts.empty:
        return None
    frame = _ranking(counts, what, f"{what}s")
    return Plot(key, title, _describe(frame, what, noun), render_svg(_bars(frame, what, f"{noun} (count)")), frame)


def claims_by_section(claims: pd.DataFrame, sections: pd.DataFrame) -> Plot | None:
    """Claims per section, in the report's order (sections without claims left out)."""
    if claims.empty:
        return None
    labels = claims["section"].fillna("").replace("", "(before the first heading)")
    order = list(dict.fromkeys(labels))  # the order they appear in
    counts = labels.value_counts().reindex(order)
    frame = pd.DataFrame({"section": order, "count": counts.to_numpy(dtype=int)})
    if len(frame) > 2 * TOP:
        frame = frame.nlargest(2 * TOP, "count").sort_index()
    chart = _bars(frame, "section", "claims (count)")
    return Plot("claims-by-section", "Claims by section",
                f"Bar chart of the number of claims in each of {len(frame)} sections, in the report's order. "
                + "; ".join(f"{r.section}: {r.count}" for r in frame.head(5).itertuples()), render_svg(chart), frame)


def claims_by_unit(claims: pd.DataFrame) -> Plot | None:
    return _bar_plot("claims-by-unit", "Claims by unit", claims["unit"].dropna().value_counts(), "unit", "claims")


def figures_over_time(claims: pd.DataFrame) -> Plot | None:
    """The report's figures over time: a subject and unit stated for several years, one line
    each (the value of each year: its first statement)."""
    dated = claims.dropna(subset=["year", "subject", "value"])
    dated = dated[dated["subject"].astype(str).str.len() > 0]
    if dated.empty:
        return None
    first = dated.drop_duplicates(["subject", "unit", "year"])
    years = first.groupby(["subject", "unit"])["year"].nunique()
    series = years[years >= MIN_YEARS].sort_values(ascending=False, kind="mergesort").head(MAX_SERIES)
    if series.empty:
        return None
    keep = first.set_index(["subject", "unit"]).loc[series.index].reset_index()
    frame = keep[["subject", "unit", "year", "value", "page"]].astype({"year": int, "value": float}).sort_values(
        ["subject", "unit", "year"])
    frame["series"] = [_short(f"{s} ({u})") for s, u in zip(frame["subject"], frame["unit"])]
    base = alt.Chart(frame).mark_line(point=True, color=COLOUR).encode(
        x=alt.X("year:O", title="year"), y=alt.Y("value:Q", title=None))
    chart = base.properties(width=WIDTH, height=110).facet(
        row=alt.Row("series:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left", labelLimit=WIDTH)),
    ).resolve_scale(y="independent")
    described = "; ".join(f"{_short(s)} ({u}): {n} years" for (s, u), n in series.items())
    return Plot("figures-over-time", "Figures over time",
                f"Line charts, one per subject stated for {MIN_YEARS} or more years: {described}.",
                render_svg(chart), frame.drop(columns=["series"]))


def sources_by_kind(citations: pd.DataFrame) -> Plot | None:
    resolved = citations.dropna(subset=["note_id"])
    return _bar_plot("sources-by-kind", "Sources by kind", resolved["kind"].dropna().value_counts(), "kind",
                     "citations")


def sources_by_publisher(citations: pd.DataFrame) -> Plot | None:
    sources = citations["source"].dropna()
    return _bar_plot("sources-by-publisher", "Sources by publisher", sources[sources != ""].value_counts(),
                     "publisher", "citations")


def places_by_country(places: pd.DataFrame) -> Plot | None:
    return _bar_plot("places-by-country", "Places by country", places["country"].dropna().value_counts(), "country",
                     "places")


def places_by_type(places: pd.DataFrame) -> Plot | None:
    return _bar_plot("places-by-type", "Places by type", places["place_type"].dropna().value_counts(), "type",
                     "places")


def place_map(places: pd.DataFrame) -> Plot | None:
    """The places with coordinates on a map (Equal Earth projection) framed by a graticule over
    their extent (the world when they span it), sized by mentions, the most mentioned named."""
    located = places.dropna(subset=["lat", "lon"])
    if located.empty:
        return None
    frame = located[["name", "place_type", "country", "lat", "lon", "mentions"]].astype(
        {"lat": float, "lon": float, "mentions": int}).sort_values("mentions", ascending=False)
    extent, step = _extent(frame)
    grid = alt.Chart(alt.graticule(extent=extent, step=[step, step])).mark_geoshape(
        stroke="#c8d3df", strokeWidth=0.6, filled=False)
    points = alt.Chart(frame).mark_circle(color="#c0392b", opacity=0.75).encode(
        longitude="lon:Q", latitude="lat:Q", size=alt.Size("mentions:Q", legend=None, scale=alt.Scale(range=[40, 400])))
    labels = alt.Chart(frame.head(MAP_LABELS)).mark_text(align="left", dx=7, fontSize=11).encode(
        longitude="lon:Q", latitude="lat:Q", text="name:N")
    chart = (grid + points + labels).project(type="equalEarth").properties(width=WIDTH + 80, height=320)
    return Plot("place-map", "Map of places with coordinates",
                f"Map of {len(frame)} places the gazetteer gives coordinates for, circles sized by mentions, "
                f"the {min(MAP_LABELS, len(frame))} most mentioned named: " + ", ".join(frame["name"].head(8))
                + ("..." if len(frame) > 8 else "."), render_svg(chart), frame)


def _extent(frame: pd.DataFrame) -> tuple[list[list[float]], float]:
    """The graticule's extent (the points' bounds, a margin around them, within the world) and
    its step in degrees."""
    lon0, lon1 = frame["lon"].min(), frame["lon"].max()
    lat0, lat1 = frame["lat"].min(), frame["lat"].max()
    margin = max(5.0, 0.15 * max(lon1 - lon0, lat1 - lat0))
    extent = [[max(-180.0, lon0 - margin), max(-85.0, lat0 - margin)],
              [min(180.0, lon1 + margin), min(85.0, lat1 + margin)]]
    span = max(extent[1][0] - extent[0][0], extent[1][1] - extent[0][1])
    step = 30.0 if span > 120 else 10.0 if span > 40 else 5.0
    return extent, step


def digest(doc_id: str, tables: dict[str, pd.DataFrame]) -> list[Plot]:
    """The document's plots, in the order the page shows them."""
    def mine(name: str) -> pd.DataFrame:
        frame = tables.get(name)
        return frame[frame["doc_id"] == doc_id] if frame is not None and len(frame) else pd.DataFrame(
            columns=[] if frame is None else frame.columns)

    claims, citations, places = mine("claims"), mine("citations"), mine("places")
    makers = (
        lambda: claims_by_section(claims, mine("sections")) if len(claims) else None,
        lambda: claims_by_unit(claims) if len(claims) else None,
        lambda: figures_over_time(claims) if len(claims) else None,
        lambda: sources_by_kind(citations) if len(citations) else None,
        lambda: sources_by_publisher(citations) if len(citations) else None,
        lambda: places_by_country(places) if len(places) else None,
        lambda: places_by_type(places) if len(places) else None,
        lambda: place_map(places) if len(places) else None,
    )
    return [p for make in makers if (p := make()) is not None]
