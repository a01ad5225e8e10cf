from django.urls import path

from events.views import (
    agenda,
    dayof,
    feedback,
    public,
    registration,
    requests,
    schedule,
    setup,
)

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("mine/", public.my_events, name="mine"),
    path("<int:pk>/", public.event_detail, name="detail"),
    # Participants
    path("<int:pk>/register/", registration.register, name="register"),
    path("<int:pk>/r/<int:rid>/", registration.registration_edit, name="registration_edit"),
    path(
        "<int:pk>/r/<int:rid>/cancel/",
        registration.registration_cancel,
        name="registration_cancel",
    ),
    path("<int:pk>/r/<int:rid>/participants/", requests.participants, name="participants"),
    path("<int:pk>/r/<int:rid>/requests/", requests.requests, name="requests"),
    path("<int:pk>/r/<int:rid>/ask/<int:to>/", requests.request_new, name="request_new"),
    path("<int:pk>/requests/<int:req>/accept/", requests.request_accept, name="request_accept"),
    path("<int:pk>/requests/<int:req>/decline/", requests.request_decline, name="request_decline"),
    path(
        "<int:pk>/requests/<int:req>/withdraw/",
        requests.request_withdraw,
        name="request_withdraw",
    ),
    path("<int:pk>/r/<int:rid>/agenda/", agenda.agenda, name="agenda"),
    path("<int:pk>/r/<int:rid>/agenda.pdf", agenda.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/r/<int:rid>/agenda.ics", agenda.agenda_ics, name="agenda_ics"),
    # Officials
    path("manage/", setup.manage_list, name="manage_list"),
    path("manage/new/", setup.event_create, name="create"),
    path("<int:pk>/manage/", setup.event_manage, name="manage"),
    path("<int:pk>/manage/edit/", setup.event_edit, name="edit"),
    path("<int:pk>/manage/status/", setup.event_status, name="status"),
    path("<int:pk>/manage/sessions/", setup.event_sessions, name="sessions"),
    path("<int:pk>/manage/tables/", setup.event_tables, name="tables"),
    path("<int:pk>/manage/interpreters/", setup.event_interpreters, name="interpreters"),
    path("<int:pk>/manage/registrations/", registration.registrations, name="registrations"),
    path(
        "<int:pk>/manage/registrations/<int:rid>/approve/",
        registration.registration_approve,
        name="registration_approve",
    ),
    path(
        "<int:pk>/manage/registrations/<int:rid>/reject/",
        registration.registration_reject,
        name="registration_reject",
    ),
    path("<int:pk>/manage/schedule/", schedule.schedule, name="schedule"),
    path(
        "<int:pk>/manage/schedule/participants/<int:rid>/",
        schedule.schedule_participant,
        name="schedule_participant",
    ),
    path("<int:pk>/manage/schedule/run/", schedule.run_start, name="run_start"),
    path("<int:pk>/manage/schedule/runs/<int:run>/", schedule.run_status, name="run_status"),
    path("<int:pk>/manage/schedule/runs/<int:run>/cancel/", schedule.run_cancel, name="run_cancel"),
    path("<int:pk>/manage/schedule/add/", schedule.meeting_add, name="meeting_add"),
    path("<int:pk>/manage/schedule/publish/", schedule.publish, name="publish"),
    path("<int:pk>/manage/meetings/<int:mid>/", schedule.meeting_detail, name="meeting"),
    path("<int:pk>/manage/meetings/<int:mid>/move/", schedule.meeting_move, name="meeting_move"),
    path("<int:pk>/manage/meetings/<int:mid>/swap/", schedule.meeting_swap, name="meeting_swap"),
    path(
        "<int:pk>/manage/meetings/<int:mid>/cancel/",
        schedule.meeting_cancel,
        name="meeting_cancel",
    ),
    path("<int:pk>/manage/meetings/<int:mid>/lock/", schedule.meeting_lock, name="meeting_lock"),
    path("<int:pk>/manage/door-list/", schedule.door_list, name="door_list"),
    path("<int:pk>/manage/table-signs.pdf", schedule.table_signs, name="table_signs"),
    # The day of the event (officials)
    path("<int:pk>/manage/check-in/", dayof.checkin, name="checkin"),
    path(
        "<int:pk>/manage/check-in/<int:rid>/",
        dayof.checkin_participant,
        name="checkin_participant",
    ),
    path("<int:pk>/manage/check-in/t/<str:token>/", dayof.checkin_token, name="checkin_token"),
    path("<int:pk>/manage/live/", dayof.live, name="live"),
    path(
        "<int:pk>/manage/live/add/<int:slot>/<int:table>/",
        dayof.meeting_add_on_site,
        name="meeting_add_on_site",
    ),
    path("<int:pk>/manage/meetings/<int:mid>/mark/", dayof.meeting_mark, name="meeting_mark"),
    path("<int:pk>/manage/badges.pdf", dayof.badges, name="badges"),
    # The day of the event and after it (participants)
    path("<int:pk>/r/<int:rid>/badges.pdf", dayof.my_badges, name="my_badges"),
    path("<int:pk>/r/<int:rid>/meetings/<int:mid>/held/", dayof.meeting_held, name="meeting_held"),
    path("feedback/<str:token>/", feedback.feedback, name="feedback"),
]

# Every view under a "manage/" path is for officials only (tests/events/test_permissions.py).
