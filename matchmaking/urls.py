from django.urls import path

from matchmaking import views

app_name = "matchmaking"

urlpatterns = [
    path("offers/", views.offer_list, name="offer_list"),
    path("offers/<str:reference>/", views.offer_detail, name="offer_detail"),
]
