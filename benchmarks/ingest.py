"""Ingest throughput on synthetic minutes of about 20 KB each (fixed seed, fictitious names).

Generates ``--n`` documents (default 400) in a temporary folder, in varied layouts: plain text
with a name-first attendance table, TAB-separated rows or an inline "Närvarande:" paragraph,
Markdown with a pipe table; numbered or § items, lettered sub-items, "Föredragande:" lines,
"<body> beslutade:" blocks with att-clauses, "Beslut:" lines, reported decisions, commissions and
sums of money in the narrative. Then it measures, on one core:

- parse only: ``parse_document`` on lines already read (the parsers and the fragment builder);
- read only: ``read_document`` (decode and clean);
- the full ``loaders.pipeline.ingest`` into a new store (read, hash, parse, save, rebuild);
- the rebuild alone (entity resolution over all fragments, and writing graph.json);
- a second ingest of the same files (all unchanged);
- peak memory: the process's maxrss, and tracemalloc's peak during one rebuild.

Target: at least 200 documents of 20 KB per second on one core for the full ingest.

    python benchmarks/ingest.py                # a table
    python benchmarks/ingest.py --n 100 --json # the figures as JSON on stdout
    python benchmarks/ingest.py --profile      # and the top functions of a cProfile'd ingest
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.store import EmbeddedStore
from loaders.pipeline import ingest, parse_document, rebuild
from loaders.readers import read_document
from loaders.resolve import resolve

TARGET_DOCS_PER_S = 200.0
DOC_BYTES = 20_000

_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"]  # fmt: skip
_FIRST = ["Agda", "Birger", "Dagny", "Einar", "Folke", "Gunvor", "Hjalmar", "Ingeborg", "Joel", "Kerstin", "Leif",
          "Märta", "Nore", "Ottilia", "Pontus", "Ragna", "Sixten", "Tyra", "Ulf", "Vera", "Yngve", "Åke", "Ella",
          "Orvar"]  # fmt: skip
_SUR_A = [
    "Ek",
    "Björk",
    "Gran",
    "Lind",
    "Ask",
    "Rönn",
    "Al",
    "Sten",
    "Sjö",
    "Dal",
    "Holm",
    "Fjäll",
    "Myr",
    "Ler",
]
_SUR_B = ["lund", "gren", "qvist", "ström", "mark", "berg", "dahl", "ling", "vall", "bäck", "näs", "hed"]
_TOPIC = ["äldreomsorg", "barn och unga", "psykisk hälsa", "beroende", "rehabilitering", "demens", "digital vård",
          "hemsjukvård", "korttidsplatser", "suicidprevention", "anhörigstöd", "nära vård"]  # fmt: skip
_NETWORK_STEM = ["Omsorgschefs", "Socialchefs", "Förvaltningschefs", "Hälsochefs", "Länschefs", "Vårdchefs",
                 "Fritidschefs", "Elevhälso"]  # fmt: skip
_COUNCIL_STEM = ["Omsorgs", "Välfärds", "Samverkans", "Hälso"]
_VERBS = ["redovisade", "berättade om", "informerade om", "presenterade", "lyfte", "sammanfattade"]
_FILLER = [
    "Arbetet har pågått sedan i höstas och flera kommuner har deltagit i workshops.",
    "Diskussionen visade att behoven skiljer sig mellan inlandet och kustkommunerna.",
    "Underlaget skickas ut till samtliga ledamöter efter mötet.",
    "Frågan har tidigare behandlats i beredningsgruppen och i nätverkets arbetsutskott.",
    "Flera deltagare betonade vikten av en gemensam uppföljning med tydliga mått.",
    "En enkät till verksamheterna visar att bemanningen är den största utmaningen.",
    "Representanter från brukarorganisationerna har lämnat synpunkter på förslaget.",
    "Regionen och kommunerna har tagit fram en gemensam tidplan för införandet.",
]


@dataclass
class World:
    """The fictitious county the documents are about: its municipalities, bodies and people."""

    region: str
    county_short: str
    municipalities: list[str]
    networks: list[str]
    councils: list[str]
    people: list[tuple[str, str]]  # (name, organisation as tables write it)


def _municipalities() -> tuple[str, str, list[str]]:
    data = Path(__file__).resolve().parent.parent / "loaders" / "data"
    rows = [line.split("\t") for line in (data / "municipalities.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]  # fmt: skip
    county = "Västernorrlands län"
    names = [r[0] for r in rows if len(r) > 1 and r[1] == county] or ["Härnösand", "Sundsvall", "Kramfors"]
    return "Region Västernorrland", "Västernorrland", names


def make_world(rng: random.Random) -> World:
    region, short, municipalities = _municipalities()
    networks = [f"{stem}nätverket" for stem in _NETWORK_STEM]
    councils = [f"{stem}rådet" for stem in _COUNCIL_STEM]
    seen: set[str] = set()
    people: list[tuple[str, str]] = []
    while len(people) < 600:
        name = f"{rng.choice(_FIRST)} {rng.choice(_SUR_A)}{rng.choice(_SUR_B)}"
        if name in seen:
            continue
        seen.add(name)
        org = rng.choice([*municipalities, *municipalities, region, f"RSS {short}"])
        people.append((name, org))
    return World(region, short, municipalities, networks, councils, people)


def _typo(name: str, rng: random.Random) -> str:
    """Now and then a surname loses or doubles a letter, as in real minutes."""
    first, last = name.split(" ", 1)
    if len(last) < 6 or rng.random() > 0.08:
        return name
    i = rng.randrange(2, len(last) - 1)
    return f"{first} {last[:i] + last[i + 1 :] if rng.random() < 0.5 else last[:i] + last[i] + last[i:]}"


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.choice([2024, 2025, 2026]), rng.randrange(1, 13), rng.randrange(1, 28)


def _date_forms(y: int, m: int, d: int) -> list[str]:
    return [f"{y}-{m:02d}-{d:02d}", f"{d} {_MONTHS[m - 1]} {y}", f"{y % 100:02d}{m:02d}{d:02d}"]


def _att_clauses(rng: random.Random, world: World, body: str) -> list[str]:
    out = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        kind = rng.random()
        topic = rng.choice(_TOPIC)
        if kind < 0.45:
            out.append("att lägga informationen till handlingarna")
        elif kind < 0.65:
            out.append(f"att ge Styrgruppen för {body} i uppdrag att ta fram ett förslag om {topic}")
        elif kind < 0.8:
            person = rng.choice(world.people)[0]
            out.append(f"att uppdra åt {person} att sammanställa en lägesbild om {topic}")
        else:
            out.append(f"att anta handlingsplanen för {topic} {rng.choice([2025, 2026])}")
    return out


def _narrative(rng: random.Random, world: World, body: str, presenter: str) -> list[str]:
    y, m, d = _date(rng)
    topic = rng.choice(_TOPIC)
    lines = [f"{presenter} {rng.choice(_VERBS)} arbetet med {topic} i länet. {rng.choice(_FILLER)}"]
    roll = rng.random()
    if roll < 0.3:
        lines.append(f"Vid styrgruppens möte den {d} {_MONTHS[m - 1]} {y} beslutades att "
                     f"Regional processgrupp {topic} ska lämna en rapport.")  # fmt: skip
    elif roll < 0.5:
        amount = rng.randrange(100, 20_000) * 1000
        lines.append(
            f"Länet har tilldelats {amount:,} kr för {y} inom Överenskommelse om {topic}.".replace(",", " ")
        )
    elif roll < 0.65:
        lines.append(
            f"Styrgruppen uppdrar åt {rng.choice(world.people)[0]} att kalla till ett möte om {topic}."
        )
    for _ in range(rng.randrange(2, 6)):
        lines.append(rng.choice(_FILLER))
    return lines


def make_document(index: int, rng: random.Random, world: World) -> tuple[str, str]:
    """(file name, text) of one synthetic minutes document of about DOC_BYTES bytes."""
    markdown = rng.random() < 0.3
    council = rng.random() < 0.2
    body = rng.choice(world.councils if council else world.networks)
    if rng.random() < 0.15 and not council:
        body = f"Styrgruppen för {body}"
    y, m, d = _date(rng)
    attendees = rng.sample(world.people, rng.randrange(12, 30))
    out: list[str] = []
    h = "# " if markdown else ""
    title = rng.choice(["Minnesanteckningar", "Protokoll", "Mötesanteckningar"])
    out += [f"{h}{title} {body}", ""]
    if rng.random() < 0.4:
        out.append(f"Datum: {_date_forms(y, m, min(d + 3, 28))[0]}")
    out += [f"Mötesdatum: {rng.choice(_date_forms(y, m, d))}", "Tid: 09.00–12.00",
            f"Plats: {rng.choice(world.municipalities)}, Kommunhuset", ""]  # fmt: skip
    layout = "md" if markdown else rng.choice(["columns", "tabs", "inline"])
    if layout == "inline":
        parts = [
            f"{_typo(n, rng)}{' (ordf)' if i == 0 else ''}, {org}" for i, (n, org) in enumerate(attendees)
        ]
        out += ["Närvarande: " + "; ".join(parts) + ".", ""]
    else:
        out.append("## Närvarande" if markdown else "Närvarande:")
        if markdown:
            out += ["", "| Namn | Organisation |", "|---|---|"]
        for i, (name, org) in enumerate(attendees):
            name = _typo(name, rng) + (" (ordf)" if i == 0 else "")
            if markdown:
                out.append(f"| {name} | {org} |")
            elif layout == "tabs":
                out.append(f"{name}\t{org}")
            else:
                out.append(f"{name:<32}{org}")
        out.append("")
    number, item = 0, 0
    while sum(len(line) + 1 for line in out) < DOC_BYTES - 600:
        number += 1
        subs = ["a", "b", "c"][: rng.choice([0, 0, 0, 2, 3])]
        heading = f"§ {number}" if not markdown and rng.random() < 0.3 else f"{number}."
        topic = rng.choice(_TOPIC).capitalize()
        out.append(f"## {heading} {topic}" if markdown else f"{heading} {topic}")
        for letter in subs or [""]:
            item += 1
            presenter, org = rng.choice(attendees)
            if letter:
                out += [
                    "",
                    f"{letter}) {rng.choice(['Information', 'Beslut', 'Dialog'])}: {rng.choice(_TOPIC)}",
                ]
            out.append(f"Föredragande: {presenter}, {org}")
            out.append("")
            out += _narrative(rng, world, body, presenter)
            out.append("")
            clauses = _att_clauses(rng, world, body)
            if rng.random() < 0.75:
                out.append(f"{body} beslutade:")
                out += [c + ("," if i < len(clauses) - 1 else ".") for i, c in enumerate(clauses)]
            else:
                out.append(f"Beslut: {clauses[0]}.")
            out.append("")
    out += [f"{number + 1}. Mötets avslutande", "Ordföranden tackade och avslutade mötet.", ""]
    name = f"syn_{index:04d}_{y}-{m:02d}-{d:02d}.{'md' if markdown else 'txt'}"
    return name, "\n".join(out)


def generate(folder: Path, n: int, seed: int = 20261123) -> list[Path]:
    rng = random.Random(seed)
    world = make_world(rng)
    paths = []
    for i in range(n):
        name, text = make_document(i, rng, world)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run(n: int = 400, seed: int = 20261123, profile: int = 0, keep: Path | None = None,
        trace_memory: bool = True) -> dict:  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
    try:
        docs, store_dir = tmp / "docs", tmp / "store"
        docs.mkdir()
        t0 = time.perf_counter()
        paths = generate(docs, n, seed)
        generate_s = time.perf_counter() - t0
        total_bytes = sum(p.stat().st_size for p in paths)

        # warm up once (imports, the lexicon, compiled patterns), so the figures are per document
        parse_document(paths[0].name, read_document(paths[0]).lines)

        t0 = time.perf_counter()
        texts = [read_document(p) for p in paths]
        read_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        fragments = [parse_document(p.name, t.lines) for p, t in zip(paths, texts, strict=True)]
        parse_s = time.perf_counter() - t0
        rss_after_parse = _maxrss_mib()

        t0 = time.perf_counter()
        resolve(fragments)
        resolve_s = time.perf_counter() - t0
        del fragments, texts
        gc.collect()

        store = EmbeddedStore(store_dir)
        t0 = time.perf_counter()
        report = ingest([docs], store)
        ingest_s = time.perf_counter() - t0
        failed = [(f.path, f.reason) for f in report.failed]

        t0 = time.perf_counter()
        graph = rebuild(store)
        rebuild_s = time.perf_counter() - t0

        rebuild_peak = None
        if trace_memory:  # a second rebuild under tracemalloc (2-3 times slower, so not timed)
            tracemalloc.start()
            rebuild(store)
            _, rebuild_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()

        t0 = time.perf_counter()
        second = ingest([docs], store)
        second_s = time.perf_counter() - t0

        result = {
            "documents": n,
            "mean_kb": round(total_bytes / n / 1000, 1),
            "generate_s": round(generate_s, 2),
            "read_docs_per_s": round(n / read_s, 1),
            "parse_docs_per_s": round(n / parse_s, 1),
            "parse_ms_per_doc": round(parse_s / n * 1000, 2),
            "resolve_in_memory_s": round(resolve_s, 3),
            "ingest_s": round(ingest_s, 2),
            "ingest_docs_per_s": round(n / ingest_s, 1),
            "ingest_mb_per_s": round(total_bytes / ingest_s / 1e6, 2),
            "rebuild_s": round(rebuild_s, 3),
            "second_run_s": round(second_s, 3),
            "second_run_unchanged": second.count("unchanged"),
            "graph_nodes": len(graph.nodes),
            "graph_edges": len(graph.edges),
            # sanity: the documents were understood, not just read
            "meetings_with_date": sum(1 for x in graph.nodes if x.kind == "Meeting" and x.props.get("date")),
            "attended_per_doc": round(sum(1 for e in graph.edges if e.type == "ATTENDED") / n, 1),
            "decisions_per_doc": round(sum(1 for x in graph.nodes if x.kind == "Decision") / n, 1),
            "failed": failed,
            "maxrss_mib_after_parse": round(rss_after_parse, 1),
            "maxrss_mib": round(_maxrss_mib(), 1),
            "rebuild_tracemalloc_peak_mib": round(rebuild_peak / 1024 / 1024, 1) if rebuild_peak else None,
            "target_docs_per_s": TARGET_DOCS_PER_S,
            "target_met": n / ingest_s >= TARGET_DOCS_PER_S,
        }
        if profile:
            result["profile"] = _profile(docs, tmp / "profiled-store", profile)
        if keep:
            shutil.copytree(docs, keep, dirs_exist_ok=True)
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _profile(docs: Path, store_dir: Path, top: int) -> list[dict]:
    """The functions where a fresh ingest spends its own time (tottime), with file:function."""
    profiler = cProfile.Profile()
    profiler.enable()
    ingest([docs], EmbeddedStore(store_dir))
    profiler.disable()
    stats = pstats.Stats(profiler)
    root = str(Path(__file__).resolve().parent.parent) + "/"
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        where = file.replace(root, "") if file.startswith(root) else Path(file).name
        rows.append({"where": f"{where}:{line}:{func}", "calls": calls, "tottime_s": round(tottime, 3),
                     "cumtime_s": round(cumtime, 3)})  # fmt: skip
    rows.sort(key=lambda r: -r["tottime_s"])
    by_cum = sorted((r for r in rows if not r["where"].startswith(("<", "~"))), key=lambda r: -r["cumtime_s"])
    own = [r for r in by_cum if r["where"].startswith(("loaders/", "graph/"))][:top]
    return [{"by": "tottime", **r} for r in rows[:top]] + [{"by": "cumtime (project code)", **r} for r in own]


def _print(result: dict) -> None:
    met = "met" if result["target_met"] else "MISSED"
    print(f"{result['documents']} synthetic minutes, {result['mean_kb']} KB each on average "
          f"(generated in {result['generate_s']} s)")  # fmt: skip
    print(f"  read only      {result['read_docs_per_s']:>8} docs/s")
    print(
        f"  parse only     {result['parse_docs_per_s']:>8} docs/s  ({result['parse_ms_per_doc']} ms/doc, one core)"
    )
    print(f"  full ingest    {result['ingest_docs_per_s']:>8} docs/s  ({result['ingest_s']} s, "
          f"{result['ingest_mb_per_s']} MB/s)  target {result['target_docs_per_s']:.0f} docs/s: {met}")  # fmt: skip
    print(f"  rebuild        {result['rebuild_s']:>8} s      (resolve in memory {result['resolve_in_memory_s']} s; "
          f"{result['graph_nodes']} nodes, {result['graph_edges']} edges)")  # fmt: skip
    print(f"  second run     {result['second_run_s']:>8} s      ({result['second_run_unchanged']} unchanged)")
    print(f"  understood     {result['meetings_with_date']} dated meetings, {result['attended_per_doc']} attendances "
          f"and {result['decisions_per_doc']} decisions per document")  # fmt: skip
    traced = result["rebuild_tracemalloc_peak_mib"]
    print(f"  memory         maxrss {result['maxrss_mib']} MiB (after parse {result['maxrss_mib_after_parse']} MiB)"
          + (f"; tracemalloc peak during rebuild {traced} MiB" if traced is not None else ""))  # fmt: skip
    if result["failed"]:
        print(f"  FAILED files: {len(result['failed'])}, first: {result['failed'][0]}")
    for row in result.get("profile", []):
        print(f"  {row['by']:<24} {row['tottime_s']:>7.3f} s own {row['cumtime_s']:>7.3f} s cum "
              f"{row['calls']:>9} calls  {row['where']}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=400, help="number of documents (default 400)")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--profile", type=int, nargs="?", const=15, default=0, metavar="TOP",
                        help="also cProfile a fresh ingest and list the TOP functions (default 15)")  # fmt: skip
    parser.add_argument("--keep", type=Path, help="copy the generated documents to this folder")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the traced rebuild (faster)")
    args = parser.parse_args()
    result = run(args.n, args.seed, args.profile, args.keep, trace_memory=not args.no_tracemalloc)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        _print(result)
    return 0 if not result["failed"] else 1


if __name__ == "__main__":
    sys.exit(main())
