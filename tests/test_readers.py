"""Readers: txt, md, pdf and docx to numbered lines (fixtures are built in tmp_path, all fictitious)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.readers import DocumentText, read_document
from loaders.readers.cleaners import fix_mojibake, is_page_number
from loaders.readers.docx import read_docx
from loaders.readers.pdf import read_pdf, remove_page_furniture
from loaders.readers.text import decode, markdown_to_lines, read_markdown, read_text

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# --- fixture builders ---------------------------------------------------------------------------


def make_pdf(
    path: Path, pages: list[list[str]], header: str | None = None, footer: str | None = None
) -> Path:
    """A text PDF, one list of lines per page; ``footer`` may hold {page} and {pages}."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self):
            if header:
                self.set_font(font, size=9)
                self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            if footer:
                self.set_y(-15)
                self.set_font(font, size=9)
                self.cell(0, 6, footer.format(page=self.page_no(), pages=len(pages)), align="C")

    pdf = Doc()
    if DEJAVU.exists():
        pdf.add_font("dejavu", fname=str(DEJAVU))
        font = "dejavu"
    else:  # the core font covers åäö in latin-1
        font = "helvetica"
    pdf.set_auto_page_break(False)
    for lines in pages:
        pdf.add_page()
        pdf.set_font(font, size=11)
        for line in lines:
            if isinstance(line, tuple):
                for cell in line:
                    pdf.cell(60, 8, cell)
                pdf.ln(8)
            else:
                pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_docx(path: Path, blocks: list) -> Path:
    """A DOCX from blocks: a str is a paragraph, a list of rows (lists of str) is a table."""
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for r, row in enumerate(block):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    document.save(str(path))
    return path


# --- plain text ---------------------------------------------------------------------------------

SWEDISH = "Välfärdsrådet, Åsa, Älvdalen, Örebro"


def test_utf8(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"{SWEDISH}\nrad två\n".encode())
    assert read_text(path) == [SWEDISH, "rad två"]


def test_utf8_bom_is_removed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"{SWEDISH}\nrad två".encode("utf-8-sig"))
    assert read_text(path) == [SWEDISH, "rad två"]


def test_cp1252_decodes_exactly(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"{SWEDISH} – ”citat” €\n".encode("cp1252"))
    assert read_text(path) == [f"{SWEDISH} – ”citat” €"]


def test_cp1252_undefined_byte_does_not_fail():
    # 0x81 is undefined in cp1252; one stray byte must not make a Swedish file unreadable
    assert (
        decode("Åsa Exempelsson i Älvdalen ".encode("cp1252") + b"\x81")
        == "Åsa Exempelsson i Älvdalen \ufffd"
    )


def test_crlf_and_cr_become_lines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"ett\r\ntv\xc3\xa5\r\rfyra\rfem\r\n")
    assert read_text(path) == ["ett", "två", "", "fyra", "fem"]


def test_line_numbers_match_the_file(tmp_path):
    # form feed, NEL and U+2028 do not end lines in editors or grep -n, so they must not here
    content = "1 rad\n\n3 rad\x0c med sidbrytning\n4 rad\u2028fortsätter\n5 rad\u0085\n\n7 rad"
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    lines = read_text(path)
    assert len(lines) == 7
    for number, line in enumerate(lines, start=1):
        assert line == "" or line.startswith(f"{number} rad")


def test_nfc_controls_and_nbsp(tmp_path):
    path = tmp_path / "a.txt"
    # a NUL in the first 8 KB means binary; further down it is dropped like other controls
    text = "A\u030asa\u00a0Exempelsson\x01\x07 (S)\t§\u202f3\u00ad\n" + "x" * 9000 + "\nslut\x00"
    path.write_text(text, encoding="utf-8")
    assert read_text(path) == ["Åsa Exempelsson (S)\t§ 3", "x" * 9000, "slut"]


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"{SWEDISH}\r\nrad två\r\n".encode("utf-16"))
    assert read_text(path) == [SWEDISH, "rad två"]


@pytest.mark.parametrize(
    ("mangled", "fixed"),
    [
        ("VÃ¤lfÃ¤rdsrÃ¥det", "Välfärdsrådet"),
        ("Ã…sa i Ã„lvdalen och Ã–rebro", "Åsa i Älvdalen och Örebro"),
        ("Â§ 3 â€“ beslut", "§ 3 – beslut"),
        ("Välfärd och Ã¤ven", "Välfärd och även"),  # mixed line: each sequence on its own
        ("São Paulo, JOÃO", "São Paulo, JOÃO"),  # genuine Ã is left alone
    ],
)
def test_mojibake_is_repaired(mangled, fixed):
    assert fix_mojibake(mangled) == fixed


