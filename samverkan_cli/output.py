"""Terminal output of the command line: aligned tables and JSON."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any

__all__ = ["format_table", "print_json", "shown"]


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]], max_width: int = 70) -> str:
    """Columns padded to their widest cell (cut at ``max_width``), a rule under the headers.

    >>> print(format_table(["Namn", "Typ"], [["Rådet", "Råd"], ["Nätverket", "Nätverk"]]))
    Namn       Typ
    ---------  -------
    Rådet      Råd
    Nätverket  Nätverk
    """

    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    body = [[cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in body:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def print_json(data: Any, indent: int = 2) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


#: C0 and C1 controls, DEL, and the line and paragraph separators and bidi overrides that could
#: forge or hide a line in a terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(name: object) -> str:
    r"""A file name (or any text from outside) as a terminal line may show it: control characters
    escaped, so a newline in a name cannot forge a ``FEL`` line.

    >>> shown("ok.txt\nFEL fake.txt: x\x1b[31m")
    'ok.txt\\nFEL fake.txt: x\\x1b[31m'
    """
    return _CONTROL.sub(lambda m: repr(m[0])[1:-1] if m[0] in "\n\r\t" else f"\\u{ord(m[0]):04x}"
                        if ord(m[0]) > 0xFF else f"\\x{ord(m[0]):02x}", str(name))  # fmt: skip
