from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from events.models import Event, Meeting, Registration


def public_events() -> QuerySet[Event]:
    return (
        Event.objects.filter(is_public=True)
        .exclude(status=Event.Status.DRAFT)
        .select_related("host")
        .prefetch_related("partners", "sectors")
        .annotate(
            participant_count=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.APPROVED),
                distinct=True,
            ),
            meeting_count=Count(
                "meetings", filter=~Q(meetings__status=Meeting.Status.CANCELLED), distinct=True
            ),
        )
    )


def upcoming_events() -> QuerySet[Event]:
    return public_events().filter(ends_on__gte=timezone.localdate()).order_by("starts_on")
