"""Fuzzing the spreadsheet importer: whatever a delegation uploads, the answer is a preview or a
clear message, never an error page.

Three kinds of input, each from real files: workbooks built with random headers, cells and
positions; real workbooks whose parts (sheet XML, shared strings, styles, the zip itself) are
cut, spliced and overwritten; CSV text and bytes in any shape. The examples are bounded so the
file runs in about 20–30 s on the project's 2-core machine.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime, time

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from openpyxl import Workbook

from matchmaking.importing import (
    COLUMNS,
    ImportFileError,
    Vocabulary,
    check_sheet,
    read_upload,
    template_csv,
    template_xlsx,
)
from tests.spreadsheets import HEADER, csv_bytes, technology_rows, xlsx_bytes

VOCABULARY = Vocabulary(
    sectors={
        "AQU": ("Thủy sản", "Aquaculture"),
        "AQU.FAR": ("Nuôi trồng thủy sản", "Aquaculture farming systems"),
        "ENE.SOL": ("Điện mặt trời", "Solar power"),
    },
    transfer_modes={"licence": ("Li-xăng", "Licence"), "training": ("Đào tạo", "Training")},
)
FUZZ = settings(
    deadline=None,
    database=None,  # nothing written to the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _count(outcome: str) -> None:
    """What happened, for ``--hypothesis-show-statistics`` (shows which paths were reached)."""
    if currently_in_test_context():
        event(outcome)


def _outcome(content: bytes, name: str) -> None:
    """The importer's whole path, as the preview page runs it; fails on anything unexpected."""
    try:
        sheet = read_upload(SimpleUploadedFile(name, content))
    except ImportFileError as refusal:
        assert str(refusal).strip()
        _count(f"refused: {str(refusal)[:40]}")
        return
    json.dumps(sheet.to_json())  # the preview keeps it in the (JSON) session
    result = check_sheet(sheet, VOCABULARY)
    assert all(isinstance(error.message, str) and error.message for error in result.errors)
    assert result.is_valid == (not result.errors and bool(result.rows))
    _count("preview " + ("valid" if result.is_valid else "with errors"))


HEADERS = st.one_of(
    st.sampled_from([*HEADER, *(column.header for column in COLUMNS), "Tên công nghệ", "TRL"]),
    st.text(max_size=30),
)
CELLS = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.sampled_from(["AQU.FAR", "Solar power", "7", "TRL 8", "12", "Licence; Training", "VN, KR"]),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.times(),
)


def _clean_text(value):
    # openpyxl refuses control characters in cells when writing: keep the rest of the text.
    if isinstance(value, str):
        return "".join(char for char in value if char >= " " or char in "\t\n")
    return value


@settings(FUZZ, max_examples=120)
@given(
    title=st.sampled_from(["Technologies", "Sheet1", "Công nghệ", "x"]),
    header=st.lists(HEADERS, max_size=20),
    rows=st.lists(st.lists(CELLS, max_size=20), max_size=15),
    scattered=st.lists(st.tuples(st.integers(1, 5200), st.integers(1, 110), CELLS), max_size=4),
)
def test_any_workbook_gives_a_preview_or_a_clear_message(title, header, rows, scattered):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append([_clean_text(value) for value in header])
    for row in rows:
        sheet.append([_clean_text(value) for value in row])
    for row, column, value in scattered:
        sheet.cell(row=row, column=column, value=_clean_text(value))
    buffer = io.BytesIO()
    workbook.save(buffer)
    _outcome(buffer.getvalue(), "delegation.xlsx")


REAL_WORKBOOKS = [
    xlsx_bytes(technology_rows(6)),
    template_xlsx(VOCABULARY),
]
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["cut", "insert", "overwrite", "truncate"]),
        st.floats(0, 1),
        st.binary(min_size=0, max_size=40)
        | st.sampled_from([b"<", b">", b'"', b"&amp;", b'<c r="XFD1">', b"\x00", b"]]>"]),
    ),
    min_size=1,
    max_size=6,
)


def _edit(data: bytes, edits) -> bytes:
    for kind, where, chunk in edits:
        at = int(where * len(data))
        if kind == "cut":
            data = data[:at] + data[at + len(chunk) + 1 :]
        elif kind == "insert":
            data = data[:at] + chunk + data[at:]
        elif kind == "overwrite":
            data = data[:at] + chunk + data[at + len(chunk) :]
        else:
            data = data[:at]
    return data


@settings(FUZZ, max_examples=250)
@given(workbook=st.sampled_from(REAL_WORKBOOKS), member=st.integers(0, 50), edits=EDITS)
def test_damaged_parts_of_a_real_workbook_give_a_clear_message(workbook, member, edits):
    source = zipfile.ZipFile(io.BytesIO(workbook))
    names = source.namelist()
    damaged = names[member % len(names)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            data = source.read(name)
            archive.writestr(name, _edit(data, edits) if name == damaged else data)
    _outcome(buffer.getvalue(), "delegation.xlsx")


@settings(FUZZ, max_examples=300)
@given(workbook=st.sampled_from(REAL_WORKBOOKS), edits=EDITS)
def test_damaged_zip_bytes_give_a_clear_message(workbook, edits):
    _outcome(_edit(workbook, edits), "delegation.xlsx")


REAL_CSV = [
    csv_bytes(technology_rows(5)),
    csv_bytes(technology_rows(3), delimiter=";"),
    template_csv(),
]


@settings(FUZZ, max_examples=500)
@given(
    data=st.one_of(
        st.sampled_from(REAL_CSV).flatmap(lambda real: EDITS.map(lambda e: _edit(real, e))),
        st.text(alphabet=st.sampled_from(',;\t"\n\r xyzTRL7đ\ufeff'), max_size=400).map(str.encode),
        st.binary(max_size=400),
    ),
    name=st.sampled_from(["delegation.csv", "export.txt", "delegation.xlsx", "technologies"]),
)
def test_any_csv_or_other_file_gives_a_preview_or_a_clear_message(data, name):
    _outcome(data, name)


def test_the_fuzzed_inputs_start_from_files_that_import():
    """The seeds themselves are good files: the mutations start from the real thing."""
    for content, name, count in [(REAL_WORKBOOKS[0], "d.xlsx", 6), (REAL_CSV[0], "d.csv", 5)]:
        sheet = read_upload(SimpleUploadedFile(name, content))
        assert (len(sheet.rows), sheet.columns[:2]) == (count, ["title", "summary"])


# Exotic values the strategies above may not reach often: each still reads.
def test_cells_of_every_kind_read_as_text():
    content = xlsx_bytes(
        [[time(9, 30), datetime(2025, 1, 2, 3, 4), float("inf"), True, -0.0, 10**20]],
        header=["Title", "Summary", "TRL", "Keywords", "Price from", "Price up to"],
    )
    _outcome(content, "delegation.xlsx")
