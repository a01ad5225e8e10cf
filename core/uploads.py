"""Checking uploads by what they contain, not by the name or the type the browser sent.

A file's first bytes (and, for zip containers, the members inside) say what it really is; the
stored name then gets the extension of that real type, so a web server never serves an HTML
page that was uploaded as "contract.pdf".
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Uncompressed size allowed inside an Office/OpenDocument zip: refuses "zip bombs".
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    kind: str
    extension: str
    content_type: str


PDF = FileType("pdf", ".pdf", "application/pdf")
PNG = FileType("png", ".png", "image/png")
JPEG = FileType("jpeg", ".jpg", "image/jpeg")
GIF = FileType("gif", ".gif", "image/gif")
WEBP = FileType("webp", ".webp", "image/webp")
DOCX = FileType(
    "docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
XLSX = FileType(
    "xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
PPTX = FileType(
    "pptx", ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
)
ODT = FileType("odt", ".odt", "application/vnd.oasis.opendocument.text")
ODS = FileType("ods", ".ods", "application/vnd.oasis.opendocument.spreadsheet")
ODP = FileType("odp", ".odp", "application/vnd.oasis.opendocument.presentation")
# Legacy Office files share one container format (OLE2); the name's extension tells which.
DOC = FileType("doc", ".doc", "application/msword")
XLS = FileType("xls", ".xls", "application/vnd.ms-excel")
PPT = FileType("ppt", ".ppt", "application/vnd.ms-powerpoint")

IMAGES = frozenset({"png", "jpeg", "gif", "webp"})
OFFICE = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt"})
DOCUMENTS = frozenset({"pdf"}) | OFFICE | IMAGES

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OOXML = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
_ODF = {ODT.content_type: ODT, ODS.content_type: ODS, ODP.content_type: ODP}
_LEGACY = {".doc": DOC, ".xls": XLS, ".ppt": PPT}


def _head(upload, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _zip_type(upload) -> FileType | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
                return None
            names = {member.filename for member in members}
            if "[Content_Types].xml" in names:
                return next((kind for name, kind in _OOXML.items() if name in names), None)
            if "mimetype" in names:
                return _ODF.get(archive.read("mimetype").decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def detect(upload) -> FileType | None:
    """The real type of an uploaded file from its content, or None when it is none we know."""
    head = _head(upload)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(upload)
    if head.startswith(_OLE):
        name = (getattr(upload, "name", "") or "").lower()
        return next((kind for ext, kind in _LEGACY.items() if name.endswith(ext)), DOC)
    return None


def check_upload(upload, *, max_bytes: int, allowed: frozenset[str], field: str) -> FileType:
    """Refuse an upload that is too large or not of an allowed type (by content).

    Renames the upload to a neutral name with the extension of its real type (the storage
    then gives it a generated name). Raises ``ValidationError`` keyed by ``field``.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            {
                field: _("The file is too large (%(size)s); the limit is %(max)s.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)}
            }
        )
    kind = detect(upload)
    if kind is None or kind.kind not in allowed:
        raise ValidationError(
            {
                field: _(
                    "This file type is not accepted: upload a PDF, an Office document or an image."
                )
            }
        )
    upload.name = f"document{kind.extension}"
    return kind
