"""Bad inputs: every one becomes a ReadError with a clear reason, fast, and never a traceback."""

from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

import pytest

from loaders import readers
from loaders.readers import ReadError, read_document

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _pdf_bytes(pages: list[list[str]]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    font = "helvetica"
    if DEJAVU.exists():
        pdf.add_font("dejavu", fname=str(DEJAVU))
        font = "dejavu"
    for lines in pages:
        pdf.add_page()
        pdf.set_font(font, size=11)
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Protokoll Välfärdsrådet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Avesta"
    table.cell(0, 1).text = "Kim Exempelsson"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _error(path: Path) -> str:
    with pytest.raises(ReadError) as info:
        read_document(path)
    return str(info.value)


# --- any format --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md", ".pdf", ".docx"])
def test_empty_file(tmp_path, suffix):
    path = tmp_path / f"tom{suffix}"
    path.write_bytes(b"")
    assert _error(path) == "empty file"


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_whitespace_only_is_no_text(tmp_path, suffix):
    path = tmp_path / f"blank{suffix}"
    path.write_bytes(b"  \r\n\t\n\xc2\xa0\n")
    assert _error(path) == "no text found"


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "ledamöter.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    assert _error(path) == "unsupported file type .xlsx: expected .txt, .md, .pdf or .docx"


def test_missing_file_and_directory(tmp_path):
    assert _error(tmp_path / "saknas.txt").startswith("cannot open:")
    (tmp_path / "mapp.txt").mkdir()
    assert _error(tmp_path / "mapp.txt") == "not a regular file"


def test_huge_text_file_refused_from_stat_alone(tmp_path, forbid_reading):
    path = tmp_path / "stor.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1000 * 1000)  # sparse: takes no disk space, and is all NULs if read
    forbid_reading(path)
    message = _error(path)
    assert message == "too large: 47.7 MiB, the limit is 20 MiB"
    assert readers.MAX_FILE_BYTES == 20 * 1024 * 1024


def test_unexpected_reader_exception_becomes_read_error(tmp_path, monkeypatch):
    from loaders.readers import text

    def broken(path):
        raise KeyError("oväntat")

    monkeypatch.setattr(text, "read_text", broken)
    path = tmp_path / "a.txt"
    path.write_text("text", encoding="utf-8")
    assert _error(path) == "unexpected error: KeyError: 'oväntat'"


# --- text ---------------------------------------------------------------------------------------


def test_binary_garbage_named_txt(tmp_path):
    path = tmp_path / "skräp.txt"
    path.write_bytes(random.Random(1).randbytes(4096))
    assert _error(path).startswith("binary file, not text")


def test_binary_without_nul_bytes(tmp_path):
    rng = random.Random(2)
    path = tmp_path / "skräp.md"
    path.write_bytes(
        bytes(rng.choice([*range(1, 9), *range(14, 32), *range(0x80, 0x100)]) for _ in range(4096))
    )
    assert _error(path) == "binary file, not text"


def test_pdf_named_txt_says_what_it_looks_like(tmp_path):
    path = tmp_path / "protokoll.txt"
    path.write_bytes(_pdf_bytes([["Kim Exempelsson"]]))
    assert _error(path) == "binary file, not text (looks like a PDF)"


# --- pdf ----------------------------------------------------------------------------------------


def test_random_bytes_named_pdf(tmp_path):
    path = tmp_path / "skräp.pdf"
    path.write_bytes(random.Random(3).randbytes(5000))
    assert _error(path).startswith("damaged PDF: ")


def test_header_only_pdf(tmp_path):
    path = tmp_path / "huvud.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    assert _error(path).startswith("damaged PDF: ")


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes([["Hemligt protokoll"]]))))
    writer.encrypt(user_password="lösenord", algorithm="RC4-128")
    path = tmp_path / "krypterad.pdf"
    writer.write(path)
    assert _error(path) == "krypterad: encrypted PDF with a password; remove the password and try again"


def _aes_pdf(path: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes([["Hemligt protokoll"]]))))
    writer.encrypt(user_password=user_password, owner_password="ägaren", algorithm="AES-256")
    writer.write(path)
    return path


def test_aes_encrypted_pdf_with_a_password_is_called_krypterad(tmp_path):
    """Issue 10: AES was called damaged (pypdf needs its crypto extra, now a dependency)."""
    assert _error(_aes_pdf(tmp_path / "aes.pdf", "lösenord")) == (
        "krypterad: encrypted PDF with a password; remove the password and try again"
    )


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_aes_encrypted_pdf_with_an_empty_user_password_opens(tmp_path, algorithm):
    """Issue 10: a PDF encrypted only to set permissions (empty user password) is read, AES too."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes([["Protokoll Välfärdsrådet"]]))))
    writer.encrypt(user_password="", owner_password="ägaren", algorithm=algorithm)
    path = tmp_path / "aes.pdf"
    writer.write(path)
    assert read_document(path).lines == ["Protokoll Välfärdsrådet"]


def test_pypdf_warnings_go_to_the_files_reason_not_stderr(tmp_path, capfd):
    """Issue 10: pypdf logged "EOF marker not found" … to stderr without the file's name."""
    data = _pdf_bytes([["Protokoll Välfärdsrådet"]])
    path = tmp_path / "utan_slut.pdf"
    path.write_bytes(data[: data.rindex(b"%%EOF")])
    try:
        doc = read_document(path)
    except ReadError as err:
        assert "pypdf:" in str(err), str(err)
    else:
        assert doc.notes and all(n.startswith("pypdf: ") for n in doc.notes), doc.notes
    assert capfd.readouterr().err == ""


