"""Known structures as data: Sweden's municipalities and regions, national bodies, first names.

Groups the lexicon has never seen are recognised from their patterns (``loaders.entities``); this
module only answers "is this a municipality / region / national body / first name?".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from graph.text import fold

__all__ = ["KnownOrg", "is_first_name", "known_orgs", "lookup_org", "municipality_names", "region_for_county"]

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class KnownOrg:
    name: str  # canonical: "Falu kommun", "Region Dalarna", "Sveriges Kommuner och Regioner"
    org_type: str  # "municipality", "region", "national"
    county: str | None = None
    short: str | None = None  # how tables write a municipality: "Falun"
    aliases: tuple[str, ...] = ()
    in_prose: bool = True  # False: an ordinary word too, an organisation only where a list puts one


def _rows(name: str) -> list[list[str]]:
    path = DATA / name
    if not path.exists():
        return []
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            rows.append([c.strip() for c in raw.split("\t")])
    return rows


@functools.cache
def known_orgs() -> tuple[KnownOrg, ...]:
    orgs: list[KnownOrg] = []
    for row in _rows("municipalities.tsv"):
        short, county = row[0], row[1] if len(row) > 1 else None
        official = row[2] if len(row) > 2 and row[2] else f"{short} kommun"
        orgs.append(KnownOrg(official, "municipality", county, short, (short, official)))
    for row in _rows("regions.tsv"):
        aliases = tuple(a for a in (row[2].split("|") if len(row) > 2 and row[2] else []) if a)
        orgs.append(KnownOrg(row[0], "region", row[1] if len(row) > 1 else None, None, (row[0], *aliases)))
    for row in _rows("organisations.tsv"):
        aliases = tuple(a for a in (row[1].split("|") if len(row) > 1 and row[1] else []) if a)
        flags = row[2] if len(row) > 2 else ""
        orgs.append(KnownOrg(row[0], "national", None, None, (row[0], *aliases), in_prose="position" not in flags))
    return tuple(orgs)


@functools.cache
def _org_index() -> dict[str, KnownOrg]:
    index: dict[str, KnownOrg] = {}
    for org in known_orgs():
        for alias in org.aliases:
            # Short acronyms (SoS, FK, AF) collide with ordinary words; match them only exactly.
            index.setdefault(fold(alias), org)
    return index


@functools.cache
def municipality_names() -> dict[str, KnownOrg]:
    """Folded short name ("malung salen") -> municipality."""
    return {fold(o.short): o for o in known_orgs() if o.org_type == "municipality" and o.short}


def lookup_org(text: str, fuzzy: bool = True) -> KnownOrg | None:
    """A known organisation by any of its names, genitive or typo ("Ålvdalen") included.

    >>> lookup_org("Leksands kommun").short
    'Leksand'
    >>> lookup_org("Ålvdalen").name
    'Älvdalens kommun'
    """
    key = fold(text)
    if not key:
        return None
    index = _org_index()
    if key in index:
        return index[key]
    if key.endswith(" kommun"):
        stem = key[: -len(" kommun")]
        for candidate in (stem, stem[:-1] if stem.endswith("s") else stem):
            if candidate in municipality_names():
                return municipality_names()[candidate]
    if key.endswith("s") and key[:-1] in index and index[key[:-1]].org_type != "national":
        return index[key[:-1]]  # genitive: "Region Dalarnas"
    if fuzzy and len(key) >= 6:
        best = None
        for name, org in municipality_names().items():
            if abs(len(name) - len(key)) <= 1 and Levenshtein.distance(name, key, score_cutoff=1) <= 1:
                if best is not None and best is not org:
                    return None  # two candidates: not safe to guess
                best = org
        return best
    return None


@functools.cache
def region_for_county(county: str) -> str | None:
    for org in known_orgs():
        if org.org_type == "region" and org.county == county:
            return org.name
    return None


@functools.cache
def _first_names() -> frozenset[str]:
    names: set[str] = set()
    path = DATA / "first_names.txt"
    if path.exists():
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.startswith("#"):
                names.update(fold(n) for n in raw.split())
    return frozenset(names)


def is_first_name(token: str) -> bool:
    """Whether a token is a known first name (every part of a hyphenated one).

    >>> is_first_name("Inga-Lill"), is_first_name("Hellberg")
    (True, False)
    """
    key = fold(token)
    if not key:
        return False
    names = _first_names()
    return key in names or all(part in names for part in key.split())
