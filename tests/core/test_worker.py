"""The real worker: an action in the portal reaches a separate Celery process through Redis."""

import pytest
from django.urls import reverse

from tests.conftest import wait_for

# serialized_rollback: the flush after a transactional test must not lose the sector taxonomy.
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_invitation_email_is_sent_by_the_worker(client, owner, org_a, celery_worker):
    client.force_login(owner)
    response = client.post(
        reverse("partners:members", args=[org_a.pk]), {"email": "hoa@example.org", "role": "member"}
    )
    assert response.status_code == 302

    def sent():
        return [path.read_text() for path in celery_worker.iterdir()]

    messages = wait_for(sent)
    assert len(messages) == 1
    assert "To: hoa@example.org" in messages[0]
    assert "/organisations/invitations/" in messages[0]
