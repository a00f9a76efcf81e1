"""Ingest throughput on synthetic minutes of about 20 KB each (fixed seed, fictitious names).

Generates ``--n`` documents (default 400) in a temporary folder, in varied layouts: plain text
with a name-first attendance table, TAB-separated rows or an inline "Närvarande:" paragraph,
Markdown with a pipe table; numbered or § items, lettered sub-items, "Föredragande:" lines,
"<body> beslutade:" blocks with att-clauses, "Beslut:" lines, reported decisions, commissions and
sums of money in the narrative. Then it measures, on one core:

- parse only: ``parse_document`` on lines already read (the parsers and the fragment builder);
- read only: ``read_document`` (decode and clean);
- a line scan of the same lines with eight regexes (the floor a reader is compared with);
- ``samverkan ingest`` of the folder into a new store, as a process of its own: seconds and peak
  memory (maxrss); then adding one more document, forgetting it, and a second ingest (unchanged);
- the store's size on disk, and graph.json's;
- the rebuild alone (entity resolution over all fragments, and writing the store's graph files).

Several ``--n`` give a least-squares line per figure (time, memory and size over N).

Target (issue 8): at least 100 documents of 20 KB per second in one process for the full ingest.

    python benchmarks/ingest.py                # a table
    python benchmarks/ingest.py --n 100 400    # two sizes and a linear fit
    python benchmarks/ingest.py --n 100 --json # the figures as JSON on stdout
    python benchmarks/ingest.py --profile      # and the top functions of a cProfile'd ingest
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import random
import re
import resource
import shutil
import subprocess
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

TARGET_DOCS_PER_S = 100.0  # issue 8: single-process, whole ingest
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


def measured(cmd: list[str], cwd: Path | None = None) -> dict:
    """Run ``cmd`` as its own process: wall seconds, peak memory (maxrss) and exit status.

    Peak memory comes from /usr/bin/time when it is there: a child forked from this (large)
    process starts with this process's maxrss, so wait4's own figure would be ours, not its."""
    timer = Path("/usr/bin/time")
    with tempfile.TemporaryDirectory() as folder:
        err, report = Path(folder) / "stderr", Path(folder) / "time"
        wrapped = [str(timer), "-f", "%M", "-o", str(report), *cmd] if timer.exists() else cmd
        with open(err, "wb") as handle:
            t0 = time.perf_counter()
            proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=handle, cwd=cwd)
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        kib = usage.ru_maxrss
        if report.exists():
            lines = report.read_text().split()
            kib = int(lines[-1]) if lines and lines[-1].isdigit() else kib
        tail = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
    return {"s": round(seconds, 3), "maxrss_mib": round(kib / 1024, 1), "rc": proc.returncode,
            "stderr_tail": tail[0][:200] if tail else ""}  # fmt: skip


def samverkan(*args: str) -> list[str]:
    """The command line, as a process of its own."""
    return [sys.executable, "-m", "samverkan_cli", *args]


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


#: The floor a reader is measured against: eight line regexes over the same lines.
_SCAN = [re.compile(p) for p in (r"^\s*(?:§\s*)?\d+[.)]?\s+\S", r"(?i)närvarande|deltagare|frånvarande",
         r"(?i)\bbeslut\w*", r"^\s*att\s", r"\d{4}-\d{2}-\d{2}", r"\b[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+\b",
         r"(?i)uppdra\w*|uppdrag", r"\d[\d ]*\s*(?:kr|kronor|tkr|mkr)\b")]  # fmt: skip


def line_scan(texts: list) -> int:
    hits = 0
    for text in texts:
        for line in text.lines:
            for pattern in _SCAN:
                if pattern.search(line):
                    hits += 1
    return hits


def run(n: int = 400, seed: int = 20261123, profile: int = 0, keep: Path | None = None,
        trace_memory: bool = False, jobs: int | None = None) -> dict:  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
    try:
        docs, store_dir = tmp / "docs", tmp / "store"
        docs.mkdir()
        t0 = time.perf_counter()
        paths = generate(docs, n + 1, seed)
        extra = tmp / paths[-1].name  # the one document added to the N-document store
        paths[-1].rename(extra)
        paths = paths[:-1]
        generate_s = time.perf_counter() - t0
        total_bytes = sum(p.stat().st_size for p in paths)

        # warm up once (imports, the lexicon, compiled patterns), so the figures are per document
        parse_document(paths[0].name, read_document(paths[0]).lines)

        t0 = time.perf_counter()
        texts = [read_document(p) for p in paths]
        read_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        line_scan(texts)
        scan_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        fragments = [parse_document(p.name, t.lines) for p, t in zip(paths, texts, strict=True)]
        parse_s = time.perf_counter() - t0
        rss_after_parse = _maxrss_mib()

        t0 = time.perf_counter()
        resolve(fragments)
        resolve_s = time.perf_counter() - t0
        del fragments, texts
        gc.collect()

        jobs_args = ["--jobs", str(jobs)] if jobs is not None else []
        full = measured(samverkan("ingest", str(docs), "--store", str(store_dir), *jobs_args))
        store_bytes = folder_bytes(store_dir)
        graph_bytes = (store_dir / "graph.json").stat().st_size if (store_dir / "graph.json").exists() else 0
        add_one = measured(samverkan("ingest", str(extra), "--store", str(store_dir)))
        forget_one = measured(samverkan("forget", str(extra), "--store", str(store_dir)))
        second = measured(samverkan("ingest", str(docs), "--store", str(store_dir)))

        store = EmbeddedStore(store_dir)
        t0 = time.perf_counter()
        graph = rebuild(store)
        rebuild_s = time.perf_counter() - t0

        rebuild_peak = None
        if trace_memory:  # a second rebuild under tracemalloc (2-3 times slower, so not timed)
            tracemalloc.start()
            rebuild(store)
            _, rebuild_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()

        failed = [f"{p}: {r['stderr_tail']}" for p, r in (("ingest", full), ("add", add_one), ("forget", forget_one))
                  if r["rc"] != 0]  # fmt: skip
        result = {
            "documents": n,
            "mean_kb": round(total_bytes / n / 1000, 1),
            "generate_s": round(generate_s, 2),
            "read_docs_per_s": round(n / read_s, 1),
            "scan_docs_per_s": round(n / scan_s, 1),
            "parse_docs_per_s": round(n / parse_s, 1),
            "parse_ms_per_doc": round(parse_s / n * 1000, 2),
            "resolve_in_memory_s": round(resolve_s, 3),
            "ingest_s": full["s"],
            "ingest_docs_per_s": round(n / full["s"], 1),
            "ingest_mb_per_s": round(total_bytes / full["s"] / 1e6, 2),
            "ingest_vs_scan": round((n / scan_s) / (n / full["s"]), 1),
            "ingest_maxrss_mib": full["maxrss_mib"],
            "add_one_s": add_one["s"],
            "add_one_maxrss_mib": add_one["maxrss_mib"],
            "forget_one_s": forget_one["s"],
            "forget_one_maxrss_mib": forget_one["maxrss_mib"],
            "second_run_s": second["s"],
            "store_mb": round(store_bytes / 1e6, 1),
            "graph_json_mb": round(graph_bytes / 1e6, 1),
            "text_mb": round(total_bytes / 1e6, 1),
            "rebuild_s": round(rebuild_s, 3),
            "graph_nodes": len(graph.nodes),
            "graph_edges": len(graph.edges),
            # sanity: the documents were understood, not just read
            "meetings_with_date": sum(1 for x in graph.nodes if x.kind == "Meeting" and x.props.get("date")),
            "attended_per_doc": round(sum(1 for e in graph.edges if e.type == "ATTENDED") / n, 1),
            "decisions_per_doc": round(sum(1 for x in graph.nodes if x.kind == "Decision") / n, 1),
            "failed": failed,
            "maxrss_mib_after_parse": round(rss_after_parse, 1),
            "rebuild_tracemalloc_peak_mib": round(rebuild_peak / 1024 / 1024, 1) if rebuild_peak else None,
            "target_docs_per_s": TARGET_DOCS_PER_S,
            "target_met": n / full["s"] >= TARGET_DOCS_PER_S,
        }
        if profile:
            result["profile"] = _profile(docs, tmp / "profiled-store", profile)
        if keep:
            shutil.copytree(docs, keep, dirs_exist_ok=True)
        return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def linear_fit(xs: list[float], ys: list[float]) -> dict:
    """Least squares y = a + b·x, with r² (1.0 for two points)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return {
        "intercept": round(a, 4),
        "per_doc": round(b, 5),
        "r2": round(1 - ss_res / ss_tot, 4) if ss_tot else 1.0,
    }


