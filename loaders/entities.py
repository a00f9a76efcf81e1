"""Recognising named entities in Swedish collaboration documents by their patterns.

A group the lexicon has never seen is still found: "Arbetsgruppen för …", "Processgrupp …",
"LPO …", "Styrgruppen för …", "…nätverket", "…rådet". Each pattern is a compiled expression next
to the function that uses it, with the kind of line it was made for.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from graph.text import fold
from loaders.lexicon import is_first_name, lookup_org
from loaders.records import Mention

__all__ = ["Context", "find_mentions", "parse_entity_phrase", "person_names", "split_names"]

WORD = r"[A-Za-zÅÄÖåäöÉéÜü][\w/-]*"
CAP = r"[A-ZÅÄÖÉÜ][\w/-]*"
# Words that end a topic ("Processgrupp primärvård ska …", "LPO … fått uppdraget").
TOPIC_STOP = {
    "som", "ska", "skall", "är", "har", "hade", "att", "med", "på", "samt", "vilket", "men", "kan", "kommer",
    "fått", "får", "fick", "gav", "ger", "och", "eller", "inte", "till", "mellan", "enligt", "avseende",
    "under", "efter", "inför", "där", "bör", "blir", "utgör", "leder", "beslutade", "beslutar", "den",
    "det", "de", "en", "ett", "sin", "sina", "sitt", "vid", "från", "av", "om", "för", "inom", "i", "via",
    "genom", "varit", "också", "även", "nu", "redan", "tillsammans", "ansvarar", "arbetar", "bedrivs",
    "rapporterar", "återrapporterar", "styr", "ingår", "leds", "finansieras", "varje", "tillhör", "består", "träffas",
    "möts", "bereder", "samordnar", "följer", "tar", "inrättas", "bildas",
    "etableras", "tillsätts", "startas", "inrättades", "bildades", "föreslår", "föreslog", "konstaterar",
    "konstaterade", "informerar", "informerade", "redovisar", "redovisade", "presenterar", "presenterade", "lyfter",
    "lyfte", "önskar", "behöver", "planerar", "fortsätter", "träffades", "diskuterade", "kartlagt", "gick", "går",
    "antogs", "antas", "antar", "antog", "beslutades", "fastställdes", "godkändes", "godkänns", "godkänner",
    "tillsattes", "lades", "överlämnar", "överlämnade", "skickas", "skickades", "ställer", "kräver", "innebär",
    "gäller", "omfattar", "löper", "visar", "pekar", "erhåller", "lämnar", "samlar", "startar", "avser", "lämna",
    "redovisa", "rapportera", "ta", "göra", "arbeta", "bjuda", "återkomma", "utse", "anta",
    "bemannas", "finns", "ha", "vara", "bli", "kunna", "utgörs",
}  # fmt: skip
# Prepositions allowed inside an agreement's topic ("samverkan vid utskrivning från sluten …").
AGREEMENT_INNER = {"vid", "från", "om", "för", "i", "inom", "av", "och"}


@dataclass
class Context:
    """What a parser knows about the document so far, for references like "styrgruppen" or "LPO"."""

    body: str | None = None  # the meeting's own body as written
    body_kind: str | None = None
    subject: Mention | None = None  # a mandate's subject group
    last: dict[str, Mention] = field(default_factory=dict)  # kind -> latest full mention
    people: dict[str, str] = field(default_factory=dict)  # folded full name -> name as written
    aliases: dict[str, str] = field(default_factory=dict)  # "LCHNV" -> "Länschefsnätverket"
    titles: dict[str, str] = field(default_factory=dict)  # folded job title -> the attendee holding it

    def first_name_matches(self, first: str) -> list[str]:
        key = fold(first)
        return sorted({n for k, n in self.people.items() if k.split()[0] == key or k.startswith(key + " ")})

    def remember(self, mention: Mention) -> None:
        self.last[mention.kind] = mention

    def title_holder(self, role: str | None) -> str | None:
        """The attendee whose title a role names: "Regiondirektören" -> the one listed as regiondirektör."""
        if not role:
            return None
        key = fold(role)
        for form in (key, re.sub(r"(en|n)$", "", key), re.sub(r"e$", "", key)):
            if form in self.titles:
                return self.titles[form]
        return None


def _mention(name: str, kind: str, line: int, quote: str, **extra) -> Mention:
    return Mention(name=" ".join(name.split()).strip(" ,.;:"), kind=kind, line=line, quote=quote, **extra)


def _topic(words: list[str], inner: set[str] | None = None, limit: int = 6, commas: bool = False) -> list[str]:
    """Leading words of a topic: lower-case words (and "och" between them) until a stop word.

    A capitalised word after the first ends it ("LPO Psykisk hälsa Beslutad:" is a table's next
    cell), and so do numbers; a comma continues only lists like "Rehabilitering, habilitering och …".
    """
    out: list[str] = []
    for i, word in enumerate(words):
        bare = word.strip(",.;:()”\"'")
        low = bare.lower()
        if not bare or len(out) >= limit:
            break
        if out and (bare[:1].isupper() or bare[:1].isdigit()) and not (bare.isupper() and len(bare) <= 5):
            break
        if inner and low in inner and out and i + 1 < len(words):
            nxt = words[i + 1].strip(",.;:()")
            if nxt and (nxt[0].islower() or (low == "och" and not nxt.isupper())) and nxt.lower() not in TOPIC_STOP - inner:
                out.append(bare)
                continue
            break
        if low == "och" and out and i + 1 < len(words):
            nxt = words[i + 1].strip(",.;:()")
            if nxt and nxt[0].islower() and nxt.lower() not in TOPIC_STOP:
                out.append(bare)
                continue
            break
        if low in TOPIC_STOP or re.fullmatch(r"\d{4}", bare) or word.startswith(("(", "–", "-")):
            break
        if not out and not (bare[0].isalpha()):
            break
        continues = commas and word.endswith(",") and i + 1 < len(words) and words[i + 1][:1].islower()
        out.append(bare + ("," if continues else ""))
        if word.endswith((",", ".", ";", ":", ")")) and not continues:
            break
    while out and out[-1].lower() in (inner or set()) | {"och"}:
        out.pop()
    return out


# --- groups and bodies ---------------------------------------------------------------------
# "Länschefsnätverket", "MAS/MAR-nätverket", "Länsnätverket för förvaltningschefer", "Länschefs nätverket"
_NETWORK = re.compile(
    r"(?<![\w-])((?:[A-ZÅÄÖ][\w/]*-|[A-ZÅÄÖa-zåäö][\w]{2,}?)nätverk(?:et|ets)?|[A-ZÅÄÖ]\w{2,}s nätverket)"
    r"(?: för (?!att\b|det\b|den\b|de\b|en\b|ett\b|oss\b|sig\b)([a-zåäö][\w-]+(?: och [a-zåäö][\w-]+)?))?(?![\w-])"
)
# "Välfärdsrådet", "Välfrädrådet", "Vård- och omsorgsrådet", "Politiskt samverkansråd"
_COUNCIL = re.compile(
    r"(?<![\w-])((?:[A-ZÅÄÖ][\w]*- och [a-zåäö]\w{2,}|[A-ZÅÄÖ]\w{2,})r[åa]d(?:et|ets)?|[Pp]olitisk[at]? samverkansråd(?:et)?|"
    r"(?:Kommunala|Regionala|Lokala|Centrala|Gemensamma)\s+[a-zåäö]{3,}rådet|"
    r"[Pp]olitiska rådet)(?: för ([a-zåäö][\w-]+(?: och [a-zåäö][\w-]+)?))?(?![\w-])"
)
# "Styrgruppen för Länschefsnätverket", "styrgruppen för LCHNV", "Stygruppen", "Styrgruppen (LCHNV)"
_STEERING = re.compile(r"(?<![\w-])([Ss]tyr?grupp(?:en|ens)?)(?![\w-])(?:\s+för\s+(?:den\s+|det\s+)?(\S+(?:\s+\S+){0,3})|\s*\(?([A-ZÅÄÖ]{3,8})\)?)?")
# "Länschefsnätverkets styrgrupp", "nätverkets styrgrupp", "sin styrgrupp"
_STEERING_GEN = re.compile(r"(?<![\w-])([\wÅÄÖåäö-]+s|sin|dess)\s+styrgrupp(?:en)?(?![\w-])")
# "Regional processgrupp samsjuklighet", "Processgrupp primärvård", "den regionala processgruppen för …"
_PROCESS = re.compile(r"(?<![\w-])((?:[Rr]egional[a]?\s+)?[Pp]rocessgrupp(?:en)?)(?![\w-])(?=((?:\s+\S+){0,8}))")
# "LPO Rehabilitering, habilitering och försäkringsmedicin (RHF)", "LPO (Lokalt programområde) Primärvård"
_LPO = re.compile(r"(?<![\w-])(LPO|[Ll]okalt programområde)(?:\s*\((?:[Ll]okalt programområde|LPO)\))?(?=((?:\s+\S+){0,8}))")
# "Arbetsgruppen för hemsjukvårdsavtalet", "Referensgruppen för …", "LAG samsjuklighet inom primärvården"
_WORKING = re.compile(r"(?<![\w-])([Aa]rbetsgrupp(?:en)?|[Rr]eferensgrupp(?:en)?|LAG)(?![\w-])(?=((?:\s+\S+){0,8}))")
# "Beredningsgruppen", "Samordningsgruppen" (a capitalised compound that is not one of the above)
_OTHER_GROUP = re.compile(r"(?<![\w-])([A-ZÅÄÖ]\w{3,}gruppen|[A-ZÅÄÖ][\wÅÄÖ]{1,12}-gruppen)(?![\w-])"
                          r"(?:\s+för\s+(?P<topic>[a-zåäö][\w-]*(?:\s+[\w-]+){0,2}))?")

# --- organisations ---------------------------------------------------------------------------
_REGION = re.compile(r"(?<![\w-])(Region(?:\s+[A-ZÅÄÖ]\w+){1,2}(?:\s+län)?)(?![\w-])")
_MUNICIPALITY = re.compile(r"(?<![\w-])((?:[A-ZÅÄÖ][\w-]+\s)?[A-ZÅÄÖ][\w-]+\s+kommun)(?![\w-])")
_RSS = re.compile(r"(?<![\w-])RSS(?![\w-])((?:\s+[A-ZÅÄÖ]\w+){0,2}(?:\s+län\b)?)")
# the political bodies of a municipality or region: "Kommunfullmäktige", "kommunstyrelsens arbetsutskott",
# "Socialnämnden", "Hälso- och sjukvårdsnämnden" (a national agency like Socialstyrelsen has no such prefix)
_POLITICAL = re.compile(
    r"(?<![\w-])((?:[Kk]ommun|[Rr]egion|[Ll]andstings|[Kk]oncern|[Ff]örbunds)(?:fullmäktiges?|styrelsens?"
    r"(?:\s+arbetsutskott(?:et)?)?)|[A-ZÅÄÖa-zåäö]\w+- och [a-zåäö]\w*nämnd(?:en|ens)?|"
    r"[A-ZÅÄÖa-zåäö][a-zåäö]{2,}nämnd(?:en|ens)|(?:[A-ZÅÄÖ][\w-]+\s+)?[A-ZÅÄÖa-zåäö][a-zåäö]{2,}nämnd)(?![\w-])"
)
# the district a nämnd serves, after its name: a compass word for any nämnd, a place for a stadsdelsnämnd
_DISTRICT = re.compile(r"\s+(?P<compass>(?:Norra|Södra|Östra|Västra|Mellersta)\s+[A-ZÅÄÖ][a-zåäö]+(?![\w-])|"
                       r"(?:[A-ZÅÄÖ][a-zåäö]+\s+)?(?:Öster|Väster|Norr|Söder|Nord|Syd|Öst|Väst)(?![\w-]))?"
                       r"((?(compass)|[A-ZÅÄÖ][a-zåäö]{2,}(?![\w-])))")
_ROLE_WORDS = {"Ordförande", "Ordföranden", "Sekreterare", "Ledamot", "Ledamöter", "Ersättare", "Protokoll", "Beslut"}
_DELEGATION = re.compile(r"(?<![\w-])([A-ZÅÄÖa-zåäö]\w{3,}(?:delegationen|myndigheten|kansliet|styrelsen))(?![\w-])")
# "Länsstödet Norrbotten", "Vårdsamverkanskansliet", "Kommunförbundet Norrbotten", "Vårdsamverkan Sjuhärad"
_UNIT = re.compile(r"(?<![\w-])([A-ZÅÄÖ]\w{2,}(?:stödet|kansliet|förbundet|enheten)(?:\s+(?!och\b)[A-ZÅÄÖ]\w+)?|"
                   r"[A-ZÅÄÖ]\w*samverkan\s+[A-ZÅÄÖ]\w+|"
                   r"[A-ZÅÄÖ]\w+s\s+[A-ZÅÄÖ]\w*förbund)(?![\w-])")  # "Söderåsens Miljöförbund"
# a company: "Stockholms Stadshus AB", "Goldcup S 3736 AB", "AB Studentskrapan"
_COMPANY = re.compile(r"(?<![\w-])(AB\s+[A-ZÅÄÖ][\wåäö&-]+|[A-ZÅÄÖ][\wåäö&-]*(?:\s+[A-ZÅÄÖ0-9][\wåäö&-]*){0,3}\s+AB)"
                      r"(?![\w-])")
_DIVISION = re.compile(r"(?<![\w-])(Division\s+[A-ZÅÄÖa-zåäö]\w+(?:\s+och\s+[a-zåäö]\w+)?)(?![\w-])")
_ACRONYM = re.compile(r"(?<![\w-])([A-ZÅÄÖ]{3,6})(?![\w-])")

# --- agreements and initiatives ----------------------------------------------------------------
_AGREEMENT = re.compile(
    r"(?<![\w-])((?:[Rr]egional[a]?\s+|[Ll]änsövergripande\s+|[Ll]okal[a]?\s+|[Tt]illäggs)?[Öö]verenskommelse(?:n|ns)?)"
    r"(?![\w-])(?=((?:\s+\S+){0,12}))"
)
_ROK = re.compile(r"(?<![\w-])(?:RÖK|LÖK)(?::ar|:en)?\s+(?=[A-ZÅÄÖ])(\S+(?:\s+\S+){0,6})")
_AVTAL = re.compile(r"(?<![\w-])([A-ZÅÄÖa-zåäö][\wåäö]{5,}avtal(?:et|ets)?)(?![\w-])")
_GENERIC_AVTAL = ("samverkans", "tilläggs", "data", "datadelnings", "köpe", "hyres", "kollektiv", "pub", "ramavtal")
_CAMEL = re.compile(r"(?<![\w-])([A-ZÅÄÖ][a-zåäö]+[A-ZÅÄÖ][a-zåäö]+)(?![\w])")
# "GMS projektet", "GMS-projektet", "projektet Trygg hemgång": a project by name
_PROJECT = re.compile(r"(?<![\w-])(?:(?P<a>[A-ZÅÄÖ][\wÅÄÖåäö]{1,20}(?:\s[A-ZÅÄÖ][\wåäö]+)?)[- ]projektet|"
                      r"projektet\s+(?P<b>[A-ZÅÄÖ][\wåäö]+(?:\s[A-ZÅÄÖ][\wåäö]+)?))(?![\w-])")
_VERKSAMHET = re.compile(r"(?<![\w-])([A-ZÅÄÖ]\w+(?:\s[A-ZÅÄÖ]\w+)?)-verksamhet")
_DEFINED_ACRONYM = re.compile(r"(?<![\w-])([A-ZÅÄÖ][\wåäö]+(?:\s+[\wåäö]+){0,5})\s+\(([A-ZÅÄÖ]{2,6})\)")

AGREEMENT_SYNONYMS = {
    # the same agreement under its two usual names
    "halso och sjukvard i hemmet": "hemsjukvard",
}


def _strip_genitive(name: str) -> str:
    """The name without its genitive s.

    >>> _strip_genitive("Länschefsnätverkets")
    'Länschefsnätverket'
    """
    if name.endswith(("ets", "ens", "ådets", "ådets")) and len(name) > 5:
        return name[:-1]
    return name


def _political_name(raw: str) -> str:
    """ "kommunstyrelsens arbetsutskott" -> "Kommunstyrelsens arbetsutskott", "Kommunfullmäktiges" ->
    "Kommunfullmäktige", "socialnämndens" -> "Socialnämnden"."""
    name = " ".join(raw.split())
    if " " not in name or name.endswith("nämndens"):
        name = re.sub(r"(?<=fullmäktige)s$|(?<=styrelsen)s$|(?<=nämnden)s$", "", name)
    if name.endswith("arbetsutskottet"):
        name = name[: -len("et")]
    return name[0].upper() + name[1:]


def _network_name(raw: str) -> str:
    name = _strip_genitive(raw.replace("s nätverket", "snätverket"))
    if name.endswith("nätverk"):
        name += "et"
    return name[0].upper() + name[1:]


_NEEDLES = ("styrgrupp", "stygrupp", "nätverk", "råd", "rad", "processgrupp", "lpo", "programområde", "arbetsgrupp",
            "referensgrupp", "lag", "gruppen", "region", "kommun", "rss", "delegationen", "myndigheten", "kansliet",
            "styrelse", "fullmäktige", "nämnd", "division", "stödet", "förbund", "enheten", "samverkan", "överenskommelse", "rök", "lök",
            "avtal", "-verksamhet", "projekt")  # fmt: skip
_TRIGGER = re.compile("|".join(re.escape(n) for n in sorted(_NEEDLES, key=len, reverse=True)))


def _present(low: str) -> frozenset[str]:
    """The words in a text that some pattern needs; one pass instead of one per pattern."""
    found = set(_TRIGGER.findall(low))
    if any(n.endswith("grupp") for n in found):
        found.add("grupp")  # "Länsarbetsgruppen": the longer word took the match
    return frozenset(found)


def _scan(pattern: re.Pattern[str], needles: tuple[str, ...], present: frozenset[str], text: str):
    """``pattern.finditer(text)``, skipped when none of the words the pattern needs is in the text
    (a set test costs far less than running a pattern with lookarounds)."""
    return pattern.finditer(text) if not present.isdisjoint(needles) else ()


def find_mentions(text: str, line: int, ctx: Context) -> list[Mention]:
    """Every entity this sentence names, in order; bare references resolved through ``ctx``."""
    # The mentions kept so far, by start: none contains another, so starts and ends both increase,
    # and one binary search finds what contains a new span or what it contains (no scan per mention).
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Mention] = []

    def add(start: int, end: int, mention: Mention | None) -> None:
        if mention is None or not mention.name:
            return
        i = bisect.bisect_right(starts, start)
        if i and ends[i - 1] >= end:  # inside a mention already found
            return
        j = bisect.bisect_left(starts, start)
        k = bisect.bisect_right(ends, end, lo=j)  # the mentions inside this one go
        starts[j:k], ends[j:k], kept[j:k] = [start], [end], [mention]

    quote = text.strip()
    low = _present(text.lower())
    for m in _scan(_STEERING, ('styrgrupp', 'stygrupp'), low, text):
        before = text[max(0, m.start() - 4) : m.start()]
        if re.search(r"\b(en|som)\s$", before):  # "tillsätta en styrgrupp", "i rollen som styrgrupp för"
            continue
        target = m[2] or m[3]
        parent = None
        if target:
            words = target.split()
            parent_mentions = [x for x in find_mentions(" ".join(words), line, ctx)
                               if x.kind != "SteeringGroup"] if m[2] else []
            if parent_mentions:
                parent = parent_mentions[0].name
            elif m[3] or (words and words[0].isupper()):
                parent = ctx.aliases.get((m[3] or words[0]).strip("(),."), (m[3] or words[0]).strip("(),."))
            else:
                # "Styrgruppen för vårdsamverkan Sjuhärad": a phrase ending in a proper noun names it
                capitals = [k for k, w in enumerate(words[:3]) if w[:1].isupper() and w.strip("(),.:;").isalpha()
                            and w.strip("(),.:;") not in ("Dag", "Tid", "Datum", "Plats", "Närvarande")]
                if capitals and all(w.strip(",.:;").lower() not in TOPIC_STOP for w in words[: capitals[0] + 1]):
                    parent = " ".join(words[: capitals[0] + 1]).strip("(),.:;")
        if parent is None and target and m[2]:
            continue  # "styrgrupp för uppdraget": not a name
        if parent is None and ctx.body_kind == "Network":
            parent = ctx.body
        if parent:
            add(m.start(), m.end(), _mention(f"Styrgruppen för {parent}", "SteeringGroup", line, quote, parent=parent))
    for m in _scan(_STEERING_GEN, ('styrgrupp',), low, text):
        owner = m[1]
        if owner in ("sin", "dess") or owner.lower() in ("nätverkets", "gruppens"):
            parent = (ctx.subject.name if ctx.subject and owner in ("sin", "dess") else None) or ctx.body
            if owner.lower() == "nätverkets" and ctx.body_kind != "Network":
                # in a council's or group's minutes "nätverkets styrgrupp" is the network's, if one is named
                parent = ctx.last["Network"].name if "Network" in ctx.last else None
            # "Länschefsnätverket är, via sin styrgrupp, …": the body named before it in the sentence
            prior = [x for x in find_mentions(text[: m.start()], line, Context(aliases=ctx.aliases))
                     if x.kind in ("Network", "Council")] if owner == "sin" else []
            if owner == "sin" and prior:
                parent = prior[-1].name
        else:
            inner = find_mentions(owner, line, ctx)
            parent = inner[0].name if inner else None
        if parent:
            written = " ".join(m[0].split())
            named = owner not in ("sin", "dess") and owner.lower() not in ("nätverkets", "gruppens", "rådets")
            aliases = [written[0].upper() + written[1:]] if named else []
            add(m.start(), m.end(), _mention(f"Styrgruppen för {parent}", "SteeringGroup", line, quote, parent=parent,
                                             aliases=aliases))
    for m in _scan(_NETWORK, ('nätverk',), low, text):
        raw = m[1]
        if fold(raw) in ("natverket", "natverk", "natverkets") or raw.lower().startswith(("nationell", "regional")):
            continue
        name = _network_name(raw)
        if m[2]:
            name = f"{name} för {m[2]}"
        add(m.start(), m.end(), _mention(name, "Network", line, quote))
    for m in _scan(_COUNCIL, ('råd', 'rad'), low, text):
        raw = m[1]
        if lookup_org(raw, fuzzy=False):
            continue
        name = _strip_genitive(raw)
        if not name.endswith(("et", "råd")):
            continue
        name = name[0].upper() + name[1:] + (f" för {m[2]}" if m[2] else "")
        add(m.start(), m.end(), _mention(name, "Council", line, quote))
    for m in _scan(_PROCESS, ('processgrupp',), low, text):
        regional = m[1].lower().startswith("regional")
        topic = _topic(m[2].split())
        if topic and topic[0].lower() in ("för", "inom", "om"):
            topic = topic[1:]
        words = m[2].split()
        if words and words[0].lower() in ("för", "inom", "om"):
            topic = _topic(words[1:])
        linked = bool(words) and words[0].lower() in ("för", "inom", "om")
        # "Processgruppen för missbruk" names a group; "Processgruppen samlar …" refers to one named before
        named = topic and (m[1].lower() != "processgruppen" or linked)
        if named:
            prefix = "Regional processgrupp" if regional else "Processgrupp"
            end = m.start(2) + len(" ".join(words[: len(topic) + (1 if linked else 0)])) + 1
            add(m.start(), end, _mention(f"{prefix} {' '.join(topic)}", "ProcessGroup", line, quote))
        else:
            ref = ctx.subject if ctx.subject and ctx.subject.kind == "ProcessGroup" else ctx.last.get("ProcessGroup")
            if ref and (regional == ref.name.lower().startswith("regional") or not regional):
                add(m.start(), m.end(1), ref.model_copy(update={"line": line, "quote": quote}))
    for m in _scan(_LPO, ('lpo', 'programområde'), low, text):
        if re.search(r"(samtliga|flera|alla|de)\s+$", text[: m.start()]):
            continue
        words = m[2].split()
        topic = _topic(words, inner={"och"}, limit=6, commas=True)
        abbreviation = None
        rest = " ".join(words[len(topic) :])
        ab = re.match(r"\(([A-ZÅÄÖ]{2,6})\)", rest)
        if ab:
            abbreviation = ab[1]
        if topic:
            name = f"LPO {' '.join(topic)}".rstrip(",")
            aliases = [f"LPO {abbreviation}"] if abbreviation else []
            add(m.start(), m.start(2) + len(" ".join(words[: len(topic)])) + 1,
                _mention(name, "ProgramArea", line, quote, aliases=aliases))
        elif ctx.last.get("ProgramArea") and m[1] == "LPO":
            add(m.start(), m.end(1), ctx.last["ProgramArea"].model_copy(update={"line": line, "quote": quote}))
    for m in _scan(_WORKING, ('arbetsgrupp', 'referensgrupp', 'lag'), low, text):
        words = m[2].split()
        if m[1] == "LAG":
            topic = _topic(words, inner={"inom", "för", "i"})
            if topic:
                add(m.start(), m.end(1) + len(" ".join(topic)) + 1, _mention(f"LAG {' '.join(topic)}", "WorkingGroup", line, quote))
            continue
        if words and words[0].lower() == "för":
            topic = _topic(words[1:], inner={"och"})
            if topic:
                head = m[1][0].upper() + m[1][1:]
                head = head if head.endswith("en") else head + "en"
                add(m.start(), m.end(1) + len(" ".join(words[: len(topic) + 1])) + 1,
                    _mention(f"{head} för {' '.join(topic)}", "WorkingGroup", line, quote))
    for m in _scan(_OTHER_GROUP, ('gruppen', 'grupp'), low, text):
        if re.match(r"(?i)(styr|process|arbets|referens)", m[1]):
            continue
        topic = _topic(m["topic"].split(), inner={"och"}) if m["topic"] else []
        if topic and m["topic"].split()[0].startswith("mål"):
            topic = m["topic"].split()[:2]  # "Beslutsgruppen för mål 5b-skärgården"
        if topic:
            name = f"{m[1]} för {' '.join(topic)}"
            add(m.start(), m.start() + len(m[0].split(" för ")[0]) + 5 + len(" ".join(topic)),
                _mention(name, "WorkingGroup", line, quote))
        else:
            add(m.start(), m.end(1), _mention(m[1], "WorkingGroup", line, quote))
    _find_orgs(text, line, quote, ctx, add, low)
    _find_agreements(text, line, quote, ctx, add, low)
    _find_initiatives(text, line, quote, add, low)
    mentions = list(kept)
    for mention in mentions:
        ctx.remember(mention)
    return mentions


# a word that may be a county's name after "RSS" ("RSS Norrvalla"), not a unit ("RSS Hälsa", "RSS Avdelningen")
_PLACE_LIKE = re.compile(r"^[A-ZÅÄÖ][a-zåäö]{3,}(?<!en)(?<!ning)(?<!het)(?<!else)(?<!grupp)(?<!verket)$")


def _find_orgs(text, line, quote, ctx, add, low) -> None:
    for m in _scan(_REGION, ('region',), low, text):
        candidates = [m[1]] + ([m[1].rsplit(" ", 1)[0]] if " " in m[1][7:] else [])
        for candidate in candidates:  # "Region Jämtland Härjedalen", "Region Kalmar län", "Region Dalarna Falun"
            org = lookup_org(candidate, fuzzy=False)
            if org:
                add(m.start(), m.start() + len(candidate), _mention(org.name, "Organisation", line, quote))
                break
        else:  # a region by its form: "Region Norrvalla"
            name = " ".join(m[1].split()[:2])
            add(m.start(), m.start() + len(name), _mention(name, "Organisation", line, quote))
    for m in _scan(_MUNICIPALITY, ('kommun',), low, text):
        for candidate in (m[1], m[1].split(" ", 1)[-1] if " " in m[1].split(" kommun")[0] else m[1]):
            org = lookup_org(candidate, fuzzy=False)
            if org:
                start = m.end() - len(candidate)
                add(start, m.end(), _mention(org.name, "Organisation", line, quote, aliases=[candidate]))
                break
        else:  # a municipality by its form: "Åbrunna kommun"
            name = m[1].split()[-2] + " kommun"
            add(m.end() - len(name), m.end(), _mention(name, "Organisation", line, quote))
    for m in _scan(_RSS, ('rss',), low, text):
        tail = m[1].strip()
        words = tail.split()
        # "RSS Dalarna" / "RSS Jämtland Härjedalen"; "RSS befintliga …" is the bare abbreviation
        if words and words[-1].endswith("s") and lookup_org("Region " + " ".join(words)[:-1], fuzzy=False):
            words[-1] = words[-1][:-1]  # "RSS Dalarnas": the genitive
        if words and words[-1] == "län":  # "RSS Kalmar län"
            name = "RSS " + " ".join(words) if lookup_org("Region " + " ".join(words[:-1]), fuzzy=False) else "RSS"
        else:
            name = "RSS" + (" " + " ".join(words) if words and lookup_org("Region " + " ".join(words), fuzzy=False)
                             else (" " + words[0] if words and (lookup_org("Region " + words[0], fuzzy=False)
                                                                or (_PLACE_LIKE.match(words[0])
                                                                    and not is_first_name(words[0]))) else ""))
        add(m.start(), m.start() + len(name), _mention(name, "Organisation", line, quote))
    for m in _scan(_POLITICAL, ('fullmäktige', 'styrelse', 'nämnd'), low, text):
        name, end = _political_name(m[1]), m.end()
        if name.endswith(("nämnden", "nämnd")) and (district := _DISTRICT.match(text, end)) is not None \
                and (district["compass"] or name.lower().startswith("stadsdelsnämnd")) \
                and not is_first_name(district[0].split()[0]) and district[0].split()[0] not in _ROLE_WORDS:
            name, end = f"{name} {district[0].strip()}", district.end()  # "Stadsdelsnämnden Öster", "Socialnämnden Norr"
        add(m.start(), end, _mention(name, "Council", line, quote))
    for m in _scan(_DELEGATION, ('delegationen', 'myndigheten', 'kansliet', 'styrelsen'), low, text):
        if lookup_org(m[1], fuzzy=False) is None:
            add(m.start(), m.end(), _mention(m[1][0].upper() + m[1][1:], "Organisation", line, quote))
    for m in _scan(_DIVISION, ('division',), low, text):
        add(m.start(), m.end(), _mention(m[1], "Organisation", line, quote))
    if "AB" in text:
        for m in _COMPANY.finditer(text):
            add(m.start(), m.end(), _mention(m[1], "Organisation", line, quote))
    for m in _scan(_UNIT, ('stödet', 'kansliet', 'förbund', 'enheten', 'samverkan'), low, text):
        name = m[1]
        tail = name.split()[-1]
        if " " in name and lookup_org(tail, fuzzy=False) is None and lookup_org("Region " + tail, fuzzy=False) is None \
                and not re.match(r"[A-ZÅÄÖ]\w*samverkan\s|\S+förbundet\s|\S+s\s", name):
            name = name.split()[0]  # "Länsstödet Hälsa": the second word is not a place
        if lookup_org(name, fuzzy=False) is None:
            add(m.start(), m.start() + len(name), _mention(_strip_genitive(name) if name.endswith("ets") else name,
                                                           "Organisation", line, quote))
    for org_name in _known_org_names(text):
        start = text.find(org_name)
        org = lookup_org(org_name, fuzzy=False)
        if org and org.org_type in ("national", "region"):
            add(start, start + len(org_name), _mention(org.name, "Organisation", line, quote, aliases=[org_name]))


@functools.cache
def _known_org_aliases() -> tuple[str, ...]:
    """Every spelling of the lexicon's national bodies and lexicon-named regions, longest first."""
    from loaders.lexicon import known_orgs

    aliases = {
        alias
        for org in known_orgs()
        if org.in_prose and (org.org_type == "national" or (org.org_type == "region" and not org.name.startswith("Region ")))
        for alias in org.aliases
        if len(alias) >= 3
    }
    return tuple(sorted(aliases, key=lambda a: (-len(a), a)))


