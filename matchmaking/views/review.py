"""The officials' review of offers and needs waiting for publication."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Window
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.permissions import official_required
from matchmaking import selectors, services
from matchmaking.forms import ReviewNoteForm
from matchmaking.models import TechnologyNeed, TechnologyOffer

LIMIT = 50
MODELS = {"offers": TechnologyOffer, "needs": TechnologyNeed}


def _first(queryset) -> tuple[list, int]:
    """The first rows and the total, in one query (the total rides along as a window count)."""
    rows = list(queryset.annotate(total=Window(Count("pk")))[:LIMIT])
    return rows, rows[0].total if rows else 0


@official_required
def review(request):
    offers, needs = selectors.records_pending_review()
    offers, offer_count = _first(offers)
    needs, need_count = _first(needs)
    return render(
        request,
        "matchmaking/review.html",
        {
            "offers": offers,
            "needs": needs,
            "offer_count": offer_count,
            "need_count": need_count,
            "note_form": ReviewNoteForm(),
        },
    )


def _record(kind: str, reference: str):
    model = MODELS.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model.objects.select_related("organization"), reference=reference)


def _answer(request, record, kind: str, *, done: str = "", form=None, error: str = ""):
    if request.htmx:
        return render(
            request,
            "matchmaking/_review_row.html",
            {
                "record": record,
                "kind": kind,
                "done": done,
                "note_form": form or ReviewNoteForm(),
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    elif form is not None and form.errors:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    elif done == "published":
        messages.success(request, _("“%(title)s” is published.") % {"title": record})
    else:
        messages.success(
            request, _("“%(title)s” has been sent back with your note.") % {"title": record}
        )
    return redirect("matchmaking:review")


@official_required
@require_POST
def review_approve(request, kind: str, reference: str):
    record = _record(kind, reference)
    try:
        services.record_approve(record=record, official=request.user)
    except ValidationError as exc:
        return _answer(request, record, kind, error=" ".join(exc.messages))
    return _answer(request, record, kind, done="published")


@official_required
@require_POST
def review_return(request, kind: str, reference: str):
    record = _record(kind, reference)
    form = ReviewNoteForm(request.POST)
    if form.is_valid():
        try:
            services.record_return(
                record=record, official=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        return _answer(request, record, kind, form=form)
    return _answer(request, record, kind, done="returned")
