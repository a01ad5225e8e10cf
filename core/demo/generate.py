"""Deterministic generators of organisations, offers and needs for the demo and benchmarks.

Record number ``i`` is built from its own random stream (seeded by ``i``), so the first N
records are the same whatever total is asked for: ``--scale 1000`` after the default demo only
adds records, and two runs produce identical rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from core.demo.catalogue import COUNTRY_SECTORS, FOREIGN_NAMES, FOREIGN_SUFFIXES, VN_PREFIXES
from core.demo.texts import NEED_VARIANTS, NEEDS, OFFER_VARIANTS, OFFERS

SEED = 20231215
MODES = [
    "licence",
    "equipment_supply",
    "turnkey",
    "joint_venture",
    "rnd_cooperation",
    "technical_assistance",
    "training",
]
IP_STATUSES = [
    "patented",
    "patent_pending",
    "utility_solution",
    "trade_secret",
    "copyright",
    "none",
]
SUPPLIER_COUNTRIES = [
    ("KR", 30),
    ("TW", 25),
    ("JP", 14),
    ("CA", 9),
    ("IL", 6),
    ("NL", 6),
    ("VN", 10),
]
FOREIGN_MODIFIERS = [
    "",
    " Global",
    " Advanced",
    " Smart",
    " Green",
    " Marine",
    " Digital",
    " Future",
    " Prime",
    " Nexus",
    " Ocean",
    " Bright",
]
FOREIGN_CITIES = {
    "KR": [
        "Cheongju",
        "Chungju",
        "Suncheon",
        "Mokpo",
        "Naju",
        "Daejeon",
        "Busan",
        "Incheon",
        "Ulsan",
        "Gwangju",
    ],
    "TW": [
        "Taipei",
        "Hsinchu",
        "Tainan",
        "Kaohsiung",
        "Taichung",
        "Pingtung",
        "Yilan",
        "Keelung",
        "Chiayi",
        "Hualien",
    ],
    "JP": [
        "Osaka",
        "Nagoya",
        "Fukuoka",
        "Sendai",
        "Kobe",
        "Hamamatsu",
        "Niigata",
        "Kanazawa",
        "Hiroshima",
        "Sapporo",
    ],
    "CA": [
        "Montreal",
        "Toronto",
        "Vancouver",
        "Calgary",
        "Halifax",
        "Ottawa",
        "Quebec",
        "Winnipeg",
        "Victoria",
        "Waterloo",
    ],
    "IL": [
        "Haifa",
        "Beersheba",
        "Rehovot",
        "Tel Aviv",
        "Netanya",
        "Ashdod",
        "Eilat",
        "Holon",
        "Herzliya",
        "Yokneam",
    ],
    "NL": [
        "Rotterdam",
        "Delft",
        "Wageningen",
        "Eindhoven",
        "Groningen",
        "Utrecht",
        "Leiden",
        "Zwolle",
        "Breda",
        "Vlissingen",
    ],
}
VN_TRADES = [
    "Thủy sản",
    "Cơ khí",
    "Nông nghiệp",
    "Thực phẩm",
    "Điện tử",
    "Logistics",
    "Môi trường",
    "Năng lượng",
    "Nhựa",
    "Đóng tàu",
    "Vật liệu",
    "Dệt may",
    "Công nghệ",
    "Chế biến",
    "Bao bì",
    "Thép",
    "Dược",
    "Tự động hóa",
    "Vận tải",
    "Mỹ phẩm",
]
VN_TRADE_EN = [
    "Seafood",
    "Mechanical",
    "Agriculture",
    "Foods",
    "Electronics",
    "Logistics",
    "Environment",
    "Energy",
    "Plastics",
    "Shipbuilding",
    "Materials",
    "Garments",
    "Technology",
    "Processing",
    "Packaging",
    "Steel",
    "Pharma",
    "Automation",
    "Transport",
    "Cosmetics",
]
VN_PLACES = [
    "Đồ Sơn",
    "Hải An",
    "Tiên Lãng",
    "An Dương",
    "Lạch Tray",
    "Đình Vũ",
    "Cát Hải",
    "Kiến Thụy",
    "Thủy Nguyên",
    "Cát Bà",
    "Bạch Đằng",
    "Minh Đức",
    "Vĩnh Bảo",
    "Lê Chân",
    "Kiến An",
    "Hồng Bàng",
    "An Lão",
    "Ngô Quyền",
    "Nam Triệu",
    "Tràng Duệ",
    "Đa Phúc",
    "Tân Vũ",
    "Hòa Bình",
    "Bạch Long Vĩ",
    "Hạ Long",
    "Uông Bí",
    "Cẩm Phả",
    "Thái Bình",
    "Hải Dương",
    "Kinh Môn",
]
VN_MODIFIERS = [
    "",
    " Xanh",
    " Mới",
    " Việt",
    " Phát Đạt",
    " Thịnh Vượng",
    " Hưng Thịnh",
    " Toàn Cầu",
]
VN_PREFIX_EN = {
    "Công ty TNHH": "Co., Ltd.",
    "Công ty Cổ phần": "JSC",
    "Công ty TNHH MTV": "One Member Co., Ltd.",
    "Hợp tác xã": "Cooperative",
}
VN_PROVINCE_BY_PLACE = {
    "Hạ Long": "Quảng Ninh",
    "Uông Bí": "Quảng Ninh",
    "Cẩm Phả": "Quảng Ninh",
    "Thái Bình": "Thái Bình",
    "Hải Dương": "Hải Dương",
    "Kinh Môn": "Hải Dương",
}
TARGET_COUNTRIES = ["VN", "TH", "ID", "MY", "PH", "KH", "LA"]
PREFERRED_COUNTRIES = ["KR", "TW", "JP", "CA", "IL", "NL", "DE", "US"]
RATES_FROM_USD = {"USD": 1, "VND": 25_400}


@dataclass
class OrgSpec:
    key: str
    name: str
    name_en: str
    country: str
    kind: str
    size: str
    province: str = ""
    tax_code: str = ""
    sectors: list[str] = field(default_factory=list)


@dataclass
class RecordSpec:
    reference: str
    org_key: str
    language: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    description: str
    keywords: list[str]
    sectors: list[str]
    modes: list[str]
    trl: int | None
    price_min: Decimal | None
    price_max: Decimal | None
    currency: str
    countries: list[str]
    status: str
    published_on: date
    ip_status: str = ""
    visibility: str = "public"
    deadline: date | None = None


def _rng(kind: str, index: int) -> random.Random:
    return random.Random(f"{SEED}:{kind}:{index}")


def vietnamese_org(index: int) -> OrgSpec:
    """A plausible Vietnamese enterprise; names are unique for the first 19,200 indexes."""
    total = len(VN_PREFIXES) * len(VN_TRADES) * len(VN_PLACES) * len(VN_MODIFIERS)
    spread = (index * 7919) % total  # 7919 is prime to the total: a permutation of names
    spread, prefix_i = divmod(spread, len(VN_PREFIXES))
    spread, trade_i = divmod(spread, len(VN_TRADES))
    modifier_i, place_i = divmod(spread, len(VN_PLACES))
    prefix, trade, place = VN_PREFIXES[prefix_i], VN_TRADES[trade_i], VN_PLACES[place_i]
    modifier = VN_MODIFIERS[modifier_i]
    suffix = f" {index // total + 1}" if index >= total else ""
    rng = _rng("vn-org", index)
    return OrgSpec(
        key=f"vn-{index}",
        name=f"{prefix} {trade} {place}{modifier}{suffix}",
        name_en=f"{place}{modifier} {VN_TRADE_EN[trade_i]} {VN_PREFIX_EN[prefix]}{suffix}",
        country="VN",
        kind="sme",
        size=rng.choices(["micro", "small", "medium"], weights=[35, 45, 20])[0],
        province=VN_PROVINCE_BY_PLACE.get(place, "Hải Phòng"),
        tax_code=f"02{index:08d}",
    )


def foreign_org(country: str, index: int) -> OrgSpec:
    """The ``index``-th generated supplier of ``country``."""
    stems, suffixes, cities = (
        FOREIGN_NAMES[country],
        FOREIGN_SUFFIXES[country],
        FOREIGN_CITIES[country],
    )
    combos = len(stems) * len(FOREIGN_MODIFIERS) * len(suffixes) * len(cities)
    rest, stem_i = divmod(index % combos, len(stems))
    rest, suffix_i = divmod(rest, len(suffixes))
    city_i, modifier_i = divmod(rest, len(FOREIGN_MODIFIERS))
    tail = f" {index // combos + 1}" if index >= combos else ""
    modifier, suffix, city = FOREIGN_MODIFIERS[modifier_i], suffixes[suffix_i], cities[city_i]
    name = f"{stems[stem_i]}{modifier} {suffix} ({city}){tail}"
    rng = _rng(f"{country}-org", index)
    return OrgSpec(
        key=f"{country.lower()}-{index}",
        name=name,
        name_en="",
        country=country,
        kind=rng.choices(
            ["sme", "startup", "large_enterprise", "research_institute"], weights=[55, 20, 15, 10]
        )[0],
        size=rng.choice(["small", "medium", "large"]),
        sectors=rng.sample(COUNTRY_SECTORS[country], k=min(2, len(COUNTRY_SECTORS[country]))),
    )


def supplier_orgs(count: int) -> list[OrgSpec]:
    """Suppliers in a stable order: the country of each is drawn from its own stream."""
    counters: dict[str, int] = {}
    specs = []
    for j in range(count):
        rng = _rng("supplier", j)
        countries, weights = zip(*SUPPLIER_COUNTRIES, strict=True)
        country = rng.choices(countries, weights=weights)[0]
        if country == "VN":
            # Vietnamese suppliers take names from the far end so they never collide with seekers.
            specs.append(vietnamese_org(19_199 - counters.get("VN", 0)))
        else:
            specs.append(foreign_org(country, counters.get(country, 0)))
        counters[country] = counters.get(country, 0) + 1
    return specs


def _published_on(rng: random.Random) -> date:
    return date(2022, 1, 1) + timedelta(days=rng.randrange(0, 4 * 365))


def offer(index: int, org: OrgSpec) -> RecordSpec:
    rng = _rng("offer", index)
    leaves = [s for s in COUNTRY_SECTORS.get(org.country, []) if s in OFFERS] or list(OFFERS)
    leaf = rng.choice(leaves if rng.random() < 0.8 else list(OFFERS))
    title_vi, title_en, summary_vi, summary_en, keywords = rng.choice(OFFERS[leaf])
    variant_vi, variant_en = rng.choice(OFFER_VARIANTS)
    foreign = org.country != "VN"
    currency = "USD" if foreign else "VND"
    low = rng.choice([20_000, 50_000, 80_000, 150_000, 300_000, 600_000])
    price_min = Decimal(low * RATES_FROM_USD[currency])
    price_max = price_min * rng.choice([2, 3, 5])
    status = rng.choices(["published", "pending_review", "draft"], weights=[88, 8, 4])[0]
    sectors = [leaf] + ([rng.choice(list(OFFERS))] if rng.random() < 0.2 else [])
    if foreign:
        language, title, summary, t_en, s_en = "en", title_en + variant_en, summary_en, "", ""
        description = (
            f"{summary_en} Proven in {rng.randint(3, 40)} installations; "
            f"we provide installation, training and {rng.randint(1, 5)} years of support."
        )
    else:
        language, title, summary = "vi", title_vi + variant_vi, summary_vi
        t_en, s_en = title_en + variant_en, summary_en
        description = (
            f"{summary_vi} Đã triển khai tại {rng.randint(2, 30)} cơ sở; hỗ trợ lắp đặt, đào tạo "
            f"và bảo hành {rng.randint(1, 5)} năm."
        )
    return RecordSpec(
        reference=f"OF-D-{index + 1:06d}",
        org_key=org.key,
        language=language,
        title=title,
        title_en=t_en,
        summary=summary,
        summary_en=s_en,
        description=description,
        keywords=list(keywords),
        sectors=list(dict.fromkeys(sectors)),
        modes=sorted(rng.sample(MODES, k=rng.randint(1, 3))),
        trl=rng.choices(range(4, 10), weights=[5, 10, 15, 25, 25, 20])[0],
        price_min=price_min if rng.random() < 0.7 else None,
        price_max=price_max if rng.random() < 0.7 else None,
        currency=currency,
        countries=sorted(rng.sample(TARGET_COUNTRIES, k=rng.randint(1, 3))),
        status=status,
        published_on=_published_on(rng),
        ip_status=rng.choice(IP_STATUSES),
    )


def need(index: int, org: OrgSpec) -> RecordSpec:
    rng = _rng("need", index)
    leaf = rng.choice(list(NEEDS))
    title_vi, title_en, summary_vi, summary_en, keywords = rng.choice(NEEDS[leaf])
    variant_vi, variant_en = rng.choice(NEED_VARIANTS)
    budget_min = Decimal(rng.choice([200, 500, 1_000, 2_000, 5_000]) * 1_000_000)
    # A need sometimes names only the parent sector: it then matches every leaf below it.
    sectors = [leaf.split(".")[0]] if rng.random() < 0.15 else [leaf]
    published_on = _published_on(rng)
    english = rng.random() < 0.6
    return RecordSpec(
        reference=f"NE-D-{index + 1:06d}",
        org_key=org.key,
        language="vi",
        title=title_vi + variant_vi,
        title_en=(title_en + variant_en) if english else "",
        summary="",
        summary_en=summary_en if english else "",
        description=summary_vi,
        keywords=list(keywords),
        sectors=sectors,
        modes=sorted(rng.sample(MODES, k=rng.randint(1, 2))),
        trl=rng.choice([None, 5, 6, 7, 8]),
        price_min=budget_min,
        price_max=budget_min * rng.choice([2, 3, 4]),
        currency="VND",
        countries=sorted(rng.sample(PREFERRED_COUNTRIES, k=rng.randint(0, 3))),
        status=rng.choices(["published", "pending_review", "draft"], weights=[85, 10, 5])[0],
        published_on=published_on,
        visibility=rng.choices(["public", "members"], weights=[85, 15])[0],
        deadline=published_on + timedelta(days=rng.randint(120, 540)),
    )
