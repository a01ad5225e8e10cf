"""Logos: real pictures only, shown on the organisation's page through their own view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.files import HTML, PNG_HEADER_THEN_HTML, PNG_THEN_HTML, png_bytes
from tests.partners.test_organization_edit import _profile

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = "This file is not an image: upload a PNG, JPEG, GIF or WebP picture."
NOT_A_PICTURE = "This picture is damaged or is not really an image: save it again as PNG or JPEG."


@pytest.fixture(autouse=True)
def _english_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


def _upload(client, org, logo):
    return client.post(reverse("partners:edit", args=[org.pk]), _profile(logo=logo))


def test_logo_is_shown_on_the_public_page_through_its_view(client, owner, org_a):
    client.force_login(owner)
    assert _upload(client, org_a, SimpleUploadedFile("logo.png", png_bytes())).status_code == 302
    org_a.refresh_from_db()
    assert org_a.logo.name.startswith("logos/") and org_a.logo.name.endswith(".png")
    client.logout()
    page = client.get(reverse("partners:detail", args=[org_a.pk]))
    assert f'src="{org_a.logo_url}"' in page.content.decode()
    picture = client.get(org_a.logo_url)
    assert (picture.status_code, picture["Content-Type"], picture["X-Content-Type-Options"]) == (
        200,
        "image/png",
        "nosniff",
    )
    assert picture["Content-Disposition"] == f'attachment; filename="logo-{org_a.pk}.png"'
    assert b"".join(picture.streaming_content) == png_bytes()
    assert client.get(f"/media/{org_a.logo.name}").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", HTML, NOT_AN_IMAGE),
        ("logo.png", PNG_HEADER_THEN_HTML, NOT_A_PICTURE),
        ("logo.png", PNG_THEN_HTML, NOT_A_PICTURE),
        ("../../../logo.png", png_bytes((1200, 1200)) + b"\x00" * (64 * 1024), "LIMIT"),
        ("huge.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (10 * 1024 * 1024), "CAP"),
    ],
    ids=["html-renamed-png", "png-header-then-html", "png-then-html", "oversized", "over-the-cap"],
)
def test_bad_logos_are_refused_and_the_profile_is_kept(
    client, owner, org_a, settings, name, content, message
):
    settings.UPLOAD_IMAGE_MAX_BYTES = 64 * 1024
    if message == "LIMIT":
        size = f"{len(content) / 1024:.1f}\xa0KB"
        message = f"The file is too large ({size}); the limit is 64.0\xa0KB."
    if message == "CAP":  # past every upload limit: dropped while it arrives, still explained
        message = "The file is too large (10.0\xa0MB); the limit is 64.0\xa0KB."
    description = org_a.description
    client.force_login(owner)
    response = _upload(client, org_a, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert response.context["form"].errors == {"logo": [message]}
    org_a.refresh_from_db()
    assert (org_a.logo.name, org_a.description) == ("", description)


def test_an_organisation_without_logo_has_no_picture(client, org_a):
    assert org_a.logo_url == ""
    assert client.get(reverse("partners:logo", args=[org_a.pk])).status_code == 404
