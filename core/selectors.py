from django.db.models import Count, Q

from events.models import Event, Meeting
from matchmaking.models import PublicationStatus, TechnologyNeed, TechnologyOffer
from partners.models import Agreement, Organization


def portal_figures() -> dict[str, int]:
    """The live counts on the home page, each from the rows themselves."""
    offers = TechnologyOffer.objects.aggregate(
        published=Count("id", filter=Q(status=PublicationStatus.PUBLISHED))
    )
    needs = TechnologyNeed.objects.aggregate(
        published=Count("id", filter=Q(status=PublicationStatus.PUBLISHED))
    )
    organizations = Organization.objects.aggregate(
        total=Count("id"), countries=Count("country", distinct=True)
    )
    meetings = Meeting.objects.exclude(status=Meeting.Status.CANCELLED).aggregate(total=Count("id"))
    events = Event.objects.exclude(status=Event.Status.DRAFT).aggregate(total=Count("id"))
    agreements = Agreement.objects.aggregate(total=Count("id"))
    return {
        "offers": offers["published"],
        "needs": needs["published"],
        "organizations": organizations["total"],
        "countries": organizations["countries"],
        "meetings": meetings["total"],
        "events": events["total"],
        "agreements": agreements["total"],
    }
