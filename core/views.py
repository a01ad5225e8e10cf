from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.selectors import dashboard_for, portal_figures
from events.selectors import upcoming_events
from matchmaking.selectors import catalogue_offers


def home(request):
    return render(
        request,
        "core/home.html",
        {
            "figures": portal_figures(),
            "latest_offers": catalogue_offers()[:6],
            "upcoming_events": upcoming_events()[:3],
        },
    )


@login_required
def dashboard(request):
    return render(request, "core/dashboard.html", dashboard_for(request.user))
