"""The REST API: /api/v1/ (the endpoints), /api/schema/ (OpenAPI 3.1), /api/docs/."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api.views import catalogue, docs, events, manage

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
# JSON is the only format: no ".json" copy of every route (its custom actions crashed on it).
router.include_format_suffixes = False
router.register("sectors", catalogue.SectorViewSet, basename="sector")
router.register("transfer-modes", catalogue.TransferModeViewSet, basename="transfer-mode")
router.register("organisations", catalogue.OrganizationViewSet, basename="organisation")
router.register("offers", catalogue.OfferViewSet, basename="offer")
router.register("needs", catalogue.NeedViewSet, basename="need")
router.register("match-scores", catalogue.MatchScoreViewSet, basename="match-score")
router.register("events", events.EventViewSet, basename="event")
router.register("registrations", events.RegistrationViewSet, basename="registration")
router.register("meeting-requests", events.MeetingRequestViewSet, basename="meeting-request")
router.register("meetings", events.MeetingViewSet, basename="meeting")
router.register("manage/events", manage.ManageEventViewSet, basename="manage-event")
router.register("manage/sessions", manage.SessionViewSet, basename="manage-session")
router.register("manage/tables", manage.TableViewSet, basename="manage-table")
router.register(
    "manage/registrations", manage.ManageRegistrationViewSet, basename="manage-registration"
)
router.register("manage/schedule-runs", manage.ScheduleRunViewSet, basename="manage-run")
router.register("manage/meetings", manage.ManageMeetingViewSet, basename="manage-meeting")

urlpatterns = [
    path("v1/", include(router.urls)),
    re_path(r"^v1/", docs.NotFoundView.as_view(), name="not-found"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.docs, name="docs"),
    path("problems/", docs.problems, name="problems"),
]
