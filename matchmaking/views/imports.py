"""Registering technologies from a spreadsheet: upload, preview every row's errors, confirm.

Between the preview and the confirmation the checked content of the file (never the file
itself) waits in the visitor's session under a random token; confirming checks it again and
imports every row or none.
"""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.models import localized
from matchmaking.forms import OfferImportForm
from matchmaking.importing import (
    ImportFileError,
    Sheet,
    Vocabulary,
    check_sheet,
    read_upload,
    template_csv,
    template_xlsx,
)
from matchmaking.models import PublicationStatus
from matchmaking.services.imports import offers_import
from matchmaking.services.records import require_member
from partners.models import Organization

SESSION_KEY = "offer_imports"
KEEP = 3  # previews kept per session; an older one must be uploaded again


def _organizations(request):
    """The user's organisations; an official may also name any one (``?organization=``)."""
    condition = Q(memberships__user=request.user)
    requested = request.POST.get("organization") or request.GET.get("organization") or ""
    if request.user.is_official and requested.isdigit():
        condition |= Q(pk=int(requested))
    organizations = Organization.objects.filter(condition).distinct().order_by("name")
    if not organizations.exists():
        raise PermissionDenied(_("Join or register an organisation first."))
    return organizations


def _store(request, organization: Organization, sheet: Sheet, name: str) -> str:
    token = secrets.token_urlsafe(16)
    previews = dict(request.session.get(SESSION_KEY, {}))
    while len(previews) >= KEEP:
        previews.pop(next(iter(previews)))
    previews[token] = {"organization": organization.pk, "name": name, "sheet": sheet.to_json()}
    request.session[SESSION_KEY] = previews
    return token


def _drop(request, token: str) -> None:
    previews = dict(request.session.get(SESSION_KEY, {}))
    previews.pop(token, None)
    request.session[SESSION_KEY] = previews


@login_required
@require_http_methods(["GET", "POST"])
def offer_import(request):
    organizations = _organizations(request)
    initial = {}
    if (request.GET.get("organization") or "").isdigit():
        initial["organization"] = int(request.GET["organization"])
    form = OfferImportForm(
        request.POST or None, request.FILES or None, organizations=organizations, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            sheet = read_upload(upload)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            organization = form.cleaned_data["organization"]
            token = _store(request, organization, sheet, upload.name[:100])
            return redirect("matchmaking:offer_import_preview", token)
    return render(request, "matchmaking/import_upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def offer_import_preview(request, token: str):
    """GET: every row and its errors, nothing saved. POST: import all rows, or none."""
    stored = request.session.get(SESSION_KEY, {}).get(token)
    if stored is None:
        raise Http404
    organization = Organization.objects.filter(pk=stored["organization"]).first()
    if organization is None:
        raise Http404
    require_member(request.user, organization)
    sheet = Sheet.from_json(stored["sheet"])
    if request.method == "POST":
        try:
            offers = offers_import(organization=organization, user=request.user, sheet=sheet)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            _drop(request, token)
            published = all(offer.status == PublicationStatus.PUBLISHED for offer in offers)
            messages.success(
                request,
                (
                    ngettext(
                        "%(count)d technology has been imported and published.",
                        "%(count)d technologies have been imported and published.",
                        len(offers),
                    )
                    if published
                    else ngettext(
                        "%(count)d technology has been imported and sent to the officials "
                        "for review.",
                        "%(count)d technologies have been imported and sent to the officials "
                        "for review.",
                        len(offers),
                    )
                )
                % {"count": len(offers)},
            )
            return redirect("matchmaking:my_offers")
    vocabulary = Vocabulary.load()
    result = check_sheet(sheet, vocabulary)
    for row in result.rows:
        row.sector_names = [localized(*vocabulary.sectors[code]) for code in row.sectors]
        row.mode_names = [
            localized(*vocabulary.transfer_modes[code]) for code in row.transfer_modes
        ]
    return render(
        request,
        "matchmaking/import_preview.html",
        {
            "token": token,
            "name": stored["name"],
            "organization": organization,
            "sheet": sheet,
            "result": result,
            "rows_with_errors": sum(1 for row in result.rows if row.errors),
            # A corrected file goes to the same organisation.
            "form": OfferImportForm(organizations=Organization.objects.filter(pk=organization.pk)),
        },
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def offer_import_template_xlsx(request):
    response = HttpResponse(template_xlsx(Vocabulary.load()), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="technologies-template.xlsx"'
    return response


def offer_import_template_csv(request):
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="technologies-template.csv"'
    return response
