"""The ``samverkan`` parser and the one wrapper that turns errors into a message and an exit status.

Exit status: 0 on success; 1 when a file failed to load or a command could not run; 2 when a
question cannot be answered as asked (unknown name, no store) or no Neo4j server answers; argparse
exits 2 on a usage error. An error is one line on stderr: ``samverkan COMMAND: what went wrong``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from graph.neo4j.guard import ReadOnlyRefused
from graph.store import DEFAULT_STORE, EmbeddedStore, StoreError
from queries.common import QueryError, parse_day

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_UNANSWERABLE",
    "CommandError",
    "add_store_arg",
    "build_parser",
    "date_arg",
    "main",
    "run",
]

EXIT_OK, EXIT_FAILED, EXIT_UNANSWERABLE = 0, 1, 2


class CommandError(Exception):
    """A command's own failure, with the exit status it ends in (raised by the command modules)."""

    def __init__(self, message: str, status: int = EXIT_FAILED):
        super().__init__(message)
        self.status = status


#: Library errors any command may meet: their message is shown as it is, the exit status is the
#: command's ``error_status`` (2 for the questions, 1 otherwise).
LIBRARY_ERRORS: tuple[type[BaseException], ...] = (StoreError, QueryError, ReadOnlyRefused, OSError)


def run(args: argparse.Namespace) -> int:
    """Run the chosen command; the one place where an error becomes a message and an exit status.

    A command on the embedded store first brings it up to date (``loaders.pipeline.ensure_fresh``:
    migrates an old store, rebuilds a graph marked out of date by a kill or a failed rebuild)."""
    try:
        if getattr(args, "store", None) and getattr(args, "fresh_store", True):
            from loaders.pipeline import ensure_fresh

            if ensure_fresh(EmbeddedStore(args.store)):
                print(f"grafen i {args.store} var inaktuell (ett avbrutet eller misslyckat kommando): "
                      "byggd på nytt", file=sys.stderr)  # fmt: skip
        return int(args.func(args) or EXIT_OK)
    except BrokenPipeError:  # `samverkan export | head`
        return EXIT_OK
    except CommandError as exc:
        message, status = str(exc), exc.status
    except LIBRARY_ERRORS as exc:
        message, status = str(exc) or type(exc).__name__, args.error_status
    print(f"samverkan {args.command}: {message}", file=sys.stderr)
    return status


def add_store_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", default=str(DEFAULT_STORE), help=f"store folder (default: {DEFAULT_STORE})"
    )


def date_arg(value: str) -> str:
    """An argparse type: a date as ISO (``2025-09-26``, ``26 september 2025`` …)."""
    try:
        return parse_day(value).isoformat()
    except QueryError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def build_parser() -> argparse.ArgumentParser:
    from samverkan_cli import neo4j_commands, query_commands, store_commands

    parser = argparse.ArgumentParser(
        prog="samverkan",
        description="Samverkanskartan: collaboration structures as a knowledge graph, built from minutes "
        "and mandates.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    store_commands.register(sub)
    query_commands.register(sub)
    neo4j_commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