@functools.cache
def _known_org_index() -> dict[str, tuple[str, ...]]:
    """First word of every spelling -> the spellings that begin with it, longest first."""
    index: dict[str, list[str]] = {}
    for alias in _known_org_aliases():
        index.setdefault(alias.split()[0].split("-")[0], []).append(alias)
    return {k: tuple(v) for k, v in index.items()}


_WORD_AT = re.compile(r"(?<![\w-])[^\W\d_][\w]*")


def _known_org_names(text: str) -> list[str]:
    """The lexicon's national bodies and regions named in ``text``: each word is looked up by its first
    word (a dictionary test per word instead of one alternation of 500 spellings)."""
    index = _known_org_index()
    found: list[str] = []
    for m in _WORD_AT.finditer(text):
        for alias in index.get(m[0], ()):
            end = m.start() + len(alias)
            if text.startswith(alias, m.start()) and (end == len(text) or not (text[end].isalnum() or text[end] in "-_")):
                found.append(alias)
                break
    return list(dict.fromkeys(found))


def agreement_key(name: str) -> str:
    """The comparable core of an agreement's name.

    >>> agreement_key("Överenskommelsen om psykisk hälsa och suicidprevention 2024")
    'psykisk halsa och suicidprevention'
    >>> agreement_key("Hemsjukvårdsavtalet") == agreement_key("överenskommelse om hälso- och sjukvård i hemmet")
    True
    """
    key = fold(name)
    key = re.sub(r"\b(20\d\d)\b", " ", key)
    key = re.sub(r"^(regional[a]? |lansovergripande |lokal[a]? |den |nya |statliga )+", "", key.strip())
    key = re.sub(r"^(tillaggs)?overenskommelse(n|ns)?( om| for| inom)?\b", "", key).strip()
    key = re.sub(r"^(rok|lok)(ar|en)?\b", "", key).strip()
    if key.endswith(("avtalet", "avtalets", "avtal")):
        key = re.sub(r"savtal(et|ets)?$|avtal(et|ets)?$", "", key)
    key = " ".join(key.split())
    return AGREEMENT_SYNONYMS.get(key, key)


