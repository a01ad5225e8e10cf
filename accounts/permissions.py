"""The officials group and what its members may do; kept in step with the models on migrate."""

from django.contrib.auth.models import Group, Permission

from accounts.models import OFFICIALS_GROUP

# Officials manage everything of the domain apps; user accounts they may only view and change.
OFFICIAL_APPS = ("partners", "matchmaking", "events")
OFFICIAL_EXTRA = (("accounts", "view_user"), ("accounts", "change_user"))


def sync_officials_group(**kwargs) -> Group:
    group, _ = Group.objects.get_or_create(name=OFFICIALS_GROUP)
    wanted = Permission.objects.filter(content_type__app_label__in=OFFICIAL_APPS)
    extra = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in OFFICIAL_EXTRA},
        codename__in={code for _, code in OFFICIAL_EXTRA},
    )
    group.permissions.add(*wanted, *extra)
    return group


def on_post_migrate(sender, **kwargs) -> None:
    """Sync the group after the migrate of each app it takes permissions from: an app's
    permissions exist only after its own post_migrate."""
    if sender.label in (*OFFICIAL_APPS, "accounts"):
        sync_officials_group()
