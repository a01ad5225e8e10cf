"""Deals: kanban boards (one organisation's, or all of them for officials), a deal's page, and
starting a deal from a meeting. Every write goes through ``matchmaking.services.deals``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from core.permissions import official_required
from events.models import Meeting
from matchmaking import deal_selectors
from matchmaking.deal_forms import DealFilterForm, DealForm, DealMoveForm
from matchmaking.models import Deal
from matchmaking.services import deals as services
from partners.models import Membership, Organization


def _columns(board: dict) -> list[tuple[str, str, list]]:
    return [(stage, label, board[stage]) for stage, label in Deal.Stage.choices]


STAGES = Deal.Stage.choices


@official_required
def board(request):
    """Every deal, by stage, for officials (optionally of one partner country)."""
    form = DealFilterForm(request.GET or None)
    country = form.cleaned_data["country"] if form.is_valid() else ""
    columns = _columns(deal_selectors.deal_board(country=country))
    return render(
        request,
        "matchmaking/deals/board.html",
        {
            "columns": columns,
            "form": form,
            "organization": None,
            "waiting": [],
            "stages": STAGES,
        },
    )


@login_required
def my_board(request):
    """The board of the visitor's (first) organisation."""
    membership = Membership.objects.filter(user=request.user).order_by("organization__name").first()
    if membership is None:
        if request.user.is_official:
            return redirect("deals:board")
        raise Http404
    return redirect("deals:organization", membership.organization_id)


@login_required
def organization_board(request, org: int):
    """One organisation's deals, by stage, and its held meetings without a deal yet."""
    organization = get_object_or_404(Organization, pk=org)
    if not (
        request.user.is_official
        or Membership.objects.filter(user=request.user, organization=organization).exists()
    ):
        raise PermissionDenied(_("Only the organisation's members can see its deals."))
    return render(
        request,
        "matchmaking/deals/board.html",
        {
            "columns": _columns(deal_selectors.deal_board(organization_id=organization.pk)),
            "organization": organization,
            "waiting": deal_selectors.meetings_without_deal(organization.pk),
            "form": None,
            "stages": STAGES,
        },
    )


def _deal(request, pk: int) -> Deal:
    """The deal if the visitor may edit it; 404 for everyone else (not admitted to exist)."""
    deal = deal_selectors.deal_of(pk)
    if deal is None or not services.can_edit(request.user, deal):
        raise Http404
    return deal


@login_required
@require_http_methods(["GET", "POST"])
def deal_edit(request, pk: int):
    deal = _deal(request, pk)
    form = DealForm(request.POST or None, instance=deal)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.deal_save(deal=form.instance, user=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 409
            else:
                messages.success(request, _("The deal is saved."))
                return redirect("deals:edit", deal.pk)
    return render(
        request, "matchmaking/deals/edit.html", {"deal": deal, "form": form}, status=status
    )


@login_required
@require_POST
def deal_move(request, pk: int):
    """A board's stage buttons; signing without a value sends to the form to enter it."""
    deal = _deal(request, pk)
    form = DealMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a stage of the pipeline."))
        return redirect("deals:edit", deal.pk)
    try:
        services.deal_move(deal=deal, user=request.user, stage=form.cleaned_data["stage"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("deals:edit", deal.pk)
    messages.success(
        request,
        _("“%(deal)s” is now at “%(stage)s”.")
        % {"deal": deal, "stage": Deal.Stage(form.cleaned_data["stage"]).label},
    )
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("deals:edit", deal.pk)


@login_required
@require_POST
def deal_start(request, mid: int):
    """Open the deal of a meeting (or go to the one it has)."""
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "request__offer",
            "request__need",
            "registration_a__organization",
            "registration_b__organization",
        ),
        pk=mid,
    )
    try:
        deal = services.deal_start(meeting=meeting, user=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("deals:mine")
    return redirect("deals:edit", deal.pk)
