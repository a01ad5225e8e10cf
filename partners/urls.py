from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:pk>/members/", views.organization_members, name="members"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
