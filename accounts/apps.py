from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.permissions import on_post_migrate

        # A module-level receiver: signals hold receivers weakly, and a function defined here
        # would be collected once ready() returns (it was, with production settings: a fresh
        # installation had no officials group).
        post_migrate.connect(on_post_migrate, dispatch_uid="accounts.sync_officials_group")

        from axes.signals import user_locked_out
        from django.contrib.auth import signals

        from accounts import security, sessions

        signals.user_login_failed.connect(security.on_login_failed, dispatch_uid="security.failed")
        signals.user_logged_in.connect(security.on_logged_in, dispatch_uid="security.logged_in")
        signals.user_logged_in.connect(sessions.on_logged_in, dispatch_uid="sessions.logged_in")
        signals.user_logged_out.connect(security.on_logged_out, dispatch_uid="security.logged_out")
        user_locked_out.connect(security.on_locked_out, dispatch_uid="security.locked_out")
