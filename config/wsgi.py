import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Load the URL configuration (and with it every view, the API and its schema generator) while
# the worker boots, not during its first request: that import takes seconds on a busy machine.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
