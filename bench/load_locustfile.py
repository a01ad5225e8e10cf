"""The mixed load of bench/load.py: anonymous visitors, participants who log in and ask for
meetings, and one official who keeps re-running the scheduler.

Reads the accounts and events made by bench/load_setup.py from the JSON file named by
``BENCH_LOAD_DATA``. Every request is named by its kind, so locust reports p50/p95/p99 per kind;
a response is a failure when its status is not the one a person would get (any 5xx is one).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time

from locust import HttpUser, between, task

with open(os.environ["BENCH_LOAD_DATA"], encoding="utf-8") as _data:
    DATA = json.load(_data)
OPEN, CLOSED = DATA["events"]["open"], DATA["events"]["closed"]
ACCOUNTS = DATA["accounts"]
_next_account = itertools.count()

SEARCHES = ["nuôi tôm", "shrimp", "điện mặt trời", "solar", "IoT", "wastewater", "robot hàn"]
SECTORS = ["AQU", "AQU.FAR", "ENE.SOL", "ICT.IOT", "ENV.WAT", "MFG.ROB"]
OFFER_LINK = re.compile(r'href="/en/offers/(O-[0-9A-Z-]+)/"')
RUN_LINK = re.compile(rf"/en/events/{CLOSED}/manage/schedule/runs/(\d+)/")


def _check(response, expected) -> None:
    if response.status_code == 0:  # no HTTP answer at all: say why (reset, timeout, …)
        response.failure(f"no response: {response.error!r}"[:200])
    elif response.status_code not in expected:
        response.failure(f"status {response.status_code}")


def _get(user, path, name, expected=(200,)):
    with user.client.get(path, name=name, catch_response=True, allow_redirects=False) as r:
        _check(r, expected)
        return r


def _post(user, path, data, name, expected=(302,)):
    data = {"csrfmiddlewaretoken": user.client.cookies.get("csrftoken", ""), **data}
    with user.client.post(
        path, data=data, name=name, catch_response=True, allow_redirects=False
    ) as r:
        _check(r, expected)
        return r


def _log_in(user, email: str) -> None:
    _get(user, "/en/accounts/login/", "log-in (form)")
    _post(
        user,
        "/en/accounts/login/",
        {"username": email, "password": DATA["password"]},
        "log-in (send)",
    )


class Visitor(HttpUser):
    """Anonymous: home, catalogue with filters and search, an offer, the events."""

    weight = 7
    wait_time = between(1, 4)

    @task(2)
    def home(self):
        _get(self, "/en/", "anonymous: home")

    @task(4)
    def catalogue(self):
        params = random.choice(
            [
                f"?page={random.randint(1, 30)}",
                f"?sector={random.choice(SECTORS)}&sort=-trl",
                f"?sector={random.choice(SECTORS)}&country=KR&trl_min=6",
            ]
        )
        response = _get(self, f"/en/offers/{params}", "anonymous: catalogue (filters)")
        offers = OFFER_LINK.findall(response.text or "")
        if offers and random.random() < 0.5:
            _get(self, f"/en/offers/{random.choice(offers)}/", "anonymous: offer detail")

    @task(3)
    def search(self):
        _get(self, f"/en/offers/?q={random.choice(SEARCHES)}", "anonymous: catalogue (search)")

    @task(1)
    def events(self):
        _get(self, "/en/events/", "anonymous: events")
        _get(self, f"/en/events/{OPEN}/", "anonymous: event detail")


class Participant(HttpUser):
    """Logs in (again now and then), reads the dashboard and participants, asks for meetings."""

    weight = 3
    wait_time = between(2, 6)

    def on_start(self):
        self.account = ACCOUNTS[next(_next_account) % len(ACCOUNTS)]
        _log_in(self, self.account["email"])

    @task(3)
    def dashboard(self):
        _get(self, "/en/dashboard/", "participant: dashboard")

    @task(2)
    def participants(self):
        path = f"/en/events/{OPEN}/r/{self.account['open']}/participants/"
        _get(self, path, "participant: participants")

    @task(3)
    def ask_for_a_meeting(self):
        others = [a for a in ACCOUNTS if a is not self.account]
        to = random.choice(others)["open"]
        path = f"/en/events/{OPEN}/r/{self.account['open']}/ask/{to}/"
        _get(self, path, "participant: ask for a meeting (form)")
        # 302 when sent; 200 with the reason when not (asked already, too many open requests).
        _post(
            self,
            path,
            {"priority": "would_like", "message": "Load test: shall we meet?"},
            "participant: ask for a meeting (send)",
            expected=(200, 302),
        )

    @task(2)
    def my_requests(self):
        path = f"/en/events/{OPEN}/r/{self.account['open']}/requests/"
        _get(self, path, "participant: requests")

    @task(1)
    def log_in_again(self):
        _post(self, "/en/accounts/logout/", {}, "log-out")
        _log_in(self, self.account["email"])


class Official(HttpUser):
    """One official: re-runs the scheduler of the closed event, then follows its progress."""

    fixed_count = 1
    wait_time = between(2, 4)

    def on_start(self):
        _log_in(self, DATA["official"])

    @task
    def rerun_and_follow(self):
        # 302 back to the schedule page, with "already working" while a run is still going.
        _post(
            self,
            f"/en/events/{CLOSED}/manage/schedule/run/",
            {"time_limit": 5, "seed": random.randint(0, 1000)},
            "official: re-run the scheduler",
        )
        for _ in range(3):
            time.sleep(random.uniform(3, 5))
            response = _get(
                self, f"/en/events/{CLOSED}/manage/schedule/", "official: schedule page"
            )
            runs = RUN_LINK.findall(response.text or "")
            if runs:
                _get(
                    self,
                    f"/en/events/{CLOSED}/manage/schedule/runs/{runs[0]}/",
                    "official: run progress",
                )
