"""Reading a delegation's spreadsheet of technology offers, checking every cell, saving nothing.

Three steps, none of them touching the database:

1. ``read_upload(file)`` refuses files over 2 MB and anything that is not really an .xlsx
   workbook (a zip with a workbook inside) or a UTF-8 CSV text, then returns a ``Sheet``: the
   recognised columns (headers in English or Vietnamese, any case, with or without accents),
   and each non-empty row's cells as text, with its row number in the file.
2. ``check_sheet(sheet, vocabulary)`` validates every cell of every row and returns the
   offers' values ready for ``offer_save`` together with every error (row number, column,
   message in the active language). A ``Sheet`` is plain data: the preview keeps it in the
   session and checks it again on confirmation.
3. ``template_xlsx(vocabulary)`` and ``template_csv()`` produce the files delegations fill in.

``Vocabulary.load()`` reads the taxonomy (sectors, transfer modes) from the database; tests
may build one by hand.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from matchmaking.models import Currency, Language, TechnologyOffer

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
# What the cells of a 2 MB workbook may expand to; more is a "zip bomb", not a spreadsheet.
MAX_UNZIPPED_BYTES = 30 * 1024 * 1024
# A part this many times smaller packed than unpacked is filler made to expand, not data
# (real sheets pack 5–20 times); small parts may pack better, they cost nothing to read.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024
# The sheet's area read at most: 500 technologies with blank rows between them, the template's
# 15 columns and room for a delegation's own. openpyxl pads every row to the sheet's declared
# width and yields every row up to its declared height, so an unbounded read of one cell at
# XFD1048576 would build 17 billion empty cells.
MAX_SHEET_ROWS = 5_000
MAX_SHEET_COLUMNS = 100
MAX_KEYWORDS = 20
# The checked content waits in the session between preview and confirmation: keep it small.
MAX_TEXT_CHARS = 2_000_000


class ImportFileError(Exception):
    """The file as a whole cannot be read (too large, wrong type, damaged, too many rows)."""


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy translation: the column's name in the visitor's language
    header: str  # the English header of the template files
    aliases: tuple[str, ...] = ()
    required: bool = False
    max_length: int | None = None


COLUMNS = (
    Column(
        "title",
        gettext_lazy("Title"),
        "Title",
        ("technology", "technology title", "name", "ten cong nghe", "tieu de", "ten"),
        required=True,
        max_length=255,
    ),
    Column(
        "summary",
        gettext_lazy("Summary"),
        "Summary",
        ("short description", "abstract", "tom tat"),
        max_length=2000,
    ),
    Column(
        "description",
        gettext_lazy("Description"),
        "Description",
        ("details", "full description", "mo ta", "mo ta chi tiet"),
        max_length=10000,
    ),
    Column(
        "language",
        gettext_lazy("Original language"),
        "Language",
        ("original language", "ngon ngu", "ngon ngu goc"),
    ),
    Column(
        "title_en",
        gettext_lazy("English title"),
        "English title",
        ("title en", "title english", "title in english", "ten tieng anh", "tieu de tieng anh"),
        max_length=255,
    ),
    Column(
        "summary_en",
        gettext_lazy("English summary"),
        "English summary",
        ("summary en", "summary english", "summary in english", "tom tat tieng anh"),
        max_length=2000,
    ),
    Column("keywords", gettext_lazy("Keywords"), "Keywords", ("key words", "tu khoa")),
    Column(
        "sectors",
        gettext_lazy("Sectors"),
        "Sectors",
        ("sector", "sector codes", "fields", "linh vuc", "nganh"),
        required=True,
    ),
    Column(
        "trl",
        gettext_lazy("TRL"),
        "TRL",
        (
            "technology readiness level",
            "readiness level",
            "muc do san sang",
            "muc do san sang cong nghe",
        ),
        required=True,
    ),
    Column(
        "transfer_modes",
        gettext_lazy("Transfer modes"),
        "Transfer modes",
        ("transfer mode", "transfer", "hinh thuc chuyen giao"),
    ),
    Column(
        "ip_status",
        gettext_lazy("Intellectual property"),
        "Intellectual property",
        ("ip", "ip status", "so huu tri tue"),
    ),
    Column(
        "price_min",
        gettext_lazy("Price from"),
        "Price from",
        ("price min", "min price", "minimum price", "gia tu", "gia thap nhat"),
    ),
    Column(
        "price_max",
        gettext_lazy("Price up to"),
        "Price up to",
        ("price to", "price max", "max price", "maximum price", "gia den", "gia cao nhat"),
    ),
    Column("currency", gettext_lazy("Currency"), "Currency", ("tien te", "don vi tien te")),
    Column(
        "target_countries",
        gettext_lazy("Target countries"),
        "Target countries",
        ("countries", "target markets", "quoc gia muc tieu", "thi truong muc tieu"),
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


def normalize(text) -> str:
    """Lower case, no accents (đ → d), words separated by single spaces."""
    text = str(text or "").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _header_index() -> dict[str, str]:
    """Every accepted spelling of every column (English, Vietnamese, keys, translations)."""
    from django.conf import settings

    index: dict[str, str] = {}
    for column in COLUMNS:
        names = {column.key, column.header, *column.aliases}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names.add(str(column.label))
        for name in names:
            index[normalize(name)] = column.key
    return index


@dataclass
class Sheet:
    """The readable content of an uploaded file: plain data (kept in the session)."""

    columns: list[str]  # keys of the recognised columns, in file order
    rows: list[tuple[int, dict[str, str]]]  # (row number in the file, cells by column key)
    ignored: list[str] = field(default_factory=list)  # headers not recognised
    duplicates: list[str] = field(default_factory=list)  # keys given by two headers

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Sheet:
        return cls(
            columns=list(data["columns"]),
            rows=[(int(number), dict(cells)) for number, cells in data["rows"]],
            ignored=list(data.get("ignored", [])),
            duplicates=list(data.get("duplicates", [])),
        )


# --- Reading the file ------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _too_big(rows: int, columns: int) -> ImportFileError:
    return ImportFileError(
        _(
            "The sheet spans %(rows)s rows and %(columns)s columns; a list of technologies "
            "fits in %(max_rows)s rows and %(max_columns)s columns. Delete the empty rows and "
            "columns after your data (or copy the data into a new file) and upload it again."
        )
        % {
            "rows": f"{rows:,}",
            "columns": f"{columns:,}",
            "max_rows": f"{MAX_SHEET_ROWS:,}",
            "max_columns": MAX_SHEET_COLUMNS,
        }
    )


def _sheet_from_rows(rows) -> Sheet:
    """Turn (row number, cells) pairs into a Sheet: the first non-empty row is the header."""
    index = _header_index()
    header: list[str | None] | None = None
    columns: list[str] = []
    ignored: list[str] = []
    duplicates: list[str] = []
    data: list[tuple[int, dict[str, str]]] = []
    characters = 0
    for number, values in rows:
        if number > MAX_SHEET_ROWS or len(values) > MAX_SHEET_COLUMNS:
            raise _too_big(number, len(values))
        cells = [_cell_text(value) for value in values]
        if not any(cells):
            continue
        characters += sum(len(cell) for cell in cells)
        if characters > MAX_TEXT_CHARS:
            raise ImportFileError(_("The file holds too much text: split it into several files."))
        if header is None:
            header = []
            for text in cells:
                key = index.get(normalize(text)) if text else None
                if key in columns:
                    duplicates.append(key)
                    key = None
                elif key:
                    columns.append(key)
                elif text:
                    ignored.append(text)
                header.append(key)
            continue
        if len(data) >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)d technologies: split it into several files.")
                % {"max": MAX_ROWS}
            )
        data.append(
            (number, {key: text for key, text in zip(header, cells, strict=False) if key and text})
        )
    if header is None:
        raise ImportFileError(_("The file is empty."))
    return Sheet(columns=columns, rows=data, ignored=ignored, duplicates=duplicates)


def _read_xlsx(upload) -> Sheet:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if "xl/workbook.xml" not in names:
                raise ImportFileError(
                    _("This file is not an Excel workbook: save it as .xlsx or as CSV UTF-8.")
                )
            # The sizes come from the zip's directory; zipfile never unpacks past them.
            if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES or any(
                member.file_size > RATIO_CHECKED_FROM
                and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
                for member in members
            ):
                raise ImportFileError(_("The workbook is too large once unpacked."))
        upload.seek(0)
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files
        raise _unreadable() from exc
    try:
        names = workbook.sheetnames
        sheet = workbook["Technologies"] if "Technologies" in names else workbook.worksheets[0]
        # The size the sheet declares, checked before a single row is read.
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
        if declared_rows > MAX_SHEET_ROWS or declared_columns > MAX_SHEET_COLUMNS:
            raise _too_big(declared_rows, declared_columns)
        # Bounded whatever the sheet declares (some writers declare too little, or nothing):
        # no cell beyond the limits is ever built.
        rows = sheet.iter_rows(
            min_row=1, max_row=MAX_SHEET_ROWS, max_col=MAX_SHEET_COLUMNS, values_only=True
        )
        return _sheet_from_rows(enumerate(rows, start=1))
    except ImportFileError:
        raise
    except Exception as exc:  # a damaged sheet fails only once its rows are parsed
        raise _unreadable() from exc
    finally:
        workbook.close()


def _unreadable() -> ImportFileError:
    return ImportFileError(
        _("The workbook could not be read: open it in Excel and save it again as .xlsx.")
    )


def _read_csv(upload) -> Sheet:
    raw = upload.read()
    if b"\x00" in raw:
        raise ImportFileError(_("This file is not a CSV text file."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The CSV file must be encoded in UTF-8 (in Excel: save as “CSV UTF-8”).")
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _sheet_from_rows((number, row) for number, row in enumerate(reader, start=1))
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file could not be read.")) from exc


def read_upload(upload) -> Sheet:
    """Read an uploaded .xlsx or .csv file, judged by its content (the name only for CSV)."""
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB: split it into several files."))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    name = (getattr(upload, "name", "") or "").lower()
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(upload)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(_("Old Excel files (.xls) cannot be read: save the file as .xlsx."))
    if name.endswith(".xlsx"):
        raise ImportFileError(
            _("This file is not a real .xlsx workbook: save it again from Excel as .xlsx.")
        )
    if name.endswith((".csv", ".txt")):
        return _read_csv(upload)
    raise ImportFileError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))


# --- Checking the rows -----------------------------------------------------------------------


@dataclass
class Vocabulary:
    """The taxonomy the cells are checked against: sector and transfer-mode codes and names."""

    sectors: dict[str, tuple[str, str]]  # code → (Vietnamese name, English name)
    transfer_modes: dict[str, tuple[str, str]]

    @classmethod
    def load(cls) -> Vocabulary:
        from matchmaking.models import Sector, TransferMode

        return cls(
            sectors={s.code: (s.name_vi, s.name_en) for s in Sector.objects.all()},
            transfer_modes={m.code: (m.name_vi, m.name_en) for m in TransferMode.objects.all()},
        )

    @staticmethod
    def _index(entries: dict[str, tuple[str, str]]) -> dict[str, str]:
        index = {}
        for code, names in entries.items():
            for name in (code, *names):
                index[normalize(name)] = code
        return index

    def sector_index(self) -> dict[str, str]:
        return self._index(self.sectors)

    def mode_index(self) -> dict[str, str]:
        return self._index(self.transfer_modes)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # column key ("" for the file as a whole)
    message: str

    @property
    def column_label(self) -> str:
        column = COLUMNS_BY_KEY.get(self.column)
        return str(column.label) if column else ""


@dataclass
class OfferRow:
    """One row checked: the offer's field values, sectors and transfer modes (codes)."""

    row: int
    fields: dict
    sectors: list[str]
    transfer_modes: list[str]
    errors: list[RowError] = field(default_factory=list)


