"""The conventions of Swedish minutes and mandates, as data.

Every table row is a cue word (or phrase), what it means, and an example line it was made for.
A new convention is a row here and a golden file in tests/, not a new branch in a parser.
``CueTable.match`` reads a line's leading label in one regular expression (longest label first).

>>> ATTENDANCE.match("Närvarande ledamöter: Anna Ek (S)").value
('present', 'ledamot')
>>> HEADER_FIELDS.match("Sammanträdesdatum 2023-03-14").rest
'2023-03-14'
>>> DECISION_HEADS.match("Beslut: attsats 1 bifalles").rest
'attsats 1 bifalles'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graph.text import fold

__all__ = [
    "ACTION_HEADS",
    "ATTENDANCE",
    "BODY_NOUNS",
    "DECISION_HEADS",
    "HEADER_FIELDS",
    "MANDATE_TITLES",
    "MINUTES_TITLES",
    "PROCEDURAL_TITLES",
    "PROPOSAL_HEADS",
    "ROLE_WORDS",
    "SIGNATURE",
    "TITLE_TAIL",
    "CueMatch",
    "CueTable",
    "title_match",
]


@dataclass(frozen=True, slots=True)
class CueMatch:
    label: str  # the words as written
    value: Any
    rest: str  # what follows the label (after a colon, TAB or space)


class CueTable:
    """Leading labels of a line -> a meaning. ``rows`` are (label, value, example)."""

    def __init__(self, rows: list[tuple[str, Any, str]], *, after: str = r"(?=$|[\s:;,.–—-])",
                 separator: str = r"[\s]*[:;.–—-]?[\s]*"):
        self.rows = rows
        self._values = {fold(label.rstrip("$")): value for label, value, _ in rows}
        alternation = "|".join(
            label_pattern(label) for label in sorted({r[0] for r in rows}, key=len, reverse=True))
        self._re = re.compile(rf"^(?P<label>{alternation}){after}{separator}(?P<rest>.*)$", re.IGNORECASE)
        # the labels' first words: a line whose first word none of them begins is no match, and a
        # dictionary test is far cheaper than the alternation
        self._firsts = {label.split()[0].lower().rstrip(":*$") for label, _, _ in rows}
        self._prefixes = tuple(sorted(self._firsts))

    def match(self, text: str) -> CueMatch | None:
        head = text[:60].split(None, 1)
        if not head:
            return None
        first = head[0].lower()
        if first.rstrip(":;.,–-") not in self._firsts and not first.startswith(self._prefixes):
            return None
        m = self._re.match(text)
        if not m:
            return None
        return CueMatch(m["label"], self._values[fold(m["label"])], m["rest"].strip())

    def examples(self) -> list[tuple[str, Any, str]]:
        return list(self.rows)


def label_pattern(label: str) -> str:
    """A label as a pattern: white space flexible, a trailing '*' allows any word ending."""
    if label.endswith("$"):  # the label alone on its line ("Övriga"), not "Övriga frågor"
        return re.escape(label[:-1]).replace(r"\ ", r"\s+") + r"(?=\s*:?\s*$)"
    if label.endswith(":"):
        return re.escape(label[:-1]).replace(r"\ ", r"\s+") + r"\s*:"
    if label.endswith("*"):
        return re.escape(label[:-1]).replace(r"\ ", r"\s+") + r"\w*"
    return re.escape(label).replace(r"\ ", r"\s+")


# --- titles -------------------------------------------------------------------------------------
#: words that open the title of minutes; value: how sure the genre is
MINUTES_TITLES = CueTable([
    ("Sammanträdesprotokoll", 2, "SAMMANTRÄDESPROTOKOLL"),
    ("Direktionsprotokoll", 2, "Direktionsprotokoll 2013-09-20"),
    ("Styrelseprotokoll", 2, "Styrelseprotokoll"),
    ("Nämndprotokoll", 2, "Nämndprotokoll"),
    ("Utskottsprotokoll", 2, "Utskottsprotokoll"),
    ("Fullmäktigeprotokoll", 2, "Fullmäktigeprotokoll"),
    ("Mötesprotokoll", 2, "Mötesprotokoll LiTHe kod"),
    ("Protokoll fört vid", 2, "Protokoll fört vid styrelsemöte med X"),
    ("Protokoll från", 2, "Protokoll från styrelsemöte"),
    ("Protokollsutdrag", 2, "Protokollsutdrag"),
    ("Utdrag ur protokoll", 2, "Utdrag ur protokoll"),
    ("Beslutsprotokoll", 2, "Beslutsprotokoll"),
    ("Justerat protokoll", 2, "Justerat protokoll"),
    ("Protokoll", 2, "Protokoll Kommunstyrelsen 2023-03-14"),
    ("Minnesanteckningar", 2, "Minnesanteckningar Länschefsnätverket"),
    ("Minnesanteckning", 2, "Minnesanteckning från möte"),
    ("Mötesanteckningar", 2, "Mötesanteckningar: Samverkansplattform ÖP 7 februari 2025"),
    ("Mötesminnesanteckningar", 2, "Mötesminnesanteckningar"),
    ("Anteckningar från", 2, "Anteckningar från arbetsmöte i NGP-gruppen"),
    ("Anteckningar", 1, "Anteckningar nätverksträff"),
    ("Mötessammanfattning", 2, "Mötessammanfattning"),
    ("Snabbreferat", 2, "Snabbreferat från folkhälsorådets sammanträde 2024-01-30"),
    ("Referat från", 2, "Referat från styrelsens sammanträde"),
    ("Kortprotokoll", 2, "Kortprotokoll"),
    ("Sammanfattning", 1, "Sammanfattning 24-09-16"),
    ("Styrelsemöte", 2, "Styrelsemöte 9"),
    ("Styrelsesammanträde", 2, "Styrelsesammanträde"),
    ("Nätverksträff", 1, "Nätverksträff 12 mars"),
    ("Arbetsmöte", 1, "Arbetsmöte 2020-03-13"),
    ("Möte", 1, "Möte 2023-03-24"),
])  # fmt: skip

#: a genre word closing a title: "Arbetsgruppen för SIP-rutinen – anteckningar", "Kommunstyrelsen protokoll 2023-03-14"
TITLE_TAIL = re.compile(r"(?i)^(?P<body>[A-ZÅÄÖ][^.:;]{1,100}?)\s*(?:[–—,:-]\s*)?\b(?P<genre>minnesanteckningar|"
                        r"mötesanteckningar|anteckningar|protokoll|sammanträdesprotokoll|mötesprotokoll|"
                        r"sammanfattning)\b(?P<rest>.*)$")


_NOT_A_TITLE = re.compile(r"(?i)^(?:bilagor?|se|enligt|till|justerat|justerade|utdrag|ur|från|i|av|det|detta|"
                          r"föregående|nästa)\b")


def title_match(text: str) -> CueMatch | None:
    """A title line, with the genre word first ("Minnesanteckningar X") or last ("X – anteckningar").

    >>> title_match("Arbetsgruppen för SIP-rutinen – anteckningar 5 nov").rest
    'Arbetsgruppen för SIP-rutinen 5 nov'
    """
    m = MINUTES_TITLES.match(text)
    if m is not None:
        return m
    t = TITLE_TAIL.match(text)
    if t is None or len(text) > 140 or _NOT_A_TITLE.match(t["body"]):
        return None
    return CueMatch(t["genre"], 2, f"{t['body'].strip(' –—,:-')} {t['rest'].strip(' –—,:-')}".strip())


#: words that open the title of a mandate
MANDATE_TITLES = CueTable([
    ("Uppdragsbeskrivning", 3, "Uppdragsbeskrivning Regional processgrupp samsjuklighet"),
    ("Uppdragsdirektiv", 3, "Uppdragsdirektiv för LAG Mobil närvård"),
    ("Tilläggsdirektiv", 3, "Tilläggsdirektiv till Kommittén om …"),
    ("Kommittédirektiv", 3, "Kommittédirektiv"),
    ("Projektdirektiv", 3, "Projektdirektiv"),
    ("Direktiv", 2, "Direktiv för arbetsgruppen"),
    ("Regeringsuppdrag", 3, "Regeringsuppdrag"),
    ("Ändring av uppdraget", 3, "Ändring av uppdraget att genomföra …"),
    ("Uppdrag", 2, "Uppdrag om lägesbilder och åtgärder i kommunerna"),
    ("Arbetsordning", 3, "Arbetsordning för Välfärdsrådet"),
    ("Reglemente", 3, "Reglemente för samverkansnämnden"),
    ("Mandat", 2, "Mandat för styrgruppen"),
    ("Instruktion", 1, "Instruktion för …"),
    ("Uppdragsbeskrivning och mandat", 3, "Uppdragsbeskrivning och mandat"),
])  # fmt: skip

# --- header fields ------------------------------------------------------------------------------
HEADER_FIELDS = CueTable([
    ("Sammanträdesdatum", "date", "Sammanträdesdatum 2023-03-14"),
    ("Mötesdatum", "date", "Mötesdatum: 2025-02-07"),
    ("Datum och tid", "date", "Datum och tid: 7 februari 2025 kl 8.30"),
    ("Dag och tid", "date", "Dag och tid: Torsdag den 2 november 2017 kl 11"),
    ("Datum för mötet", "date", "Datum för mötet: 2025-02-07"),
    ("Tid och plats", "date", "Tid och plats: Kommunhuset 2023-03-14 kl 13.00"),
    ("Plats och tid", "date", "Plats och tid Kommunhuset, kl. 13.00–16.30"),
    ("Datum", "notes_or_meeting_date", "Datum: 2025-02-12"),
    ("Dag", "date", "Dag: tisdag 4 mars 2025"),
    ("När", "date", "När: 12 mars kl 9–12"),
    ("Mötet hölls", "date", "Mötet hölls 2025-02-07"),
    ("Möte", "date", "Möte: 2025-02-07"),
    ("Mötestid", "time", "Mötestid: 9.00–12.00"),
    ("Tid", "time", "Tid: Kl. 8.30 – 12.00"),
    ("Klockan", "time", "Klockan 13.00"),
    ("Plats", "place", "Plats: Regionkontoret Vasagatan 27"),
    ("Lokal", "place", "Lokal: Futurum"),
    ("Mötesplats", "place", "Mötesplats: Teams"),
    ("Organ och §§", "body", "Organ och §§: Samordningsförbundet Sydnärke"),
    ("Organ", "body", "Organ Kommunstyrelsen"),
    ("Nämnd/Styrelse", "body", "Nämnd/StyrelseArbetsmarknads- och socialnämnden"),
    ("Nämnd", "body", "Nämnd: Socialnämnden"),
    ("Instans", "body", "Instans: Styrelsen"),
    ("Grupp", "body", "Grupp: Processgrupp demens"),
    ("Nätverk", "body", "Nätverk: Socialchefsnätverket"),
    ("Mötesforum", "body", "Mötesforum: Länsstyrgruppen"),
    ("Forum", "body", "Forum: Välfärdsrådet"),
    ("Dnr", "dnr", "Dnr: HSN 2025/939"),
    ("Diarienummer", "dnr", "Diarienummer: KS 2023/12"),
    ("Diarienr", "dnr", "Diarienr KS 2023/12"),
    ("Ärendenummer", "dnr", "Ärendenummer 2023/12"),
    # dates that are not the meeting's
    ("Justeringsdatum", "skip", "Justeringsdatum 2023-03-17"),
    ("Justeringens plats och tid", "skip", "Justeringens plats och tid Kommunhuset 2023-03-17"),
    ("Justerat", "skip", "Justerat 2023-03-17"),
    ("Datum då anslaget sätts upp", "skip", "Datum då anslaget sätts upp 2023-03-18"),
    ("Datum då anslaget tas ned", "skip", "Datum då anslaget tas ned 2023-04-09"),
    ("Datum för anslags uppsättande", "skip", "Datum för anslags uppsättande 2023-03-18"),
    ("Datum för anslags nedtagande", "skip", "Datum för anslags nedtagande 2023-04-09"),
    ("Anslaget", "skip", "Anslaget uppsatt 2023-03-18"),
    ("Förvaringsplats för protokollet", "skip", "Förvaringsplats för protokollet Kommunkansliet"),
    ("Förvaringsplats", "skip", "Förvaringsplats Kommunhuset"),
    ("Paragrafer", "skip", "Paragrafer 45–60"),
    ("Underskrifter", "skip", "Underskrifter Sekreterare …"),
    ("Utdragsbestyrkande", "skip", "Utdragsbestyrkande"),
    ("Nästa möte", "skip", "Nästa möte 2025-03-14"),
    ("Nästa sammanträde", "skip", "Nästa sammanträde 2025-03-14"),
    ("Kallelse", "skip", "Kallelse 2025-02-01"),
    ("Upprättad", "skip", "Upprättad 2025-02-12"),
    ("Reviderad", "skip", "Reviderad 2025-02-12"),
    ("Senast ändrad", "skip", "Senast ändrad 2025-02-12"),
])  # fmt: skip

# --- attendance ---------------------------------------------------------------------------------
#: a heading or leading label that opens an attendance list: (presence, role)
ATTENDANCE = CueTable([
    ("Närvarande ledamöter", ("present", "ledamot"), "Närvarande ledamöter"),
    ("Närvarande ersättare", ("present", "ersättare"), "Närvarande ersättare"),
    ("Närvarande tjänstepersoner", ("present", "tjänsteperson"), "Närvarande tjänstepersoner"),
    ("Närvarande", ("present", None), "Närvarande: (Överstruken = icke närvarande)"),
    ("Närvarolista", ("present", None), "Närvarolista"),
    ("Närvaro", ("present", None), "Närvaro:"),
    ("Deltagare", ("present", None), "Deltagare: Anna Ek (Luleå)"),
    ("Deltagande", ("present", None), "Deltagande:"),
    ("Deltog", ("present", None), "Deltog: Anna Ek"),
    ("Medverkande", ("present", None), "Medverkande arbetsgruppen:"),
    ("Beslutande", ("present", "ledamot"), "Beslutande Anna Andersson (S), ordförande"),
    ("Ordinarie ledamöter", ("present", "ledamot"), "Ordinarie ledamöter"),
    ("Ledamöter", ("present", "ledamot"), "Ledamöter"),
    ("Styrelsemedlemmar", ("present", "ledamot"), "Styrelsemedlemmar:"),
    ("Styrelseledamöter", ("present", "ledamot"), "Styrelseledamöter"),
    ("Tjänstgörande ersättare", ("present", "ersättare"), "Tjänstgörande ersättare"),
    ("Icke tjänstgörande ersättare", ("present", "ersättare"), "Icke tjänstgörande ersättare"),
    ("Ej tjänstgörande ersättare", ("present", "ersättare"), "Ej tjänstgörande ersättare"),
    ("Ej tjänstgörande", ("present", "ersättare"), "Ej tjänstgörande Märta Lindgren-Ekholm Omsorgsnämnden"),
    ("Ersättare", ("present", "ersättare"), "Ersättare"),
    ("Övriga närvarande", ("present", None), "Övriga närvarande Carl Carlsson, kommundirektör"),
    ("Övriga deltagare", ("present", None), "Övriga deltagare"),
    ("Övriga deltagande", ("present", None), "Övriga deltagande"),
    ("Övriga:", ("present", None), "Övriga: Lisa Ek, RSS"),
    ("Övriga$", ("present", None), "Övriga"),
    ("Mötesordförande$", ("present", "ordförande"), "Mötesordförande"),
    ("Suppleanter", ("present", "suppleant"), "Suppleanter"),
    ("Suppleant", ("present", "suppleant"), "Suppleant:"),
    ("Tjänstepersoner", ("present", "tjänsteperson"), "Tjänstepersoner\tPernilla Spåls"),
    ("Tjänstemän", ("present", "tjänsteperson"), "Tjänstemän"),
    ("Adjungerade", ("present", "adjungerad"), "Adjungerade: Bo Ek"),
    ("Adjungerad", ("present", "adjungerad"), "Adjungerad: Bo Ek"),
    ("Gäster", ("present", "gäst"), "Gäster: Bo Ek"),
    ("Inbjudna", ("present", "gäst"), "Inbjudna: Bo Ek"),
    ("Inbjuden", ("present", "gäst"), "Inbjuden: Bo Ek"),
    ("Kallade", ("invited", None), "Kallade: Henning Nåbo, Simon Lindblad"),
    ("Kallad", ("invited", None), "Kallad:"),
    ("Frånvarande ledamöter", ("absent", "ledamot"), "Frånvarande ledamöter"),
    ("Frånvarande", ("absent", None), "Frånvarande:"),
    ("Anmält förhinder", ("absent", None), "Anmält förhinder: Bo Ek"),
    ("Meddelat förhinder", ("absent", None), "Meddelat förhinder Hannah Nyrén"),
    ("Anmälda förhinder", ("absent", None), "Anmälda förhinder"),
    ("Förhinder", ("absent", None), "Förhinder: Bo Ek"),
    ("Anmäld frånvaro", ("absent", None), "Anmäld frånvaro"),
    ("Ej närvarande", ("absent", None), "Ej närvarande"),
    ("Avböjt", ("absent", None), "Avböjt"),
    ("Frånvaro", ("absent", None), "Frånvaro"),
])  # fmt: skip

#: answers in a presence column ("Samuel Hammersberg | Ja")
PRESENCE_ANSWERS = {"ja": "present", "x": "present", "närvarande": "present", "n": "present", "deltog": "present",
                    "nej": "absent", "frånvarande": "absent", "f": "absent", "-": "absent", "–": "absent",
                    "ej närvarande": "absent", "förhinder": "absent"}  # fmt: skip

#: role words beside a name: "(ordf)", ", vice ordförande", "Kassör | Lukas Gartman | Ja"
ROLE_WORDS = {
    "ordf": "ordförande", "ordförande": "ordförande", "mötesordförande": "ordförande",
    "v ordf": "vice ordförande", "vordf": "vice ordförande", "vice ordf": "vice ordförande",
    "vice ordförande": "vice ordförande", "1:e vice ordförande": "1:e vice ordförande",
    "2:e vice ordförande": "2:e vice ordförande", "förste vice ordförande": "1:e vice ordförande",
    "andre vice ordförande": "2:e vice ordförande", "tf": "tillförordnad", "tf ordförande": "tillförordnad ordförande",
    "ers": "ersättare", "ersättare": "ersättare", "tjänstgörande ersättare": "tjänstgörande ersättare",
    "sekr": "sekreterare", "sekreterare": "sekreterare", "mötessekreterare": "sekreterare",
    "adj": "adjungerad", "adjungerad": "adjungerad", "ledamot": "ledamot", "kassör": "kassör",
    "justerare": "justerare", "protokolljusterare": "justerare", "sammankallande": "sammankallande",
    "samordnare": "samordnare", "processledare": "processledare", "nätverksledare": "nätverksledare",
}  # fmt: skip

# --- decisions ----------------------------------------------------------------------------------
#: a line that opens what was decided; value "decision"
DECISION_HEADS = CueTable([
    ("Beslut", "decision", "Beslut: att godkänna dagordningen"),
    ("Beslutades", "decision", "Beslutades: att …"),
    ("Beslutas", "decision", "Beslutas att godkänna de nya tiderna"),
    ("Beslöts", "decision", "Beslöts att …"),
    ("Beslutet", "decision", "Beslutet: …"),
    ("Mötets beslut", "decision", "Mötets beslut"),
    ("Mötet beslutade", "decision", "Mötet beslutade att …"),
    ("Mötet beslutar", "decision", "Mötet beslutar att …"),
    ("Gruppens beslut", "decision", "Gruppens beslut"),
    ("Nätverkets beslut", "decision", "Nätverkets beslut"),
    ("Styrelsens beslut", "decision", "Styrelsens beslut"),
    ("Nämndens beslut", "decision", "Nämndens beslut"),
    ("Utskottets beslut", "decision", "Utskottets beslut"),
    ("Rådets beslut", "decision", "Rådets beslut"),
    ("Beslut i ärendet", "decision", "Beslut i ärendet"),
])  # fmt: skip

#: a line that opens a proposal the meeting then approves or not ("Förslag till beslut")
PROPOSAL_HEADS = CueTable([
    ("Förslag till beslut", "proposal", "Förslag till beslut"),
    ("Förslag till Beslut", "proposal", "Förslag till Beslut"),
    ("Beslutsförslag", "proposal", "Beslutsförslag"),
    ("Förslag", "proposal", "Förslag"),
    ("Attsatser", "proposal", "Attsatser:"),
    ("Att-satser", "proposal", "Att-satser:"),
    ("Attsats:", "proposal", "Attsats: att …"),
    ("Att:", "proposal", "Att: Lukas är protokolljusterare"),
    ("Yrkande", "proposal", "Yrkande"),
    ("Yrkanden", "proposal", "Yrkanden"),
])  # fmt: skip

# --- action points ------------------------------------------------------------------------------
ACTION_HEADS = CueTable([
    ("Actionpoints", "action", "## Actionpoints inför nästa möte"),
    ("Action points", "action", "Action points"),
    ("Actionpunkter", "action", "Actionpunkter"),
    ("Actionpunkt", "action", "_Actionpunkt_:"),
    ("Action", "action", "Action:"),
    ("Att göra", "action", "## 5. Att göra:"),
    ("Att-göra", "action", "Att-göra-lista"),
    ("To do", "action", "To do"),
    ("Todo", "action", "Todo"),
    ("Åtgärder", "action", "Åtgärder"),
    ("Åtgärdslista", "action", "Åtgärdslista"),
    ("Åtgärdspunkter", "action", "Åtgärdspunkter"),
    ("Åtgärd", "action", "Åtgärd: Anna kontaktar SKR"),
    ("Uppgifter till nästa möte", "action", "Uppgifter till nästa möte"),
])  # fmt: skip

# --- signatures ---------------------------------------------------------------------------------
SIGNATURE = CueTable([
    ("Vid protokollet", "secretary", "Vid protokollet: Tomas Snäckerström"),
    ("Justeras", "adjuster", "Justeras:"),
    ("Justerande", "adjuster", "Justerande"),
    ("Justerandes sign", "skip", "Justerandes sign"),
    ("Justerare", "adjuster", "Justerare: Bo Berg"),
    ("Utses att justera", "adjuster", "Utses att justera Bo Berg"),
    ("Underskrifter", "skip", "Underskrifter"),
    ("Signaturer", "skip", "## Signaturer"),
    ("Sekreterare", "secretary", "Sekreterare: Lisa Karlsson"),
    ("Mötessekreterare", "secretary", "Mötessekreterare:"),
    ("Protokollförare", "secretary", "Protokollförare: Lisa Karlsson"),
    ("Antecknare", "secretary", "Antecknare: Lisa Karlsson"),
    ("Ordförande", "chair", "Ordförande: Sofia Jarl"),
    ("Mötesordförande", "chair", "Mötesordförande:"),
    ("Mötesledare", "chair", "Mötesledare: Sofia Jarl"),
    ("Utdragsbestyrkande", "skip", "Utdragsbestyrkande"),
    ("Anslag", "skip", "ANSLAG/BEVIS"),
    ("Bevis om anslag", "skip", "Bevis om anslag"),
])  # fmt: skip

# --- agenda items -------------------------------------------------------------------------------
#: titles of items that are about the meeting itself (their decisions are procedural)
PROCEDURAL_TITLES = {fold(t) for t in (
    "Mötets öppnande", "Öppnande", "Öppnande av möte", "Öppnande av mötet", "Mötet öppnas", "Sammanträdets öppnande",
    "Val av justerare", "Val av protokolljusterare", "Justering", "Val av sekreterare", "Val av mötessekreterare",
    "Val av ordförande", "Val av mötesordförande", "Godkännande av dagordning", "Godkännande av dagordningen",
    "Fastställande av dagordning", "Fastställande av dagordningen", "Dagordning", "Fastställande av mötesschema",
    "Föregående protokoll", "Föregående minnesanteckningar", "Föregående mötesanteckningar", "Övriga frågor",
    "Övrigt", "Nästa möte", "Mötets avslutande", "Avslutning", "Avslutande av möte", "Mötets avslutas",
    "Mötet avslutas", "Styrelsens beslutbarhet", "Beslutsbarhet", "Beslutbarhet", "Runda bordet", "Mötesschema",
    "Agenda", "Anmälningsärenden", "Meddelanden", "Delegationsbeslut", "Redovisning av delegationsbeslut",
)}  # fmt: skip

#: nouns a text uses for its own body when it names no other ("Styrelsen uppfyller kraven"); folded -> as written
BODY_NOUNS = {fold(k): v for k, v in {
    "styrelsen": "Styrelsen", "nämnden": "Nämnden", "utskottet": "Utskottet", "arbetsutskottet": "Arbetsutskottet",
    "direktionen": "Direktionen", "presidiet": "Presidiet", "beredningen": "Beredningen",
    "förbundsstyrelsen": "Förbundsstyrelsen", "kommunstyrelsen": "Kommunstyrelsen",
    "regionstyrelsen": "Regionstyrelsen", "kommunfullmäktige": "Kommunfullmäktige",
    "regionfullmäktige": "Regionfullmäktige", "fullmäktige": "Fullmäktige", "gruppen": "Gruppen",
    "arbetsgruppen": "Arbetsgruppen", "nätverket": "Nätverket", "rådet": "Rådet", "styrgruppen": "Styrgruppen",
}.items()}  # fmt: skip
