"""The officials' endpoints: event set-up, registrations, scheduler runs, meetings.

Every endpoint here needs an official (401 without a log-in, 403 for anyone else); the
services check it again.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.settings import api_settings

from api import filters
from api.permissions import IsOfficial
from api.serializers.events import (
    EventManageSerializer,
    EventTransitionSerializer,
    MeetingLockSerializer,
    MeetingMoveSerializer,
    MeetingSerializer,
    RegistrationSerializer,
    RejectSerializer,
    ScheduleRunSerializer,
    ScheduleRunStartSerializer,
    SessionSerializer,
    TableSerializer,
)
from api.throttling import RunThrottle
from events import selectors, services
from events.models import Event, EventSession, Meeting, Registration, ScheduleRun, Table
from matchmaking.models import TechnologyNeed, TechnologyOffer

NO_BODY = {"request": None}


class _OfficialViewSet(viewsets.GenericViewSet):
    permission_classes = [IsOfficial]


@extend_schema_view(
    list=extend_schema(summary="Every event, drafts included, with its figures"),
    retrieve=extend_schema(summary="An event"),
    create=extend_schema(summary="Create an event (a draft)"),
    update=extend_schema(summary="Change an event (slots follow timing changes)"),
    partial_update=extend_schema(summary="Change part of an event"),
    transition=extend_schema(
        summary="Move the event to another state", request=EventTransitionSerializer
    ),
    publish=extend_schema(
        summary="Publish the schedule (again): participants are notified", **NO_BODY
    ),
)
class ManageEventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    _OfficialViewSet,
):
    serializer_class = EventManageSerializer
    filterset_class = filters.EventFilter
    ordering_fields = ["starts_on", "title"]
    ordering = ["-starts_on", "-pk"]

    def get_queryset(self):
        return selectors.events_for_officials().prefetch_related("sectors")

    def _save(self, event, serializer):
        fields = dict(serializer.validated_data)
        sectors = fields.pop("sectors", None)
        for name, value in fields.items():
            setattr(event, name, value)
        event = services.event_save(event=event, user=self.request.user, sectors=sectors)
        # The figures come with the list's annotations.
        return self.get_queryset().get(pk=event.pk)

    def perform_create(self, serializer):
        serializer.instance = self._save(Event(), serializer)

    def perform_update(self, serializer):
        serializer.instance = self._save(serializer.instance, serializer)

    def _respond(self, event):
        return Response(self.get_serializer(self.get_queryset().get(pk=event.pk)).data)

    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        data = EventTransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.event_transition(
            event=self.get_object(), to=data.validated_data["to"], user=request.user
        )
        return self._respond(event)

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        event = services.event_publish(event=self.get_object(), official=request.user)
        return self._respond(event)


class _EventPartViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    _OfficialViewSet,
):
    """Sessions and tables: saved and deleted through the event's set-up services, which
    check the whole event each time (overlaps, meetings in removed slots or tables)."""

    update_service = None

    def _apply(self, instance, serializer):
        fields = dict(serializer.validated_data)
        if instance.pk:
            fields.pop("event", None)  # a part stays in its event
        for name, value in fields.items():
            setattr(instance, name, value)
        type(self).update_service(event=instance.event, user=self.request.user, saved=[instance])
        return instance

    def perform_create(self, serializer):
        model = serializer.Meta.model
        serializer.instance = self._apply(model(), serializer)

    def perform_update(self, serializer):
        self._apply(serializer.instance, serializer)

    def perform_destroy(self, instance):
        type(self).update_service(
            event=instance.event, user=self.request.user, saved=[], deleted=[instance]
        )


@extend_schema_view(
    list=extend_schema(summary="Sessions (windows of meetings) of the events"),
    retrieve=extend_schema(summary="A session"),
    create=extend_schema(summary="Add a session (the event's slots are recut)"),
    update=extend_schema(summary="Change a session (the event's slots are recut)"),
    partial_update=extend_schema(summary="Change part of a session"),
    destroy=extend_schema(summary="Delete a session (refused while its slots have meetings)"),
)
class SessionViewSet(_EventPartViewSet):
    serializer_class = SessionSerializer
    filterset_class = filters.SessionFilter
    ordering_fields = ["date", "start"]
    ordering = ["date", "start", "pk"]
    queryset = EventSession.objects.select_related("event")

    @staticmethod
    def update_service(**kwargs):
        return services.event_sessions_update(**kwargs)


@extend_schema_view(
    list=extend_schema(summary="Tables of the events"),
    retrieve=extend_schema(summary="A table"),
    create=extend_schema(summary="Add a table"),
    update=extend_schema(summary="Change a table"),
    partial_update=extend_schema(summary="Change part of a table"),
    destroy=extend_schema(summary="Delete a table (refused while it has meetings)"),
)
class TableViewSet(_EventPartViewSet):
    serializer_class = TableSerializer
    filterset_class = filters.TableFilter
    ordering_fields = ["position", "label"]
    ordering = ["position", "label", "pk"]
    queryset = Table.objects.select_related("event", "host__organization")

    @staticmethod
    def update_service(**kwargs):
        return services.event_tables_update(**kwargs)


@extend_schema_view(
    list=extend_schema(summary="Registrations of every event (filter by event, status)"),
    retrieve=extend_schema(summary="A registration"),
    approve=extend_schema(summary="Approve a registration (the registrant is emailed)", **NO_BODY),
    reject=extend_schema(
        summary="Reject a registration (the registrant is emailed the reason)",
        request=RejectSerializer,
    ),
)
class ManageRegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _OfficialViewSet):
    serializer_class = RegistrationSerializer
    filterset_class = filters.RegistrationFilter
    ordering_fields = ["created_at"]
    ordering = ["created_at", "pk"]

    def get_queryset(self):
        return Registration.objects.select_related(
            "event", "organization", "registered_by"
        ).prefetch_related(
            Prefetch("offers", queryset=TechnologyOffer.objects.only("pk", "reference")),
            Prefetch("needs", queryset=TechnologyNeed.objects.only("pk", "reference")),
            "unavailable_slots",
        )

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        registration = services.registration_approve(
            registration=self.get_object(), official=request.user
        )
        return Response(self.get_serializer(registration).data)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = RejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.registration_reject(
            registration=self.get_object(),
            official=request.user,
            reason=data.validated_data["reason"],
        )
        return Response(self.get_serializer(registration).data)


@extend_schema_view(
    list=extend_schema(summary="Scheduler runs (filter by event)"),
    retrieve=extend_schema(
        summary="A scheduler run: poll it for progress, then read its result",
        description="The meetings it placed: `GET /api/v1/manage/meetings/?event=<id>`.",
    ),
    create=extend_schema(
        summary="Start a scheduler run for an event (runs in the background)",
        responses={202: OpenApiResponse(ScheduleRunSerializer, "The run is queued.")},
    ),
    cancel=extend_schema(
        summary="Cancel a queued or running run (the schedule stays as it was)", **NO_BODY
    ),
)
class ScheduleRunViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _OfficialViewSet
):
    filterset_class = filters.ScheduleRunFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-pk"]
    throttle_classes = [*api_settings.DEFAULT_THROTTLE_CLASSES, RunThrottle]
    queryset = ScheduleRun.objects.select_related("event")

    def get_serializer_class(self):
        if self.action == "create":
            return ScheduleRunStartSerializer
        return ScheduleRunSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        run = services.schedule_run_start(
            event=data["event"],
            user=request.user,
            time_limit=data["time_limit"],
            seed=data["seed"],
        )
        return Response(ScheduleRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        run = services.schedule_run_cancel(run=self.get_object(), user=request.user)
        return Response(ScheduleRunSerializer(run).data)


@extend_schema_view(
    list=extend_schema(summary="Meetings of the schedules (filter by event, status)"),
    retrieve=extend_schema(summary="A meeting"),
    move=extend_schema(
        summary="Move a meeting to another slot and/or table (it becomes locked)",
        request=MeetingMoveSerializer,
    ),
    cancel=extend_schema(summary="Cancel a meeting (it frees its place)", **NO_BODY),
    lock=extend_schema(
        summary="Lock a meeting (a re-run keeps it) or unlock it", request=MeetingLockSerializer
    ),
)
class ManageMeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _OfficialViewSet):
    serializer_class = MeetingSerializer
    filterset_class = filters.MeetingFilter
    ordering_fields = ["slot__starts_at"]
    ordering = ["slot__starts_at", "table__position", "pk"]
    queryset = Meeting.objects.select_related(
        "event", "slot", "table", "registration_a__organization", "registration_b__organization"
    )

    def _respond(self, meeting):
        return Response(self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data)

    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        data = MeetingMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.meeting_move(
            meeting=self.get_object(),
            slot=data.validated_data["slot"],
            table=data.validated_data["table"],
            official=request.user,
        )
        return self._respond(meeting)

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._respond(
            services.meeting_cancel(meeting=self.get_object(), official=request.user)
        )

    @action(detail=True, methods=["post"])
    def lock(self, request, pk=None):
        data = MeetingLockSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.meeting_lock(
            meeting=self.get_object(), official=request.user, locked=data.validated_data["locked"]
        )
        return self._respond(meeting)
