"""Aggregation: one row per place, from a document's mentions.

:func:`aggregate_places` merges the forms of one place ("Guizhou" and "Guizhou Province", "China"
and "People's Republic of China") into one row named by the fullest form, with the parent the
text states (else the gazetteer's) and the country inherited up the chain.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from extractor.gazetteer import fold_diacritics
from extractor.ids import stable_id

#: Types of places that lie in no one country.
_COUNTRY_FREE = ("continent",)
#: The lower-case head that, after the whole name of another place, names the region around it.
_REGION = "region"
#: Types of named features: a settlement or unit that shares a feature's core is another place.
_FEATURE_TYPES = ("natural_feature", "other")


def _core_key(m: dict[str, Any], feature_heads: dict[str, set[str]]) -> tuple[str, ...]:
    """(core, type) of a headed mention; for a natural feature whose core the document writes
    with several heads (``feature_heads``), also its head word: the "Pacific Ocean" and the
    "Pacific Islands" are two features, where "the Jamuna" is the "Jamuna River"."""
    if m["place_type"] == "natural_feature" and m["text"] != m["_core"] and len(feature_heads.get(m["_core"], ())) > 1:
        return m["_core"], m["place_type"], _head_word(m)
    return m["_core"], m["place_type"]


def _head_word(m: dict[str, Any]) -> str:
    return m["text"].split()[-1].lower()


def _group_key(m: dict[str, Any], headed_cores: dict[str, set[tuple[str, ...]]],
               of_forms: set[tuple[str, str]] = frozenset(), bare_named: set[tuple[str, str]] = frozenset(),
               feature_heads: dict[str, set[str]] | None = None) -> tuple[str, ...]:
    if m["place_type"] == "country" and m["_country"] and not m["_headed"] and not m["_gaz_parent"]:
        return ("country", m["_country"])  # not "England": a country within one
    if m["_headed"] and m["_core"]:
        return ("core", *_core_key(m, feature_heads or {}))
    if m["place_type"] not in ("country", "continent"):
        keys = headed_cores.get(fold_diacritics(m["name"]), set())
        if m["place_type"] not in _FEATURE_TYPES and not m.get("_article"):
            # the city "Surabaya" is not the "Surabaya River"; "the Atacama" is the "Atacama Desert"
            keys = {k for k in keys if k[1] not in _FEATURE_TYPES}
        if m["place_type"] == "city":  # "São Paulo" is not "the State of São Paulo"
            keys = {k for k in keys if k not in of_forms}
            if m.get("_city_only"):  # the city "Los Angeles" is not "Los Angeles County"
                keys = {k for k in keys if k[1] not in ("county", "district")}
        if len(keys) > 1:  # "the town of Mopti" beside "Mopti Region": the form named by the bare name
            keys = {k for k in keys if k in bare_named} or keys
        if len(keys) == 1:
            return ("core", *next(iter(keys)))
    return ("name", fold_diacritics(m["name"]))  # "Diyarbakır" and "Diyarbakir" are one place


def aggregate_places(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per distinct place per document; fills each mention's ``place_id`` and canonical
    ``name`` and removes the private ``_`` keys."""
    rows: list[dict[str, Any]] = []
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        by_doc.setdefault(m["doc_id"], []).append(m)
    for doc_id, ms in by_doc.items():
        rows.extend(_aggregate_document(doc_id, ms))
    _drop_private_keys(mentions)
    return rows


def _drop_private_keys(mentions: list[dict[str, Any]]) -> None:
    """Remove the ``_``-prefixed keys of every mention. Mentions made by one extractor share
    their keys: the private ones are listed once per distinct key set, not once per mention."""
    keys: frozenset[str] = frozenset()
    private: list[str] = []
    for m in mentions:
        if m.keys() != keys:
            keys = frozenset(m)
            private = [k for k in m if k.startswith("_")]
        for k in private:
            del m[k]


