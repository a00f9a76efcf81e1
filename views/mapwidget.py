"""The map as a two-way Streamlit component: vis-network draws, a click or double-click comes back.

The front end is ``views/map_frontend/`` (``index.html``, ``map.js`` and vis-network 9.1.2, the copy
pyvis 0.3.2 ships, byte for byte), served by the app's own server: nothing is fetched from the
internet. :func:`map_events` mounts it with the payload of :func:`views.graphmap.map_payload` and
returns the newest gesture once: ``{"event": "select", "node": id}``, ``{"event": "select",
"edge": key}``, ``{"event": "clear"}`` or ``{"event": "focus", "node": id}``.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

__all__ = ["FRONTEND", "map_events", "new_event"]

FRONTEND = Path(__file__).resolve().parent / "map_frontend"
_NAME = "samverkan_map"


def _component():
    # Declared on every call: cheap, and registers the front end with whichever runtime runs the
    # script (a server, or a fresh AppTest), not only the first one that imported this module.
    return components.declare_component(_NAME, path=str(FRONTEND))


def new_event(value: Any, handled: MutableMapping[str, Any], key: str) -> dict | None:
    """The component's value if it is a gesture not handled yet (each carries its own ``seq``);
    ``handled[key]`` remembers the last one (the session state in the app).

    >>> seen = {}
    >>> click = {"event": "select", "node": "a", "seq": 1}
    >>> new_event(click, seen, "k")["node"], new_event(click, seen, "k")
    ('a', None)
    """
    if not isinstance(value, dict) or "event" not in value:
        return None
    seq = value.get("seq")
    if handled.get(key) == seq:
        return None
    handled[key] = seq
    return value


def map_events(payload: dict[str, Any], key: str = "karta_klick") -> dict | None:
    """Draw the map; the newest click or double-click, once (None when there is none)."""
    value = _component()(**payload, key=key, default=None)
    return new_event(value, st.session_state, f"_{key}_handled")
