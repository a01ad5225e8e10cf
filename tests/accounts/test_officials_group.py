"""The officials group comes with every migrate: a fresh installation has it (seed_demo, the
first official's invitation and the admin all rely on it)."""

import os
import secrets

from bench import harness


def test_a_fresh_production_installation_has_the_officials_group(tmp_path):
    """In a process of its own with production settings (DEBUG off), as on a server: there a
    receiver held only weakly by the signal is collected, and the group never came."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.org",
        VAR_DIR=str(tmp_path),
        STATIC_MANIFEST="0",
    )

    harness.manage(env, "migrate", "--no-input", "-v0")
    code = (
        "from django.contrib.auth.models import Group; "
        "from accounts.models import OFFICIALS_GROUP; "
        "g = Group.objects.get(name=OFFICIALS_GROUP); "
        "print(sorted(set(g.permissions.values_list('codename', flat=True)) "
        "& {'change_event', 'change_technologyoffer', 'change_user', 'delete_user'}))"
    )
    assert harness.shell(env, code) == ("['change_event', 'change_technologyoffer', 'change_user']")
