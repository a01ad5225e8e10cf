from django.db.models import Count, Q
from django.utils import timezone

from events.models import Event, Meeting
from matchmaking.models import PublicationStatus, TechnologyNeed, TechnologyOffer
from partners.models import Agreement, Organization


def _counts(**figures) -> dict[str, int]:
    """Several counts in one query: a UNION ALL of one-row aggregates, one per figure.

    Each keyword names a figure and gives ``(queryset, aggregate)``.
    """
    from django.db.models import CharField, Value

    branches = [
        queryset.order_by()
        .annotate(figure=Value(name, output_field=CharField()))
        .values("figure")
        .annotate(n=aggregate)
        .values("figure", "n")
        for name, (queryset, aggregate) in figures.items()
    ]
    found = {row["figure"]: row["n"] for row in branches[0].union(*branches[1:], all=True)}
    return {name: found.get(name) or 0 for name in figures}


def portal_figures() -> dict[str, int]:
    """The live counts on the home page, each from the rows themselves (one query)."""
    published = Q(status=PublicationStatus.PUBLISHED)
    return _counts(
        offers=(TechnologyOffer.objects.filter(published), Count("pk")),
        needs=(TechnologyNeed.objects.filter(published), Count("pk")),
        organizations=(Organization.objects.all(), Count("pk")),
        countries=(Organization.objects.all(), Count("country", distinct=True)),
        meetings=(Meeting.objects.exclude(status=Meeting.Status.CANCELLED), Count("pk")),
        events=(Event.objects.exclude(status=Event.Status.DRAFT), Count("pk")),
        agreements=(Agreement.objects.all(), Count("pk")),
    )


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
    requests waiting for an answer, requests sent with their answers, and the next meetings.

    Eight queries whatever the lists hold (the user's organisations come from the request's
    memberships, which the layout reads anyway).
    """
    from django.db.models import Case, DateTimeField, F, Value, When, Window
    from django.db.models.functions import RowNumber

    from core.permissions import memberships_of
    from events.models import MeetingRequest, Registration
    from matchmaking.models import MatchScore

    mine = [m.organization_id for m in memberships_of(user)]
    needs = list(
        TechnologyNeed.objects.filter(organization_id__in=mine)
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
    offers = TechnologyOffer.objects.filter(organization_id__in=mine).aggregate(
        published=Count("id", filter=Q(status=PublicationStatus.PUBLISHED)),
        pending=Count("id", filter=Q(status=PublicationStatus.PENDING_REVIEW)),
        draft=Count("id", filter=Q(status=PublicationStatus.DRAFT)),
    )
    registrations = list(
        Registration.objects.filter(organization_id__in=mine)
        .exclude(event__status=Event.Status.FINISHED)
        .select_related("event", "organization")
        .order_by("event__starts_on")[:10]
    )
    # Both directions in one query: the first ten waiting for an answer (oldest first) and the
    # ten sent most recently changed (an answer moves a request up).
    received = Q(recipient__organization_id__in=mine, status=MeetingRequest.Status.PENDING)
    direction = Case(When(received, then=Value("waiting")), default=Value("sent"))
    requests = list(
        MeetingRequest.objects.filter(
            received | Q(requester__organization_id__in=mine),
        )
        .exclude(event__status=Event.Status.FINISHED)
        .select_related(
            "event", "requester__organization", "recipient__organization", "offer", "need"
        )
        .annotate(
            direction=direction,
            rank=Window(
                RowNumber(),
                partition_by=[direction],
                order_by=[
                    Case(When(received, then=F("created_at")), output_field=DateTimeField()).asc(),
                    F("updated_at").desc(),
                    F("pk").desc(),
                ],
            ),
        )
        .filter(rank__lte=10)
        .order_by("direction", "rank")
    )
    meetings = list(
        Meeting.objects.filter(
            Q(registration_a__organization_id__in=mine)
            | Q(registration_b__organization_id__in=mine),
            event__status__in=[Event.Status.PUBLISHED, Event.Status.RUNNING],
            slot__ends_at__gte=timezone.now(),
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related(
            "event", "slot", "table", "registration_a__organization", "registration_b__organization"
        )
        .order_by("slot__starts_at")[:10]
    )
    return {
        "needs": [(need, best[need.pk]) for need in needs],
        "offers": offers,
        "registrations": registrations,
        "waiting": [r for r in requests if r.direction == "waiting"],
        "sent": [r for r in requests if r.direction == "sent"],
        "meetings": meetings,
    }
