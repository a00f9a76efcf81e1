"""Stage 2 of reading: lines -> sections (agenda items, attendance lists, action lists, signatures).

Minutes mark their agenda items in one of a few ways, and each document uses one of them:

    §-sections          "§ 12 Val av justerare", "§ 45  Dnr KS 2023/12" + title on the next line
    numbered items      "1. Mötets öppnande", "Punkt 3: Ekonomi", "4 a) Information: …"
    headings            Markdown "## Terms of Use", setext underlines, a bold-only line
    plain headings      a short line alone after a blank line, no full stop ("Krokpunkten")

The scheme is chosen per document (the first that the document uses with conviction, in that
order); lines that open other blocks — attendance lists, action points, signatures, header
fields — are never items. Every section knows its first and last line, so later stages read the
lines of one section at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from loaders.reading.cues import (
    ACTION_HEADS,
    ATTENDANCE,
    DECISION_HEADS,
    HEADER_FIELDS,
    PROPOSAL_HEADS,
    SIGNATURE,
    title_match,
)
from loaders.reading.dates import MONTHS, find_dates
from loaders.reading.layout import Line

__all__ = ["Section", "find_sections", "title_continues"]

# "§ 12", "§12.", "§ 12 Val av justerare", "Paragraf 12"
_PARAGRAPH = re.compile(r"^(?:§§?|Paragraf)\s*(?P<num>\d{1,4})(?P<sub>[a-z])?\b[.:]?\s*(?P<title>.*)$")
# "1. Mötets öppnande", "1) …", "Punkt 3: Ekonomi", "Ärende 4 Budget", "3.2 Lägesrapport"
_NUMBERED = re.compile(
    r"^(?:(?:Punkt|Pkt\.?|Ärende|Ärendepunkt)\s+(?P<pnum>\d{1,2})\s*[.:)–-]?\s+|(?P<num>\d{1,2})(?:\.(?P<dec>\d{1,2}))?"
    r"(?:[.)]\s+|:\s*(?=[A-ZÅÄÖ]))"
    r"|(?P<bare>\d{1,2})\s+(?=[A-ZÅÄÖ]))(?P<title>\S.*)$"
)
# "a) Information: …", "4a. …", "4 a) …"
_LETTERED = re.compile(r"^(?:(?P<num>\d{1,2})\s?)?(?P<letter>[a-h])[).]\s+(?P<title>\S.*)$")
_ITEM_TYPE = re.compile(
    r"^(?:Skriftlig\s+)?(?:Information|Beslut|Dialog|Workshop|Diskussion|Rapport|Återrapport(?:ering)?|Presentation|"
    r"Beredning|Uppföljning|Beslutsärende|Informationsärende|Diskussionsärende)\b"
)
_PRESENTER_NEAR = re.compile(r"(?i)^(?:Föredragande|Föredragare|Presentatör|Ansvarig)\b")
_DNR_LINE = re.compile(r"(?i)^(?:Dnr|Diarienummer|Diarienr|Ärendenr)\b|^[A-ZÅÄÖ]{2,5}\s?\d{4}/\d+")
_SENTENCE_END = re.compile(r"[.!?]$")
_DATE_OR_CLOCK = re.compile(r"\d{1,4}([-–./:]\d{1,2})*|\b(?:" + "|".join(MONTHS) + r")\b\.?|\b(?:den|kl)\b\.?", re.I)
_CLOCK_ONLY = re.compile(r"^(?:kl\.?\s*)?\d{1,2}[.:]\d\d(?:\s*[-–]\s*\d{1,2}[.:]\d\d)?$", re.I)


@dataclass
class Section:
    """A run of lines with one role. ``kind`` is one of "item", "attendance", "action", "signature",
    "title" or "part" (a heading that only groups the items under it)."""

    kind: str
    number: str  # the item's label: "12", "5a", or the heading's words when it has no number
    title: str
    start: int  # index of the heading line
    body: int  # index of the first line after the heading (and the title lines that continue it)
    end: int  # index after the last line
    level: int = 0
    numbered: bool = False
    part: str | None = None  # the "part" heading above an item ("Beslutspunkter")

    def lines(self, lines: list[Line]) -> list[Line]:
        return lines[self.body : self.end]


@dataclass
class _Head:
    index: int
    level: int
    number: str
    title: str
    scheme: str  # "paragraph", "numbered", "lettered", "heading", "plain", "bullet"
    numbered: bool


def _block_kind(text: str) -> str | None:
    """A heading's own role when it opens a block that is not an agenda item."""
    if _is_field(text) or (find_dates(text) and len(_DATE_OR_CLOCK.sub("", text).split()) <= 1):
        return "field"  # "## Plats", "## 3 December 2020"
    if ATTENDANCE.match(text) and len(text) < 200:
        return "attendance"
    if ACTION_HEADS.match(text) and len(text) < 80:
        return "action"
    sig = SIGNATURE.match(text)
    if sig and sig.value == "skip" and len(text) < 60:
        return "signature"
    return None


