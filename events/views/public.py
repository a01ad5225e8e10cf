from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from core.permissions import memberships_of
from events import selectors
from events.models import Registration


def event_list(request):
    page = Paginator(selectors.event_cards(), 20).get_page(request.GET.get("page"))
    return render(request, "events/event_list.html", {"page": page})


def event_detail(request, pk: int):
    """An event's page: listed events for everyone, an unlisted one for its registrants and
    whoever has its link (``?k=``), drafts for officials."""
    event = selectors.event_for_visitor(pk, request.user, key=request.GET.get("k", ""))
    if event is None:
        raise Http404
    mine, can_register = [], []
    if request.user.is_authenticated:
        mine = list(selectors.registrations_of_user(request.user).filter(event=event))
        if event.accepts_registrations:
            registered = {
                r.organization_id for r in mine if r.status != Registration.Status.CANCELLED
            }
            can_register = [
                m.organization
                for m in memberships_of(request.user)
                if m.organization_id not in registered
            ]
    return render(
        request,
        "events/event_detail.html",
        {"event": event, "my_registrations": mine, "can_register": can_register},
    )


@login_required
def my_events(request):
    registrations = selectors.registrations_of_user(request.user)
    return render(request, "events/my_events.html", {"registrations": registrations})
