from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from events.selectors import public_events


def event_list(request):
    page = Paginator(public_events(), 20).get_page(request.GET.get("page"))
    return render(request, "events/event_list.html", {"page": page})


def event_detail(request, pk: int):
    event = get_object_or_404(public_events(), pk=pk)
    return render(request, "events/event_detail.html", {"event": event})
