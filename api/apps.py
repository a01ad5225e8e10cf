from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("REST API")

    def ready(self):
        # Registers the token scheme with drf-spectacular (an extension is found by import).
        from api import schema  # noqa: F401
