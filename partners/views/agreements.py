"""Cooperation agreements (officials): list, create, edit, status steps, the document."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.files import download
from core.forms import add_service_errors
from core.permissions import official_required
from core.uploads import DOCUMENTS
from partners import selectors, services
from partners.forms import AgreementFilterForm, AgreementForm, AgreementTransitionForm
from partners.models import Agreement

PAGE_SIZE = 25


def _agreement_or_404(pk: int) -> Agreement:
    agreement = selectors.agreement_by_pk(pk)
    if agreement is None:
        raise Http404
    return agreement


@official_required
def agreement_list(request):
    form = AgreementFilterForm(request.GET or None)
    agreements = selectors.agreements_for_officials(**form.filters())
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partners/agreements/list.html", {"form": form, "page": page})


@official_required
def agreement_detail(request, pk: int):
    agreement = _agreement_or_404(pk)
    return render(request, "partners/agreements/detail.html", _detail_context(agreement))


def _detail_context(agreement: Agreement, transition_form=None) -> dict:
    statuses = services.next_statuses(agreement)
    return {
        "agreement": agreement,
        "transition_form": transition_form or AgreementTransitionForm(statuses=statuses),
        "can_follow": agreement.kind != Agreement.Kind.COOPERATION,
    }


@official_required
@require_http_methods(["GET", "POST"])
def agreement_create(request):
    agreement = Agreement()
    initial = {}
    follows = request.GET.get("follows", "")
    earlier = selectors.agreement_by_pk(int(follows)) if follows.isdigit() else None
    if earlier is not None:
        # Preparing the next step with the same partner: an MOU after a letter of intent.
        initial = {
            "follows": earlier.pk,
            "partner": earlier.partner_id,
            "counterpart": earlier.counterpart_id,
            "kind": Agreement.Kind.MOU
            if earlier.kind == Agreement.Kind.LETTER_OF_INTENT
            else Agreement.Kind.COOPERATION,
            "sectors": [sector.code for sector in earlier.sectors.all()],
        }
    return _edit(request, agreement, _("The agreement has been recorded."), initial=initial)


@official_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk: int):
    return _edit(request, _agreement_or_404(pk), _("The agreement has been saved."))


def _edit(request, agreement: Agreement, message: str, initial=None):
    form = AgreementForm(
        request.POST or None, request.FILES or None, instance=agreement, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_save(
                agreement=form.save(commit=False),
                official=request.user,
                sectors=form.cleaned_data["sectors"],
                document=form.cleaned_data.get("document"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect("partners:agreement", agreement.pk)
    return render(request, "partners/agreements/form.html", {"form": form, "agreement": agreement})


@official_required
@require_POST
def agreement_transition(request, pk: int):
    agreement = _agreement_or_404(pk)
    form = AgreementTransitionForm(request.POST, statuses=services.next_statuses(agreement))
    if form.is_valid():
        try:
            services.agreement_transition(
                agreement=agreement,
                official=request.user,
                to=form.cleaned_data["to"],
                on=form.cleaned_data["on"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        return render(
            request,
            "partners/agreements/detail.html",
            _detail_context(agreement, transition_form=form),
            status=400,
        )
    status = agreement.get_status_display()
    messages.success(request, _("The agreement is now “%(status)s”.") % {"status": status})
    return redirect("partners:agreement", agreement.pk)


@official_required
def agreement_document(request, pk: int):
    """The agreement's document, for officials only (never a public media link)."""
    agreement = _agreement_or_404(pk)
    return download(agreement.document, filename=f"agreement-{agreement.pk}", allowed=DOCUMENTS)