def test_double_encoded_file_never_yields_mojibake(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SWEDISH.encode("utf-8").decode("cp1252"), encoding="utf-8")
    assert read_text(path) == [SWEDISH]


# --- markdown ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**Beslut** fattades", "Beslut fattades"),
        ("*kursiv* och __fet__ och _lutande_", "kursiv och fet och lutande"),
        ("~~struken~~ text", "struken text"),
        ("***båda***", "båda"),
        ("snake_case och file_name_v2", "snake_case och file_name_v2"),
        ("Malung-Sälen och Rättvik", "Malung-Sälen och Rättvik"),
        ("3 * 4 * 5 = 60", "3 * 4 * 5 = 60"),
        ("## § 3 Ekonomi", "§ 3 Ekonomi"),
        ("# Rubrik #", "Rubrik"),
        ("#ingen rubrik", "#ingen rubrik"),
        ("Se [protokollet](https://example.se/p(1).pdf) nu", "Se protokollet nu"),
        ("![logga](logo.png) Välfärdsrådet", "logga Välfärdsrådet"),
        ("<https://example.se>", "https://example.se"),
        ("`kod_med_understreck`", "kod_med_understreck"),
        ("\\*inte kursiv\\*", "*inte kursiv*"),
        ("> citat från **Kim**", "citat från Kim"),
        ("* punkt", "- punkt"),
        ("- punkt", "- punkt"),
        ("• punkt", "• punkt"),
        ("---", ""),
    ],
)
def test_markdown_inline_and_blocks(source, expected):
    assert markdown_to_lines(source) == [expected]


def test_markdown_tables_keep_line_mapping():
    source = "\n".join(
        [
            "# Ledamöter",  # 1
            "",  # 2
            "| Kommun | Ordinarie | Ersättare |",  # 3
            "|:-------|:---------:|----------:|",  # 4
            "| Avesta | **Kim Exempelsson** | Eli Provsson |",  # 5
            "| Malung-Sälen | Ulla Testare | |",  # 6
            "",  # 7
            "Kommun | Namn",  # 8: pipe-less table
            "--- | ---",  # 9
            "Orsa | Bo Prov\\|sson",  # 10
            "",  # 11
            "```",  # 12
            "| inte | tabell? | jo, men i kod |",  # 13
            "```",  # 14
        ]
    )
    lines = markdown_to_lines(source)
    assert len(lines) == 14
    assert lines[2] == "Kommun\tOrdinarie\tErsättare"
    assert lines[3] == ""
    assert lines[4] == "Avesta\tKim Exempelsson\tEli Provsson"
    assert lines[5] == "Malung-Sälen\tUlla Testare\t"
    assert lines[7:10] == ["Kommun\tNamn", "", "Orsa\tBo Prov|sson"]
    assert lines[11] == "" and lines[13] == ""
    assert lines[12] == "| inte | tabell? | jo, men i kod |"


def test_markdown_file_line_count_matches(tmp_path):
    source = "# Protokoll\r\n\r\n**Närvarande:** Kim\r\n| a | b |\r\n|---|---|\r\n| c | d |\r\n"
    path = tmp_path / "a.md"
    path.write_bytes(source.encode("cp1252"))
    lines = read_markdown(path)
    # the markup stays: the parsers read headings, emphasis and tables as structure
    assert lines == ["# Protokoll", "", "**Närvarande:** Kim", "| a | b |", "|---|---|", "| c | d |"]
    assert len(lines) == source.count("\n")
    assert markdown_to_lines("\n".join(lines)) == ["Protokoll", "", "Närvarande: Kim", "a\tb", "", "c\td"]


# --- pdf ------------------------------------------------------------------------------------------

BODY = [
    ["§ 1 Mötets öppnande", "Ordförande Kim Exempelsson öppnade mötet.", "§ 2 Dagordning"],
    ["§ 3 Ekonomi", "Välfärdsrådet beslutade att godkänna rapporten.", "§ 4 Övrigt"],
    ["§ 5 Avslutning", "Åsa Provsson från Älvdalen tackade.", "Nästa möte i Örebro."],
]


def test_pdf_headers_and_footers_are_removed(tmp_path):
    path = make_pdf(
        tmp_path / "p.pdf",
        BODY,
        header="Välfärdsrådet Exempellän – protokoll 2026-03-12",
        footer="Sida {page} av {pages}",
    )
    lines = [line for line in read_pdf(path) if line]
    assert lines == [line for page in BODY for line in page]


@pytest.mark.parametrize(
    "footer", ["{page} ({pages})", "{page}/{pages}", "{page}", "- {page} -", "Sida {page}"]
)
def test_pdf_page_number_styles(tmp_path, footer):
    path = make_pdf(tmp_path / "p.pdf", BODY, footer=footer)
    assert [line for line in read_pdf(path) if line] == [line for page in BODY for line in page]


