"""Uploads are recognised by their content, whatever their name says."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core import uploads
from core.files import GeneratedName
from tests.files import HTML, PNG_HEADER_THEN_HTML, PNG_THEN_HTML, png_bytes


@pytest.fixture(autouse=True)
def _english():
    """The messages compared below are the English ones, whatever ran before."""
    with translation.override("en"):
        yield


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.pdf", b"%PDF-1.4 ...", "pdf"),
        ("a.bin", b"\x89PNG\r\n\x1a\n....", "png"),
        ("a.jpg", b"\xff\xd8\xff\xe0....", "jpeg"),
        ("a.gif", b"GIF89a....", "gif"),
        ("a.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        ("a.zip", _zip({"[Content_Types].xml": b"", "word/document.xml": b""}), "docx"),
        ("a", _zip({"[Content_Types].xml": b"", "xl/workbook.xml": b""}), "xlsx"),
        ("a", _zip({"[Content_Types].xml": b"", "ppt/presentation.xml": b""}), "pptx"),
        ("a", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "xls"),
        ("a.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "doc"),
    ],
)
def test_detect_recognises_documents_and_images_by_content(name, content, kind):
    assert uploads.detect(SimpleUploadedFile(name, content)).kind == kind


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b"PK\x03\x04 broken",
        _zip({"payload.exe": b"MZ"}),
        _zip({"[Content_Types].xml": b"", "word/other.xml": b""}),
    ],
)
def test_detect_knows_nothing_of_other_content(content):
    assert uploads.detect(SimpleUploadedFile("contract.pdf", content)) is None


def test_zip_expanding_beyond_the_limit_is_not_a_document(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNZIPPED_BYTES", 1000)
    content = _zip({"[Content_Types].xml": b"", "word/document.xml": b"0" * 2000})
    assert uploads.detect(SimpleUploadedFile("big.docx", content)) is None


def test_check_upload_renames_the_file_after_its_real_type():
    upload = SimpleUploadedFile("invoice.html", b"%PDF-1.7 ...")
    kind = uploads.check_upload(upload, max_bytes=100, allowed=uploads.DOCUMENTS, field="document")
    assert (kind.kind, upload.name) == ("pdf", "document.pdf")


def test_check_upload_refuses_a_type_that_is_not_allowed():
    upload = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n....")
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        uploads.check_upload(upload, max_bytes=100, allowed=frozenset({"pdf"}), field="document")
    assert refused.value.message_dict == {
        "document": [
            "This file type is not accepted: upload a PDF, an Office document or an image."
        ]
    }


def test_a_real_picture_passes_the_image_check():
    upload = SimpleUploadedFile("logo.bmp", png_bytes())
    kind = uploads.check_upload(upload, max_bytes=10_000, allowed=uploads.IMAGES, field="logo")
    assert (kind.kind, upload.name) == ("png", "document.png")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HTML, "This file is not an image: upload a PNG, JPEG, GIF or WebP picture."),
        (
            PNG_HEADER_THEN_HTML,
            "This picture is damaged or is not really an image: save it again as PNG or JPEG.",
        ),
        (
            PNG_THEN_HTML,
            "This picture is damaged or is not really an image: save it again as PNG or JPEG.",
        ),
        (b"%PDF-1.7 ...", "This file is not an image: upload a PNG, JPEG, GIF or WebP picture."),
    ],
    ids=["html", "png-header-then-html", "png-then-html", "pdf"],
)
def test_only_real_pictures_pass_as_images(content, message):
    upload = SimpleUploadedFile("logo.png", content)
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload, max_bytes=10_000, allowed=uploads.IMAGES, field="logo")
    assert refused.value.message_dict == {"logo": [message]}


def test_a_picture_with_a_page_inside_is_refused_even_among_documents():
    upload = SimpleUploadedFile("brochure.png", PNG_HEADER_THEN_HTML)
    with pytest.raises(ValidationError):
        uploads.check_upload(upload, max_bytes=10_000, allowed=uploads.DOCUMENTS, field="brochure")


@pytest.mark.parametrize(
    ("sent", "suffix"),
    [("document.pdf", ".pdf"), ("../../evil.html", ""), ("x.js", ""), ("photo.JPG", ".jpg")],
)
def test_stored_names_are_generated_and_keep_only_known_extensions(sent, suffix):
    name = GeneratedName("brochures")(None, sent)
    folder, year, stem = name.split("/")
    assert (folder, len(year), len(stem)) == ("brochures", 4, 32 + len(suffix))
    assert stem.endswith(suffix) and ".." not in name
