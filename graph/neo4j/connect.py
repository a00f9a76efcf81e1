"""Connecting to a Neo4j server: explicit arguments or ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_PASSWORD``."""

from __future__ import annotations

import os

__all__ = ["DEFAULT_URI", "DEFAULT_USER", "connect", "default_database"]

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"


def connect(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    *,
    verify: bool = True,
):
    """A driver from explicit arguments or ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_PASSWORD``.

    With ``verify`` (the default) the server is contacted once, so an unreachable server or a
    wrong password raises ``neo4j.exceptions.ServiceUnavailable``/``AuthError`` here.
    """
    from neo4j import GraphDatabase

    uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
    user = user or os.environ.get("NEO4J_USER") or DEFAULT_USER
    password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
    auth = (user, password) if password else None
    driver = GraphDatabase.driver(uri, auth=auth)
    if verify:
        try:
            driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
    return driver


def default_database(database: str | None = None) -> str | None:
    return database or os.environ.get("NEO4J_DATABASE") or None
