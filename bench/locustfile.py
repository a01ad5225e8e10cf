"""Anonymous visitors browsing the offers catalogue: plain pages, filters, searches, sorting.

Used by bench/web.py (`locust -f bench/locustfile.py --headless …`).
"""

import random

from locust import HttpUser, between, task

SEARCHES = [
    "nuôi tôm",
    "nuoi tom",
    "shrimp",
    "điện mặt trời",
    "solar",
    "IoT",
    "xử lý nước thải",
    "wastewater",
    "robot hàn",
    "cobot",
    "kho lạnh",
    "cold storage",
    "thiết kế vi mạch",
    "recirculating",
    "biogas",
    "an ninh mạng",
    "cybersecurity",
    "drone",
    "sấy lạnh",
    "shirmp farmng",  # typos: the trigram search must still answer fast
]
SECTORS = ["AQU", "AQU.FAR", "ENE.SOL", "ICT.IOT", "ENV.WAT", "MFG.ROB", "SEM", "AGR.PHT"]
COUNTRIES = ["KR", "TW", "JP", "CA", "VN"]
SORTS = ["", "-published", "-trl", "price", "title"]


class CatalogueVisitor(HttpUser):
    wait_time = between(0.5, 2.0)

    @task(4)
    def browse(self):
        params = {"page": random.randint(1, 20)}
        self.client.get("/offers/", params=params, name="/offers/ (page)")

    @task(4)
    def filter(self):
        params = {
            "sector": random.choice(SECTORS),
            "country": random.choice([*COUNTRIES, ""]),
            "trl_min": random.choice(["", "5", "7"]),
            "sort": random.choice(SORTS),
        }
        self.client.get("/offers/", params=params, name="/offers/ (filters)")

    @task(4)
    def search(self):
        params = {"q": random.choice(SEARCHES), "sort": random.choice(["", "-trl"])}
        self.client.get("/offers/", params=params, name="/offers/ (search)")

    @task(1)
    def search_htmx(self):
        self.client.get(
            "/offers/",
            params={"q": random.choice(SEARCHES), "sector": random.choice(SECTORS)},
            headers={"HX-Request": "true"},
            name="/offers/ (htmx results)",
        )