def test_pdf_numbered_body_lines_at_page_edges_stay(tmp_path):
    # regression: with digits folded, "§ 4 ..." and "§ 9 ..." looked like one running header
    pages = [[f"§ {p * 5 + i} Ärende {i} i Älvdalen" for i in range(5)] for p in range(3)]
    path = make_pdf(tmp_path / "p.pdf", pages, footer="Sida {page} av {pages}")
    assert [line for line in read_pdf(path) if line] == [line for page in pages for line in page]


def test_pdf_reads_empty_user_password(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf", BODY[:1])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="ägare", algorithm="RC4-128")
    path = tmp_path / "perm.pdf"
    writer.write(path)
    assert PdfReader(path).is_encrypted
    assert [line for line in read_pdf(path) if line] == BODY[0]


def test_furniture_rules_unit():
    pages = [
        ["Region Exempel", "Protokoll 2026-03-12", "§ 1 beslutade", "text", "att godkänna", "1"],
        ["Region Exempel", "Protokoll 2026-03-12", "§ 2 beslutade", "text", "att godkänna", "2"],
        ["Region Exempel", "Protokoll 2026-03-12", "beslutade", "att godkänna", "mer", "text", "3"],
    ]
    out = remove_page_furniture(pages)
    # headers repeated at the top go; "att godkänna" repeats at the bottom edge but also occurs
    # mid-page, so it is body text and stays
    assert "Region Exempel" not in out and "Protokoll 2026-03-12" not in out
    assert out.count("att godkänna") == 3
    assert not any(line in {"1", "2", "3"} for line in out)


def test_furniture_single_page_keeps_everything_but_page_number():
    assert remove_page_furniture([["Rubrik", "text", "Sida 1 av 1"]]) == ["Rubrik", "text"]


def test_furniture_page_numbers_offset_by_cover_page():
    pages = [["Omslag", "Titel"]] + [
        [
            f"§ {p * 3} Ärende",
            f"Kim föredrog punkt {p * 7}.",
            f"§ {p * 3 + 1} Ärende",
            f"Beslut {p * 5}.",
            f"Eli {p * 2}.",
            str(p - 1),
        ]
        for p in range(2, 6)
    ]
    out = remove_page_furniture(pages)
    assert out == ["Omslag", "Titel"] + [line for page in pages[1:] for line in page[:-1]]


@pytest.mark.parametrize(
    ("line", "page", "expected"),
    [
        ("Sida 3 av 7", 3, True),
        ("sida 3 (7)", 3, True),
        ("Page 2 of 9", 2, True),
        ("3 (7)", 3, True),
        ("3/7", None, True),
        ("12/7", None, False),  # a date, not page 12 of 7
        ("3", 3, True),
        ("14", 3, False),
        ("Bilaga 3", 3, False),
        ("§ 3", 3, False),
    ],
)
def test_is_page_number(line, page, expected):
    assert is_page_number(line, page=page) is expected


# --- docx ----------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    path = make_docx(
        tmp_path / "d.docx",
        [
            "Protokoll Välfärdsrådet",
            "",
            [["Kommun", "Ordinarie", "Ersättare"], ["Avesta", "Kim Exempelsson", "Eli Provsson"]],
            "§ 1 Mötets öppnande",
            [["Orsa", "Ulla Testare"]],
            "Slut",
        ],
    )
    assert read_docx(path) == [
        "Protokoll Välfärdsrådet",
        "",
        "Kommun\tOrdinarie\tErsättare",
        "Avesta\tKim Exempelsson\tEli Provsson",
        "§ 1 Mötets öppnande",
        "Orsa\tUlla Testare",
        "Slut",
    ]


def test_docx_merged_cells(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))  # one cell across the whole first row
    merged.text = "Ledamöter 2026"
    for c, text in enumerate(["Kommun", "Namn", "Roll"]):
        table.cell(1, c).text = text
    tall = table.cell(1, 0).merge(table.cell(2, 0))  # "Kommun" spans rows 2 and 3
    tall.text = "Avesta"
    table.cell(2, 1).text = "Kim Exempelsson"
    table.cell(2, 2).text = "ordförande"
    assert [c.text for c in table.rows[0].cells] == ["Ledamöter 2026"] * 3  # python-docx repeats
    path = tmp_path / "m.docx"
    document.save(str(path))
    assert read_docx(path) == ["Ledamöter 2026", "Avesta\tNamn\tRoll", "Avesta\tKim Exempelsson\tordförande"]


