from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from events import selectors as event_selectors
from matchmaking import selectors, services
from matchmaking.filters import OfferFilter
from matchmaking.forms import OfferForm
from matchmaking.models import PublicationStatus, TechnologyOffer
from matchmaking.views.records import edit_record, record_for_member

PAGE_SIZE = 20


def offer_list(request):
    """The catalogue: filters, search and sorting from the URL; htmx swaps only the results."""
    offers = OfferFilter(request.GET, queryset=selectors.published_offers())
    page = Paginator(offers.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "matchmaking/_offer_results.html" if request.htmx else "matchmaking/offer_list.html"
    return render(request, template, {"filter": offers, "page": page})


def offer_detail(request, reference: str):
    offer = selectors.offers_visible_to(request.user).filter(reference=reference).first()
    if offer is None:
        raise Http404
    is_member = request.user.is_authenticated and (
        request.user.is_official
        or offer.organization.memberships.filter(user=request.user).exists()
    )
    return render(
        request,
        "matchmaking/offer_detail.html",
        {
            "offer": offer,
            "is_published": offer.status == PublicationStatus.PUBLISHED,
            "is_member": is_member,
            "interested_needs": selectors.needs_matching_offer(offer, request.user)
            if offer.status == PublicationStatus.PUBLISHED
            else [],
            "opportunities": event_selectors.meeting_opportunities(
                offer.organization_id, request.user
            )
            if offer.status == PublicationStatus.PUBLISHED
            else [],
        },
    )


@login_required
def my_offers(request):
    offers = selectors.offers_of_member(request.user)
    return render(request, "matchmaking/my_offers.html", {"offers": offers})


def _save_offer(offer, **kwargs):
    return services.offer_save(offer=offer, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request):
    return edit_record(
        request,
        form_class=OfferForm,
        record=TechnologyOffer(),
        save=_save_offer,
        template="matchmaking/offer_form.html",
        message=_("The offer has been saved as a draft."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, reference: str):
    offer = record_for_member(TechnologyOffer.objects.all(), request.user, reference)
    return edit_record(
        request,
        form_class=OfferForm,
        record=offer,
        save=_save_offer,
        template="matchmaking/offer_form.html",
        message=_("The offer has been saved."),
    )


@login_required
@require_POST
def offer_submit(request, reference: str):
    offer = record_for_member(TechnologyOffer.objects.all(), request.user, reference)
    offer = services.offer_submit(offer=offer, user=request.user)
    if offer.status == PublicationStatus.PUBLISHED:
        messages.success(request, _("The offer is published."))
    else:
        messages.info(request, _("The offer has been sent to the officials for review."))
    return redirect(offer)


@login_required
@require_POST
def offer_archive(request, reference: str):
    offer = record_for_member(TechnologyOffer.objects.all(), request.user, reference)
    services.record_archive(record=offer, user=request.user)
    messages.success(request, _("The offer has been archived."))
    return redirect(offer)
