"""``samverkan push | cypher``: the Neo4j commands, over ``graph.neo4j``.

No server reachable or a wrong password ends in exit status 2; a refused or failing query, or no
store to push, in 1. Driver errors become one line here (with where it happened); the main wrapper
prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from graph.store import DEFAULT_STORE, EmbeddedStore
from samverkan_cli.main import EXIT_FAILED, EXIT_OK, CommandError

__all__ = ["parse_param", "register"]

#: No server, or it refused the user: the same status as an unanswerable question.
EXIT_NO_SERVER = 2


def parse_param(text: str) -> tuple[str, Any]:
    """``k=v`` -> ``("k", v)``, v parsed as JSON when it parses.

    >>> parse_param("name=Processgrupp primärvård"), parse_param("limit=5"), parse_param("ids=[1, 2]")
    (('name', 'Processgrupp primärvård'), ('limit', 5), ('ids', [1, 2]))
    """
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key.isidentifier():
        raise ValueError(f"--param {text!r}: expected NAME=VALUE")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def _where(args: argparse.Namespace) -> str:
    from graph.neo4j.connect import DEFAULT_URI

    return args.uri or os.environ.get("NEO4J_URI") or DEFAULT_URI


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _connect(args: argparse.Namespace):
    """A verified driver, or a CommandError saying why there is none."""
    from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

    from graph.neo4j.connect import connect

    try:
        return connect(args.uri, args.user, args.password)
    except ServiceUnavailable as exc:
        raise CommandError(
            f"no Neo4j server reachable at {_where(args)} ({_first_line(exc)}); start one with `docker compose up`",
            EXIT_NO_SERVER,
        ) from exc
    except AuthError as exc:
        raise CommandError(
            f"Neo4j at {_where(args)} refused the user name or password ({_first_line(exc)})", EXIT_NO_SERVER
        ) from exc
    except (ValueError, ConfigurationError) as exc:  # a malformed URI
        raise CommandError(f"cannot connect to {_where(args)!r}: {exc}", EXIT_NO_SERVER) from exc


def push_command(args: argparse.Namespace) -> int:
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    from graph.neo4j.writer import DryRunDriver, push

    store = EmbeddedStore(args.store)
    if not store.exists():
        raise CommandError(
            f"no store at {args.store}: run `samverkan ingest PATH --store {args.store}` first"
        )
    graph = store.graph()
    driver = DryRunDriver() if args.dry_run else _connect(args)
    try:
        report = push(graph, driver, database=args.database, batch_size=args.batch_size)
    except ServiceUnavailable as exc:
        raise CommandError(
            f"lost the Neo4j server at {_where(args)} during the push ({_first_line(exc)})", EXIT_NO_SERVER
        ) from exc
    except Neo4jError as exc:
        raise CommandError(f"Neo4j refused the push: {_first_line(exc)}") from exc
    finally:
        driver.close()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        prefix = "dry run, nothing written: " if args.dry_run else ""
        print(f"{prefix}{report.summary()}; {report.statements} statements")
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


def cypher_command(args: argparse.Namespace) -> int:
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    from graph.neo4j.guard import check_read_only_text, run_read_only

    try:
        params = dict(parse_param(p) for p in args.param)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    check_read_only_text(args.query)  # refuse before connecting to anything
    driver = _connect(args)
    try:
        result = run_read_only(
            driver, args.query, params, timeout_s=args.timeout, database=args.database, max_rows=args.max_rows
        )
    except ServiceUnavailable as exc:
        raise CommandError(
            f"lost the Neo4j server at {_where(args)} ({_first_line(exc)})", EXIT_NO_SERVER
        ) from exc
    except Neo4jError as exc:
        raise CommandError(f"Neo4j: {_first_line(exc)}") from exc
    finally:
        driver.close()
    print(
        json.dumps(
            {"columns": result.columns, "rows": result.rows}, ensure_ascii=False, indent=1, default=str
        )
    )
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    if result.truncated:
        print(f"warning: only the first {args.max_rows} rows are shown", file=sys.stderr)
    return EXIT_OK


def _connection_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("Neo4j connection (defaults from NEO4J_URI, NEO4J_USER, …)")
    group.add_argument("--uri", help="bolt:// or neo4j:// address (NEO4J_URI, default bolt://localhost:7687)")
    group.add_argument("--user", help="user name (NEO4J_USER, default neo4j)")
    group.add_argument("--password", help="password (NEO4J_PASSWORD)")
    group.add_argument("--database", help="database name (NEO4J_DATABASE, default the server's default)")


def register(sub) -> None:
    """Add ``push`` and ``cypher`` to the main parser's subparsers."""
    push = sub.add_parser(
        "push",
        help="write the graph to a Neo4j server (replaces what changed, removes what is gone)",
        description="Push the embedded store's graph to Neo4j. Pushing the same graph again changes nothing.",
    )
    push.add_argument(
        "--store", type=Path, default=DEFAULT_STORE, help=f"store folder (default {DEFAULT_STORE})"
    )
    _connection_args(push)
    push.add_argument("--batch-size", type=int, default=1000, help="rows per transaction (default 1000)")
    push.add_argument(
        "--dry-run", action="store_true", help="connect to nothing; print how many statements would be sent"
    )
    push.add_argument("--json", action="store_true", help="print the report as JSON")
    push.set_defaults(func=push_command, error_status=EXIT_FAILED)

    cyp = sub.add_parser(
        "cypher",
        help="run one read-only Cypher query on the Neo4j server",
        description=(
            "Run one read-only Cypher statement. Writes, LOAD CSV, procedure calls, CALL … IN TRANSACTIONS "
            "and several statements are refused before anything runs; Neo4j's EXPLAIN must then "
            "classify the query as read-only."
        ),
    )
    cyp.add_argument("query", help='the Cypher statement, e.g. "MATCH (g:ProcessGroup) RETURN g.name"')
    cyp.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="K=V",
        help="a parameter; V is read as JSON when it parses (3, true, [1,2]) and as text otherwise",
    )
    _connection_args(cyp)
    cyp.add_argument(
        "--timeout", type=float, default=10.0, help="transaction timeout in seconds (default 10)"
    )
    cyp.add_argument("--max-rows", type=int, default=1000, help="rows to print at most (default 1000)")
    cyp.set_defaults(func=cypher_command, error_status=EXIT_FAILED)
