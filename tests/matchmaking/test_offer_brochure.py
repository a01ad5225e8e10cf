"""Brochures: checked by content on the way in, served as attachments to whoever sees the offer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from matchmaking.models import PublicationStatus, TechnologyOffer
from tests.factories import OfferFactory
from tests.files import HTML, PDF, PNG_HEADER_THEN_HTML, png_bytes
from tests.matchmaking.test_offer_edit import _form

pytestmark = pytest.mark.django_db

WRONG_TYPE = "This file type is not accepted: upload a PDF, an Office document or an image."
NOT_A_PICTURE = "This picture is damaged or is not really an image: save it again as PNG or JPEG."


@pytest.fixture(autouse=True)
def _english_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


def _create(client, org, brochure):
    return client.post(reverse("matchmaking:offer_create"), _form(org, brochure=brochure))


def test_brochure_is_stored_under_a_generated_name_and_downloaded_as_an_attachment(
    client, member, org_a
):
    client.force_login(member)
    response = _create(client, org_a, SimpleUploadedFile("../../Catalogue 2025.PDF", PDF))
    offer = TechnologyOffer.objects.get()
    assert response.url == offer.get_absolute_url()
    folder, year, stem = offer.brochure.name.split("/")
    assert (folder, year, len(stem), stem[-4:]) == ("brochures", f"{timezone.now():%Y}", 36, ".pdf")
    page = client.get(offer.get_absolute_url())
    assert f'href="{offer.brochure_url}"' in page.content.decode()
    download = client.get(offer.brochure_url)
    assert (
        download.status_code,
        download["Content-Type"],
        download["Content-Disposition"],
        download["X-Content-Type-Options"],
    ) == (
        200,
        "application/pdf",
        f'attachment; filename="{offer.reference}-brochure.pdf"',
        "nosniff",
    )
    assert "sandbox" in download["Content-Security-Policy"]
    assert b"".join(download.streaming_content) == PDF


def test_a_picture_brochure_keeps_the_type_found_in_its_content(client, member, org_a):
    client.force_login(member)
    _create(client, org_a, SimpleUploadedFile("flyer.exe", png_bytes()))
    offer = TechnologyOffer.objects.get()
    assert offer.brochure.name.endswith(".png")
    assert client.get(offer.brochure_url)["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("flyer.png", HTML, WRONG_TYPE),
        ("flyer.png", PNG_HEADER_THEN_HTML, NOT_A_PICTURE),
        ("brochure.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024), "LIMIT"),
    ],
    ids=["html-renamed-png", "png-header-then-html", "oversized"],
)
def test_bad_brochures_are_refused_and_nothing_is_saved(
    client, member, org_a, settings, name, content, message
):
    settings.UPLOAD_DOCUMENT_MAX_BYTES = 1024 * 1024
    if message == "LIMIT":
        message = "The file is too large (1.0\xa0MB); the limit is 1.0\xa0MB."
    client.force_login(member)
    response = client.post(
        reverse("matchmaking:offer_create"),
        _form(org_a, brochure=SimpleUploadedFile(name, content)),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"brochure": [message]}
    assert message in response.content.decode()
    assert TechnologyOffer.objects.count() == 0


def test_editing_an_offer_keeps_its_brochure_and_a_bad_replacement_changes_nothing(
    client, member, org_a
):
    client.force_login(member)
    _create(client, org_a, SimpleUploadedFile("a.pdf", PDF))
    offer = TechnologyOffer.objects.get()
    stored = offer.brochure.name
    edit = reverse("matchmaking:offer_edit", args=[offer.reference])
    assert client.post(edit, _form(org_a, title="Renamed")).status_code == 302
    offer.refresh_from_db()
    assert (offer.title, offer.brochure.name) == ("Renamed", stored)
    refused = client.post(
        edit, _form(org_a, title="Again", brochure=SimpleUploadedFile("b.pdf", HTML))
    )
    assert refused.status_code == 200
    offer.refresh_from_db()
    assert (offer.title, offer.brochure.name) == ("Renamed", stored)


def test_a_drafts_brochure_is_private_a_published_ones_is_public(client, member, outsider, org_a):
    offer = OfferFactory(organization=org_a, status=PublicationStatus.DRAFT, published_at=None)
    offer.brochure = SimpleUploadedFile("b.pdf", PDF)
    offer.save()
    url = offer.brochure_url
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200
    TechnologyOffer.objects.filter(pk=offer.pk).update(status=PublicationStatus.PUBLISHED)
    client.logout()
    assert client.get(url).status_code == 200


def test_an_offer_without_brochure_has_nothing_to_download(client):
    offer = OfferFactory()
    assert offer.brochure_url == ""
    url = reverse("matchmaking:offer_brochure", args=[offer.reference])
    assert client.get(url).status_code == 404


def test_media_files_have_no_public_address(client, member, org_a):
    """Nothing serves MEDIA_ROOT directly: the brochure is only reachable through its view."""
    client.force_login(member)
    _create(client, org_a, SimpleUploadedFile("a.pdf", PDF))
    offer = TechnologyOffer.objects.get()
    assert client.get(f"/media/{offer.brochure.name}").status_code == 404
