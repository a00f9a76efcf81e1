"""Issue 10: an upload never overwrites a different document (views/uploads.py).

"Protokoll, SCN …" and "Protokoll SCN …" were made the same safe name: the second replaced the
first ("ersatt"), and in one batch the second file vanished.
"""

from __future__ import annotations

from conftest import OCN_MARCH, OCN_MAY, TEXT_DOCS

from graph.store import EmbeddedStore
from loaders.pipeline import ingest
from views.uploads import safe_upload_name, save_upload, save_uploads

MARCH, MAY = TEXT_DOCS[OCN_MARCH].encode(), TEXT_DOCS[OCN_MAY].encode()


def test_names_that_differ_in_punctuation_are_two_documents(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    first = save_upload(store, "Protokoll, SCN 2025-02-14.txt", MARCH)
    second = save_upload(store, "Protokoll SCN 2025-02-14.txt", MAY)
    plain = save_upload(store, "Protokoll_SCN_2025-02-14.txt", MARCH + b"\n")
    assert len({first, second, plain}) == 3
    assert first.read_bytes() == MARCH and second.read_bytes() == MAY
    report = ingest([first, second, plain], store)
    assert [f.status for f in report.files] == ["loaded", "loaded", "loaded"]


def test_one_batch_keeps_two_files_of_the_same_name(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    paths, rejected = save_uploads(store, [("protokoll.txt", MARCH), ("protokoll.txt", MAY),
                                           ("protokoll.txt", MARCH), ("virus.exe", b"x")])  # fmt: skip
    assert [p.name for p in paths] == ["protokoll.txt", "protokoll-2.txt"]
    assert [p.read_bytes() for p in paths] == [MARCH, MAY]
    assert [name for name, _ in rejected] == ["virus.exe"]
    assert {f.status for f in ingest(paths, store).files} == {"loaded"}


def test_the_same_name_again_is_a_new_version(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    path = save_upload(store, "Protokoll SCN.txt", MARCH)
    ingest([path], store)
    again = save_upload(store, "Protokoll SCN.txt", MARCH.replace(b"korttidsplatser", b"trygghetsboenden"))
    assert again == path
    assert [f.status for f in ingest([again], store).files] == ["replaced"]
    assert safe_upload_name("Protokoll SCN.txt") != safe_upload_name("Protokoll,SCN.txt")
