from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from core.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The REST API has no language prefix (Accept-Language chooses the language of messages).
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/tokens/", include("api.urls_tokens")),
    path("organisations/", include("partners.urls")),
    path("", include("matchmaking.urls")),
    path("events/", include("events.urls")),
    path("deals/", include("matchmaking.deal_urls")),
    path("reports/", include("reports.urls")),
    path("audit/", include("audit.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"

# No URL serves MEDIA_ROOT, not even in development: agreement documents are stored there, and
# brochures and logos go out through their own views (core/files.py, docs/operations.md).
