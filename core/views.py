from django.shortcuts import render

from core.selectors import portal_figures
from events.selectors import upcoming_events
from matchmaking.selectors import published_offers


def home(request):
    return render(
        request,
        "core/home.html",
        {
            "figures": portal_figures(),
            "latest_offers": published_offers()[:6],
            "upcoming_events": upcoming_events()[:3],
        },
    )
