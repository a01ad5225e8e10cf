"""PDF agendas and table signs, made on the server with fpdf2 and DejaVu Sans (which covers
Vietnamese diacritics; shipped under static/fonts with its licence). Times are in the event's
time zone."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from events.models import Event, Meeting, Registration, Table

FONT_DIR = settings.BASE_DIR / "static" / "fonts"
FONT = "DejaVu"


def _document(title: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(title)
    pdf.set_creator("TechConnect")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 18, 18)
    return pdf


def _line(pdf: FPDF, text: str, *, size: float = 11, bold: bool = False, height: float = 6):
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")


def _times(meeting: Meeting, zone: ZoneInfo) -> str:
    start = meeting.slot.starts_at.astimezone(zone)
    end = meeting.slot.ends_at.astimezone(zone)
    return f"{start:%H:%M}–{end:%H:%M}"


def _day(meeting: Meeting, zone: ZoneInfo) -> str:
    return formats.date_format(meeting.slot.starts_at.astimezone(zone), "DATE_FORMAT")


def _event_heading(pdf: FPDF, event: Event) -> None:
    _line(pdf, event.display_title, size=16, bold=True, height=8)
    place = ", ".join(p for p in (event.venue, event.city) if p)
    _line(pdf, place, size=10)
    _line(pdf, _("Times in %(zone)s") % {"zone": event.timezone}, size=9)
    pdf.ln(3)


def agenda(
    *, event: Event, registration: Registration, meetings: list[Meeting], qr: bytes | None = None
) -> bytes:
    """One participant's meetings, by day, with time, table and the other side; ``qr`` (a PNG)
    is the participant's check-in code, printed at the top right."""
    zone = ZoneInfo(event.timezone)
    pdf = _document(_("Agenda"))
    pdf.add_page()
    if qr is not None:
        pdf.image(io.BytesIO(qr), x=pdf.w - pdf.r_margin - 30, y=8, w=30, h=30)
        pdf.set_right_margin(pdf.r_margin + 32)
    _event_heading(pdf, event)
    _line(pdf, _("Agenda of %(org)s") % {"org": registration.organization.display_name},
          size=13, bold=True, height=7)  # fmt: skip
    pdf.ln(2)
    if qr is not None:
        pdf.set_y(max(pdf.get_y(), 40))
        pdf.set_right_margin(18)
    if not meetings:
        _line(pdf, _("No meeting is scheduled for you."))
    day = None
    for meeting in meetings:
        if _day(meeting, zone) != day:
            day = _day(meeting, zone)
            pdf.ln(2)
            _line(pdf, day, bold=True)
        other = (
            meeting.registration_b
            if meeting.registration_a_id == registration.pk
            else meeting.registration_a
        )
        with pdf.table(
            col_widths=(34, 26, 114), first_row_as_headings=False, borders_layout="NONE",
            line_height=6,
        ) as table:  # fmt: skip
            row = table.row()
            pdf.set_font(FONT, "B", 11)
            row.cell(_times(meeting, zone))
            pdf.set_font(FONT, "", 11)
            row.cell(meeting.table.label)
            name = other.organization.display_name
            country = other.organization.country.name if other.organization.country else ""
            link = meeting.table.meeting_link if meeting.table.is_virtual else ""
            row.cell("\n".join(x for x in (name, str(country), link) if x))
    return bytes(pdf.output())


def table_signs(*, event: Event, tables: list[tuple[Table, list[Meeting]]]) -> bytes:
    """One page per table: its label in large type, its host, and its meetings in order."""
    zone = ZoneInfo(event.timezone)
    pdf = _document(_("Table signs"))
    for table, meetings in tables:
        pdf.add_page()
        _line(pdf, event.display_title, size=10)
        pdf.ln(6)
        _line(pdf, table.label, size=54, bold=True, height=24)
        if table.host_id:
            _line(pdf, table.host.organization.display_name, size=18, bold=True, height=9)
        if table.interpreter_language:
            language = table.get_interpreter_language_display()
            _line(pdf, _("Interpreter: %(language)s") % {"language": language}, size=12)
        pdf.ln(6)
        if not meetings:
            _line(pdf, _("No meeting at this table."))
        day = None
        for meeting in meetings:
            if _day(meeting, zone) != day:
                day = _day(meeting, zone)
                pdf.ln(2)
                _line(pdf, day, bold=True)
            with pdf.table(
                col_widths=(40, 134), first_row_as_headings=False, borders_layout="NONE",
                line_height=7,
            ) as grid:  # fmt: skip
                row = grid.row()
                pdf.set_font(FONT, "B", 12)
                row.cell(_times(meeting, zone))
                pdf.set_font(FONT, "", 12)
                row.cell(
                    f"{meeting.registration_a.organization.display_name} × "
                    f"{meeting.registration_b.organization.display_name}"
                )
    if not tables:
        pdf.add_page()
        _line(pdf, _("This event has no table yet."))
    return bytes(pdf.output())


def badges(*, event: Event, badges: list[tuple[Registration, dict | None, bytes]]) -> bytes:
    """Name badges on A6 pages (print on A6 card, or four to an A4 sheet): the person, the
    organisation and its country, and the check-in QR code (a PNG) of that person.

    ``badges``: (registration, representative or None for an unnamed badge, QR PNG).
    """
    pdf = FPDF(format=(105, 148))  # A6
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(_("Badges"))
    pdf.set_creator("TechConnect")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(8, 8, 8)
    for registration, person, qr in badges:
        pdf.add_page()
        _line(pdf, event.display_title, size=8, height=4)
        pdf.ln(4)
        name = (person or {}).get("name", "") if isinstance(person, dict) else ""
        title = (person or {}).get("title", "") if isinstance(person, dict) else ""
        if name:
            _line(pdf, name, size=18, bold=True, height=8)
        if title:
            _line(pdf, title, size=10, height=5)
        pdf.ln(2)
        _line(pdf, registration.organization.display_name, size=12, bold=True, height=6)
        country = registration.organization.country
        if country:
            _line(pdf, str(country.name), size=9, height=5)
        size = 48
        pdf.image(io.BytesIO(qr), x=(pdf.w - size) / 2, y=pdf.h - size - 14, w=size, h=size)
        pdf.set_y(pdf.h - 13)
        pdf.set_font(FONT, "", 7)
        pdf.cell(0, 4, _("Check-in code"), align="C")
    if not badges:
        pdf.add_page()
        _line(pdf, _("No participant."))
    return bytes(pdf.output())
