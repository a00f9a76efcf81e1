"""The read-only guard for user-written Cypher (``samverkan cypher``): security code.

A statement runs only if (1) its text holds no clause that writes, administers, loads files or
calls procedures, and is one statement; (2) Neo4j's ``EXPLAIN`` classifies it as read-only
(``"r"``; ``execute_read`` alone does not stop a write on a single instance, see PITFALLS); and
(3) it runs in a READ session, in a transaction with a timeout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph.neo4j.connect import default_database

__all__ = ["ReadOnlyRefused", "ReadResult", "check_read_only_text", "run_read_only"]


class ReadOnlyRefused(ValueError):
    """User-written Cypher that may write, load files, call procedures or hold several statements."""


@dataclass
class ReadResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = False
    #: What the server's EXPLAIN noted (cartesian products, unknown labels …), one line each.
    notes: list[str] = field(default_factory=list)


_STRING_OR_COMMENT = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n]*|/\*.*?\*/""",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: Clauses that write, administer or leave the database (Cypher 5 and 25).
_REFUSED_WORDS = {
    "CREATE": "writes (CREATE)",
    "MERGE": "writes (MERGE)",
    "DELETE": "writes (DELETE)",
    "DETACH": "writes (DETACH DELETE)",
    "SET": "writes (SET)",
    "REMOVE": "writes (REMOVE)",
    "FOREACH": "writes (FOREACH)",
    "INSERT": "writes (INSERT)",
    "DROP": "changes the schema (DROP)",
    "ALTER": "administers the server (ALTER)",
    "GRANT": "administers the server (GRANT)",
    "DENY": "administers the server (DENY)",
    "REVOKE": "administers the server (REVOKE)",
    "RENAME": "administers the server (RENAME)",
    "START": "administers the server (START)",
    "STOP": "administers the server (STOP)",
    "TERMINATE": "administers the server (TERMINATE)",
    "ENABLE": "administers the server (ENABLE)",
    "DEALLOCATE": "administers the server (DEALLOCATE)",
    "REALLOCATE": "administers the server (REALLOCATE)",
    "SHOW": "administers the server (SHOW)",
    "USE": "switches database (USE)",
    "LOAD": "reads files or URLs (LOAD CSV)",
    "TRANSACTIONS": "runs batched write transactions (CALL { … } IN TRANSACTIONS)",
    "EXPLAIN": "is already explained by this tool (leave out EXPLAIN)",
    "PROFILE": "runs the query to profile it (leave out PROFILE)",
}
#: Namespaces of built-in functions that read nothing and write nothing.
_ALLOWED_NAMESPACES = {
    "date",
    "datetime",
    "localdatetime",
    "localtime",
    "time",
    "duration",
    "point",
    "vector",
}
_NAMESPACED_CALL = re.compile(r"(?<![\w.$])([A-Za-z_]\w*)((?:\s*\.\s*[A-Za-z_]\w*)+)\s*\(")


def _code_only(cypher_text: str) -> str:
    """The text with string literals emptied, quoted names replaced and comments removed."""

    def repl(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith(("//", "/*")):
            return " "
        if token.startswith("`"):
            return "_quoted_"
        return "''"

    return _STRING_OR_COMMENT.sub(repl, cypher_text)


def _without_comments(cypher_text: str) -> str:
    """The text with comments removed and strings and quoted names kept as they are."""
    return _STRING_OR_COMMENT.sub(
        lambda m: " " if m.group(0).startswith(("//", "/*")) else m.group(0), cypher_text
    )


def check_read_only_text(cypher_text: str) -> str:
    """Refuse (``ReadOnlyRefused``) what can be told from the text alone; return the statement to run.

    >>> check_read_only_text("MATCH (n:Person) RETURN n.name AS name;")
    'MATCH (n:Person) RETURN n.name AS name'
    >>> check_read_only_text("MATCH (n) DETACH DELETE n")
    Traceback (most recent call last):
    ...
    graph.neo4j.guard.ReadOnlyRefused: refused: the query writes (DETACH DELETE); only read-only Cypher can be run here
    """
    text = cypher_text.strip()
    if not text:
        raise ReadOnlyRefused("refused: the query is empty")
    if text.startswith(":"):
        raise ReadOnlyRefused(
            "refused: Browser commands (:param, :use …) are not Cypher; pass parameters with --param"
        )
    code = _code_only(text)
    if "'" in code.replace("''", "") or '"' in code or "`" in code.replace("_quoted_", "") or "/*" in code:
        raise ReadOnlyRefused("refused: unterminated string, quoted name or comment")
    body = code.rstrip().removesuffix(";")
    if ";" in body:
        raise ReadOnlyRefused("refused: several statements; run one statement at a time")
    words = list(_WORD.finditer(code))
    for i, match in enumerate(words):
        word = match.group(0).upper()
        before = code[: match.start()].rstrip()
        after = code[match.end() :].lstrip()
        if before.endswith((".", ":", "$")) or (after.startswith(":") and not after.startswith("::")):
            continue  # a property, label, parameter or map key, not a clause
        if word == "CALL":
            nxt = after[:1]
            if nxt not in ("{", "("):
                raise ReadOnlyRefused(
                    "refused: the query calls a procedure (CALL name(…)); only CALL { subquery } is allowed"
                )
            continue
        if word == "CYPHER" and i == 0:
            raise ReadOnlyRefused("refused: query options (CYPHER …) are not accepted here")
        reason = _REFUSED_WORDS.get(word)
        if reason:
            raise ReadOnlyRefused(f"refused: the query {reason}; only read-only Cypher can be run here")
    for match in _NAMESPACED_CALL.finditer(code):
        namespace = match.group(1)
        full = namespace + re.sub(r"\s+", "", match.group(2))
        if namespace.lower() not in _ALLOWED_NAMESPACES:
            raise ReadOnlyRefused(
                f"refused: the query calls {full}(…); procedures and plugin functions (db., dbms., apoc. …) are not allowed"
            )
    return _without_comments(text).strip().removesuffix(";").rstrip()


def run_read_only(
    driver,
    cypher_text: str,
    params: dict[str, Any] | None = None,
    timeout_s: float = 10,
    *,
    database: str | None = None,
    max_rows: int = 1000,
) -> ReadResult:
    """Run user-written Cypher only if it cannot write.

    1. text-level refusals (:func:`check_read_only_text`), before anything reaches the server;
    2. ``EXPLAIN``: only query type ``"r"`` is accepted (``execute_read`` alone does not stop a
       write on a single instance);
    3. the query itself in a READ access-mode session, in a transaction with a timeout.
    """
    from neo4j import READ_ACCESS, Query, unit_of_work

    statement = check_read_only_text(cypher_text)
    params = dict(params or {})
    database = default_database(database)
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        explained = session.run(Query("EXPLAIN " + statement, timeout=timeout_s), params).consume()  # type: ignore[arg-type]
        query_type = getattr(explained, "query_type", None)
        if query_type != "r":
            raise ReadOnlyRefused(
                f"refused: Neo4j classifies the query as {query_type!r}, not read-only ('r')"
            )

        notes = [
            f"{getattr(n, 'title', '')}: {getattr(n, 'description', '')}".strip(": ")
            for n in (getattr(explained, "summary_notifications", None) or [])
        ]

        @unit_of_work(timeout=timeout_s)
        def work(tx) -> ReadResult:
            result = tx.run(statement, params)
            columns = list(result.keys())
            rows: list[dict[str, Any]] = []
            truncated = False
            for record in result:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(record.data())
            result.consume()
            return ReadResult(columns=columns, rows=rows, truncated=truncated, notes=notes)

        return session.execute_read(work)
