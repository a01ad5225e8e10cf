"""The report as a spreadsheet (.xlsx, one sheet per breakdown) and as CSV (one table with a
``breakdown`` column): the same figures as the page, from the same ``Report``."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from reports.selectors import METRICS, Report


def _value(value):
    """Cells keep numbers as numbers (Excel sums them); None stays empty."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _filters(report: Report) -> list[tuple[str, str]]:
    f = report.filters
    return [
        (_("From year"), str(f.year_from or "")),
        (_("To year"), str(f.year_to or "")),
        (_("Partner country"), f.country),
        (_("Sector"), f.sector),
        (_("Event kind"), f.kind),
    ]


def rows(report: Report) -> list[list]:
    """Every row of the CSV, header first: breakdown, group, then each figure."""
    header = [_("Breakdown"), _("Group"), *[str(label) for _key, label in METRICS]]
    out = [header, ["total", _("All"), *[_value(report.total[k]) for k, _l in METRICS]]]
    for name, _title, breakdown in report.breakdowns():
        for row in breakdown:
            out.append([name, row.label, *[_value(row.figures[k]) for k, _l in METRICS]])
    return out


def to_csv(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows(report))
    # A byte-order mark so that Excel opens the UTF-8 (Vietnamese names) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")[:31]
    bold = Font(bold=True)
    summary.append([_("Technology connection report")])
    summary["A1"].font = Font(bold=True, size=14)
    for label, value in _filters(report):
        summary.append([str(label), value])
    summary.append([])
    summary.append([_("Figure"), _("All")])
    summary.cell(row=summary.max_row, column=1).font = bold
    for key, label in METRICS:
        summary.append([str(label), _value(report.total[key])])
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 20
    for _name, title, breakdown in report.breakdowns():
        sheet = book.create_sheet(title[:31])
        sheet.append([_("Group"), *[str(label) for _key, label in METRICS]])
        for cell in sheet[1]:
            cell.font = bold
        for row in breakdown:
            sheet.append([row.label, *[_value(row.figures[k]) for k, _l in METRICS]])
        sheet.column_dimensions["A"].width = 48
        sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