def fits(results: list[dict], keys: list[str]) -> dict:
    xs = [float(r["documents"]) for r in results]
    return {key: linear_fit(xs, [float(r[key]) for r in results]) for key in keys}


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
    print(f"  line scan      {result['scan_docs_per_s']:>8} docs/s  (eight line regexes: the floor)")
    print(
        f"  parse only     {result['parse_docs_per_s']:>8} docs/s  ({result['parse_ms_per_doc']} ms/doc, one core)"
    )
    print(f"  full ingest    {result['ingest_docs_per_s']:>8} docs/s  ({result['ingest_s']} s as a process, "
          f"{result['ingest_mb_per_s']} MB/s, {result['ingest_vs_scan']}x the line scan's time; "
          f"peak {result['ingest_maxrss_mib']} MiB)  target {result['target_docs_per_s']:.0f} docs/s: {met}")  # fmt: skip
    print(f"  add one        {result['add_one_s']:>8} s      (peak {result['add_one_maxrss_mib']} MiB)")
    print(f"  forget one     {result['forget_one_s']:>8} s      (peak {result['forget_one_maxrss_mib']} MiB)")
    print(f"  second run     {result['second_run_s']:>8} s      (all unchanged)")
    print(f"  store          {result['store_mb']:>8} MB     (graph.json {result['graph_json_mb']} MB; "
          f"the texts {result['text_mb']} MB)")  # fmt: skip
    print(f"  rebuild        {result['rebuild_s']:>8} s      (resolve in memory {result['resolve_in_memory_s']} s; "
          f"{result['graph_nodes']} nodes, {result['graph_edges']} edges)")  # fmt: skip
    print(f"  understood     {result['meetings_with_date']} dated meetings, {result['attended_per_doc']} attendances "
          f"and {result['decisions_per_doc']} decisions per document")  # fmt: skip
    traced = result["rebuild_tracemalloc_peak_mib"]
    print(f"  memory         this process after parse {result['maxrss_mib_after_parse']} MiB"
          + (f"; tracemalloc peak during rebuild {traced} MiB" if traced is not None else ""))  # fmt: skip
    if result["failed"]:
        print(f"  FAILED: {result['failed']}")
    for row in result.get("profile", []):
        print(f"  {row['by']:<24} {row['tottime_s']:>7.3f} s own {row['cumtime_s']:>7.3f} s cum "
              f"{row['calls']:>9} calls  {row['where']}")  # fmt: skip


