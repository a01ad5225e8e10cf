"""Real worker processes and database locks for the tests that lose a worker on purpose.

``PreforkWorker`` runs ``celery worker --pool=prefork --concurrency=1``: one parent process that
takes messages from Redis and one child process that executes them. Killing the child with
SIGKILL is what the kernel's out-of-memory killer does to a worker; the parent notices, hands
the message back to the broker (``acks_late`` + ``reject_on_worker_lost``), forks a new child,
and that child receives the same task again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, connections, transaction

from config.celery import app as celery_app


class PreforkWorker:
    def __init__(self, *, env: dict[str, str], log: Path):
        self.name = f"prefork-{os.getpid()}@tests"
        self.env, self.log_path = env, log
        self.process: subprocess.Popen | None = None

    def start(self, *, timeout: float = 60) -> None:
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "config", "worker",
                "--pool=prefork", "--concurrency=1",
                "--without-gossip", "--without-mingle", "--loglevel=INFO",
                f"--hostname={self.name}",
            ],
            env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + timeout
        while not celery_app.control.ping(destination=[self.name], timeout=0.5):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(self.log())

    def log(self) -> str:
        return self.log_path.read_text()

    def child_pid(self) -> int:
        """The pool's child process (the one executing tasks), as the worker reports it."""
        stats = celery_app.control.inspect(destination=[self.name], timeout=5).stats() or {}
        processes = stats.get(self.name, {}).get("pool", {}).get("processes", [])
        if len(processes) != 1:
            raise RuntimeError(f"expected one pool process, got {processes}\n{self.log()}")
        return processes[0]

    def kill_child(self) -> int:
        pid = self.child_pid()
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@contextmanager
def row_locked(model, pk: int):
    """Hold ``SELECT … FOR UPDATE`` on one row, from another connection, until the block ends:
    a worker that deletes that row waits there, in the middle of its transaction."""
    locked, release = threading.Event(), threading.Event()
    failure: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                model.objects.select_for_update().get(pk=pk)
                locked.set()
                release.wait(120)
        except BaseException as exc:  # reported to the test below
            failure.append(exc)
            locked.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold, name="row-lock", daemon=True)
    thread.start()
    locked.wait(30)
    if failure:
        raise failure[0]
    try:
        yield
    finally:
        release.set()
        thread.join(timeout=30)


def waiting_for_locks() -> int:
    """How many other sessions of this database are waiting for a lock right now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]
