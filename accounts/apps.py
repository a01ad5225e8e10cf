from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.permissions import OFFICIAL_APPS, sync_officials_group

        def on_post_migrate(sender, **kwargs):
            # Permissions of each app exist only after its own post_migrate: sync after each.
            if sender.label in (*OFFICIAL_APPS, self.label):
                sync_officials_group()

        post_migrate.connect(on_post_migrate, dispatch_uid="accounts.sync_officials_group")