@dataclass
class CheckResult:
    rows: list[OfferRow]
    errors: list[RowError]  # every error, the file's first, then row by row

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


def _split(text: str) -> list[str]:
    items = [item.strip() for item in re.split(r"[,;\n]", text or "")]
    return list(dict.fromkeys(item for item in items if item))


def _choices_index(choices) -> dict[str, str]:
    """Codes and labels (in every language of the portal) of a Django choices list."""
    from django.conf import settings

    index = {}
    for value, label in choices:
        index[normalize(value)] = value
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                index[normalize(str(label))] = value
    return index


_PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_GROUPED_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def _price(text: str) -> Decimal:
    """A non-negative amount: 150000, 150000.50 or 150,000 (raises ValueError with a message)."""
    compact = text.replace(" ", "").replace("\u00a0", "")
    if _GROUPED_NUMBER.match(compact):
        compact = compact.replace(",", "")
    if compact.startswith("-"):
        raise ValueError(_("A price cannot be negative."))
    if not _PLAIN_NUMBER.match(compact):
        raise ValueError(_("Write the price as a number, for example 150000."))
    try:
        value = Decimal(compact)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above admits only numbers
        raise ValueError(_("Write the price as a number, for example 150000.")) from exc
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(_("At most 2 decimal places."))
    if value >= Decimal(10) ** 16:
        raise ValueError(_("This price is too large."))
    return value


