"""Another organisation's records cannot be changed through any URL, page or API.

For each of A's records (an offer, a need, registrations, a meeting, a deal, an agreement and
its document), a member of B and a delegation member send GET and POST (and, to the API, PUT,
PATCH and DELETE) with a filled-in form to every URL that names the record (found through the
declarations of ``matrix.py``), without any rollback. Every request must be refused and the row,
re-read from the database, must be exactly as before.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import translation

from tests.security.matrix import ROUTES
from tests.security.routes import all_patterns, url_for
from tests.security.world import build_world

# Row name → the world values that designate it in URLs.
RECORDS = {
    "offer": {"draft_offer"},
    "need": {"draft_need"},
    "registration": {"reg_a", "preg_a"},
    "meeting": {"meeting"},
    "deal": {"deal"},
    "agreement": {"agreement"},
}
REFUSED = {"401", "403", "404", "405"}


def _payload(world) -> dict:
    """What an attacker would submit: plausible values for every form of these records."""
    return {
        "title": "Hijacked",
        "title_en": "Hijacked",
        "summary": "Hijacked",
        "description": "Hijacked",
        "keywords": "hijacked",
        "status": "archived",
        "stage": "lost",
        "role": "both",
        "outcome": "lost",
        "comment": "Hijacked",
        "reason": "Hijacked",
        "note": "Hijacked",
        "slot": world.values["free_slot"],
        "table": world.values["free_table"],
        "trl": 1,
        "language": "en",
        "sectors": ["AQU.FAR"],
        "representatives": "Mallory",
        "organization": world.users["org_b"].memberships.get().organization_id,
    }


def _snapshot(row) -> dict:
    fresh = type(row)._default_manager.get(pk=row.pk)
    values = {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}
    for field in fresh._meta.many_to_many:
        values[field.name] = sorted(getattr(fresh, field.name).values_list("pk", flat=True))
    if hasattr(fresh, "document") and fresh.document:
        with fresh.document.open("rb") as document:
            values["document bytes"] = document.read()
    return values


def _urls_naming(world, names: set[str]) -> list[str]:
    urls = []
    for pattern in all_patterns():
        declared = ROUTES.get(pattern.key)
        if pattern.is_admin or declared is None or not names & set(declared.params.values()):
            continue
        urls.append(url_for(pattern, {k: world.values[v] for k, v in declared.params.items()}))
    return urls


def _attempts(client: Client, url: str, payload: dict):
    if url.startswith("/api/"):
        body = json.dumps(payload)
        yield "GET", client.get(url)
        for method in ("post", "put", "patch", "delete"):
            yield (
                method.upper(),
                getattr(client, method)(url, data=body, content_type="application/json"),
            )
    else:
        yield "GET", client.get(url)
        yield "POST", client.post(url, payload)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["org_b", "delegation"])
def test_another_organisations_records_stay_unchanged(role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        world = build_world()
        client = Client()
        client.force_login(world.users[role])
        payload = _payload(world)
        before = {name: _snapshot(row) for name, row in world.rows.items()}
        targets = {name: _urls_naming(world, names) for name, names in RECORDS.items()}
        accepted = []
        for name, urls in targets.items():
            assert urls, f"no URL names the {name}: the check would prove nothing"
            for url in urls:
                for method, response in _attempts(client, url, payload):
                    if str(response.status_code) not in REFUSED:
                        accepted.append(f"{method} {url}: {response.status_code}")
    changed = [name for name, row in world.rows.items() if _snapshot(row) != before[name]]
    assert (changed, accepted) == ([], [])
    assert sum(len(urls) for urls in targets.values()) >= 40