def test_blank_page_pdf_has_no_text_layer(tmp_path):
    path = tmp_path / "blank.pdf"
    path.write_bytes(_pdf_bytes([[]]))
    assert _error(path) == "no text layer: scanned or damaged PDF"


def test_image_only_pdf_has_no_text_layer(tmp_path):
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 100), "white")
    ImageDraw.Draw(image).text((10, 40), "Skannat protokoll", fill="black")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=150)
    path = tmp_path / "skannad.pdf"
    pdf.output(str(path))
    assert _error(path) == "no text layer: scanned or damaged PDF"


def test_too_many_pages(tmp_path, monkeypatch):
    from loaders.readers import pdf

    monkeypatch.setattr(pdf, "MAX_PDF_PAGES", 2)
    path = tmp_path / "lång.pdf"
    path.write_bytes(_pdf_bytes([["ett"], ["två"], ["tre"]]))
    assert _error(path) == "too many pages: 3, the limit is 2 pages"


@pytest.mark.parametrize("seed", range(40))
def test_mangled_pdf_never_escapes(tmp_path, seed):
    rng = random.Random(seed)
    data = bytearray(_pdf_bytes([["§ 1 Kim Exempelsson öppnade mötet"], ["§ 2 Beslut i Älvdalen"]]))
    if seed % 2:
        del data[rng.randrange(len(data) // 2, len(data)) :]  # truncated
    for _ in range(rng.choice([1, 20, 200])):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path = tmp_path / "trasig.pdf"
    path.write_bytes(bytes(data))
    try:
        doc = read_document(path)
    except ReadError as err:
        assert str(err)
    else:
        assert doc.lines  # a damaged PDF that still reads must give text: no text is a ReadError
        assert all("\n" not in line for line in doc.lines)


# --- docx ---------------------------------------------------------------------------------------


@pytest.mark.slow  # writing the 200 MiB of the bomb takes a second
def test_docx_zip_bomb(tmp_path, monkeypatch):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"A" * (1024 * 1024)
            for _ in range(200):
                fh.write(chunk)
    assert path.stat().st_size < 1024 * 1024

    def inflate(*_args, **_kwargs):
        raise AssertionError("the bomb was decompressed: it must be refused from the zip directory alone")

    monkeypatch.setattr(zipfile.ZipFile, "open", inflate)
    monkeypatch.setattr(zipfile.ZipFile, "read", inflate)
    message = _error(path)
    assert message == "DOCX expands to 200.0 MiB uncompressed, the limit is 50.0 MiB"


def test_docx_compression_ratio(tmp_path):
    path = tmp_path / "ratio.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"A" * (10 * 1024 * 1024))
    message = _error(path)
    assert message.startswith("DOCX compression ratio ") and message.endswith("is over the limit of 100:1")


def test_docx_too_many_entries(tmp_path):
    path = tmp_path / "många.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", "<w/>")
        for i in range(1000):
            archive.writestr(f"word/media/bild{i}.png", b"")
    assert _error(path) == "DOCX zip has too many entries: 1,001, the limit is 1,000"


def test_docx_not_a_zip(tmp_path):
    path = tmp_path / "text.docx"
    path.write_text("Det här är ingen Word-fil.", encoding="utf-8")
    assert _error(path) == "not a DOCX file (not a zip archive)"


def test_docx_ole_file(tmp_path):
    path = tmp_path / "gammal.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert _error(path).startswith("encrypted or legacy Word file")


def test_docx_without_document_xml(tmp_path):
    path = tmp_path / "tom.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert _error(path) == "not a Word document: word/document.xml is missing from the zip"


def test_xlsx_renamed_to_docx(tmp_path):
    import openpyxl

    path = tmp_path / "tabell.docx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Avesta"
    workbook.save(path)
    assert _error(path) == "not a Word document: this looks like an Excel workbook"


def test_docx_with_broken_xml(tmp_path):
    good = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    path = tmp_path / "trasig.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in good.infolist():
            data = good.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            archive.writestr(info, data)
    assert _error(path).startswith("damaged DOCX: ")


@pytest.mark.parametrize("seed", range(30))
def test_mangled_docx_never_escapes(tmp_path, seed):
    rng = random.Random(seed)
    data = bytearray(_docx_bytes())
    for _ in range(rng.choice([1, 10, 100])):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path = tmp_path / "trasig.docx"
    path.write_bytes(bytes(data))
    try:
        doc = read_document(path)
    except ReadError as err:
        assert str(err)
    else:
        assert doc.lines


def test_no_reader_leaks_file_handles(tmp_path):
    # a batch reads thousands of files: failures must not leave files open
    path = tmp_path / "skräp.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    before = len(os.listdir("/proc/self/fd")) if Path("/proc/self/fd").exists() else None
    for _ in range(50):
        with pytest.raises(ReadError):
            read_document(path)
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) <= before + 2