def _trl(text: str) -> int:
    compact = normalize(text).removeprefix("trl").strip()
    if re.fullmatch(r"\d+( 0+)?", compact):
        value = int(compact.split()[0])
        if 1 <= value <= 9:
            return value
    raise ValueError(_("The TRL must be a whole number from 1 to 9."))


class _RowChecker:
    def __init__(self, vocabulary: Vocabulary):
        self.sectors = vocabulary.sector_index()
        self.modes = vocabulary.mode_index()
        self.mode_names = ", ".join(english for _vi, english in vocabulary.transfer_modes.values())
        self.languages = _choices_index(Language.choices)
        self.ip_statuses = _choices_index(TechnologyOffer.IPStatus.choices)
        self.currencies = {code.lower(): code for code in Currency.values}
        self.country_codes = {code for code, _name in countries}
        self.country_names = {}
        for language in ("en", "vi"):
            with translation.override(language):
                self.country_names.update({normalize(name): code for code, name in countries})

    def check(self, number: int, cells: dict[str, str]) -> OfferRow:
        errors: list[RowError] = []

        def error(column: str, message: str) -> None:
            errors.append(RowError(number, column, message))

        fields: dict = {}
        for column in COLUMNS:
            text = cells.get(column.key, "")
            if column.max_length and len(text) > column.max_length:
                error(
                    column.key,
                    _("At most %(max)d characters (this cell has %(length)d).")
                    % {"max": column.max_length, "length": len(text)},
                )
        title = cells.get("title", "")
        if not title:
            error("title", _("A title is required."))
        fields["title"] = title
        for key in ("summary", "description", "title_en", "summary_en"):
            fields[key] = cells.get(key, "")

        language = cells.get("language", "")
        fields["language"] = Language.EN
        if language:
            code = self.languages.get(normalize(language))
            if code is None:
                error(
                    "language",
                    _("Unknown language “%(value)s”: use one of %(codes)s.")
                    % {"value": language, "codes": ", ".join(Language.values)},
                )
            else:
                fields["language"] = code

        keywords = _split(cells.get("keywords", ""))
        if len(keywords) > MAX_KEYWORDS:
            error("keywords", _("At most 20 keywords."))
        fields["keywords"] = keywords

        sectors: list[str] = []
        sector_names = _split(cells.get("sectors", ""))
        if not sector_names:
            error("sectors", _("At least one sector is required."))
        for name in sector_names:
            code = self.sectors.get(normalize(name))
            if code is None:
                error(
                    "sectors",
                    _(
                        "Unknown sector “%(value)s”: use a code or a name from the Sectors "
                        "sheet of the template."
                    )
                    % {"value": name},
                )
            elif code not in sectors:
                sectors.append(code)

        trl = cells.get("trl", "")
        if not trl:
            error("trl", _("The TRL is required (a whole number from 1 to 9)."))
        else:
            try:
                fields["trl"] = _trl(trl)
            except ValueError as exc:
                error("trl", str(exc))

        modes: list[str] = []
        for name in _split(cells.get("transfer_modes", "")):
            code = self.modes.get(normalize(name))
            if code is None:
                error(
                    "transfer_modes",
                    _("Unknown transfer mode “%(value)s”: use one of %(names)s.")
                    % {"value": name, "names": self.mode_names},
                )
            elif code not in modes:
                modes.append(code)

        ip_status = cells.get("ip_status", "")
        fields["ip_status"] = ""
        if ip_status:
            code = self.ip_statuses.get(normalize(ip_status))
            if code is None:
                error(
                    "ip_status",
                    _("Unknown intellectual property status “%(value)s”: use one of %(codes)s.")
                    % {"value": ip_status, "codes": ", ".join(TechnologyOffer.IPStatus.values)},
                )
            else:
                fields["ip_status"] = code

        for key in ("price_min", "price_max"):
            fields[key] = None
            if cells.get(key):
                try:
                    fields[key] = _price(cells[key])
                except ValueError as exc:
                    error(key, str(exc))
        low, high = fields["price_min"], fields["price_max"]
        if low is not None and high is not None and low > high:
            error("price_max", _("The upper bound must not be below the lower bound."))

        currency = cells.get("currency", "")
        fields["currency"] = Currency.USD
        if currency:
            code = self.currencies.get(currency.strip().lower())
            if code is None:
                error(
                    "currency",
                    _("Unknown currency “%(value)s”: use one of %(codes)s.")
                    % {"value": currency, "codes": ", ".join(Currency.values)},
                )
            else:
                fields["currency"] = code

        targets: list[str] = []
        for name in _split(cells.get("target_countries", "")):
            code = name.upper() if name.upper() in self.country_codes else None
            code = code or self.country_names.get(normalize(name))
            if code is None:
                error(
                    "target_countries",
                    _("Unknown country “%(value)s”: use two-letter codes such as VN, KR, JP.")
                    % {"value": name},
                )
            elif code not in targets:
                targets.append(code)
        fields["target_countries"] = targets

        return OfferRow(
            row=number, fields=fields, sectors=sectors, transfer_modes=modes, errors=errors
        )


