"""A need created through the service is scored by a real Celery worker on Redis."""

import pytest

from matchmaking import services
from matchmaking.models import MatchScore, PublicationStatus, TechnologyNeed
from tests.conftest import wait_for
from tests.factories import OfferFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_worker_scores_a_published_need(member, org_a, celery_worker):
    org_a.verified = True
    org_a.save()
    water = OfferFactory(title="Shrimp-farm wastewater treatment", sectors=["ENV.WAT"])
    OfferFactory(title="Rooftop solar panels", sectors=["ENE.SOL"])
    need = services.need_save(
        need=TechnologyNeed(
            organization=org_a,
            title="Xử lý nước thải ao nuôi tôm",
            description="Cần xử lý nước thải ao tôm trước khi xả ra sông.",
        ),
        user=member,
        sectors=["ENV.WAT"],
        transfer_modes=[],
    )
    services.need_publish(need=need, user=member)
    need.refresh_from_db()
    assert need.status == PublicationStatus.PUBLISHED

    ranking = wait_for(
        lambda: list(
            MatchScore.objects.filter(need=need).order_by("-score").values_list("offer", flat=True)
        )
    )
    assert ranking[0] == water.pk
    assert len(ranking) == 2
