"""The spreadsheet reader and checker, without the database: each error message exact."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from matchmaking.importing import (
    ImportFileError,
    RowError,
    Sheet,
    Vocabulary,
    check_sheet,
    read_upload,
    template_csv,
    template_xlsx,
)
from matchmaking.taxonomy import TRANSFER_MODES, read_sectors
from tests.spreadsheets import HEADER, csv_bytes, technology_rows, xlsx_bytes

VOCABULARY = Vocabulary(
    sectors={row["code"]: (row["name_vi"], row["name_en"]) for row in read_sectors()},
    transfer_modes={code: (vi, en) for code, vi, en in TRANSFER_MODES},
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _upload(content: bytes, name: str = "technologies.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _check(content: bytes, name: str = "technologies.xlsx"):
    return check_sheet(read_upload(_upload(content, name)), VOCABULARY)


def _errors(result) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]


def test_good_workbook_gives_every_offer_ready_to_save():
    result = _check(xlsx_bytes(technology_rows(8)))
    assert result.errors == []
    assert result.is_valid is True
    assert [row.row for row in result.rows] == [2, 3, 4, 5, 6, 7, 8, 9]
    first = result.rows[0]
    assert first.fields == {
        "title": "Smart technology 1",
        "summary": "What technology 1 does, in two sentences.",
        "description": "",
        "title_en": "",
        "summary_en": "",
        "language": "en",
        "keywords": ["keyword1", "sensors"],
        "trl": 2,
        "ip_status": "",
        "price_min": Decimal("10000"),
        "price_max": Decimal("20000"),
        "currency": "USD",
        "target_countries": ["VN", "KR"],
    }
    assert first.sectors == ["ENE.SOL"]
    assert first.transfer_modes == ["licence", "training"]
    assert [row.sectors for row in result.rows[1:4]] == [["ENE.STO"], ["AGR.CRP"], ["AQU.FAR"]]


def test_good_csv_with_semicolons_and_a_byte_order_mark_is_read_like_a_workbook():
    content = b"\xef\xbb\xbf" + csv_bytes(technology_rows(3), delimiter=";")
    result = _check(content, "technologies.csv")
    assert result.errors == []
    assert [row.fields["title"] for row in result.rows] == [
        "Smart technology 1",
        "Smart technology 2",
        "Smart technology 3",
    ]
    assert result.rows[2].fields["trl"] == 4


def test_vietnamese_headers_with_or_without_accents_are_recognised():
    header = ["Tên công nghệ", "Linh vuc", "Mức độ sẵn sàng công nghệ", "Hình thức chuyển giao"]
    content = xlsx_bytes(
        [["Máy sấy lạnh", "Chế biến & bảo quản thực phẩm", "7", "Đào tạo"]], header
    )
    result = _check(content)
    assert result.errors == []
    assert (result.rows[0].sectors, result.rows[0].transfer_modes) == (["AGR.FOD"], ["training"])


def test_each_broken_cell_gets_its_row_column_and_exact_message():
    rows = technology_rows(3)
    rows[0][4] = 12  # TRL
    rows[1][0] = ""  # title
    rows[1][3] = "Space mining; AQU.FAR"
    rows[2][6], rows[2][7] = 500, 100  # price from > price up to
    rows[2][8] = "XYZ"
    rows[2][5] = "Franchise"
    rows[2][9] = "Atlantis"
    result = _check(xlsx_bytes(rows))
    assert _errors(result) == [
        (2, "trl", "The TRL must be a whole number from 1 to 9."),
        (3, "title", "A title is required."),
        (
            3,
            "sectors",
            "Unknown sector “Space mining”: use a code or a name from the Sectors sheet of the "
            "template.",
        ),
        (
            4,
            "transfer_modes",
            "Unknown transfer mode “Franchise”: use one of Licence, Equipment supply, Turnkey, "
            "Joint venture, R&D cooperation, Technical assistance, Training, Other.",
        ),
        (4, "price_max", "The upper bound must not be below the lower bound."),
        (4, "currency", "Unknown currency “XYZ”: use one of VND, USD, EUR, KRW, TWD, JPY, CAD."),
        (
            4,
            "target_countries",
            "Unknown country “Atlantis”: use two-letter codes such as VN, KR, JP.",
        ),
    ]
    assert result.is_valid is False
    assert [len(row.errors) for row in result.rows] == [1, 2, 4]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("seven", "The TRL must be a whole number from 1 to 9."),
        ("7.5", "The TRL must be a whole number from 1 to 9."),
        ("0", "The TRL must be a whole number from 1 to 9."),
        ("", "The TRL is required (a whole number from 1 to 9)."),
    ],
)
def test_trl_must_be_a_whole_number_from_1_to_9(cell, message):
    rows = technology_rows(1)
    rows[0][4] = cell
    assert _errors(_check(csv_bytes(rows), "t.csv")) == [(2, "trl", message)]


@pytest.mark.parametrize(("cell", "trl"), [("TRL 7", 7), ("7.0", 7), (" 9 ", 9)])
def test_trl_written_loosely_is_understood(cell, trl):
    rows = technology_rows(1)
    rows[0][4] = cell
    assert _check(csv_bytes(rows), "t.csv").rows[0].fields["trl"] == trl


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("-5", "A price cannot be negative."),
        ("cheap", "Write the price as a number, for example 150000."),
        ("10.125", "At most 2 decimal places."),
        ("1" + "0" * 17, "This price is too large."),
    ],
)
def test_price_must_be_a_reasonable_number(cell, message):
    rows = technology_rows(1)
    rows[0][6], rows[0][7] = cell, ""
    assert _errors(_check(csv_bytes(rows), "t.csv")) == [(2, "price_min", message)]


def test_price_with_thousands_separators_is_understood():
    rows = technology_rows(1)
    rows[0][6], rows[0][7] = "150,000", "1,250,000.50"
    fields = _check(csv_bytes(rows), "t.csv").rows[0].fields
    assert (fields["price_min"], fields["price_max"]) == (Decimal("150000"), Decimal("1250000.50"))


def test_more_than_twenty_keywords_and_a_missing_sector_are_refused():
    rows = technology_rows(1)
    rows[0][2] = ", ".join(f"word{n}" for n in range(21))
    rows[0][3] = ""
    assert _errors(_check(xlsx_bytes(rows))) == [
        (2, "keywords", "At most 20 keywords."),
        (2, "sectors", "At least one sector is required."),
    ]


def test_too_long_title_is_refused_with_its_length():
    rows = technology_rows(1)
    rows[0][0] = "x" * 300
    assert _errors(_check(xlsx_bytes(rows))) == [
        (2, "title", "At most 255 characters (this cell has 300).")
    ]


def test_same_title_twice_points_at_the_first_row():
    rows = technology_rows(2)
    rows[1][0] = "smart  TECHNOLOGY 1"
    assert _errors(_check(xlsx_bytes(rows))) == [(3, "title", "The same title as row 2.")]


def test_language_ip_status_and_english_texts_are_read():
    header = [*HEADER, "Language", "English title", "Intellectual property"]
    row = [*technology_rows(1)[0], "Korean", "Smart tech (EN)", "Patent pending"]
    fields = _check(xlsx_bytes([row], header)).rows[0].fields
    assert (fields["language"], fields["title_en"], fields["ip_status"]) == (
        "ko",
        "Smart tech (EN)",
        "patent_pending",
    )


def test_unknown_language_and_ip_status_are_refused():
    header = [*HEADER, "Language", "IP status"]
    row = [*technology_rows(1)[0], "Klingon", "secret sauce"]
    assert _errors(_check(xlsx_bytes([row], header))) == [
        (2, "language", "Unknown language “Klingon”: use one of vi, en, ko, zh, ja."),
        (
            2,
            "ip_status",
            "Unknown intellectual property status “secret sauce”: use one of patented, "
            "patent_pending, utility_solution, trade_secret, copyright, open, none.",
        ),
    ]


def test_missing_required_column_and_duplicate_column_are_reported_on_the_header_row():
    header = ["Title", "Title", "Sectors"]
    result = _check(xlsx_bytes([["A", "B", "AQU.FAR"]], header))
    assert _errors(result) == [
        (1, "title", "This column appears twice in the header."),
        (1, "trl", "This column is missing from the header."),
    ]
    assert result.rows == []


def test_unknown_columns_are_ignored_and_listed():
    header = [*HEADER, "Company internal code"]
    rows = [[*row, "X-1"] for row in technology_rows(1)]
    sheet = read_upload(_upload(xlsx_bytes(rows, header)))
    assert sheet.ignored == ["Company internal code"]
    assert check_sheet(sheet, VOCABULARY).errors == []


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_file():
    rows = technology_rows(2)
    result = _check(xlsx_bytes([rows[0], [None] * len(HEADER), rows[1]]))
    assert [row.row for row in result.rows] == [2, 4]


def test_header_only_file_has_nothing_to_import():
    assert _errors(_check(xlsx_bytes([]))) == [
        (1, "", "The file has no technology below the header.")
    ]


def test_sheet_survives_a_round_trip_through_json():
    sheet = read_upload(_upload(xlsx_bytes(technology_rows(2))))
    assert Sheet.from_json(sheet.to_json()) == sheet


def test_file_renamed_xlsx_that_is_not_a_zip_is_refused():
    with pytest.raises(ImportFileError) as refused:
        read_upload(_upload(b"Title,TRL\nA,7\n", "technologies.xlsx"))
    assert str(refused.value) == (
        "This file is not a real .xlsx workbook: save it again from Excel as .xlsx."
    )


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(ImportFileError) as refused:
        read_upload(_upload(buffer.getvalue(), "technologies.xlsx"))
    assert str(refused.value) == (
        "This file is not an Excel workbook: save it as .xlsx or as CSV UTF-8."
    )


def test_oversized_file_is_refused_before_reading():
    with pytest.raises(ImportFileError) as refused:
        read_upload(_upload(b"x" * (2 * 1024 * 1024 + 1), "technologies.csv"))
    assert str(refused.value) == "The file is larger than 2 MB: split it into several files."


def test_old_xls_workbook_is_refused():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    with pytest.raises(ImportFileError) as refused:
        read_upload(_upload(ole, "technologies.xls"))
    assert str(refused.value) == "Old Excel files (.xls) cannot be read: save the file as .xlsx."


def test_binary_file_named_csv_is_refused():
    with pytest.raises(ImportFileError) as refused:
        read_upload(_upload(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "technologies.csv"))
    assert str(refused.value) == "This file is not a CSV text file."


def test_csv_not_in_utf8_is_refused():
    content = "Title,Sectors,TRL\nMáquina térmica,AQU.FAR,7\n".encode("latin-1")
    with pytest.raises(ImportFileError) as refused:
        read_upload(_upload(content, "technologies.csv"))
    assert str(refused.value) == (
        "The CSV file must be encoded in UTF-8 (in Excel: save as “CSV UTF-8”)."
    )


def test_other_file_types_are_refused():
    with pytest.raises(ImportFileError) as refused:
        read_upload(_upload(b"%PDF-1.7 hello", "technologies.pdf"))
    assert str(refused.value) == "Upload an Excel workbook (.xlsx) or a CSV file (.csv)."


def test_more_than_500_rows_is_refused():
    rows = [[f"T{n}", "", "", "AQU.FAR", 7] for n in range(501)]
    with pytest.raises(ImportFileError) as refused:
        read_upload(_upload(csv_bytes(rows, HEADER[:5]), "big.csv"))
    assert str(refused.value) == (
        "The file has more than 500 technologies: split it into several files."
    )


def test_errors_are_worded_in_the_visitors_language():
    rows = technology_rows(1)
    rows[0][4] = 12
    with translation.override("vi"):
        result = _check(xlsx_bytes(rows))
        label = result.errors[0].column_label
    with translation.override("vi"):
        expected = translation.gettext("The TRL must be a whole number from 1 to 9.")
        expected_label = translation.gettext("TRL")
    assert (result.errors[0].message, label) == (expected, expected_label)


def test_xlsx_template_lists_the_columns_and_the_taxonomy_and_reads_back():
    content = template_xlsx(VOCABULARY)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Technologies", "Instructions", "Sectors", "Transfer modes"]
    sectors = [row[0] for row in workbook["Sectors"].iter_rows(min_row=2, values_only=True)]
    assert sectors == list(VOCABULARY.sectors)
    assert _errors(_check(content)) == [(1, "", "The file has no technology below the header.")]
    sheet = workbook["Technologies"]
    sheet.append(["Example technology", "", "", "", "", "", "", "AQU.FAR", 8])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = _check(buffer.getvalue())
    assert (result.errors, result.rows[0].sectors, result.rows[0].fields["trl"]) == (
        [],
        ["AQU.FAR"],
        8,
    )


def test_csv_template_has_the_header_only():
    content = template_csv()
    assert content.startswith(b"\xef\xbb\xbf")
    sheet = read_upload(_upload(content, "template.csv"))
    assert (sheet.rows, sheet.ignored, len(sheet.columns)) == ([], [], 15)


def test_row_error_names_its_column_in_the_visitors_language():
    assert RowError(2, "price_max", "x").column_label == "Price up to"
    assert RowError(1, "", "x").column_label == ""


def test_file_with_too_much_text_is_refused(monkeypatch):
    from matchmaking import importing

    monkeypatch.setattr(importing, "MAX_TEXT_CHARS", 1000)
    rows = technology_rows(3)
    rows[2][1] = "long summary " * 100
    with pytest.raises(ImportFileError) as refused:
        read_upload(_upload(xlsx_bytes(rows)))
    assert str(refused.value) == "The file holds too much text: split it into several files."
