"""Cooperation agreements: officials record them, move them along their life, keep documents."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from partners.models import Agreement
from tests.factories import ForeignOrganizationFactory, OrganizationFactory
from tests.files import PNG_HEADER_THEN_HTML, png_bytes

pytestmark = pytest.mark.django_db
S = Agreement.Status

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = png_bytes()  # a real picture: a PNG header alone is refused


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _english_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


@pytest.fixture
def cabc():
    return ForeignOrganizationFactory(name="Canada-ASEAN Business Council", country="CA")


@pytest.fixture
def department():
    return OrganizationFactory(name="Sở KH&CN Hải Phòng", kind="government_agency", tax_code="")


@pytest.fixture
def loi(cabc, department):
    return Agreement.objects.create(
        title="Letter of intent with CABC",
        kind=Agreement.Kind.LETTER_OF_INTENT,
        partner=cabc,
        counterpart=department,
    )


def _data(partner, counterpart, **changes):
    data = {
        "title": "MOU Hải Phòng – CABC",
        "title_en": "",
        "kind": "mou",
        "partner": partner.pk,
        "counterpart": counterpart.pk,
        "follows": "",
        "expected_on": "2025-06-30",
        "ends_on": "",
        "summary": "",
        "sectors": ["ENE.SOL"],
    }
    return {**data, **changes}


def _step(client, agreement, to, **dates):
    return client.post(
        reverse("partners:agreement_status", args=[agreement.pk]), {"to": to, **dates}
    )


def test_agreement_list_filters_by_status_kind_partner_and_search(
    client, official, loi, cabc, department
):
    korea = ForeignOrganizationFactory(name="Chungbuk Technopark")
    signed = Agreement.objects.create(
        title="Cooperation with Chungbuk",
        kind=Agreement.Kind.COOPERATION,
        partner=korea,
        counterpart=department,
        status=S.ACTIVE,
    )
    client.force_login(official)
    url = reverse("partners:agreement_list")
    titles = lambda response: [a.title for a in response.context["page"]]  # noqa: E731
    assert titles(client.get(url)) == [signed.title, loi.title]
    assert titles(client.get(url, {"status": "active"})) == [signed.title]
    assert titles(client.get(url, {"kind": "loi"})) == [loi.title]
    assert titles(client.get(url, {"partner": cabc.pk})) == [loi.title]
    assert titles(client.get(url, {"q": "chungbuk"})) == [signed.title]


@pytest.mark.parametrize("count", [1, 3])
def test_agreement_list_query_count(
    client, official, cabc, department, django_assert_num_queries, count
):
    earlier = None
    for n in range(count):
        earlier = Agreement.objects.create(
            title=f"A{n}", kind="mou", partner=cabc, counterpart=department, follows=earlier
        )
    client.force_login(official)
    # 4 common, paginator count, page of agreements with partners and earlier agreements
    with django_assert_num_queries(6):
        response = client.get(reverse("partners:agreement_list"))
    assert len(response.context["page"]) == count


def test_official_records_an_agreement_with_its_document(client, official, cabc, department):
    client.force_login(official)
    data = _data(cabc, department, document=SimpleUploadedFile("MOU signed.PDF", PDF))
    response = client.post(reverse("partners:agreement_create"), data)
    agreement = Agreement.objects.get()
    assert response.url == reverse("partners:agreement", args=[agreement.pk])
    assert (agreement.status, agreement.kind, agreement.expected_on) == (
        S.PROPOSED,
        "mou",
        date(2025, 6, 30),
    )
    assert list(agreement.sectors.values_list("code", flat=True)) == ["ENE.SOL"]
    assert agreement.document.name.startswith(f"agreements/{timezone.now():%Y}/")
    assert agreement.document.name.endswith(".pdf")
    assert "MOU signed" not in agreement.document.name
    download = client.get(reverse("partners:agreement_document", args=[agreement.pk]))
    assert (download["Content-Type"], download["Content-Disposition"]) == (
        "application/pdf",
        f'attachment; filename="agreement-{agreement.pk}.pdf"',
    )
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [("scan.png", PNG, ".png"), ("draft.docx", _docx(), ".docx"), ("no-extension", PDF, ".pdf")],
)
def test_office_documents_and_images_are_accepted_by_content(
    client, official, loi, cabc, department, name, content, extension
):
    client.force_login(official)
    data = _data(cabc, department, title=loi.title, kind="loi")
    data["document"] = SimpleUploadedFile(name, content)
    client.post(reverse("partners:agreement_edit", args=[loi.pk]), data)
    loi.refresh_from_db()
    assert loi.document.name.endswith(extension)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "contract.pdf",
            b"<html><script>alert(1)</script></html>",
            "This file type is not accepted: upload a PDF, an Office document or an image.",
        ),
        (
            "archive.docx",
            b"PK\x03\x04 not really a zip",
            "This file type is not accepted: upload a PDF, an Office document or an image.",
        ),
        (
            "scan.png",
            PNG_HEADER_THEN_HTML,
            "This picture is damaged or is not really an image: save it again as PNG or JPEG.",
        ),
        (
            "huge.pdf",
            b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024),
            "The file is too large (10.0\xa0MB); the limit is 10.0\xa0MB.",
        ),
    ],
)
def test_documents_of_the_wrong_type_or_too_large_are_refused(
    client, official, loi, cabc, department, name, content, message
):
    client.force_login(official)
    data = _data(cabc, department, title="Changed", kind="loi")
    data["document"] = SimpleUploadedFile(name, content)
    response = client.post(reverse("partners:agreement_edit", args=[loi.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"document": [message]}
    loi.refresh_from_db()
    assert (loi.title, loi.document.name) == ("Letter of intent with CABC", "")


def test_an_mou_follows_a_letter_of_intent_prepared_from_it(
    client, official, loi, cabc, department
):
    loi.sectors.set(["ENE.WIN"])
    client.force_login(official)
    form = client.get(reverse("partners:agreement_create"), {"follows": loi.pk}).context["form"]
    assert (form["follows"].value(), form["kind"].value(), form["partner"].value()) == (
        loi.pk,
        "mou",
        cabc.pk,
    )
    assert form["sectors"].value() == ["ENE.WIN"]
    client.post(reverse("partners:agreement_create"), _data(cabc, department, follows=loi.pk))
    mou = Agreement.objects.get(kind="mou")
    assert (mou.follows, list(loi.followed_by.all())) == (loi, [mou])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"kind": "loi"},
            "An MOU follows a letter of intent; a cooperation agreement follows a "
            "letter of intent or an MOU.",
        ),
        ({"partner": "other"}, "The earlier agreement must be with the same partner."),
    ],
)
def test_follows_must_be_an_earlier_kind_with_the_same_partner(
    client, official, loi, cabc, department, changes, message
):
    client.force_login(official)
    partner = ForeignOrganizationFactory() if changes.get("partner") == "other" else cabc
    data = _data(partner, department, follows=loi.pk, kind=changes.get("kind", "mou"))
    response = client.post(reverse("partners:agreement_create"), data)
    assert response.context["form"].errors == {"follows": [message]}
    assert Agreement.objects.count() == 1


def test_partner_and_our_side_must_differ(client, official, department):
    client.force_login(official)
    response = client.post(reverse("partners:agreement_create"), _data(department, department))
    assert response.context["form"].errors == {
        "counterpart": ["The two parties must be different organisations."]
    }


def test_agreement_goes_from_proposal_to_expiry_with_its_dates(client, official, loi):
    client.force_login(official)
    today = timezone.localdate()
    assert _step(client, loi, "negotiating").status_code == 302
    assert _step(client, loi, "signed", on="2024-10-14").status_code == 302
    assert _step(client, loi, "active", ends_on=str(today - timedelta(days=1))).status_code == 302
    loi.refresh_from_db()
    assert (loi.status, loi.signed_on, loi.starts_on, loi.ends_on) == (
        S.ACTIVE,
        date(2024, 10, 14),
        date(2024, 10, 14),
        today - timedelta(days=1),
    )
    response = _step(client, loi, "expired")
    assert response.status_code == 302
    loi.refresh_from_db()
    assert (loi.status, loi.ends_on) == (S.EXPIRED, today - timedelta(days=1))
    page = client.get(reverse("partners:agreement", args=[loi.pk]))
    assert page.context["transition_form"].fields["to"].choices == []


def test_a_step_that_skips_the_life_of_an_agreement_is_refused(client, official, loi):
    client.force_login(official)
    response = _step(client, loi, "active")
    assert response.status_code == 400
    assert response.context["transition_form"].errors == {
        "to": ["Select a valid choice. active is not one of the available choices."]
    }
    loi.refresh_from_db()
    assert loi.status == S.PROPOSED


@pytest.mark.parametrize(
    ("to", "setup", "message"),
    [
        ("signed", {}, "The signing date cannot be in the future."),
        ("terminated", {}, "This date has not come yet."),
        ("expired", {"status": S.ACTIVE}, "This date has not come yet."),
    ],
)
def test_steps_cannot_be_dated_in_the_future(client, official, loi, to, setup, message):
    Agreement.objects.filter(pk=loi.pk).update(**setup)
    client.force_login(official)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _step(client, loi, to, on=str(tomorrow))
    assert response.context["transition_form"].errors == {"on": [message]}
    loi.refresh_from_db()
    assert loi.status == setup.get("status", S.PROPOSED)


def test_end_before_the_start_is_refused(client, official, loi):
    Agreement.objects.filter(pk=loi.pk).update(status=S.SIGNED, signed_on=date(2025, 1, 10))
    client.force_login(official)
    response = _step(client, loi, "active", ends_on="2024-12-31")
    assert response.context["transition_form"].errors == {
        "ends_on": ["The end must not be before the start."]
    }


def test_a_step_taken_by_someone_else_meanwhile_is_refused(official, loi):
    from django.core.exceptions import ValidationError

    from partners import services

    stale = Agreement.objects.get(pk=loi.pk)
    Agreement.objects.filter(pk=loi.pk).update(status=S.NEGOTIATING)
    with pytest.raises(ValidationError) as refused:
        services.agreement_transition(agreement=stale, official=official, to=S.SIGNED)
    assert refused.value.messages == ["The agreement has just been changed by someone else."]
    loi.refresh_from_db()
    assert (loi.status, loi.signed_on) == (S.NEGOTIATING, None)


def test_agreement_pages_refuse_anonymous_and_non_officials(
    client, owner, loi, cabc, department, tmp_path
):
    loi.document = SimpleUploadedFile("x.pdf", PDF)
    loi.save()
    gets = [
        reverse("partners:agreement_list"),
        reverse("partners:agreement_create"),
        reverse("partners:agreement", args=[loi.pk]),
        reverse("partners:agreement_edit", args=[loi.pk]),
        reverse("partners:agreement_document", args=[loi.pk]),
    ]
    for url in gets:
        client.logout()
        assert client.get(url).url.split("?")[0] == reverse("accounts:login")
        client.force_login(owner)
        assert client.get(url).status_code == 403
    assert _step(client, loi, "negotiating").status_code == 403
    edit = client.post(
        reverse("partners:agreement_edit", args=[loi.pk]), _data(cabc, department, kind="loi")
    )
    assert edit.status_code == 403
    loi.refresh_from_db()
    assert (loi.status, loi.title) == (S.PROPOSED, "Letter of intent with CABC")


def test_agreement_without_document_has_nothing_to_download(client, official, loi):
    client.force_login(official)
    assert client.get(reverse("partners:agreement_document", args=[loi.pk])).status_code == 404
