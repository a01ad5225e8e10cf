"""Expire the meeting requests left unanswered at their event's request deadline (for cron).

The portal also applies the expiry lazily where requests are shown or scheduled; this command
keeps the database right when nobody looks, e.g. ``*/15 * * * * manage.py expire_meeting_requests``.
"""

from django.core.management.base import BaseCommand

from events.services import requests_expire_due


class Command(BaseCommand):
    help = "Expire pending meeting requests whose event's request deadline has passed."

    def handle(self, *args, **options):
        count = requests_expire_due()
        self.stdout.write(f"{count} request(s) expired.")
