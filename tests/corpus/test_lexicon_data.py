"""The lexicon data files in loaders/data are complete, unique and NFC."""

from __future__ import annotations

import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "loaders" / "data"

COUNTIES = {
    "Stockholms län": 26,
    "Uppsala län": 8,
    "Södermanlands län": 9,
    "Östergötlands län": 13,
    "Jönköpings län": 13,
    "Kronobergs län": 8,
    "Kalmar län": 12,
    "Gotlands län": 1,
    "Blekinge län": 5,
    "Skåne län": 33,
    "Hallands län": 6,
    "Västra Götalands län": 49,
    "Värmlands län": 16,
    "Örebro län": 12,
    "Västmanlands län": 10,
    "Dalarnas län": 15,
    "Gävleborgs län": 10,
    "Västernorrlands län": 7,
    "Jämtlands län": 8,
    "Västerbottens län": 15,
    "Norrbottens län": 14,
}


def rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text), f"{name} is not NFC"
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        assert all(c == c.strip() for c in cells), f"stray white space in {line!r}"
        out.append(cells)
    return out


def test_municipalities_complete_and_unique():
    rs = rows("municipalities.tsv")
    names = [r[0] for r in rs]
    assert len(rs) == 290
    assert len(set(names)) == 290
    assert all(len(r) == 3 for r in rs), "every row has name, county and the official form"
    per_county: dict[str, int] = {}
    for name, county, official in rs:
        assert county in COUNTIES, county
        assert official.endswith(" kommun"), official
        stem = official.removesuffix(" kommun")
        assert stem in (name, name + "s") or (name, stem) == ("Falun", "Falu"), official
        per_county[county] = per_county.get(county, 0) + 1
    assert per_county == COUNTIES
    assert len({r[2] for r in rs}) == 290


def test_known_official_forms():
    official = {r[0]: r[2] for r in rows("municipalities.tsv")}
    assert official["Falun"] == "Falu kommun"
    assert official["Gagnef"] == "Gagnefs kommun"
    assert official["Älvdalen"] == "Älvdalens kommun"
    assert official["Mora"] == "Mora kommun"
    assert official["Borås"] == "Borås kommun"
    assert official["Malung-Sälen"] == "Malung-Sälens kommun"
    assert official["Upplands Väsby"] == "Upplands Väsby kommun"


def test_regions():
    rs = rows("regions.tsv")
    names = [r[0] for r in rs]
    assert len(rs) == 21
    assert len(set(names)) == 21
    assert {r[1] for r in rs} == set(COUNTIES)
    assert {
        "Region Dalarna",
        "Region Jämtland Härjedalen",
        "Västra Götalandsregionen",
        "Region Gotland",
    } <= set(names)


def test_organisations():
    rs = rows("organisations.tsv")
    names = [r[0] for r in rs]
    assert len(names) == len(set(names))
    spellings = [s for r in rs for s in [r[0], *(r[1].split("|") if len(r) > 1 and r[1] else [])]]
    assert len(spellings) == len(set(spellings)), "an alias is listed twice"
    for wanted in (
        "SKR",
        "Socialstyrelsen",
        "IVO",
        "Folkhälsomyndigheten",
        "E-hälsomyndigheten",
        "Länsstyrelsen",
    ):
        assert wanted in spellings