def _find_agreements(text, line, quote, ctx, add, low) -> None:
    for m in _scan(_AGREEMENT, ('överenskommelse',), low, text):
        words = m[2].split()
        if words and words[0].lower() in ("om", "för", "inom"):
            words = words[1:]
            offset = 1
        else:
            offset = 0
        topic = _topic(words, inner=AGREEMENT_INNER, limit=12, commas=True)
        if m[1].lower().startswith("överenskommelser"):
            continue
        if m[1].lower().endswith(("överenskommelsen", "överenskommelsens")) and not offset and words and words[0][:1].islower():
            topic = []  # "överenskommelsen tilldelas …": a reference, not a name
        if topic and topic[0][0].isupper() and lookup_org(" ".join(topic[:2]), fuzzy=False):
            topic = []
        if topic:
            name = f"Överenskommelse {'om ' if offset else ''}{' '.join(topic)}"
            if m[1].lower().startswith("länsövergripande"):
                name = "Länsövergripande " + name[0].lower() + name[1:]
            add(m.start(), m.end(1) + len(" ".join(m[2].split()[: len(topic) + offset])) + 1,
                _mention(name, "Agreement", line, quote))
        elif ctx.last.get("Agreement"):
            add(m.start(), m.end(1), ctx.last["Agreement"].model_copy(update={"line": line, "quote": quote}))
    for m in _scan(_ROK, ('rök', 'lök'), low, text):  # "RÖK Missbruk och beroende", "RÖK:ar Barn och ungas hälsa"
        topic = _topic(m[1].split(), inner={"och"}, limit=5)
        if topic:
            add(m.start(), m.start(1) + len(" ".join(topic)), _mention(f"RÖK {' '.join(topic)}".rstrip(","), "Agreement",
                                                                        line, quote))
    for m in _scan(_AVTAL, ('avtal',), low, text):
        word = m[1]
        if word.lower().startswith(_GENERIC_AVTAL) or fold(word) in ("avtalet",):
            continue
        name = _strip_genitive(word)
        name = name[0].upper() + name[1:]
        if not name.endswith("et"):
            name += "et"
        add(m.start(), m.end(), _mention(name, "Agreement", line, quote))


