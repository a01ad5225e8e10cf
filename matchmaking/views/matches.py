from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_countries import countries

from core.permissions import official_required
from matchmaking import selectors, services
from matchmaking.models import ScoringRun

PAGE_SIZE = 50


@official_required
def match_list(request):
    """All stored matches for officials, filtered by sector, country and minimum score."""
    sector = request.GET.get("sector", "")
    country = request.GET.get("country", "")
    try:
        min_score = min(max(float(request.GET.get("min_score") or 0), 0.0), 1.0)
    except ValueError:
        min_score = 0.0
    matches = selectors.matches_for_officials(sector=sector, country=country, min_score=min_score)
    page = Paginator(matches, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "matchmaking/match_list.html",
        {
            "page": page,
            "sector": sector,
            "country": country,
            "min_score": min_score,
            "sectors": selectors.sector_tree(),
            "countries": countries,
            "run": selectors.latest_full_run(),
        },
    )


@official_required
@require_POST
def recompute(request):
    run = services.scoring_run_start(user=request.user)
    if request.htmx:
        return render(request, "matchmaking/_run_progress.html", {"run": run})
    return redirect("matchmaking:match_list")


@official_required
def run_progress(request, pk: int):
    run = get_object_or_404(ScoringRun, pk=pk)
    return render(request, "matchmaking/_run_progress.html", {"run": run})
