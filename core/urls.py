from django.urls import path

from core import officials, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("officials/", officials.dashboard, name="officials"),
]
