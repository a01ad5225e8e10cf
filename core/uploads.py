"""Checking uploads by what they contain, not by the name or the type the browser sent.

A file's first bytes (and, for zip containers, the members inside) say what it really is; the
stored name then gets the extension of that real type, so a web server never serves an HTML
page that was uploaded as "contract.pdf". Images are also opened with Pillow: a PNG header in
front of an HTML page is not a picture.

The limits (``UPLOAD_DOCUMENT_MAX_BYTES``, ``UPLOAD_IMAGE_MAX_BYTES``) are settings;
``SizeCappedUploadHandler`` stops storing a file as soon as it passes the larger one, so an
oversized upload costs neither memory nor temporary disk space and still gets a clear message.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
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
# A logo or a picture in a brochure is never this large; beyond it, decoding costs too much.
MAX_IMAGE_PIXELS = 40_000_000
OFFICE = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt"})
DOCUMENTS = frozenset({"pdf"}) | OFFICE | IMAGES

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OOXML = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
_ODF = {ODT.content_type: ODT, ODS.content_type: ODS, ODP.content_type: ODP}
_LEGACY = {".doc": DOC, ".xls": XLS, ".ppt": PPT}
ALL_TYPES = (PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, PPT)
EXTENSIONS = frozenset(kind.extension for kind in ALL_TYPES)
_PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
# Markup a browser would run if it ever took the file for a page (polyglot images).
_MARKUP = re.compile(rb"<\s*(?:html|head|body|script|iframe|svg|object|embed|!doctype)\b", re.I)


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


def _is_sound_image(upload, kind: FileType) -> bool:
    """Pillow reads the picture as the type its header claims, and no page markup rides along."""
    from PIL import Image

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format != _PILLOW_FORMATS[kind.kind]:
                return False
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return False
            image.verify()
        upload.seek(0)
        return not _MARKUP.search(upload.read())
    except Exception:  # Pillow raises many kinds of errors (OSError, SyntaxError, …) on bad data
        return False
    finally:
        upload.seek(0)


def _refusal(upload, *, max_bytes: int, allowed: frozenset[str]) -> str | FileType:
    """The upload's real type, or the message that says why it is refused."""
    if upload.size > max_bytes:
        return _("The file is too large (%(size)s); the limit is %(max)s.") % {
            "size": filesizeformat(upload.size),
            "max": filesizeformat(max_bytes),
        }
    kind = detect(upload)
    if kind is None or kind.kind not in allowed:
        if allowed <= IMAGES:
            return _("This file is not an image: upload a PNG, JPEG, GIF or WebP picture.")
        return _("This file type is not accepted: upload a PDF, an Office document or an image.")
    if kind.kind in IMAGES and not _is_sound_image(upload, kind):
        return _("This picture is damaged or is not really an image: save it again as PNG or JPEG.")
    return kind


def check_upload(upload, *, max_bytes: int, allowed: frozenset[str], field: str) -> FileType:
    """Refuse an upload that is too large or not of an allowed type (by content).

    Renames the upload to a neutral name with the extension of its real type (the storage
    then gives it a generated name). Raises ``ValidationError`` keyed by ``field``.
    """
    result = _refusal(upload, max_bytes=max_bytes, allowed=allowed)
    if isinstance(result, str):
        raise ValidationError({field: result})
    upload.name = f"document{result.extension}"
    return result


def clean_upload(value, *, max_bytes: int, allowed: frozenset[str]):
    """``check_upload`` for a form's ``clean_<field>``: a new upload is checked and renamed; the
    file already stored (or "clear", or nothing) passes unchanged. Raises a plain
    ``ValidationError`` that the form shows on the field."""
    if not isinstance(value, UploadedFile):
        return value
    result = _refusal(value, max_bytes=max_bytes, allowed=allowed)
    if isinstance(result, str):
        raise ValidationError(result)
    value.name = f"document{result.extension}"
    return value


def clean_document(value):
    """A brochure or an agreement document: PDF, Office or OpenDocument file, or an image."""
    return clean_upload(value, max_bytes=settings.UPLOAD_DOCUMENT_MAX_BYTES, allowed=DOCUMENTS)


def clean_image(value):
    """A logo: a PNG, JPEG, GIF or WebP picture."""
    return clean_upload(value, max_bytes=settings.UPLOAD_IMAGE_MAX_BYTES, allowed=IMAGES)


class TooLargeUpload(UploadedFile):
    """What is left of a file that passed the upload cap: its name and size, no content."""

    def __init__(self, name: str, size: int, content_type: str | None):
        import io

        super().__init__(io.BytesIO(), name, content_type, size)


class SizeCappedUploadHandler(FileUploadHandler):
    """First in ``FILE_UPLOAD_HANDLERS``: once a file passes the largest upload limit, its
    further chunks are dropped (not kept in memory nor on disk) and the form receives a
    ``TooLargeUpload`` whose size the checks above refuse with the usual message."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.cap = max(settings.UPLOAD_DOCUMENT_MAX_BYTES, settings.UPLOAD_IMAGE_MAX_BYTES)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        return None if self.received > self.cap else raw_data

    def file_complete(self, file_size):
        if self.received > self.cap:
            return TooLargeUpload(self.file_name, self.received, self.content_type)
        return None
