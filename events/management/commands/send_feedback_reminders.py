"""Email the feedback links that fell due (for cron where no Celery beat runs).

The same work as the worker's daily ``events.send_feedback_reminders``: each participant of a
past event is asked once right after it, once six months later, and reminded once a week after
each when it has not answered. Safe to run more than once a day, e.g.
``0 9 * * * manage.py send_feedback_reminders``.
"""

from django.core.management.base import BaseCommand

from events.services.feedback import feedback_invitations_send


class Command(BaseCommand):
    help = "Send the after-event and six-month feedback emails that are due (never twice)."

    def handle(self, *args, **options):
        counts = feedback_invitations_send()
        self.stdout.write(
            f"{counts['after_event']} after-event, {counts['follow_up']} follow-up, "
            f"{counts['reminders']} reminder email(s) queued."
        )
