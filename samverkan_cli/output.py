"""Terminal output of the command line: aligned tables and JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

__all__ = ["format_table", "print_json"]


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
