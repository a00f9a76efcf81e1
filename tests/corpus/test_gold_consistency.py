"""The hand-made gold files agree with the documents they describe.

For every gold file: the YAML loads, every file it names exists, every document folder file is
described, and every quoted text (decisions, reported decisions, lineage) occurs in its document,
compared case-insensitively with white space folded. PDF and DOCX examples are checked against
their sources in examples/src/.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPORA = {
    "examples": (ROOT / "examples" / "gold.yaml", ROOT / "examples" / "docs"),
    "held-out": (ROOT / "tests" / "corpus" / "gold.yaml", ROOT / "tests" / "corpus" / "docs"),
}
DOC_SUFFIXES = {".txt", ".md", ".pdf", ".docx"}


def normalise(text: str) -> str:
    """The text as the gold may quote it: NFC, case-folded, no Markdown marks, white space folded."""
    text = unicodedata.normalize("NFC", text).casefold().replace("\u00ad", "")
    text = re.sub(r"[*_|#`]", " ", text)  # Markdown emphasis and table bars
    return " ".join(text.split())


def text_of(folder: Path, name: str) -> str:
    path = folder / name
    if path.suffix in (".pdf", ".docx"):
        path = folder.parent / "src" / (name + ".src")
    return normalise(path.read_text(encoding="utf-8"))


@pytest.fixture(params=sorted(CORPORA), ids=sorted(CORPORA))
def corpus(request):
    gold_path, folder = CORPORA[request.param]
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    return gold, folder


def named_files(gold: dict) -> set[str]:
    files = set(gold["documents"])
    for key in ("attendance", "presenters", "decisions"):
        files |= set(gold.get(key) or {})
    for key in ("reported_decisions", "commissions", "structure", "funding", "chairs"):
        files |= {row["file"] for row in gold.get(key) or [] if row.get("file")}
    files |= {ev["file"] for chain in gold.get("lineage") or [] for ev in chain["events"]}
    return files


def test_every_named_file_exists(corpus):
    gold, folder = corpus
    missing = [f for f in named_files(gold) if not (folder / f).is_file()]
    assert not missing


def test_every_document_is_described(corpus):
    gold, folder = corpus
    docs = {p.name for p in folder.iterdir() if p.suffix in DOC_SUFFIXES and p.name != "README.md"}
    assert docs == set(gold["documents"])


def test_quoted_texts_occur(corpus):
    gold, folder = corpus
    wanted = []
    for doc, rows in (gold.get("decisions") or {}).items():
        wanted += [(doc, r["text"]) for r in rows]
    wanted += [(r["file"], r["text"]) for r in gold.get("reported_decisions") or []]
    wanted += [(ev["file"], ev["text"]) for chain in gold.get("lineage") or [] for ev in chain["events"]]
    missing = [(doc, text) for doc, text in wanted if normalise(text) not in text_of(folder, doc)]
    assert not missing


def test_names_occur(corpus):
    gold, folder = corpus
    missing = []
    for doc, rows in (gold.get("attendance") or {}).items():
        body = text_of(folder, doc)
        missing += [(doc, p) for p, org in rows if normalise(p) not in body or normalise(org) not in body]
    for doc, items in (gold.get("presenters") or {}).items():
        body = text_of(folder, doc)
        missing += [(doc, p) for people in items.values() for p in people if normalise(p) not in body]
    assert not missing


def test_dates_are_iso_or_null(corpus):
    gold, _ = corpus
    assert gold["documents"]
    for doc, meta in gold["documents"].items():
        assert meta["kind"] in ("minutes", "mandate"), doc
        if meta["kind"] == "minutes":
            assert meta["body"], doc
        assert meta["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta["date"])), doc
    for row in gold.get("reported_decisions") or []:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(row["date"]))


def test_spellings_point_to_one_entity(corpus):
    gold, _ = corpus
    seen: dict[str, int] = {}
    assert gold["groups"] and gold["distinct_people"]
    for i, grp in enumerate(gold["groups"]):
        for name in grp["names"]:
            assert seen.setdefault(normalise(name), i) == i, f"{name} is in two groups"
    clustered = {normalise(n) for c in gold["person_clusters"] for n in c}
    for a, b in gold["distinct_people"]:
        assert normalise(a) != normalise(b)
        assert not any(
            normalise(a) in {normalise(x) for x in c} and normalise(b) in {normalise(x) for x in c}
            for c in gold["person_clusters"]
        )
    assert clustered
