"""Importing technologies from a spreadsheet through the pages: preview, then all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from matchmaking.models import PublicationStatus, TechnologyOffer
from matchmaking.views.imports import SESSION_KEY
from tests.factories import UserFactory
from tests.spreadsheets import (
    deeply_compressed_xlsx,
    far_cell_xlsx,
    technology_rows,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _file(content: bytes, name: str = "delegation.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _upload(client, organization, content, name="delegation.xlsx"):
    return client.post(
        reverse("matchmaking:offer_import"),
        {"organization": organization.pk, "file": _file(content, name)},
    )


def _broken_rows(count=8):
    rows = technology_rows(count)
    rows[3][4] = 12  # row 5 of the file: TRL out of range
    return rows


def test_import_page_sends_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("matchmaking:offer_import"))
    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("accounts:login"))


def test_import_page_refuses_a_user_without_organization(client):
    client.force_login(UserFactory())
    assert client.get(reverse("matchmaking:offer_import")).status_code == 403


def test_upload_shows_a_preview_and_saves_nothing(client, owner, org_a):
    client.force_login(owner)
    response = _upload(client, org_a, xlsx_bytes(technology_rows(8)))
    assert response.status_code == 302
    preview = client.get(response.url)
    assert preview.status_code == 200
    assert preview.context["result"].errors == []
    assert len(preview.context["result"].rows) == 8
    assert "Import 8 technologies and send them for review" in preview.content.decode()
    assert TechnologyOffer.objects.count() == 0


def test_preview_lists_the_broken_rows_error_and_confirming_saves_nothing(client, owner, org_a):
    client.force_login(owner)
    preview_url = _upload(client, org_a, xlsx_bytes(_broken_rows())).url
    preview = client.get(preview_url)
    html = preview.content.decode()
    errors = [(e.row, e.column_label, e.message) for e in preview.context["result"].errors]
    assert errors == [(5, "TRL", "The TRL must be a whole number from 1 to 9.")]
    assert (
        '<tr data-row="5"><td>5</td><td>TRL</td>'
        "<td>The TRL must be a whole number from 1 to 9.</td></tr>" in html
    )
    assert "Import 8 technologies" not in html
    confirmed = client.post(preview_url, follow=True)
    assert [str(m) for m in confirmed.context["messages"]] == [
        "The file has 1 error: nothing was imported."
    ]
    assert TechnologyOffer.objects.count() == 0


def test_confirming_imports_every_row_as_the_form_would_and_submits_it_for_review(
    client, owner, org_a
):
    client.force_login(owner)
    preview_url = _upload(client, org_a, xlsx_bytes(technology_rows(8))).url
    response = client.post(preview_url, follow=True)
    assert response.redirect_chain == [(reverse("matchmaking:my_offers"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "8 technologies have been imported and sent to the officials for review."
    ]
    offers = TechnologyOffer.objects.order_by("title")
    assert [o.title for o in offers] == [f"Smart technology {n}" for n in range(1, 9)]
    assert {(o.organization_id, o.created_by_id, o.status) for o in offers} == {
        (org_a.pk, owner.pk, PublicationStatus.PENDING_REVIEW)
    }
    first = offers[0]
    assert (list(first.sectors.values_list("code", flat=True)), first.trl) == (["ENE.SOL"], 2)
    assert sorted(first.transfer_modes.values_list("code", flat=True)) == ["licence", "training"]
    targets = [country.code for country in first.target_countries]
    assert (first.keywords, targets) == (["keyword1", "sensors"], ["KR", "VN"])
    assert len(response.context["offers"]) == 8
    # The preview is used up: confirming again finds nothing.
    assert client.post(preview_url).status_code == 404
    assert TechnologyOffer.objects.count() == 8


def test_official_import_for_an_organization_is_published(client, official, org_a):
    client.force_login(official)
    page = client.get(reverse("matchmaking:offer_import"), {"organization": org_a.pk})
    assert page.status_code == 200
    preview_url = _upload(client, org_a, xlsx_bytes(technology_rows(2))).url
    client.post(preview_url)
    assert list(TechnologyOffer.objects.values_list("status", flat=True)) == [
        PublicationStatus.PUBLISHED,
        PublicationStatus.PUBLISHED,
    ]


def test_a_failure_on_any_row_while_saving_leaves_nothing_saved(client, owner, org_a, monkeypatch):
    from matchmaking.services import imports

    calls = []
    real_submit = imports.offer_submit

    def failing_submit(*, offer, user):
        calls.append(offer.title)
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real_submit(offer=offer, user=user)

    monkeypatch.setattr(imports, "offer_submit", failing_submit)
    client.force_login(owner)
    preview_url = _upload(client, org_a, xlsx_bytes(technology_rows(8))).url
    client.raise_request_exception = False
    response = client.post(preview_url)
    assert response.status_code == 500
    assert len(calls) == 3
    assert TechnologyOffer.objects.count() == 0


def test_file_renamed_xlsx_that_is_not_a_workbook_is_refused_on_the_form(client, owner, org_a):
    client.force_login(owner)
    response = _upload(client, org_a, b"<html>not a workbook</html>", "delegation.xlsx")
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": ["This file is not a real .xlsx workbook: save it again from Excel as .xlsx."]
    }
    assert SESSION_KEY not in client.session


def test_oversized_file_is_refused_on_the_form(client, owner, org_a):
    client.force_login(owner)
    response = _upload(client, org_a, b"a" * (2 * 1024 * 1024 + 1), "delegation.csv")
    assert response.context["form"].errors == {
        "file": ["The file is larger than 2 MB: split it into several files."]
    }
    assert SESSION_KEY not in client.session


def test_outsider_cannot_import_into_another_organization(client, outsider, org_a):
    client.force_login(outsider)
    response = _upload(client, org_a, xlsx_bytes(technology_rows(1)))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["organization"]
    assert TechnologyOffer.objects.count() == 0


def test_preview_belongs_to_the_session_that_uploaded(client, owner, outsider, org_a):
    client.force_login(owner)
    preview_url = _upload(client, org_a, xlsx_bytes(technology_rows(1))).url
    client.force_login(outsider)  # a new session: the token means nothing there
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert TechnologyOffer.objects.count() == 0


def test_member_who_left_the_organization_cannot_confirm(client, member, org_a):
    client.force_login(member)
    preview_url = _upload(client, org_a, xlsx_bytes(technology_rows(1))).url
    org_a.memberships.filter(user=member).delete()
    assert client.post(preview_url).status_code == 403
    assert TechnologyOffer.objects.count() == 0


def test_only_the_three_latest_previews_are_kept(client, owner, org_a):
    client.force_login(owner)
    urls = [_upload(client, org_a, xlsx_bytes(technology_rows(1))).url for _ in range(4)]
    assert [client.get(url).status_code for url in urls] == [404, 200, 200, 200]


def test_templates_can_be_downloaded(client):
    xlsx = client.get(reverse("matchmaking:offer_import_template_xlsx"))
    csv_template = client.get(reverse("matchmaking:offer_import_template_csv"))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook["Technologies"]["A1"].value == "Title"
    assert xlsx["Content-Disposition"] == 'attachment; filename="technologies-template.xlsx"'
    assert csv_template.content.decode("utf-8-sig").splitlines()[0].split(",")[:3] == [
        "Title",
        "Summary",
        "Description",
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_preview_query_count_does_not_grow_with_rows(
    client, owner, org_a, django_assert_num_queries, count
):
    client.force_login(owner)
    preview_url = _upload(client, org_a, xlsx_bytes(technology_rows(count))).url
    # session, user, organisation, official?, membership check, sectors, transfer modes, the
    # re-upload form's organisation (count, first), memberships in the navigation
    with django_assert_num_queries(10):
        response = client.get(preview_url)
    assert len(response.context["result"].rows) == count


BOMB_BY_DIMENSIONS = (
    "The sheet spans 1,048,576 rows and 16,384 columns; a list of technologies fits in 5,000 "
    "rows and 100 columns. Delete the empty rows and columns after your data (or copy the data "
    "into a new file) and upload it again."
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (far_cell_xlsx(), BOMB_BY_DIMENSIONS),
        (deeply_compressed_xlsx(5 * 1024 * 1024), "The workbook is too large once unpacked."),
        (deeply_compressed_xlsx(40 * 1024 * 1024), "The workbook is too large once unpacked."),
    ],
    ids=["huge-dimensions", "deep-compression", "expands-past-the-limit"],
)
def test_spreadsheet_bombs_are_refused_at_once(client, owner, org_a, content, message):
    client.force_login(owner)
    response = _upload(client, org_a, content)
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert message in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_far_cell_in_a_sheet_without_declared_size_is_never_expanded(client, owner, org_a):
    client.force_login(owner)
    response = _upload(client, org_a, far_cell_xlsx(declare_dimension=False))
    preview = client.get(response.url)
    assert preview.context["result"].errors[0].message == (
        "The file has no technology below the header."
    )