def _find_initiatives(text, line, quote, add, low) -> None:
    for m in _CAMEL.finditer(text):
        add(m.start(), m.end(), _mention(m[1], "Initiative", line, quote))
    for m in _scan(_VERKSAMHET, ('-verksamhet',), low, text):
        add(m.start(), m.end(1), _mention(m[1], "Initiative", line, quote))
    for m in _scan(_PROJECT, ('projekt',), low, text):
        name = m["a"] or m["b"]
        if name and not lookup_org(name, fuzzy=False):
            add(m.start(), m.end(), _mention(name, "Initiative", line, quote))


GROUP_WORDS = re.compile(r"(?i)(grupp|nätverk|råd|överenskommelse|avtal|programområ|kommun|region|förvaltning|division)")


def title_subject(title: str, line: int, ctx: Context) -> Mention | None:
    """An initiative an agenda item is about, from its title ("En väg in (EVI) – Uppdatering …").

    Only short proper-noun subjects count; generic agenda phrases never do.
    """
    subject = re.split(r"\s+[–-]\s+|:\s", title, maxsplit=1)[0].strip()
    subject = re.sub(r"\(Bilaga[^)]*\)", "", subject).strip()
    subject = re.sub(r"^(Aktuellt läge|Uppdatering|Nuläge|Information om|Återkoppling från)\s+(för|kring|om|i|av)?\s*", "", subject)
    abbreviation = None
    m = re.search(r"\s*\(([A-ZÅÄÖ]{2,6})\)", subject)
    if m:
        abbreviation = m[1]
        subject = subject[: m.start()].strip()
    else:
        m = re.match(r"([A-ZÅÄÖ]{2,6})\s*\((.+)\)$", subject)
        if m:
            subject = m[1]
    subject = subject.strip(" ,.")
    if not subject or len(subject.split()) > 3 or not subject[0].isupper():
        return None
    if any(fold(subject).startswith(t) for t in GENERIC_TITLES) or GROUP_WORDS.search(subject) or re.search(r"\d", subject):
        return None
    if lookup_org(subject, fuzzy=False):
        return None
    if re.search(r"\bnätverk", title, re.IGNORECASE) and subject.isupper():
        return _mention(subject, "Network", line, title)
    aliases = [abbreviation] if abbreviation else []
    return _mention(subject, "Initiative", line, title, aliases=aliases)


