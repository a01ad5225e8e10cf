from django.urls import path

from partners import views
from partners.views import agreements, delegations, officials

app_name = "partners"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/logo/", views.organization_logo, name="logo"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:pk>/members/", views.organization_members, name="members"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    # Officials
    path("manage/", officials.organization_list, name="manage_list"),
    path("manage/verification/", officials.verification, name="verification"),
    path("manage/invite/", officials.invite, name="invite"),
    path("manage/<int:pk>/", officials.organization_manage, name="manage"),
    path("manage/<int:pk>/verify/", officials.organization_verify, name="verify"),
    path("manage/<int:pk>/return/", officials.organization_return, name="return"),
    path("delegations/", delegations.delegation_list, name="delegation_list"),
    path("delegations/new/", delegations.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/", delegations.delegation_detail, name="delegation"),
    path("delegations/<int:pk>/edit/", delegations.delegation_edit, name="delegation_edit"),
    path("agreements/", agreements.agreement_list, name="agreement_list"),
    path("agreements/new/", agreements.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/status/", agreements.agreement_transition, name="agreement_status"),
    path("agreements/<int:pk>/document/", agreements.agreement_document, name="agreement_document"),
]
