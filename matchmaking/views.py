from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django_countries import countries

from matchmaking.models import PublicationStatus
from matchmaking.selectors import offers_visible_to, published_offers, search_offers, sector_tree

PAGE_SIZE = 20


def offer_list(request):
    text = request.GET.get("q", "").strip()[:200]
    sector = request.GET.get("sector", "")
    country = request.GET.get("country", "")
    offers = search_offers(published_offers(), text=text, sector=sector, country=country)
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "matchmaking/offer_list.html",
        {
            "page": page,
            "text": text,
            "sector": sector,
            "country": country,
            "sectors": sector_tree(),
            "countries": countries,
            "query": query.urlencode(),
        },
    )


def offer_detail(request, reference: str):
    offer = offers_visible_to(request.user).filter(reference=reference).first()
    if offer is None:
        raise Http404
    return render(
        request,
        "matchmaking/offer_detail.html",
        {"offer": offer, "is_published": offer.status == PublicationStatus.PUBLISHED},
    )