FIT_KEYS = ["ingest_s", "add_one_s", "forget_one_s", "ingest_maxrss_mib", "store_mb"]


def _print_fits(table: dict) -> None:
    print("linear fit over N (value = intercept + per_doc * N):")
    for key, fit in table.items():
        print(f"  {key:<20} {fit['intercept']:>10} + {fit['per_doc']:>9} * N   r2 {fit['r2']}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, nargs="+", default=[400],
                        help="numbers of documents (default 400); several give a linear fit")  # fmt: skip
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--profile", type=int, nargs="?", const=15, default=0, metavar="TOP",
                        help="also cProfile a fresh ingest and list the TOP functions (default 15)")  # fmt: skip
    parser.add_argument("--keep", type=Path, help="copy the generated documents to this folder")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace a rebuild's memory (slow)")
    parser.add_argument("--jobs", type=int, help="pass --jobs to the ingest command")
    args = parser.parse_args()
    results = [run(n, args.seed, args.profile, args.keep, trace_memory=args.tracemalloc, jobs=args.jobs)
               for n in args.n]  # fmt: skip
    table = fits(results, FIT_KEYS) if len(results) > 1 else {}
    if args.json:
        print(json.dumps({"runs": results, "fit": table}, ensure_ascii=False, indent=1))
    else:
        for result in results:
            _print(result)
        if table:
            _print_fits(table)
    return 0 if not any(r["failed"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