GENERIC_TITLES = {
    fold(t)
    for t in (
        "Mötets öppnande", "Godkännande av dagordning", "Dagordning", "Föregående minnesanteckningar",
        "Föregående protokoll", "Övriga frågor", "Mötets avslutande", "Val av justerare", "Justering",
        "Nästa möte", "Information", "Beslut", "Rapporter", "Aktuellt", "Workshop", "Dialog", "Skriftlig information",
        "Ekonomi", "Budget", "Uppföljning", "Aktivitetsplan", "Verksamhetsplan", "Årsplanering", "Arbetsordning",
        "Mötesformer", "Presentationsrunda", "Inledning", "Avslutning", "Rekryteringar", "Aktuellt på RSS",
        "Öppnande", "Avslut", "Övrigt", "Val av", "Godkännande", "Anteckningar", "Protokoll", "Kommande",
        "Mötestider", "Lägesrapport", "Återrapport", "Omvärld", "Välkommen", "Presentation", "Paus", "Lunch",
        "Sammanfattning", "Mötet", "Minnesanteckningar", "Fastställande", "Runda", "Tema", "Information från",
    )
}  # fmt: skip


# --- people ------------------------------------------------------------------------------------
_PARTICLES = frozenset({"von", "af", "van", "de", "der"})


def name_token(token: str) -> bool:
    """A capitalised word of letters from any alphabet, not an acronym ("Petrović", "Inga-Lill", "O'Brien").

    >>> name_token("Petrović"), name_token("Inga-Lill"), name_token("RSS"), name_token("ärende")
    (True, True, False, False)
    """
    if token in _PARTICLES:
        return True
    core = token.replace("-", "").replace("'", "").replace("’", "")
    return len(core) >= 2 and core.isalpha() and token[0].isupper() and any(c.islower() for c in core[1:])