def test_docx_breaks_nested_tables_headers_and_empty_rows(tmp_path):
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "SIDHUVUD ska inte med"
    document.sections[0].footer.paragraphs[0].text = "Sidfot ska inte med"
    paragraph = document.add_paragraph("Första raden")
    paragraph.add_run().add_break()
    paragraph.add_run("andra raden\tmed tabb")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Grupp"
    cell = table.cell(0, 1)
    cell.text = "Medlemmar:"
    nested = cell.add_table(rows=2, cols=2)
    for r, row in enumerate([["Kim", "Avesta"], ["Eli", "Orsa"]]):
        for c, text in enumerate(row):
            nested.cell(r, c).text = text
    cell.add_paragraph("rad två\ni cellen")
    path = tmp_path / "n.docx"
    document.save(str(path))
    assert read_docx(path) == [
        "Första raden",
        "andra raden\tmed tabb",
        "",
        "Grupp\tMedlemmar: Kim Avesta Eli Orsa rad två i cellen",
        "",  # the second row has only empty cells
    ]


def test_docx_tracked_insertions_and_hyperlinks_are_text(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document.element.body.insert(
        0,
        parse_xml(
            f"<w:p {w}><w:r><w:t xml:space='preserve'>Kim </w:t></w:r>"
            "<w:ins w:id='1' w:author='x'><w:r><w:t>Exempelsson</w:t></w:r></w:ins>"
            "<w:del w:id='2' w:author='x'><w:r><w:delText>Fel</w:delText></w:r></w:del>"
            "<w:hyperlink><w:r><w:t xml:space='preserve'> (länk)</w:t></w:r></w:hyperlink>"
            "<w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"
        ),
    )
    path = tmp_path / "t.docx"
    document.save(str(path))
    assert read_docx(path) == ["Kim Exempelsson (länk)"]


# --- one document, four formats -----------------------------------------------------------------

MINUTES = [
    "Protokoll Välfärdsrådet Exempellän",
    "Datum: 2026-03-12",
    "§ 1 Mötets öppnande",
    "Ordförande Kim Exempelsson öppnade mötet.",
    "§ 2 Ledamöter",
    ("Avesta", "Åsa Provsson", "Eli Testare"),
    ("Älvdalen", "Bo Exempelsson", "Ulla Prov"),
    "§ 3 Beslut",
    "Välfärdsrådet beslutade att ge Kim Exempelsson i uppdrag att återkomma i Örebro.",
]


def _write_all_formats(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    txt, md = [], []
    for item in MINUTES:
        if isinstance(item, tuple):
            txt.append("\t".join(item))
            if not md[-1].startswith("|"):
                md += ["", "| Kommun | Ordinarie | Ersättare |", "|---|---|---|"]
            md.append("| " + " | ".join(item) + " |")
        else:
            txt.append(item)
            md += ["", f"**{item}**" if item.startswith("§") else item]
    paths["txt"] = tmp_path / "m.txt"
    paths["txt"].write_text("\n".join(txt) + "\n", encoding="utf-8")
    paths["md"] = tmp_path / "m.md"
    paths["md"].write_text("\n".join(md) + "\n", encoding="utf-8")
    paths["pdf"] = make_pdf(tmp_path / "m.pdf", [MINUTES])

    blocks: list = []
    for item in MINUTES:
        if isinstance(item, tuple):
            if not blocks or isinstance(blocks[-1], str):
                blocks.append([["Kommun", "Ordinarie", "Ersättare"]])
            blocks[-1].append(list(item))
        else:
            blocks.append(item)
    paths["docx"] = make_docx(tmp_path / "m.docx", blocks)
    return paths


def test_same_minutes_in_four_formats(tmp_path):
    paths = _write_all_formats(tmp_path)
    results = {fmt: read_document(path) for fmt, path in paths.items()}
    for fmt, doc in results.items():
        assert isinstance(doc, DocumentText) and doc.format == fmt and doc.name == paths[fmt].name

    def content(doc: DocumentText) -> list[str]:
        # the md and docx tables carry a header row the txt has not; Markdown keeps its markup (the
        # parsers read it as structure), so it is compared as the plain text it renders to
        lines = markdown_to_lines("\n".join(doc.lines)) if doc.format == "md" else doc.lines
        return [line.strip().lstrip("#").strip() for line in lines if line.strip() and not line.startswith("Kommun")]

    expected = content(results["txt"])
    assert len(expected) == len(MINUTES)
    for fmt in ("md", "pdf", "docx"):
        assert content(results[fmt]) == expected, fmt


def test_pdf_table_rows_are_tab_joined(tmp_path):
    rows = [("Kommun", "Ordinarie", "Ersättare"), ("Avesta", "Kim Exempelsson", "Eli Provsson")]
    path = make_pdf(tmp_path / "t.pdf", [["Ledamöter", *rows, "Slut på tabellen."]])
    assert [line for line in read_pdf(path) if line] == [
        "Ledamöter",
        "Kommun\tOrdinarie\tErsättare",
        "Avesta\tKim Exempelsson\tEli Provsson",
        "Slut på tabellen.",
    ]
