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
