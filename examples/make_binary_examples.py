#!/usr/bin/env python3
"""Write the PDF and DOCX demo documents in examples/docs/ from their sources in examples/src/.

    .venv/bin/python examples/make_binary_examples.py

A source named ``NAME.pdf.src`` becomes ``examples/docs/NAME.pdf`` and ``NAME.docx.src`` becomes
``examples/docs/NAME.docx``. The output is byte-for-byte deterministic: fixed creation dates and
metadata, and fixed time stamps inside the DOCX zip.

Source markup (one paragraph per line):
    @header: TEXT     PDF: page header repeated on every page
    @footer: TEXT     PDF: page footer; {page} and {nb} are the page number and count
    @title: TEXT      document title in the metadata
    # TEXT            heading (DOCX level 1; PDF bold)
    ## TEXT           heading level 2
    | a | b |         a table row; consecutive rows form one table
    - TEXT            bullet
    (empty line)      vertical space (PDF) / nothing (DOCX)
    anything else     a paragraph
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
FIXED = datetime(2025, 12, 31, 12, 0, 0, tzinfo=UTC)
AUTHOR = "RSS Jämtland Härjedalen (fiktivt exempel)"

# The PDF core fonts are Latin-1; map the few typographic characters the sources may use.
LATIN1 = str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "..."})


def parse(path: Path) -> tuple[dict[str, str], list[str]]:
    meta: dict[str, str] = {}
    lines: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("@") and ":" in raw and not lines:
            key, _, value = raw[1:].partition(":")
            meta[key.strip()] = value.strip()
        else:
            lines.append(raw.rstrip())
    return meta, lines


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def make_pdf(src: Path, out: Path) -> None:
    from fpdf import FPDF

    meta, lines = parse(src)
    header = meta.get("header", "").translate(LATIN1)
    footer = meta.get("footer", "Sida {page} av {nb}")

    class Doc(FPDF):
        def header(self):
            if header:
                self.set_font("Helvetica", "I", 8)
                self.cell(0, 6, header, align="L", new_x="LMARGIN", new_y="NEXT")
                self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
                self.ln(4)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            text = footer.replace("{page}", str(self.page_no())).replace("{nb}", "{nb}")
            self.cell(0, 8, text, align="C")

    pdf = Doc(format="A4")
    pdf.alias_nb_pages("{nb}")
    pdf.set_creation_date(FIXED)
    pdf.set_title(meta.get("title", src.name.removesuffix(".pdf.src")))
    pdf.set_author(AUTHOR)
    pdf.set_creator("examples/make_binary_examples.py")
    pdf.set_producer("fpdf2")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for line in lines:
        text = line.translate(LATIN1)
        if not text.strip():
            pdf.ln(3)
        elif text.startswith("|"):
            row = cells(text)
            pdf.set_font("Helvetica", "", 10)
            col = width / len(row)
            pdf.multi_cell(col * 0.9, 6, row[0], border=1, new_x="RIGHT", new_y="TOP")
            pdf.multi_cell(width - col * 0.9, 6, " ".join(row[1:]), border=1, new_x="LMARGIN", new_y="NEXT")
        elif text.startswith("#"):
            level = len(text) - len(text.lstrip("#"))
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 14 if level == 1 else 12)
            pdf.multi_cell(width, 7, text.lstrip("#").strip(), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(width, 5, text, new_x="LMARGIN", new_y="NEXT")
    out.write_bytes(bytes(pdf.output()))


def make_docx(src: Path, out: Path) -> None:
    import docx

    meta, lines = parse(src)
    document = docx.Document()
    props = document.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.title = meta.get("title", "")
    props.created = FIXED.replace(tzinfo=None)
    props.modified = FIXED.replace(tzinfo=None)
    props.last_printed = FIXED.replace(tzinfo=None)
    props.revision = 1
    table_rows: list[list[str]] = []

    def flush():
        if not table_rows:
            return
        ncols = max(len(r) for r in table_rows)
        table = document.add_table(rows=0, cols=ncols)
        table.style = "Table Grid"
        for row in table_rows:
            tr = table.add_row().cells
            for i, value in enumerate(row):
                tr[i].text = value
        table_rows.clear()

    for line in lines:
        if line.startswith("|"):
            table_rows.append(cells(line))
            continue
        flush()
        if not line.strip():
            continue
        if line.startswith("## "):
            document.add_heading(line[3:].strip(), level=2)
        elif line.startswith("# "):
            document.add_heading(line[2:].strip(), level=1)
        elif line.startswith("- "):
            document.add_paragraph(line[2:].strip(), style="List Bullet")
        else:
            document.add_paragraph(line)
    flush()
    buffer = io.BytesIO()
    document.save(buffer)
    out.write_bytes(normalise_zip(buffer.getvalue()))


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with sorted-as-written entries and a fixed time stamp on each."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 12, 31, 12, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return buffer.getvalue()


def main() -> int:
    made = []
    for src in sorted(SRC.glob("*.src")):
        target = HERE / "docs" / src.name.removesuffix(".src")
        if target.suffix == ".pdf":
            make_pdf(src, target)
        elif target.suffix == ".docx":
            make_docx(src, target)
        else:
            continue
        made.append(target.name)
    print("\n".join(made))
    return 0


if __name__ == "__main__":
    sys.exit(main())
