"""Stage 1 of reading: the reader's lines -> ``Line`` records with their layout.

Whatever the format a document came in (plain text from a PDF, Markdown, text converted from
LaTeX or Typst, DOCX paragraphs), its structure shows in a few layout features per line: a
heading marker (``#``, a setext underline, a line that is bold and nothing else), a list marker
and its indentation, table cells (TABs, ``|``, wide gaps between columns), code fences and rules.
This module reads those features once, in one pass, and hands every later stage clean text.

>>> lines = layout(["# Protokoll", "", "- **Närvarande:** Anna", "Namn | Ja", "Beslut", "------"])
>>> [(x.heading, x.bullet, x.text) for x in lines]
[(1, '', 'Protokoll'), (0, '', ''), (0, '-', 'Närvarande: Anna'), (0, '', 'Namn\\tJa'), (2, '', 'Beslut'), (0, '', '')]
>>> lines[3].cells
('Namn', 'Ja')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["BOLD_HEADING", "BULLET_MARK", "Line", "layout"]

#: a list marker at the start of a cleaned line, for text that did not come through ``layout``
BULLET_MARK = re.compile(r"^\s*(?:[*•·▪◦-]|–(?=\s))\s+")
#: heading level given to a line that is bold and nothing else ("**Rekapitulering**")
BOLD_HEADING = 5

# One expression per line: indentation, an ATX heading mark or a block quote, a list marker.
_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<atx>#{1,6})[ \t]+|>[ \t]?)?"
    r"(?P<bullet>[-*+•·▪◦●○■□➢►✓–](?=[ \t])|\\item\b)?[ \t]*(?P<rest>.*)"
)
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_RULE = re.compile(r"^\s*(?:[-*_=~.…]\s*){3,}$|^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX_CLOSE = re.compile(r"\s+#+\s*$")
# emphasis markers, not the words: **x**, __x__, *x*, _x_, ~~x~~, `x`
_EMPHASIS = re.compile(r"\*\*|__|~~|(?<![\w*\\])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_])|`")
_BOLD_ONLY = re.compile(r"^(\*{2,3}|_{2,3})(?P<text>[^*_].*?)\1[\\:]?\s*:?$")
_ITALIC_ONLY = re.compile(r"^[*_](?P<text>[^*_].*?)[*_]\s*(?P<colon>:?)\\?$")
_CHECKBOX = re.compile(r"^\[[ xX]\]\s*")
_STRAY_QUOTES = re.compile(r"(?:(?<=\s)|^)[‘’`´]")
_COLUMN_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
_PIPE_ROW = re.compile(r"^\|?[^|]*\|[^|]*")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)


@dataclass(slots=True)
class Line:
    """One line of a document as the later stages see it."""

    n: int  # 1-based number in the reader's text: what sources cite
    raw: str
    text: str  # markers and emphasis removed, white space folded; table cells joined by TAB
    indent: int = 0  # leading white space, a TAB counted as four
    bullet: str = ""  # the list marker ("-", "*", "•" …), "" when the line is not a bullet
    heading: int = 0  # 1–6: ATX or setext level, BOLD_HEADING for a bold-only line; 0 otherwise
    code: bool = False  # inside a code fence
    rule: bool = False  # a horizontal rule, setext underline or table separator
    flat: bool = False  # a piece of a flattened line (``flat.split_flattened``)
    mark: bool = False  # starts with a section mark the flattened document repeats in order ("8 Öppnande …")
    running: bool = False  # a page's running head ("Kommunala pensionärsrådet 10 april (10)"), not a heading
    pos: int = 0  # 1-based position in the list the stages walk (differs from ``n`` after a flattened
    # line was cut into pieces); the stages count in positions, ``minutes._renumber`` maps them to ``n``

    @property
    def cells(self) -> tuple[str, ...]:
        return tuple(self.text.split("\t")) if "\t" in self.text else (self.text,)

    @property
    def blank(self) -> bool:
        return not self.text

    def __repr__(self) -> str:  # short in test failures
        return f"Line({self.n}, {self.text!r})"


_MARKUP = re.compile(r"[*_~`<\[‘’´]")


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\u200b", "")
    if _MARKUP.search(text):  # most lines carry no markup: skip its four passes
        text = _HTML_BREAK.sub(" ", text)
        text = _LINK.sub(lambda m: m[1] or m[2], text)
        text = _EMPHASIS.sub("", text)
        text = _STRAY_QUOTES.sub("", text)
    text = text.replace("\\", " ").rstrip()
    if "|" in text and _PIPE_ROW.match(text) and text.count("|") >= 1:
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
    elif "\t" not in text and "   " not in text:
        return " ".join(text.split())
    else:
        cells = _COLUMN_GAP.sub("\t", text).split("\t")
    cells = [" ".join(c.split()) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    return "\t".join(cells)


def _tail_start(rest: str) -> int:
    """Where the trailing white space and line-break backslash of a line start, in linear time.

    >>> _tail_start("Beslut  \\\\ "), _tail_start("a" + " " * 5 + "b")
    (6, 7)
    """
    end = len(rest.rstrip(" \t"))
    if end and rest[end - 1] == "\\":
        end = len(rest[: end - 1].rstrip(" \t"))
    return end


def layout(raw_lines: list[str]) -> list[Line]:
    """Every line of the reader's text, numbered from 1, with its layout features."""
    out: list[Line] = []
    in_code = False
    for n, raw in enumerate(raw_lines, start=1):
        if _FENCE.match(raw):
            in_code = not in_code
            out.append(Line(n, raw, "", code=True))
            continue
        if in_code:
            out.append(Line(n, raw, "", code=True))
            continue
        if _SETEXT.match(raw) and out and out[-1].text and not out[-1].bullet and not out[-1].heading \
                and len(raw.strip()) >= 2:
            # "Agenda\n------": the underline makes the line above a heading
            out[-1].heading = 1 if raw.strip()[0] == "=" else 2
            out.append(Line(n, raw, "", rule=True))
            continue
        if _RULE.match(raw):
            out.append(Line(n, raw, "", rule=True))
            continue
        m = _LINE.match(raw)
        indent = len(m["indent"].expandtabs(4))
        rest = m["rest"]
        rest = rest[: _tail_start(rest)]
        heading = len(m["atx"]) if m["atx"] else 0
        if heading:
            rest = _ATX_CLOSE.sub("", rest)
        bullet = m["bullet"] or ""
        if bullet == "\\item":
            bullet = "-"
        if not heading and not bullet and (b := _BOLD_ONLY.match(rest.strip())):
            heading = BOLD_HEADING + (1 if len(b[1]) == 3 else 0)
            rest = b["text"] + (":" if rest.rstrip("\\ ").endswith(":") and not b["text"].endswith(":") else "")
        elif not heading and not bullet and (i := _ITALIC_ONLY.match(rest.strip())) and i["colon"]:
            rest = i["text"] + ":"  # "_Actionpunkt_:" is a label, read by its words
        if bullet:
            rest = _CHECKBOX.sub("", rest)  # "- [ ] Boka möte", "- [x] …"
        text = _clean(rest)
        out.append(Line(n, raw, text, indent=indent, bullet=bullet, heading=heading))
    from loaders.reading.flat import split_flattened

    out = split_flattened(out)
    for k, line in enumerate(out, start=1):
        line.pos = k
    return out
