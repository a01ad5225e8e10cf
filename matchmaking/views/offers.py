from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import cache as catalogue_cache
from core.files import download
from core.permissions import is_member as is_member_of
from core.uploads import DOCUMENTS
from events import selectors as event_selectors
from matchmaking import selectors, services
from matchmaking.filters import OfferFilter
from matchmaking.forms import OfferForm
from matchmaking.models import PublicationStatus, TechnologyOffer
from matchmaking.views.records import edit_record, record_for_member

PAGE_SIZE = 20


def _wants_fragment(request) -> bool:
    """An htmx request for the results only. A history-restore request (going back after
    htmx's history cache missed) replaces the whole page, so it gets the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _page_param(raw: str | None) -> str:
    return str(int(raw)) if raw and raw.isdigit() and int(raw) > 0 else "1"


def _results_html(page, query) -> str:
    # Without the request: the fragment needs no context processor (each would cost the
    # page a query), and its links are built from the canonical query, not the URL typed.
    return render_to_string("matchmaking/_offer_results.html", {"page": page, "page_query": query})


def offer_list(request):
    """The catalogue: filters, search and sorting from the URL; htmx swaps only the results.

    The filter panel and the results are the same for every visitor with the same filters, so
    both are cached under the catalogue's version (bumped by every change to an offer, an
    organisation, a sector or a transfer mode): a popular search is computed and rendered once,
    not by every visitor. The key is made of the filters as the form cleaned them, so unknown
    parameters or another spelling of the same values never add an entry; a URL with a value
    the form refuses is shown with its errors and not cached.
    """
    fragment = _wants_fragment(request)
    offers = OfferFilter(request.GET, queryset=selectors.catalogue_offers())
    if not offers.is_valid():
        page = Paginator(offers.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        results, filters = _results_html(page, offers.canonical_query()), str(offers.form)
    else:
        query = offers.canonical_query()
        number = _page_param(request.GET.get("page"))
        parts = ("catalogue", get_language() or "", query.urlencode())
        results_key = catalogue_cache.key(*parts, number)
        filters_key = catalogue_cache.key(*parts, "form")
        found = cache.get_many([results_key] if fragment else [results_key, filters_key])
        results, filters = found.get(results_key), found.get(filters_key)
        if results is None:
            page = Paginator(offers.qs, PAGE_SIZE).get_page(number)
            results = _results_html(page, query)
            if str(page.number) == number:  # a page past the end is not stored as its own
                cache.set(results_key, results, catalogue_cache.TTL_SECONDS)
        if filters is None and not fragment:
            filters = str(offers.form)
            cache.set(filters_key, filters, catalogue_cache.TTL_SECONDS)
    if fragment:
        response = HttpResponse(results)
    else:
        response = render(
            request,
            "matchmaking/offer_list.html",
            {"filters": mark_safe(filters), "results": mark_safe(results)},
        )
    # Same URL, two bodies: a shared cache must keep the fragment and the page apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def offer_detail(request, reference: str):
    offer = selectors.offers_visible_to(request.user).filter(reference=reference).first()
    if offer is None:
        raise Http404
    is_member = request.user.is_authenticated and (
        request.user.is_official or is_member_of(request.user, offer.organization_id)
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


@require_safe
def offer_brochure(request, reference: str):
    """The brochure, to whoever may see the offer (its draft's brochure stays private)."""
    offer = selectors.offers_visible_to(request.user).filter(reference=reference).first()
    if offer is None:
        raise Http404
    return download(offer.brochure, filename=f"{offer.reference}-brochure", allowed=DOCUMENTS)


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
