"""Sentences of a run of numbered lines, each keeping the line it starts on.

>>> [(s.line, s.text) for s in sentences([(3, "Mötet öppnades. Dagordningen"), (4, "godkändes.")])]
[(3, 'Mötet öppnades.'), (3, 'Dagordningen godkändes.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "sentences"]


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int  # line where the sentence starts
    end_line: int


# a sentence ends before a capital or a list mark, and before "att" after a full stop: a flattened page's
# decision clause ("… till kommuninvånarna. att anteckna informationen")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ•\-–(]|att\s)|(?<=:)\s+(?=[•\-–])")
_ABBREVIATIONS = (
    "bl.a.",
    "t.ex.",
    "kl.",
    "s.k.",
    "m.m.",
    "resp.",
    "ca.",
    "dvs.",
    "fr.o.m.",
    "t.o.m.",
    "nr.",
    "tf.",
)


def sentences(lines: list[tuple[int, str]]) -> list[Sentence]:
    """Split numbered lines into sentences; each keeps the line it starts on.

    A blank line ends a sentence only where the text before it ends like one, because some
    converters double every line break (the seeds have blank lines inside sentences).
    """
    out: list[Sentence] = []
    buf: list[str] = []
    buf_lines: list[int] = []

    def flush() -> None:
        if buf:
            text = " ".join(buf)
            start_offsets = []
            pos = 0
            for part, ln in zip(buf, buf_lines, strict=True):
                start_offsets.append((pos, ln))
                pos += len(part) + 1
            cursor = 0
            for piece in _split(text):
                idx = text.find(piece, cursor)
                cursor = idx + len(piece)
                start_ln = max((ln for off, ln in start_offsets if off <= idx), default=buf_lines[0])
                end_ln = max((ln for off, ln in start_offsets if off <= cursor - 1), default=start_ln)
                if piece.strip():
                    out.append(Sentence(piece.strip(), start_ln, end_ln))
            buf.clear()
            buf_lines.clear()

    for number, raw in lines:
        line = raw.strip()
        if not line:
            if buf and re.search(r"[.!?:]$", buf[-1]):
                flush()
            continue
        if line.startswith(("•", "- ", "– ")) and buf:
            flush()
        elif buf and buf[0].startswith(("•", "- ", "– ")) and line[:1].isupper():
            flush()  # a list item ends where a line starts with a capital: the text goes on after the list
        buf.append(line)
        buf_lines.append(number)
    flush()
    return out


def _split(text: str) -> list[str]:
    protected = text
    for abbr in _ABBREVIATIONS:
        protected = protected.replace(abbr, abbr.replace(".", "\x00"))
    return [p.replace("\x00", ".") for p in _SENTENCE_END.split(protected)]