def check_sheet(sheet: Sheet, vocabulary: Vocabulary) -> CheckResult:
    """Check every row; the result lists each offer's values and every error found."""
    errors: list[RowError] = []
    for key in sheet.duplicates:
        errors.append(RowError(1, key, _("This column appears twice in the header.")))
    for column in COLUMNS:
        if column.required and column.key not in sheet.columns:
            errors.append(RowError(1, column.key, _("This column is missing from the header.")))
    if errors:
        return CheckResult(rows=[], errors=errors)
    if not sheet.rows:
        return CheckResult(
            rows=[], errors=[RowError(1, "", _("The file has no technology below the header."))]
        )
    checker = _RowChecker(vocabulary)
    rows = [checker.check(number, cells) for number, cells in sheet.rows]
    first_row_of_title: dict[str, int] = {}
    for row in rows:
        title = normalize(row.fields["title"])
        if not title:
            continue
        if title in first_row_of_title:
            row.errors.append(
                RowError(
                    row.row,
                    "title",
                    _("The same title as row %(row)d.") % {"row": first_row_of_title[title]},
                )
            )
        else:
            first_row_of_title[title] = row.row
    for row in rows:
        errors.extend(row.errors)
    return CheckResult(rows=rows, errors=errors)


# --- Templates -------------------------------------------------------------------------------

