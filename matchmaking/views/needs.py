from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.permissions import is_member as is_member_of
from matchmaking import selectors, services
from matchmaking.forms import NeedForm
from matchmaking.models import PublicationStatus, TechnologyNeed
from matchmaking.views.records import edit_record, record_for_member

PAGE_SIZE = 20


def need_list(request):
    """Published needs: public ones for everyone, members-only ones for logged-in users."""
    needs = selectors.published_needs_for(request.user)
    text = request.GET.get("q", "").strip()[:200]
    sector = request.GET.get("sector", "")
    needs = selectors.search_needs(needs, text=text, sector=sector)
    if text:
        needs = needs.order_by("-relevance", "-published_at", "pk")
    page = Paginator(needs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "matchmaking/need_list.html",
        {"page": page, "text": text, "sector": sector, "sectors": selectors.sector_tree()},
    )


@login_required
def my_needs(request):
    needs = selectors.needs_of_member(request.user)
    return render(request, "matchmaking/my_needs.html", {"needs": needs})


def need_detail(request, reference: str):
    need = selectors.needs_visible_to(request.user).filter(reference=reference).first()
    if need is None:
        raise Http404
    is_member = request.user.is_authenticated and (
        request.user.is_official or is_member_of(request.user, need.organization_id)
    )
    return render(
        request,
        "matchmaking/need_detail.html",
        {
            "need": need,
            "is_member": is_member,
            "recommendations": selectors.recommended_offers(need)
            if need.status == PublicationStatus.PUBLISHED
            else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request):
    return edit_record(
        request,
        form_class=NeedForm,
        record=TechnologyNeed(),
        save=_save_need,
        template="matchmaking/need_form.html",
        message=_("The need has been saved as a draft."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, reference: str):
    need = record_for_member(TechnologyNeed.objects.all(), request.user, reference)
    return edit_record(
        request,
        form_class=NeedForm,
        record=need,
        save=_save_need,
        template="matchmaking/need_form.html",
        message=_("The need has been saved."),
    )


def _save_need(need, **kwargs):
    return services.need_save(need=need, **kwargs)


@login_required
@require_POST
def need_publish(request, reference: str):
    need = record_for_member(TechnologyNeed.objects.all(), request.user, reference)
    try:
        need = services.need_publish(need=need, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if need.status == PublicationStatus.PUBLISHED:
            messages.success(
                request, _("The need is published; matching offers are being computed.")
            )
        else:
            messages.info(request, _("The need has been sent to the officials for review."))
    return redirect(need)


@login_required
@require_POST
def need_archive(request, reference: str):
    need = record_for_member(TechnologyNeed.objects.all(), request.user, reference)
    services.record_archive(record=need, user=request.user)
    messages.success(request, _("The need has been archived."))
    return redirect(need)
