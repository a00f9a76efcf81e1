"""``classify``: minutes, mandate or unknown, from the first lines of fictitious documents."""

from __future__ import annotations

import pytest

from loaders.reading.genre import classify


def _lines(text: str) -> list[str]:
    return text.split("\n")


MINUTES_HEADS = {
    "title on the first line": "Minnesanteckningar Omsorgschefsnätverket\n\nDatum: 2025-03-05",
    "upper-case protocol": "PROTOKOLL\nOmsorgsrådet Västernorrland\n\nSammanträdesdatum: 2025-06-11",
    "letterhead before the title": (
        "Regional samverkan Västernorrland\nAvdelningen för vård och omsorg\n\n"
        "Minnesanteckningar\nOmsorgschefsnätverkets styrgrupp"
    ),
    "Markdown heading": "# Mötesanteckningar Fritidsnätverket\n\n**Mötesdatum:** 14 maj 2025",
    "notes from a meeting": "Anteckningar från möte med LAG Digital vård\n2025-04-08",
    "title after the body": "Styrgruppen för vårdsamverkan Kramfors\nMinnesanteckningar från sammanträde",
    "no title, an attendance list and § items": (
        "Omsorgsrådet 2025-06-11\n\nNärvarande:\nSigvard Låtsaslund, ordförande\n\n"
        "§ 1 Mötets öppnande\n§ 2 Val av justerare\nJusterare: Berit Modellgren"
    ),
    "a protocol extract whose item is about a mandate": (
        "Protokollsutdrag\nOmsorgsnämnden\n\n§ 12 Uppdragsbeskrivning för LAG Korttidsplatser\n"
        "Beslut: Nämnden antar uppdragsbeskrivningen."
    ),
}

MANDATE_HEADS = {
    "Uppdragsbeskrivning": "Uppdragsbeskrivning\nRegional processgrupp äldreomsorg\n\nBeslutad: 2025-06-02",
    "upper-case directive": "UPPDRAGSDIREKTIV\nLAG Tidiga insatser i Västernorrland",
    "Markdown directive": "# Uppdragsdirektiv\n\n## Suicidpreventiva insatser inom LPO Psykisk hälsa",
    "directive for": "Direktiv för arbetsgruppen för trygg hemgång\n\nBakgrund",
    "mandate to": "Uppdrag till Regional processgrupp äldreomsorg\n\nSyfte\nAtt planera gemensamt.",
    "rules of procedure": "Arbetsordning för Omsorgschefsnätverket\n\nNätverket består av socialcheferna.",
    "a mandate that mentions minutes later": (
        "Uppdragsbeskrivning\nLAG Korttidsplatser\n\nUppdraget redovisas i protokoll från nätverket."
    ),
    "no title, a roles table": (
        "LAG Korttidsplatser\n\nBeställare: Omsorgschefsnätverket\nUppdragstagare: LAG Korttidsplatser\n"
        "Uppdragsledare: Ylva Skissberg\nMottagare: Styrgruppen för Omsorgschefsnätverket"
    ),
}


@pytest.mark.parametrize("text", MINUTES_HEADS.values(), ids=MINUTES_HEADS.keys())
def test_minutes(text):
    assert classify(_lines(text)) == "minutes"


@pytest.mark.parametrize("text", MANDATE_HEADS.values(), ids=MANDATE_HEADS.keys())
def test_mandates(text):
    assert classify(_lines(text)) == "mandate"


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [""] * 5,
        _lines("Inbjudan\n\nVälkommen till en dag om spontanidrott i Timrå den 4 oktober."),
        _lines("Verksamhetsplan 2026\nFritidsnätverket\n\nMål för året: fler aktiva unga."),
    ],
    ids=["no lines", "blank lines", "an invitation", "a plan"],
)
def test_unknown(lines):
    assert classify(lines) == "unknown"


def test_the_title_decides_over_hints_further_down():
    mandate = _lines("Uppdragsbeskrivning\nLAG Korttidsplatser\n\n" + "Närvarande vid uppstart: alla\n" * 5)
    assert classify(mandate) == "mandate"
    minutes = _lines(
        "Minnesanteckningar\nOmsorgschefsnätverket\n\n" + "Beställare: Omsorgschefsnätverket\n" * 5
    )
    assert classify(minutes) == "minutes"


def test_only_the_head_can_carry_the_title():
    # a title word deep in the body of an untitled text is a mention, not a title
    body = ["Text om korttidsplatser i länet."] * 60 + ["Uppdragsbeskrivning"]
    assert classify(body) == "unknown"


def test_classify_is_case_and_whitespace_tolerant():
    assert classify(["   ", "  minnesanteckningar  ", "Fritidsnätverket"]) == "minutes"
    assert classify(["\tuppdragsbeskrivning", "LAG Korttidsplatser"]) == "mandate"