EXAMPLE = {
    "title": "Recirculating aquaculture system for shrimp",
    "summary": "Indoor shrimp farming that reuses 95% of its water.",
    "language": "en",
    "keywords": "RAS, shrimp, water treatment",
    "sectors": "AQU.FAR",
    "trl": "8",
    "transfer_modes": "Turnkey; Training",
    "ip_status": "patented",
    "price_min": "150000",
    "price_max": "400000",
    "currency": "USD",
    "target_countries": "VN",
}


def template_csv() -> bytes:
    """A CSV template: the header row only (UTF-8 with a byte-order mark, for Excel)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([column.header for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(vocabulary: Vocabulary) -> bytes:
    """An .xlsx template: the Technologies sheet to fill, instructions and the vocabularies."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Technologies"
    sheet.append([column.header for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        width = 40 if column.key in ("title", "summary", "description") else 18
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    trl_letter = sheet.cell(row=1, column=list(COLUMNS_BY_KEY).index("trl") + 1).column_letter
    trl_rule = DataValidation(type="whole", operator="between", formula1="1", formula2="9")
    trl_rule.error = "TRL: a whole number from 1 to 9"
    sheet.add_data_validation(trl_rule)
    trl_rule.add(f"{trl_letter}2:{trl_letter}{MAX_ROWS + 1}")
    currency_letter = sheet.cell(
        row=1, column=list(COLUMNS_BY_KEY).index("currency") + 1
    ).column_letter
    currency_rule = DataValidation(type="list", formula1=f'"{",".join(Currency.values)}"')
    sheet.add_data_validation(currency_rule)
    currency_rule.add(f"{currency_letter}2:{currency_letter}{MAX_ROWS + 1}")

    with translation.override("en"):
        help_sheet = workbook.create_sheet("Instructions")
        help_sheet.append(["Column", "Required", "What to write", "Example"])
        explanations = {
            "title": "The technology's name (one row per technology).",
            "summary": "Two or three sentences.",
            "description": "Everything a buyer should know.",
            "language": "Language of the texts: " + ", ".join(Language.values) + " (default en).",
            "title_en": "English title, when the texts are in another language.",
            "summary_en": "English summary, when the texts are in another language.",
            "keywords": "Separated by commas, at most 20.",
            "sectors": "Codes or names from the Sectors sheet, separated by semicolons.",
            "trl": "Technology readiness level, 1 to 9.",
            "transfer_modes": "Names or codes from the Transfer modes sheet, separated by "
            "semicolons.",
            "ip_status": "One of: " + ", ".join(TechnologyOffer.IPStatus.values) + ".",
            "price_min": "Indicative price, a number.",
            "price_max": "Indicative price, a number (not below Price from).",
            "currency": "One of: " + ", ".join(Currency.values) + " (default USD).",
            "target_countries": "Two-letter country codes, separated by commas.",
        }
        for column in COLUMNS:
            help_sheet.append(
                [
                    column.header,
                    "yes" if column.required else "",
                    explanations[column.key],
                    EXAMPLE.get(column.key, ""),
                ]
            )
        for cell in help_sheet[1]:
            cell.font = Font(bold=True)
        help_sheet.column_dimensions["A"].width = 22
        help_sheet.column_dimensions["C"].width = 70
        help_sheet.column_dimensions["D"].width = 40

    sectors_sheet = workbook.create_sheet("Sectors")
    sectors_sheet.append(["Code", "English name", "Vietnamese name"])
    for code, (name_vi, name_en) in vocabulary.sectors.items():
        sectors_sheet.append([code, name_en, name_vi])
    modes_sheet = workbook.create_sheet("Transfer modes")
    modes_sheet.append(["Code", "English name", "Vietnamese name"])
    for code, (name_vi, name_en) in vocabulary.transfer_modes.items():
        modes_sheet.append([code, name_en, name_vi])
    for extra in (sectors_sheet, modes_sheet):
        for cell in extra[1]:
            cell.font = Font(bold=True)
        extra.column_dimensions["A"].width = 22
        extra.column_dimensions["B"].width = 45
        extra.column_dimensions["C"].width = 45

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
