import pytest

from accounts.permissions import sync_officials_group
from config.celery import app as celery_app
from partners.models import Membership
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Tasks run in-process unless a test asks for the real worker (marker ``worker``)."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the portal's default language: a request or ``translation.override``
    in an earlier test must not leave English active (``reverse`` would add /en/)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (pages cached by an earlier test must not leak)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Test users' passwords need no strong hashing (it dominated the suite's time)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _vocabularies(request):
    """The taxonomy and transfer modes come from a data migration; a transactional test that
    flushed the database without serialized rollback would leave the next tests without them."""
    if not {"db", "transactional_db"} & set(request.fixturenames) and not (
        request.node.get_closest_marker("django_db")
    ):
        return
    request.getfixturevalue(
        "db" if "transactional_db" not in request.fixturenames else "transactional_db"
    )
    from matchmaking.models import Sector, TransferMode
    from matchmaking.taxonomy import load_vocabularies

    if not Sector.objects.exists():
        load_vocabularies(Sector, TransferMode)


@pytest.fixture
def org_a(db):
    return OrganizationFactory(
        name="Công ty TNHH Thủy sản Đồ Sơn", name_en="Do Son Seafood Co., Ltd."
    )


@pytest.fixture
def org_b(db):
    return OrganizationFactory(
        name="Công ty Cổ phần Cơ khí Hải An", name_en="Hai An Mechanical JSC"
    )


@pytest.fixture
def owner(org_a):
    """Administrator of organisation A."""
    return MembershipFactory(organization=org_a, role=Membership.Role.ADMIN).user


@pytest.fixture
def member(org_a):
    """Plain member of organisation A."""
    return MembershipFactory(organization=org_a, role=Membership.Role.MEMBER).user


@pytest.fixture
def outsider(org_b):
    """Administrator of organisation B: logged in, but a stranger to A."""
    return MembershipFactory(organization=org_b, role=Membership.Role.ADMIN).user


@pytest.fixture
def official(db):
    user = UserFactory(full_name="Cán bộ Sở", is_staff=True)
    user.groups.add(sync_officials_group())  # also after a flush by a transactional test
    return user


def _test_database_url() -> str:
    from urllib.parse import quote

    from django.db import connection

    s = connection.settings_dict
    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """A real Celery worker process on Redis, reading the test database.

    Needs PostgreSQL and REDIS_URL (CI has both); elsewhere the test is skipped. Emails the
    worker sends are written as files under ``tmp_path / "mail"``, returned by the fixture.
    """
    import os
    import subprocess
    import sys
    import time

    from django.conf import settings
    from django.db import connection

    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL and REDIS_URL (a real broker)")
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "EMAIL_URL": f"file:///{mail_dir}",
        "DEBUG": "1",
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            f"--hostname=test-{os.getpid()}@%h",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((tmp_path / "worker.log").read_text())
        yield mail_dir
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def prefork_worker(transactional_db, tmp_path):
    """A real Celery worker on Redis with the prefork pool and one child process, whose child
    the test may kill (``tests.workers.PreforkWorker``). Skipped like ``celery_worker``."""
    import os

    from django.conf import settings
    from django.db import connection

    from tests.workers import PreforkWorker

    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL and REDIS_URL (a real broker)")
    (tmp_path / "mail").mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "EMAIL_URL": f"file:///{tmp_path / 'mail'}",
        "DEBUG": "1",
    }
    worker = PreforkWorker(env=env, log=tmp_path / "worker.log")
    try:
        worker.start()
        yield worker
    finally:
        worker.stop()


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.2):
    """Poll until ``predicate()`` is truthy (work done by another process); return its value."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