def _is_field(text: str) -> bool:
    m = HEADER_FIELDS.match(text)
    return bool(m) and m.value != "body" and len(text) < 80


# --- candidates of each scheme ----------------------------------------------------------------
# "Fhr 39 Justering", "Sn 49 Sammanträdets öppnande", "142 Fastställande av dagordning": a section mark
# written as the body's abbreviation and a number (or a bare number), confirmed by repetition
_ABBR_MARK = re.compile(r"^(?:\d{1,3}\s+(?=\d{1,3}\s+[A-ZÅÄÖ]{2}))?(?P<abbr>[A-ZÅÄÖ][A-Za-zåäö]{0,3}(?:\s+§)?|§)?\s*(?P<num>\d{1,3})\s+(?P<title>[A-ZÅÄÖ].*)$")


def _abbr_heads(lines: list[Line]) -> list[_Head]:
    groups: dict[str, list[tuple[int, int, str]]] = {}
    for i, line in enumerate(lines):
        if line.code or line.bullet or not line.text or len(line.text) < 8:
            continue
        m = _ABBR_MARK.match(line.text.replace("\t", " "))
        if m and (m["abbr"] or len(m["num"]) >= 2 or line.mark) and not find_dates(line.text[: m.end("num") + 1]):
            groups.setdefault(m["abbr"] or ("#m" if line.mark else "#"), []).append((i, int(m["num"]), m["title"]))
    heads: list[_Head] = []
    for abbr, found in groups.items():
        steps = sum(1 for a, b in pairwise(found) if 0 < b[1] - a[1] <= 3)
        if len(found) >= 2 and steps >= max(1, (len(found) - 1) * 2 // 3) and (abbr != "#" or len(found) >= 3):
            # "#m": bare numbers the flattened text already confirmed as its numbering (two are enough)
            heads.extend(_Head(i, 1, str(n), _flat_title(t), "paragraph", True) for i, n, t in found)
    return sorted(heads, key=lambda h: h.index)


def _flat_title(text: str) -> str:
    """The title at the start of a flattened section: up to its first full stop or the next capital
    word ("Föreslagen dagordning Mötet godkänner …" -> "Föreslagen dagordning")."""
    words = text.split()
    out: list[str] = []
    for k, word in enumerate(words):
        if k and (word[:1].isupper() and not word.isupper() and k > 0 and not words[k - 1].endswith(("-", "och"))):
            break
        out.append(word)
        if word.endswith((".", ":")) or len(out) >= 10:
            break
    return " ".join(out).rstrip(".:")


def _paragraph_heads(lines: list[Line]) -> list[_Head]:
    heads = []
    for i, line in enumerate(lines):
        if line.code or not line.text.startswith(("§", "Paragraf")):
            continue
        m = _PARAGRAPH.match(line.cells[0] if len(line.cells) > 1 and not line.cells[0][1:].strip().isdigit()
                             else line.text.replace("\t", " "))
        if not m:
            continue
        title = m["title"].strip()
        if re.match(r"^[-–]\s*\d", title) or re.match(r"(?i)^\d", title):
            continue  # "§§ 45–60": a range in a header
        if _DNR_LINE.match(title):
            title = ""
        if not title:  # the title is on the next lines: "§ 12\nDnr KS 2023/12\nVal av justerare"
            for j in range(i + 1, min(i + 5, len(lines))):
                t = lines[j].text
                if t and not _DNR_LINE.match(t) and not _CLOCK_ONLY.match(t):
                    title = t.replace("\t", " ")
                    break
        heads.append(_Head(i, 1, m["num"] + (m["sub"] or ""), title, "paragraph", True))
    return heads


def _numbered_heads(lines: list[Line]) -> list[_Head]:
    out = []
    for i, line in enumerate(lines):
        if line.code or not line.text or line.indent > 8:
            continue
        text = line.text.replace("\t", " ")
        m = _NUMBERED.match(text)
        if not m:
            if (alone := _NUMBER_ALONE.match(text)) is not None and (title := _title_below(lines, i)):
                out.append(_Head(i, 2, alone[1], title, "numbered", True))  # "2." + "Sekreterare Till …"
            continue
        title = m["title"].strip()
        number = m["pnum"] or m["num"] or m["bare"]
        if m["bare"] and (line.bullet or (not line.heading and not line.flat and len(title.split()) > 8)):
            continue
        if line.flat and len(title.split()) > 8:
            title = " ".join(title.split()[:8])  # a flattened page: the mark's title ran on into the text
        words = title.split()
        if not title[:1].isupper() or len(title) > 160 or title.endswith((",", ";")):
            continue
        if _SENTENCE_END.search(title) and len(words) > 8:
            continue
        if m["dec"]:
            number = f"{number}.{m['dec']}"
        out.append(_Head(i, 2 if not m["dec"] else 3, number, title, "numbered", True))
    return out


_NUMBER_ALONE = re.compile(r"^(\d{1,2})\.$")


def _title_below(lines: list[Line], i: int) -> str:
    """The title of an item whose number stands alone ("2." over "Sekreterare Till sekreterare utsågs …"):
    the next line's words up to its first full stop or the next capitalised word, at most six."""
    nxt = next((x for x in lines[i + 1 : i + 3] if x.text), None)
    if nxt is None or not nxt.text[:1].isupper() or nxt.bullet:
        return ""
    words = nxt.text.split()
    title = [words[0]]
    for w in words[1:6]:
        if w[:1].isupper() or title[-1].endswith((".", ":")):
            break
        title.append(w)
    return " ".join(title).rstrip(".:")


def _runs(heads: list[_Head]) -> list[list[_Head]]:
    """Increasing sequences of item numbers (1, 2, 3 … allowing one gap); decimals stay with their item."""
    runs: list[list[_Head]] = []
    current: list[_Head] = []
    last = None
    for h in heads:
        if "." in h.number:
            if current and h.number.split(".")[0] == current[-1].number.split(".")[0]:
                current.append(h)
            continue
        n = int(h.number)
        if last is not None and 0 < n - last <= 2:
            current.append(h)
            last = n
            continue
        if current:
            runs.append(current)
        current, last = ([h], n) if n <= 3 else ([], None)
    if current:
        runs.append(current)
    return runs


def _content(lines: list[Line], heads: list[_Head], end: int) -> int:
    """Non-blank lines between the heads of a run: a run with no content is an agenda list."""
    total = 0
    for k, h in enumerate(heads):
        stop = heads[k + 1].index if k + 1 < len(heads) else min(end, h.index + 40)
        total += sum(1 for x in lines[h.index + 1 : stop] if x.text)
    return total


def _best_run(lines: list[Line], heads: list[_Head]) -> list[_Head]:
    runs = [r for r in _runs(heads) if sum(1 for h in r if "." not in h.number) >= 2]
    if not runs:
        return []
    scored = []
    for k, run in enumerate(runs):
        end = runs[k + 1][0].index if k + 1 < len(runs) else len(lines)
        scored.append((_content(lines, run, end), len(run), run))
    best = max(scored, key=lambda t: (t[0] > len(t[2]), t[1], t[0]))
    chosen = [best[2]]
    # a second numbering of its own (decision items, then information items) when it has content too
    for content, size, run in scored:
        if run is not best[2] and size >= 3 and content >= 2 * size and not _overlaps(run, chosen):
            chosen.append(run)
    return sorted((h for run in chosen for h in run), key=lambda h: h.index)


def _overlaps(run: list[_Head], chosen: list[list[_Head]]) -> bool:
    lo, hi = run[0].index, run[-1].index
    return any(not (hi < c[0].index or lo > c[-1].index) for c in chosen)


def _lettered_heads(lines: list[Line], mains: list[_Head]) -> list[_Head]:
    """"a) Information: BIRK" under item 4 becomes 4a, when the genre's cues say it is an item."""
    out = []
    if not mains:
        return out
    k = 0
    last_letter = ""
    for i, line in enumerate(lines):
        while k + 1 < len(mains) and mains[k + 1].index <= i:
            k += 1
            last_letter = ""
        main = mains[k]
        if i <= main.index:
            continue
        m = _LETTERED.match(line.text.replace("\t", " "))
        if not m or (m["num"] and m["num"] != main.number):
            continue
        expected = chr(ord(last_letter) + 1) if last_letter else "a"
        if m["letter"] != expected:
            continue
        follows = " ".join(x.text for x in lines[i + 1 : i + 6])
        if m["num"] or _ITEM_TYPE.match(m["title"]) or re.search(r"Föredragande\s*:", follows) or line.heading:
            out.append(_Head(i, 3, f"{main.number}{m['letter']}", m["title"], "lettered", True))
            last_letter = m["letter"]
    return out


def _markdown_heads(lines: list[Line]) -> list[_Head]:
    out = []
    for i, line in enumerate(lines):
        if line.heading and line.text:
            text = line.text.replace("\t", " ")
            m = _NUMBERED.match(text) if not text[:1].isalpha() else None
            if m and (m["num"] or m["pnum"]):
                number = m["pnum"] or m["num"]
                out.append(_Head(i, line.heading, number + (f".{m['dec']}" if m["dec"] else ""), m["title"].strip(),
                                 "heading", True))
            else:
                out.append(_Head(i, line.heading, text.rstrip(":").strip(), text.rstrip(":").strip(), "heading", False))
    return out


def _plain_heads(lines: list[Line]) -> list[_Head]:
    """Short lines standing alone after a blank line, as text converted from LaTeX or Typst has them."""
    out = []
    for i, line in enumerate(lines):
        text = line.text
        if not text or line.bullet or line.indent > 4 or "\t" in text:
            continue
        if i > 0 and lines[i - 1].text and not _plain_previous_ok(lines[i - 1]):
            continue
        nxt = next((x for x in lines[i + 1 : i + 4] if x.text), None)
        words = text.split()
        if nxt is None or len(words) > 8 or len(text) > 70 or _SENTENCE_END.search(text) or not text[0].isupper():
            continue
        if _is_field(text) or text.endswith(",") or _CLOCK_ONLY.match(text) or _is_decision_label(text):
            continue
        out.append(_Head(i, 7, text.rstrip(":").strip(), text.rstrip(":").strip(), "plain", False))
    return out


def _is_decision_label(text: str) -> bool:
    """"Beslut", "Förslag till beslut": labels inside an item, never items of their own."""
    m = DECISION_HEADS.match(text) or PROPOSAL_HEADS.match(text)
    return bool(m) and not m.rest


def _plain_previous_ok(line: Line) -> bool:
    return bool(line.rule)


# --- choosing and building --------------------------------------------------------------------
def _choose(lines: list[Line]) -> list[_Head]:
    paragraphs = _paragraph_heads(lines)
    if len(paragraphs) >= 2:
        return paragraphs
    marks = _abbr_heads(lines)
    if len(marks) >= 2:
        return marks
    markdown = [h for h in _markdown_heads(lines) if not _block_kind(h.title)]
    numbered = _best_run(lines, _numbered_heads(lines))
    numbered_items = [h for h in numbered if not _block_kind(h.title)]
    if numbered_items and (len(markdown) <= 2 or sum(1 for h in markdown if h.numbered) >= len(numbered_items) - 1):
        mains = [h for h in numbered if "." not in h.number]
        heads = numbered + _lettered_heads(lines, mains)
        if markdown and not any(h.numbered for h in markdown):
            heads += [_Head(h.index, 0, h.number, h.title, "part", False) for h in markdown
                      if h.index < numbered[0].index or h.level <= 2]
        return sorted(heads, key=lambda h: h.index)
    if markdown:
        return markdown
    if paragraphs:
        return paragraphs
    plain = _plain_heads(lines)
    filled = sum(1 for x in lines if x.text)
    if len(plain) > 0.45 * filled:
        return []  # every line stands alone (a web page's text): no headings to go by
    return plain


def find_sections(lines: list[Line]) -> list[Section]:
    """The document's sections in order; lines before the first one are its header."""
    heads = [h for h in _choose(lines) if not lines[h.index].running]  # a page's running head is no heading
    # heading lines that open attendance, action or signature blocks, wherever the scheme put them
    chosen = {h.index for h in heads}
    for i, line in enumerate(lines):
        if i in chosen or not line.text:
            continue
        kind = _block_kind(line.text)
        if kind == "action" and not line.heading:
            continue  # "_Actionpunkt_:" inside an item is read with the item
        if kind and not line.text.endswith(".") and (
                line.heading or (lines[i - 1].text == "" if i else True) or line.text.rstrip().endswith(":")
                or (line.flat and kind != "field")):
            if kind == "attendance" and ATTENDANCE.match(line.text).rest and not line.heading:
                continue  # "Närvarande: Anna, Bo" is a list on one line, read where it stands
            heads.append(_Head(i, line.heading or 8, line.text.rstrip(":"), line.text.rstrip(":"), kind, False))
    heads.sort(key=lambda h: h.index)
    sections: list[Section] = []
    title_done = False
    for k, h in enumerate(heads):
        end = heads[k + 1].index if k + 1 < len(heads) else len(lines)
        kind = _block_kind(h.title) or ("part" if h.scheme == "part" else "item")
        if kind == "field" and h.numbered and not _is_field(h.title):
            kind = "item"  # "2. Föregående anteckningar 2025-10-06" is an item, dated
        if h.scheme in ("attendance", "action", "signature", "field"):
            kind = h.scheme
        if not title_done and kind == "item" and not h.numbered and title_match(h.title) and (
                k == 0 or all(len(s.title.split()) <= 3 and not any(x.text for x in lines[s.body : s.end])
                              for s in sections)):
            kind = "title"  # the first heading, or the first after a web page's "Till innehåll"
            for before in sections:
                before.kind = "part"
        title_done = title_done or kind == "title" or len(h.title.split()) > 3
        body = h.index + 1
        title = h.title
        if h.scheme in ("numbered", "lettered") and kind == "item" and not lines[h.index].flat:
            title, body = _title_continues(lines, h.index, end, title)
        sections.append(Section(kind, h.number, title, h.index, body, end, h.level, h.numbered))
    sections = _prose_after_blocks(sections, lines)
    _mark_parts(sections, lines)
    return _bullet_topics(sections, lines)


_PROSE = re.compile(r"[a-zåäö]{3,}\s+[a-zåäö]{2,}\s+[a-zåäö]{2,}")


def _prose_after_blocks(sections: list[Section], lines: list[Line]) -> list[Section]:
    """A signature or field block ends where prose begins: a flattened page ("Underskrifter … Justerande …")
    is followed by the items' pages, which no heading announced; they are read as an unlabelled item."""
    out: list[Section] = []
    for s in sections:
        out.append(s)
        if s.kind not in ("signature", "field"):
            continue
        k = next((k for k in range(s.body, s.end) if len(lines[k].text.split()) >= 12 and _PROSE.search(lines[k].text)
                  and _SENTENCE_END.search(lines[k].text.rstrip(" )"))), None)
        if k is None:
            continue
        end, s.end = s.end, k
        out.append(Section("item", "", "", k, k, end))
    return out


def _bullet_topics(sections: list[Section], lines: list[Line]) -> list[Section]:
    """In notes kept as a bullet tree, a short top-level bullet with bullets under it is an item of
    its own ("- Advent of code" / "  - Beslut: En leaderboard …")."""
    out: list[Section] = []
    for s in sections:
        out.append(s)
        if s.kind != "item":
            continue
        body = [k for k in range(s.body, s.end) if lines[k].text and not lines[k].code]
        bullets = [k for k in body if lines[k].bullet]
        if len(bullets) < 3 or len(bullets) < 0.6 * len(body):
            continue
        base = min(lines[k].indent for k in bullets)
        topics = []
        for k in bullets:
            line = lines[k]
            nxt = next((x for x in lines[k + 1 : s.end] if x.text), None)
            if line.indent == base and nxt is not None and nxt.bullet and nxt.indent > base \
                    and len(line.text.split()) <= 8 and not _SENTENCE_END.search(line.text) \
                    and not line.text.endswith(":"):
                topics.append(k)
        if len(topics) < 2:
            continue
        end = s.end
        s.end = topics[0]
        for n, k in enumerate(topics):
            stop = topics[n + 1] if n + 1 < len(topics) else end
            # a topic's own block ends where the next top-level bullet without children starts
            title = lines[k].text.replace("\t", " ")
            out.append(Section("item", title, title, k, k + 1, stop, s.level + 1, False, part=s.title))
    return out


def _mark_parts(sections: list[Section], lines: list[Line]) -> None:
    """An unnumbered heading followed directly by a deeper heading only groups what follows it."""
    part = None
    for k, s in enumerate(sections):
        if s.kind == "part":
            part = s.title
            continue
        nxt = sections[k + 1] if k + 1 < len(sections) else None
        empty = not any(x.text for x in lines[s.body : s.end])
        if s.kind == "item" and not s.numbered and empty and nxt is not None and nxt.kind == "item" and (
                nxt.level > s.level or (s.level == nxt.level == 7)):
            s.kind = "part"
            part = s.title
            continue
        if s.kind == "item":
            s.part = part


def _title_continues(lines: list[Line], index: int, end: int, title: str) -> tuple[str, int]:
    return title_continues([x.text for x in lines], index, end, title)


def title_continues(texts: list[str], index: int, end: int, title: str) -> tuple[str, int]:
    """A title wrapped onto the next line ("4. Information om … och" / "samverkan"): the whole title
    and the index of the first line after it."""
    body = index + 1
    parts = [title]
    while body < end and texts[body] and _continues(parts[-1], texts[body]):
        parts.append(texts[body])
        body += 1
    return " ".join(parts), body


def _continues(previous: str, line: str) -> bool:
    if _NUMBERED.match(line) or _LETTERED.match(line) or _PRESENTER_NEAR.match(line):
        return False
    if re.search(r"\s(beslutade|beslutar|beslöt)\b", line) or "\t" in line:
        return False
    if line.startswith("(") or line[:1].islower():
        return not _SENTENCE_END.search(previous)
    return bool(re.search(r"\b(och|om|för|vid|av|till|inom|mellan|i|med|kring|samt|–|-)$", previous))
