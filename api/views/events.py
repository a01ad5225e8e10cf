"""Public events; a participant's registrations, meeting requests and meetings."""

from django.db.models import Prefetch, Q
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from api import filters
from api.serializers.events import (
    EventSerializer,
    MeetingRequestSerializer,
    MeetingSerializer,
    ParticipantSerializer,
    RegistrationSerializer,
    SlotSerializer,
)
from api.views.common import for_schema
from events import selectors, services
from events.models import Event, Meeting, MeetingRequest, Registration
from matchmaking.models import TechnologyNeed, TechnologyOffer
from partners import selectors as partners_selectors

NO_BODY = {"request": None}


def _mine(user):
    return partners_selectors.organizations_of(user).values("pk")


@extend_schema_view(
    list=extend_schema(summary="Public events"),
    retrieve=extend_schema(summary="A public event"),
    slots=extend_schema(
        summary="The event's meeting slots (for availability)",
        responses=SlotSerializer(many=True),
    ),
    participants=extend_schema(
        summary="The event's approved participants (for participants and officials)",
        responses=ParticipantSerializer(many=True),
    ),
)
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    permission_classes = [AllowAny]
    filterset_class = filters.EventFilter
    ordering_fields = ["starts_on", "title"]
    ordering = ["-starts_on", "-pk"]

    def get_queryset(self):
        events = selectors.public_events()
        if self.action not in ("list", "retrieve"):
            events = events.prefetch_related(None)  # the actions only need the event's row
        return events

    @action(detail=True, pagination_class=None, filter_backends=[], serializer_class=SlotSerializer)
    def slots(self, request, pk=None):
        event = self.get_object()
        return Response(SlotSerializer(event.slots.order_by("starts_at"), many=True).data)

    @action(
        detail=True,
        permission_classes=[IsAuthenticated],
        filter_backends=[],
        serializer_class=ParticipantSerializer,
    )
    def participants(self, request, pk=None):
        event = self.get_object()
        user = request.user
        approved = Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
        if not (user.is_official or approved.filter(organization__in=_mine(user)).exists()):
            raise Http404  # as the HTML page: only approved participants browse each other
        rows = (
            approved.select_related("organization")
            .prefetch_related(
                Prefetch("offers", queryset=TechnologyOffer.objects.only("pk", "reference")),
                Prefetch("needs", queryset=TechnologyNeed.objects.only("pk", "reference")),
            )
            .order_by("organization__name", "pk")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ParticipantSerializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="Your organisations' registrations (officials: all)"),
    retrieve=extend_schema(summary="A registration of your organisation"),
    create=extend_schema(summary="Register one of your organisations for an event"),
    update=extend_schema(summary="Change a registration"),
    partial_update=extend_schema(summary="Change part of a registration"),
    cancel=extend_schema(summary="Withdraw from the event", **NO_BODY),
)
class RegistrationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = RegistrationSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = filters.RegistrationFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self):
        user = self.request.user
        if for_schema(self):
            return Registration.objects.none()
        registrations = Registration.objects.all()
        if not user.is_official:
            registrations = registrations.filter(organization__in=_mine(user))
        return registrations.select_related("event", "organization").prefetch_related(
            Prefetch("offers", queryset=TechnologyOffer.objects.only("pk", "reference")),
            Prefetch("needs", queryset=TechnologyNeed.objects.only("pk", "reference")),
            "unavailable_slots",
        )

    def _save(self, registration, serializer):
        fields = dict(serializer.validated_data)
        related = {
            name: fields.pop(name, None) for name in ("offers", "needs", "unavailable_slots")
        }
        for name, value in fields.items():
            setattr(registration, name, value)
        if registration.pk:
            for name, value in related.items():
                if value is None:
                    related[name] = list(getattr(registration, name).all())
        return services.registration_save(
            registration=registration,
            user=self.request.user,
            **{name: value or [] for name, value in related.items()},
        )

    def perform_create(self, serializer):
        event = serializer.validated_data.pop("event")
        organization = serializer.validated_data.pop("organization")
        # A cancelled registration is made again (the HTML page does the same).
        registration = Registration.objects.filter(
            event=event, organization=organization, status=Registration.Status.CANCELLED
        ).first() or Registration(event=event, organization=organization)
        serializer.instance = self._save(registration, serializer)

    def perform_update(self, serializer):
        self._save(serializer.instance, serializer)

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        registration = services.registration_cancel(
            registration=self.get_object(), user=request.user
        )
        return Response(self.get_serializer(registration).data)


@extend_schema_view(
    list=extend_schema(summary="Meeting requests sent or received by your organisations"),
    retrieve=extend_schema(summary="A meeting request of your organisation"),
    create=extend_schema(summary="Ask another participant for a meeting"),
    accept=extend_schema(summary="Accept a request you received", **NO_BODY),
    decline=extend_schema(summary="Decline a request you received", **NO_BODY),
    withdraw=extend_schema(summary="Withdraw a request you sent", **NO_BODY),
)
class MeetingRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = MeetingRequestSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = filters.MeetingRequestFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self):
        if for_schema(self):
            return MeetingRequest.objects.none()
        mine = _mine(self.request.user)
        return MeetingRequest.objects.filter(
            Q(requester__organization__in=mine) | Q(recipient__organization__in=mine)
        ).select_related(
            "event",
            "requester__organization",
            "recipient__organization",
            "offer",
            "need",
        )

    def list(self, request, *args, **kwargs):
        services.requests_expire_due()  # lazily, as the HTML pages do
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.request_send(
            requester=data["requester"],
            recipient=data["recipient"],
            user=self.request.user,
            priority=data.get("priority", MeetingRequest.Priority.WOULD_LIKE),
            message=data.get("message", ""),
            offer=data.get("offer"),
            need=data.get("need"),
        )

    def _answer(self, service):
        meeting_request = service(request=self.get_object(), user=self.request.user)
        return Response(self.get_serializer(meeting_request).data)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._answer(services.request_accept)

    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(services.request_decline)

    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._answer(services.request_withdraw)


@extend_schema_view(
    list=extend_schema(summary="Your organisations' meetings in published schedules"),
    retrieve=extend_schema(summary="One of your organisations' meetings"),
)
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """A participant's agenda: meetings appear once the officials publish the schedule."""

    serializer_class = MeetingSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = filters.MeetingFilter
    ordering_fields = ["slot__starts_at"]
    ordering = ["slot__starts_at", "pk"]

    def get_queryset(self):
        if for_schema(self):
            return Meeting.objects.none()
        mine = _mine(self.request.user)
        return (
            Meeting.objects.filter(
                Q(registration_a__organization__in=mine) | Q(registration_b__organization__in=mine),
                event__status__in=[
                    Event.Status.PUBLISHED,
                    Event.Status.RUNNING,
                    Event.Status.FINISHED,
                ],
            )
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related(
                "slot", "table", "registration_a__organization", "registration_b__organization"
            )
        )
