"""Manual corrections, stored in ``corrections.json`` and applied after every rebuild.

The app issue builds the real thing here (merge, rename, change kind, add/remove edge, mark wrong,
undo). Until then corrections are stored and applied as nothing changes.
"""

from __future__ import annotations

from typing import Any

from graph.models import GraphData

__all__ = ["apply_corrections"]


def apply_corrections(graph: GraphData, corrections: list[dict[str, Any]]) -> GraphData:
    return graph