def _aggregate_document(doc_id: str, ms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    feature_heads: dict[str, set[str]] = {}
    for m in ms:
        if m["_headed"] and m["_core"] and m["place_type"] == "natural_feature" and m["text"] != m["_core"]:
            feature_heads.setdefault(m["_core"], set()).add(_head_word(m))
    headed_cores: dict[str, set[tuple[str, ...]]] = {}
    for m in ms:
        if m["_headed"] and m["_core"]:
            headed_cores.setdefault(fold_diacritics(m["_core"]), set()).add(_core_key(m, feature_heads))
    of_forms = {(m["_core"], m["place_type"]) for m in ms if m.get("_of_form")}
    bare_named = {(m["_core"], m["place_type"]) for m in ms if m["_headed"] and m["_core"] == m["name"]}
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for m in ms:
        groups.setdefault(_group_key(m, headed_cores, of_forms, bare_named, feature_heads), []).append(m)
    _join_regions_of_places(groups)
    # groups that come to the same name are one place (one row, one id)
    named: dict[str, list[dict[str, Any]]] = {}
    group_names: dict[tuple[str, ...], str] = {}
    for key, group in groups.items():
        group_names[key] = _group_name(key, group)
        named.setdefault(group_names[key], []).extend(group)
    canonical: dict[str, str] = {}  # any surface form -> place name
    rows: dict[str, dict[str, Any]] = {}
    for name, group in named.items():
        headed = [m for m in group if m["_headed"]] or group
        ptype = _most_common_type(headed, name)
        aliases = sorted({m["name"] for m in group} - {name})
        row = {"place_id": stable_id("pl", doc_id, name), "doc_id": doc_id, "name": name,
               "aliases": "|".join(aliases), "place_type": ptype, "parent": None,
               "country": next((m["_country"] for m in group if m["_country"]), None),
               "mentions": len(group), "first_page": min(m["page"] for m in group)}
        for m in group:
            canonical[m["name"]] = name
            m["place_id"], m["name"] = row["place_id"], name
        row["_parents"] = [m["_parent"] for m in group if m["_parent"]]
        row["_gaz_parent"] = next((m["_gaz_parent"] for m in group if m["_gaz_parent"]), "")
        rows[name] = row
    for key in groups:  # a core names its headed place ("Fujian" -> "Fujian Province")
        if key[0] == "core":
            canonical.setdefault(key[1], group_names[key])
    for row in rows.values():
        parents = row.pop("_parents")
        stated = Counter(canonical.get(p, p) for p in parents if canonical.get(p, p) != row["name"]) if parents else None
        gaz_parent = row.pop("_gaz_parent")
        if stated:
            row["parent"] = stated.most_common(1)[0][0]
        elif gaz_parent:
            row["parent"] = canonical.get(gaz_parent, gaz_parent)
    _inherit_countries(rows)
    return list(rows.values())


def _group_name(key: tuple[str, ...], group: list[dict[str, Any]]) -> str:
    """The name of a group's place: the fullest form of its headed mentions (all, where none is
    headed). A country is named by the form the report uses most (the fullest of those used as
    often): "South Sudan" where the report writes it throughout and "Republic of South Sudan" once;
    an abbreviation ("U.S.") or a short form ("Korea") only where the report writes no other form."""
    if key[0] == "country":
        forms = Counter(m["name"] for m in group if m.get("_variant") not in ("abbreviation", "short")) \
            or Counter(m["name"] for m in group)
        return max(forms, key=lambda t: (forms[t], len(t), t))
    headed = [m for m in group if m["_headed"]] or group
    return max((m["name"] for m in headed), key=lambda t: (len(t), t))


def _join_regions_of_places(groups: dict[tuple[str, ...], list[dict[str, Any]]]) -> None:
    """"the Persian Gulf region", "the Middle East region": a name with a lower-case "region" after
    the whole name of another place the report names is that place (one row, the forms aliases)."""
    names: dict[str, tuple[str, ...]] = {}
    for key, group in groups.items():
        for m in group:
            names.setdefault(m["name"], key)
    for key in [k for k in groups if k[0] == "core" and k[2] == "region"]:
        group = groups[key]
        if not all(m["text"].split()[-1] == _REGION for m in group):
            continue
        other = names.get(key[1])
        if other is not None and other != key and other in groups:
            groups[other].extend(groups.pop(key))


def _most_common_type(headed: list[dict[str, Any]], name: str) -> str:
    """The place type most of the mentions named ``name`` give (the first of the most common);
    a lone mention's own type without counting (most places are mentioned once)."""
    if len(headed) == 1:
        return headed[0]["place_type"]
    counts: dict[str, int] = {}
    for m in headed:
        if m["name"] == name:
            counts[m["place_type"]] = counts.get(m["place_type"], 0) + 1
    return max(counts, key=counts.__getitem__)  # the first of the most common, as Counter.most_common


def _inherit_countries(rows: dict[str, dict[str, Any]]) -> None:
    """A place with no country of its own lies in its parent's ("Cliff Village" -> ... -> CN)."""
    for _ in range(8):
        changed = False
        for row in rows.values():
            if row["country"] or row["place_type"] in _COUNTRY_FREE or not row["parent"]:
                continue
            parent = rows.get(row["parent"])
            if parent is not None and parent["country"]:
                row["country"] = parent["country"]
                changed = True
        if not changed:
            return
