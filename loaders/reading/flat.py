"""Text that a PDF extraction flattened: a whole page on one line, labels glued to their values.

    1 VILHELMINA KOMMUN PROTOKOLL 1(54) Plats och tid Folkets Hus, … Beslutande Kristina Ödlund, ordf. …
    Folkhälsorådet 2009-09-24 3 Fhr 40 Föreslagen dagordning Mötet godkänner föreslagen dagordning.
    Utses att justeraMoa Hellqvist

Such a line is cut into several ``Line`` records at the places a printed page would have broken it:
before a label of the protocol's front page ("Beslutande", "Utses att justera", "Paragrafer" …) and
before a section mark ("§ 12", "Fhr 40", a bare "142 Fastställande av dagordning") that the
document uses more than once in order. The pieces keep the source line's number, so every fact
still cites the line it was read from.

>>> [x.text for x in split_flattened(layout(["Plats och tid Kommunhuset kl 13 Beslutande Anna Ek (S) Utses att justeraBo Al"]))]
['Plats och tid Kommunhuset kl 13', 'Beslutande Anna Ek (S)', 'Utses att justera Bo Al']
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from itertools import pairwise

from loaders.reading.layout import Line, layout

__all__ = ["split_flattened"]

#: labels of a protocol's front page, as printed (capitalised; a glued value may follow directly)
FRONT_LABELS = (
    "Plats och tid", "Tid och plats", "Sammanträdesdatum", "Sammanträdesdag", "Beslutande", "Närvarande ledamöter",
    "Närvarande ersättare", "Närvarande", "Ledamöter", "Tjänstgörande ersättare", "Ej tjänstgörande ersättare",
    "Ej tjänstgörande", "Icke tjänstgörande ersättare", "Ersättare", "Övriga deltagande", "Övriga deltagare",
    "Övriga närvarande", "Övriga", "Frånvarande", "Meddelat förhinder", "Anmält förhinder", "Adjungerade", "I tjänsten", "Särskilt inbjudna", "Utses att justera",
    "Justeringens plats och tid", "Justeringens plats", "Justering", "Underskrifter", "Underskrift", "Paragrafer",
    "Sekreterare", "Ordförande", "Justerande", "ANSLAG/BEVIS", "BEVIS OM ANSLAG", "Organ", "Nämnd/Styrelse",
    "Datum för anslags uppsättande", "Datum för anslags nedtagande", "Datum då anslaget sätts upp",
    "Datum då anslaget tas ned", "Förvaringsplats för protokollet", "Tid för anslag", "Diarienummer", "Plats",
)  # fmt: skip
_LABEL = re.compile(
    r"(?:(?<![\w-])|(?<=[0-9]))(?:" + "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in sorted(FRONT_LABELS, key=len,
                                                                                             reverse=True))
    + r")(?=[\s:.…]|[A-ZÅÄÖ0-9_])"
)
# "§ 12", "Fhr 40", "Sn 49", "KS § 45": a section mark; a bare number mark only after a full stop
_MARK = re.compile(r"(?:(?<=\s)|^)(?P<mark>(?:(?P<abbr>[A-ZÅÄÖ][A-Za-zåäö]{0,3})\s+)?§\s*(?P<n1>\d{1,3})"
                   r"|(?P<abbr2>[A-ZÅÄÖ][A-Za-zåäö]{0,3})\s+(?P<n2>\d{1,3})(?=\s+[A-ZÅÄÖ])"
                   r"|(?<=[.!?:)]\s)(?P<n3>\d{1,3})(?=\s+[A-ZÅÄÖ][a-zåäö])"
                   r"|(?<=[\w.!?)]\s)(?P<n4>\d{1,2})[.:](?=\s*[A-ZÅÄÖ][a-zåäö]))")
_MARK_AT_START = re.compile(r"^(?:(?:[A-ZÅÄÖ][A-Za-zåäö]{0,3}\s+)?§\s*\d{1,3}|[A-ZÅÄÖ][A-Za-zåäö]{0,3}\s+\d{1,3}"
                            r"(?=\s+[A-ZÅÄÖ])|\d{1,3}(?:[.:]\s*|\s+)(?=[A-ZÅÄÖ]))")
_LONG = 160
_LIST_LABEL = re.compile(r"(?:Beslutande|Närvarande|Ledamöter|Ersättare|Tjänstgörande ersättare|Ej tjänstgörande|"
                         r"Övriga deltagare|Övriga närvarande|Övriga deltagande|Frånvarande|Adjungerade)\b")
_CAPS_HEAD = re.compile(r"^(?:\d{1,3}\s+){1,2}(?:§\s*\d{1,3}\s+)?[A-ZÅÄÖ]{2,}(?:[\s,/-]+[A-ZÅÄÖ]{2,})*(?=\s+[A-ZÅÄÖ][a-zåäö])")


# "… gicks igenom. Beslut: Styrgruppen beslutade …": a decision or presenter label after a full stop
_INNER_LABEL = re.compile(r"(?<=[.!?]\s)(?=(?:Beslut|Förslag till beslut|Beslutsunderlag|Föredragande)\s*:)")


def _label_cuts(text: str) -> list[int]:
    # "Erling Backlund PRO, Ordförande Åke …": after a comma the word is the role of the name before it
    cuts = [m.start() for m in _LABEL.finditer(text)
            if not (m[0] in ("Ordförande", "Sekreterare") and text[: m.start()].rstrip().endswith(","))]
    glued = any(k and not text[k - 1].isspace() for k in cuts)
    return (cuts if len(cuts) >= 2 or glued else []) + [m.start() for m in _INNER_LABEL.finditer(text)]


def _marks(lines: list[Line]) -> dict[str, list[int]]:
    """Section marks the document repeats in increasing order: prefix -> their numbers."""
    seen: dict[str, list[int]] = defaultdict(list)
    first: dict[str, tuple[int, int]] = {}
    for k, line in enumerate(lines):
        if len(line.text) < 40:
            continue
        for m in _MARK.finditer(line.text):
            key = _key(m)
            seen[key].append(int(m["n1"] or m["n2"] or m["n3"] or m["n4"]))
            first.setdefault(key, (k, m.start()))
    marks = {k: v for k, v in seen.items() if len(v) >= 2 and sum(1 for a, b in pairwise(v) if 0 < b - a <= 3)
             >= max(1, (len(v) - 1) // 2)}
    if "#" in marks and "n." in marks:
        # "1 Val av justerare Beslut 1. Rosmarie … 2. Ester … 2 Den nationella …": bare numbers and "1." both
        # count up; the one that starts first numbers the items, the other the clauses inside them
        del marks["n." if first["#"] < first["n."] else "#"]
    return marks


def _key(m: re.Match) -> str:
    return "§" if m["n1"] else "n." if m["n4"] else (m["abbr2"] or "#")


def _mark_cuts(text: str, marks: dict[str, list[int]]) -> list[int]:
    cuts = []
    for m in _MARK.finditer(text):
        key = _key(m)
        if key in marks and m.start() > 0:
            cuts.append(m.start())
    if "#" in marks:
        cuts.extend(_chained_numbers(text, marks["#"]))
    return sorted(set(cuts))


_BARE_NUMBER = re.compile(r"(?<=\s)(\d{1,3})(?=\s+[A-ZÅÄÖ][a-zåäö])")


def _chained_numbers(text: str, confirmed: list[int]) -> list[int]:
    """ "44 Fastställande av dagordning att fastställa dagordningen 45 Val av justerare …": bare numbers without a
    full stop before them, taken where they continue the numbering the document confirmed elsewhere (one or
    two more than the number before, within the confirmed range)."""
    lo, hi = min(confirmed) - 3, max(confirmed) + 3
    out, last = [], None
    for m in _BARE_NUMBER.finditer(text):
        n = int(m[1])
        if lo <= n <= hi and (last is None or 0 < n - last <= 2):
            out.append(m.start(1))
            last = n
    return out


# "3 Kommunala pensionärsrådet 10 april (10) 8 Öppnande …": a page's number and running head before its text
_RUNNING_HEAD = re.compile(r"^\d{1,3}\s+(?P<head>[A-ZÅÄÖ][^()]{3,80}?\s*\(\d{1,3}\))\s+(?=\S)")


def _running_heads(lines: list[Line]) -> set[str]:
    """Running heads that start two or more flattened pages."""
    seen: dict[str, int] = defaultdict(int)
    for line in lines:
        if len(line.text) >= 40 and (m := _RUNNING_HEAD.match(line.text)) is not None:
            seen[m["head"]] += 1
    return {head for head, n in seen.items() if n >= 2}


def split_flattened(lines: list[Line]) -> list[Line]:
    """Lines with long flattened ones cut into pieces (each keeps its source line number)."""
    marks = _marks(lines)
    heads = _running_heads(lines)
    out: list[Line] = []
    for line in lines:
        text = line.text
        after_head = False
        if heads and (m := _RUNNING_HEAD.match(text)) is not None and m["head"] in heads:
            out.append(replace(line, text=m["head"], flat=True, running=True))  # alone, without the page number
            line = replace(line, text=text[m.end() :], flat=True)
            text, after_head = line.text, True
        if len(text) < 40 and not _glued(text):
            out.append(line)
            continue
        labels = _label_cuts(text)
        glued = any(k and not text[k - 1].isspace() for k in labels)  # "… 1992Ledamöter Närvarande"
        lists = [k for k in labels if _LIST_LABEL.match(text, k)]
        if len(lists) >= 2 and lists[0] == 0:
            pass  # "Ej tjänstgörande Märta Lind … Övriga deltagare Susanna Falk": one list after another
        elif len(labels) < 3 and len(text) <= _LONG and not glued:
            # a short line with one or two label words is a sentence, not a flattened page
            labels = [m.start() for m in _INNER_LABEL.finditer(text)]
        cuts = sorted(set(labels + _mark_cuts(text, marks)) - {0})
        if not cuts and (caps := _CAPS_HEAD.match(text)) is not None:
            # "3 18 FÖREGÅENDE MÖTESPROTOKOLL Inga synpunkter …": a page of its own per paragraph, the title in
            # capitals, the text after it on the same line
            out.append(replace(line, text=text[: caps.end()], flat=True))
            out.append(replace(line, text=text[caps.end() :].strip(), flat=True))
            continue
        if not cuts:
            out.append(replace(line, text=_unglue(text)) if _glued(text) else line)
            continue
        bounds = [0, *cuts, len(text)]
        at_marks = set(_mark_cuts(text, marks)) | ({0} if after_head or _opens_numbering(text, marks) else set())
        for a, b in pairwise(bounds):
            piece = _unglue(text[a:b].strip())
            if not piece:
                continue
            m = _MARK_AT_START.match(piece)
            head = _head_length(piece[m.end() :]) if m and (a in cuts or a == 0) else 0
            if head:
                # "Fhr 40 Föreslagen dagordning Mötet godkänner …": the mark and title, then the text; a mark of
                # the document's own numbering (confirmed by its repetition) is a section's start
                out.append(replace(line, text=piece[: m.end() + head].strip(), flat=True, mark=a in at_marks))
                out.append(replace(line, text=piece[m.end() + head :].strip(), flat=True))
            else:
                out.append(replace(line, text=piece, flat=True, mark=bool(m) and a in at_marks))
    return out


def _opens_numbering(text: str, marks: dict[str, list[int]]) -> bool:
    """ "1 Justerare Ingrid Sjödin utses … 2 Reflektion …": the line starts with the number before the first
    one its numbering repeats later."""
    m = re.match(r"(\d{1,3})\s+[A-ZÅÄÖ]", text)
    return bool(m) and any(int(m[1]) == min(v) - 1 or int(m[1]) == min(v) for v in marks.values())


def _head_length(rest: str) -> int:
    """How much of the text after a section mark is the section's title: up to its first full stop or
    the next capitalised word that starts the text ("Föreslagen dagordning Mötet godkänner …")."""
    words = list(re.finditer(r"\S+", rest))
    for k, w in enumerate(words):
        word = w[0]
        if k >= 2 and word == "att" and words[k - 1][0] not in ("för", "om", "än", "så"):
            return w.start()  # "Fastställande av dagordning att fastställa dagordningen": the clause begins
        if k and word[:1].isupper() and not word.isupper() and not words[k - 1][0].endswith(("-", ",")):
            return w.start()
        if word.endswith((".", ":")) or k >= 9:
            return w.end() if k + 1 < len(words) else 0
    return 0


_GLUED = re.compile(r"^(?P<label>" + _LABEL.pattern + r")(?P<value>[A-ZÅÄÖ0-9].*)$")


_LABEL_PREFIXES = tuple(sorted({label.split()[0] for label in FRONT_LABELS}))


def _glued(text: str) -> bool:
    return text.startswith(_LABEL_PREFIXES) and bool(_GLUED.match(text))


def _unglue(text: str) -> str:
    """ "Utses att justeraMoa Hellqvist" -> "Utses att justera Moa Hellqvist"."""
    m = re.match(r"^(" + _LABEL.pattern + r")(?=[A-ZÅÄÖ0-9])", text)
    return f"{m[1]} {text[m.end():]}" if m else text


if __name__ == "__main__":  # pragma: no cover
    import sys
    from pathlib import Path

    for x in split_flattened(layout(Path(sys.argv[1]).read_text(encoding="utf-8").splitlines())):
        print(x.n, x.text[:120])