def split_names(text: str) -> list[str]:
    """People's names in a run of text written with or without commas.

    >>> split_names("Frida Hellberg Anna Karin Olsson")
    ['Frida Hellberg', 'Anna Karin Olsson']
    >>> split_names("Maria Jonsson, Arne Holmström, Ulrika Forssell")
    ['Maria Jonsson', 'Arne Holmström', 'Ulrika Forssell']
    >>> split_names("Bengt Åke Svahn")
    ['Bengt Åke Svahn']
    """
    out: list[str] = []
    for part in re.split(r",|\s+och\s+|\s+samt\s+|;", text):
        tokens = part.split()
        if not tokens:
            continue
        current: list[str] = []
        for i, token in enumerate(tokens):
            remaining = len(tokens) - i
            if (len(current) >= 2 and is_first_name(token) and remaining >= 2 and not is_first_name(tokens[i + 1])) or (
                len(current) >= 2 and is_first_name(token) and remaining >= 3
            ):
                out.append(" ".join(current))
                current = []
            current.append(token)
        if current:
            out.append(" ".join(current))
    return out


def looks_like_person(name: str) -> bool:
    """Two to four capitalised name words; at least one is a known first name or the shape is clear.

    >>> looks_like_person("Åsa Dedering"), looks_like_person("Region Dalarna"), looks_like_person("Psykiatri och habilitering")
    (True, False, False)
    """
    tokens = name.split()
    if not 2 <= len(tokens) <= 4:
        return False
    if not all(name_token(t) for t in tokens):
        return False
    if tokens[0] in ("von", "af", "van", "de", "der"):
        return False
    if lookup_org(name, fuzzy=False) or GROUP_WORDS.search(name) or TITLE_WORD.search(name):
        return False
    if tokens[0] in ("Region", "Division", "Omställning", "Styrgruppen", "Välfärdsrådet"):
        return False
    return is_first_name(tokens[0]) or len(tokens) == 2


