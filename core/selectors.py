from django.db.models import Count, Q
from django.utils import timezone

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


DASHBOARD_ROWS = 5


def _first_rows(queryset, limit: int) -> tuple[list, int]:
    """The first rows and the total count in one query (a window count rides along)."""
    from django.db.models import Window

    rows = list(queryset.annotate(total=Window(Count("pk")))[:limit])
    return rows, rows[0].total if rows else 0


def officials_attention(limit: int = DASHBOARD_ROWS) -> dict:
    """What waits for the officials: counts, each with the first few rows. Six queries.

    - organisations to verify (not verified, not sent back and waiting for a correction);
    - offers and needs pending review (one query for both);
    - registrations pending approval;
    - upcoming events (not finished, not ended);
    - agreements expiring within 90 days (or past their end and still in force) and agreements
      whose expected signing date has passed (one query for both);
    - the latest full match-score run.
    """
    from django.db.models import Case, F, Value, When, Window
    from django.db.models.functions import Coalesce, RowNumber

    from events.models import Registration
    from matchmaking.selectors import latest_full_run, records_overview
    from partners.selectors import agreements_expiring, agreements_overdue

    today = timezone.localdate()
    organizations, organization_count = _first_rows(
        Organization.objects.filter(verified=False, returned_at__isnull=True).order_by(
            "created_at", "pk"
        ),
        limit,
    )
    pending = Q(status=PublicationStatus.PENDING_REVIEW)
    records, record_totals = records_overview(
        TechnologyOffer.objects.filter(pending), TechnologyNeed.objects.filter(pending), limit=limit
    )
    registrations, registration_count = _first_rows(
        Registration.objects.filter(status=Registration.Status.PENDING)
        .select_related("event", "organization")
        .order_by("created_at", "pk"),
        limit,
    )
    events, event_count = _first_rows(
        Event.objects.filter(ends_on__gte=today)
        .exclude(status=Event.Status.FINISHED)
        .order_by("starts_on", "pk"),
        limit,
    )
    category = Case(
        When(status__in=(Agreement.Status.SIGNED, Agreement.Status.ACTIVE), then=Value("expiring")),
        default=Value("overdue"),
    )
    agreements = list(
        Agreement.objects.filter(
            Q(pk__in=agreements_expiring(today).values("pk"))
            | Q(pk__in=agreements_overdue(today).values("pk"))
        )
        .select_related("partner")
        .annotate(
            category=category,
            total=Window(Count("pk"), partition_by=[category]),
            rank=Window(
                RowNumber(),
                partition_by=[category],
                order_by=[Coalesce("ends_on", "expected_on").asc(), F("pk").asc()],
            ),
        )
        .filter(rank__lte=limit)
        .order_by("category", "rank")
    )
    expiring = [a for a in agreements if a.category == "expiring"]
    overdue = [a for a in agreements if a.category == "overdue"]
    return {
        "today": today,
        "organizations": organizations,
        "organization_count": organization_count,
        "offers": [r for r in records if r["kind"] == "offer"],
        "needs": [r for r in records if r["kind"] == "need"],
        "offer_count": record_totals["offer"],
        "need_count": record_totals["need"],
        "registrations": registrations,
        "registration_count": registration_count,
        "events": events,
        "event_count": event_count,
        "expiring": expiring,
        "expiring_count": expiring[0].total if expiring else 0,
        "overdue": overdue,
        "overdue_count": overdue[0].total if overdue else 0,
        "latest_run": latest_full_run(),
    }


def dashboard_for(user) -> dict:
    """What a member of organisations sees first: needs with their best offers, offers, events,
    requests waiting for an answer and the next meetings. A fixed number of queries."""
    from events.models import MeetingRequest, Registration
    from matchmaking.models import MatchScore

    needs = list(
        TechnologyNeed.objects.filter(organization__memberships__user=user)
        .exclude(status=PublicationStatus.ARCHIVED)
        .select_related("organization")
        .order_by("status", "-updated_at")[:10]
    )
    best: dict[int, list] = {need.pk: [] for need in needs}
    scores = (
        MatchScore.objects.filter(
            need__in=[n.pk for n in needs if n.status == PublicationStatus.PUBLISHED],
            offer__status=PublicationStatus.PUBLISHED,
        )
        .select_related("offer__organization")
        .order_by("need_id", "-score", "offer_id")
    )
    for score in scores:
        if len(best[score.need_id]) < 3:
            best[score.need_id].append(score)
    offers = TechnologyOffer.objects.filter(organization__memberships__user=user).aggregate(
        published=Count("id", filter=Q(status=PublicationStatus.PUBLISHED)),
        pending=Count("id", filter=Q(status=PublicationStatus.PENDING_REVIEW)),
        draft=Count("id", filter=Q(status=PublicationStatus.DRAFT)),
    )
    registrations = list(
        Registration.objects.filter(organization__memberships__user=user)
        .exclude(event__status=Event.Status.FINISHED)
        .select_related("event", "organization")
        .order_by("event__starts_on")[:10]
    )
    waiting = list(
        MeetingRequest.objects.filter(
            recipient__organization__memberships__user=user,
            status=MeetingRequest.Status.PENDING,
        )
        .select_related("event", "requester__organization", "recipient")
        .order_by("created_at")[:10]
    )
    meetings = list(
        Meeting.objects.filter(
            Q(registration_a__organization__memberships__user=user)
            | Q(registration_b__organization__memberships__user=user),
            event__status__in=[Event.Status.PUBLISHED, Event.Status.RUNNING],
            slot__ends_at__gte=timezone.now(),
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related(
            "event", "slot", "table", "registration_a__organization", "registration_b__organization"
        )
        .distinct()
        .order_by("slot__starts_at")[:10]
    )
    return {
        "needs": [(need, best[need.pk]) for need in needs],
        "offers": offers,
        "registrations": registrations,
        "waiting": waiting,
        "meetings": meetings,
    }
