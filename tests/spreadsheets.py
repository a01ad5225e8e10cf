"""Building the spreadsheets delegations upload, for the import tests (unit, HTTP, browser)."""

import csv
import io

from openpyxl import Workbook

HEADER = [
    "Title",
    "Summary",
    "Keywords",
    "Sectors",
    "TRL",
    "Transfer modes",
    "Price from",
    "Price up to",
    "Currency",
    "Target countries",
]


def technology_rows(count: int = 8) -> list[list]:
    """``count`` valid technologies, as a Korean delegation would list them."""
    sectors = ["AQU.FAR", "Solar power", "ENE.STO", "Crop production & smart farming"]
    return [
        [
            f"Smart technology {n}",
            f"What technology {n} does, in two sentences.",
            f"keyword{n}, sensors",
            sectors[n % len(sectors)],
            (n % 9) + 1,
            "Licence; Training",
            10000 * n,
            20000 * n,
            "USD",
            "VN, KR",
        ]
        for n in range(1, count + 1)
    ]


def xlsx_bytes(rows, header=HEADER, title: str = "Technologies") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, header=HEADER, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _rewrite_sheet(content: bytes, change) -> bytes:
    """The same workbook with its first sheet's XML passed through ``change``."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            archive.writestr(member.filename, data)
    return buffer.getvalue()


def far_cell_xlsx(declare_dimension: bool = True) -> bytes:
    """A spreadsheet bomb by dimensions: a valid header and one cell at XFD1048576 (5 KB)."""
    import re

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Technologies"
    sheet.append(HEADER)
    sheet.cell(row=1048576, column=16384, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    if declare_dimension:
        return buffer.getvalue()
    return _rewrite_sheet(buffer.getvalue(), lambda xml: re.sub(rb"<dimension[^>]*/>", b"", xml))


def deeply_compressed_xlsx(filler_bytes: int) -> bytes:
    """A spreadsheet bomb by compression: a valid sheet carrying ``filler_bytes`` of blanks
    that pack a thousand times smaller."""
    return _rewrite_sheet(
        xlsx_bytes(technology_rows(1)),
        lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * filler_bytes, 1),
    )