TITLE_WORD = re.compile(
    r"(?i)(chef|direktör|samordnare|ledare|handläggare|strateg|utvecklare|sekreterare|ordförande|controller|"
    r"utredare|läkare|sjuksköterska|expert|ansvarig|specialist|koordinator|rådgivare|tjänsteperson|"
    r"^tf\.?$|^bitr\.?$|^verks|^MAS$|^MAR$|projektledare|representant|ledamot|ersättare|politiker|kommunalråd)"
)


def person_names(text: str) -> list[str]:
    """Names of people in a phrase like "Caroline Mörk och Carina Wadås"."""
    return [n for n in split_names(text) if looks_like_person(n)]


def parse_entity_phrase(phrase: str, line: int, ctx: Context) -> list[Mention]:
    """The mandatees of "gav <phrase> i uppdrag": bodies, organisations or people."""
    phrase = re.sub(r"^(de|den|det|dess|sin|samtliga|alla)\s+", "", phrase.strip(" ,.")).strip()
    if not phrase:
        return []
    mentions = [m for m in find_mentions(phrase, line, ctx) if m.kind != "Initiative"]
    covered = " ".join(m.name for m in mentions)
    people: list[Mention] = []
    for part in re.split(r",|\s+och\s+|\s+samt\s+", phrase):
        part = part.strip()
        if not part or fold(part) in fold(covered):
            continue
        if looks_like_person(part):
            people.append(_mention(part, "Person", line, phrase))
            continue
        matches = ctx.first_name_matches(part) if re.fullmatch(CAP, part) else []
        if len(matches) == 1:
            people.append(_mention(matches[0], "Person", line, phrase))
        elif len(matches) > 1 and is_first_name(part):
            # several people have this first name: keep it as written; the builder leaves it unresolved
            # with a warning naming the candidates, instead of the name vanishing
            people.append(_mention(part, "Person", line, phrase))
        elif part == "RSS" and not any(m.name.startswith("RSS") for m in mentions):
            mentions.append(_mention("RSS", "Organisation", line, phrase))
        elif (holder := ctx.title_holder(part)) is not None and len(part.split()) == 1:
            people.append(_mention(holder, "Person", line, phrase))  # "uppdra åt kommundirektören att …"
    return mentions + people
