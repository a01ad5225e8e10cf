"""Deals: the pipeline from a meeting to a signed contract (under /deals/)."""

from django.urls import path

from matchmaking.views import deals

app_name = "deals"

urlpatterns = [
    path("", deals.board, name="board"),
    path("mine/", deals.my_board, name="mine"),
    path("organisations/<int:org>/", deals.organization_board, name="organization"),
    path("from-meeting/<int:mid>/", deals.deal_start, name="start"),
    path("<int:pk>/", deals.deal_edit, name="edit"),
    path("<int:pk>/move/", deals.deal_move, name="move"),
]
