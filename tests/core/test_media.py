"""The development server for uploads never hands out agreement documents."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from core.media import serve_public_media


@pytest.mark.parametrize(
    "path", ["agreements/2026/mou.pdf", "logos/../agreements/2026/mou.pdf", "/agreements/x.pdf"]
)
def test_agreement_documents_are_not_served_as_plain_files(tmp_path, path):
    (tmp_path / "agreements" / "2026").mkdir(parents=True)
    (tmp_path / "agreements" / "2026" / "mou.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(Http404):
        serve_public_media(RequestFactory().get("/media/x"), path, document_root=tmp_path)


def test_other_uploads_are_served(tmp_path):
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "a.png").write_bytes(b"\x89PNG")
    response = serve_public_media(RequestFactory().get("/"), "logos/a.png", document_root=tmp_path)
    assert (response.status_code, b"".join(response.streaming_content)) == (200, b"\x89PNG")
