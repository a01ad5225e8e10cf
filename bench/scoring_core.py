"""Benchmark of the pure scoring engine (no Django): 20,000 offers × 20,000 needs, top 50.

    .venv/bin/python -m bench.scoring_core [--offers 20000] [--needs 20000] [--top 50] [--seed 7]

Generates seeded Vietnamese/English technology records from per-sector phrase pools, then in a
fresh subprocess (so that its peak RSS is the run's own) times the full `rank`, rescoring single
records against the fitted index, and a bare TF-IDF top-K over the same titles and summaries as a
reference. `generate` is reusable (the Django benchmark seeds the database with it).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import random
import resource
import statistics
import sys
import time
import unicodedata

import numpy as np

from matchmaking.scoring import (
    CorpusIndex,
    NeedRecord,
    OfferRecord,
    rank_index,
    rank_one_need,
    rank_one_offer,
)
from matchmaking.scoring.records import TRANSFER_MODES

# (Vietnamese, English) phrase pairs per sector leaf.
POOLS: dict[str, list[tuple[str, str]]] = {
    "AQU.FAR": [
        ("nuôi tôm thẻ chân trắng", "whiteleg shrimp farming"),
        ("hệ thống tuần hoàn RAS", "recirculating aquaculture system"),
        ("ao nuôi lót bạt", "lined grow-out ponds"),
        ("quạt nước sục khí", "paddlewheel aeration"),
        ("nuôi cá lồng bè", "marine cage fish farming"),
        ("mật độ nuôi cao", "high stocking density"),
        ("cảm biến oxy hòa tan", "dissolved oxygen sensor"),
        ("nhà màng nuôi tôm", "greenhouse shrimp raceway"),
    ],
    "AQU.SEE": [
        ("tôm giống sạch bệnh", "specific pathogen free shrimp broodstock"),
        ("sản xuất cá giống", "fish fingerling hatchery"),
        ("chọn giống di truyền", "genetic selection program"),
        ("ương ấu trùng", "larval rearing"),
        ("giống cua biển", "mud crab seed"),
        ("tôm bố mẹ", "shrimp broodstock"),
    ],
    "AQU.FEE": [
        ("thức ăn cho tôm", "shrimp feed"),
        ("thức ăn viên nổi", "floating feed pellets"),
        ("đạm thực vật thay bột cá", "plant protein replacing fishmeal"),
        ("men vi sinh bổ sung", "probiotic feed additive"),
        ("máy cho ăn tự động", "automatic feeder"),
        ("hệ số chuyển đổi thức ăn", "feed conversion ratio"),
    ],
    "AQU.HLT": [
        ("bệnh hoại tử gan tụy", "acute hepatopancreatic necrosis disease"),
        ("vắc xin cho cá", "fish vaccine"),
        ("chẩn đoán PCR nhanh", "rapid PCR diagnosis"),
        ("chế phẩm sinh học xử lý ao", "pond bioremediation product"),
        ("kháng sinh thay thế", "antibiotic alternatives"),
    ],
    "AQU.PRO": [
        ("chế biến cá tra phi lê", "pangasius fillet processing"),
        ("cấp đông nhanh IQF", "IQF quick freezing"),
        ("truy xuất nguồn gốc hải sản", "seafood traceability"),
        ("tàu cá khai thác xa bờ", "offshore fishing vessel"),
    ],
    "AGR.CRP": [
        ("nhà kính thông minh", "smart greenhouse"),
        ("tưới nhỏ giọt", "drip irrigation"),
        ("trồng rau thủy canh", "hydroponic vegetable growing"),
        ("cảm biến độ ẩm đất", "soil moisture sensor"),
        ("giống lúa chịu mặn", "salt tolerant rice variety"),
        ("phân bón hữu cơ vi sinh", "organic microbial fertilizer"),
    ],
    "AGR.FOD": [
        ("chế biến nước mắm", "fish sauce processing"),
        ("sấy thăng hoa", "freeze drying"),
        ("đóng gói chân không", "vacuum packaging"),
        ("an toàn thực phẩm HACCP", "HACCP food safety"),
        ("lên men thực phẩm", "food fermentation"),
    ],
    "AGR.PHT": [
        ("kho lạnh bảo quản nông sản", "cold storage for produce"),
        ("chuỗi lạnh", "cold chain"),
        ("bảo quản trái cây sau thu hoạch", "post-harvest fruit preservation"),
        ("xe tải lạnh", "refrigerated truck"),
    ],
    "AGR.MAC": [
        ("máy gặt đập liên hợp", "combine harvester"),
        ("máy cấy lúa", "rice transplanter"),
        ("máy bay không người lái phun thuốc", "crop spraying drone"),
        ("máy kéo nhỏ", "compact tractor"),
    ],
    "ENE.SOL": [
        ("điện mặt trời áp mái", "rooftop solar power"),
        ("tấm pin quang điện", "photovoltaic panels"),
        ("bộ biến tần hòa lưới", "grid-tied inverter"),
        ("điện mặt trời nổi", "floating solar"),
        ("vệ sinh tấm pin tự động", "automatic panel cleaning"),
    ],
    "ENE.WIN": [
        ("điện gió ngoài khơi", "offshore wind power"),
        ("tua bin gió", "wind turbine"),
        ("móng trụ điện gió", "wind turbine foundation"),
        ("đo gió lidar", "lidar wind measurement"),
    ],
    "ENE.STO": [
        ("pin lưu trữ lithium", "lithium battery storage"),
        ("hệ thống lưu trữ năng lượng", "battery energy storage system"),
        ("quản lý pin BMS", "battery management system"),
        ("tái chế pin", "battery recycling"),
    ],
    "ENE.BIO": [
        ("hầm biogas", "biogas digester"),
        ("viên nén sinh khối", "biomass pellets"),
        ("khí sinh học từ chất thải chăn nuôi", "biogas from livestock waste"),
        ("đồng phát nhiệt điện", "combined heat and power"),
    ],
    "ENE.EFF": [
        ("kiểm toán năng lượng", "energy audit"),
        ("đèn LED tiết kiệm điện", "energy saving LED lighting"),
        ("thu hồi nhiệt thải", "waste heat recovery"),
        ("biến tần cho động cơ", "variable frequency drive"),
    ],
    "SEM.DES": [
        ("thiết kế vi mạch", "integrated circuit design"),
        ("chip cảm biến", "sensor chip"),
        ("thiết kế bán dẫn", "semiconductor design"),
        ("vi điều khiển", "microcontroller"),
    ],
    "SEM.FAB": [
        ("đóng gói chip", "chip packaging"),
        ("kiểm thử bán dẫn", "semiconductor testing"),
        ("phòng sạch", "cleanroom"),
        ("tấm wafer", "silicon wafer"),
    ],
    "SEM.ELC": [
        ("bảng mạch in", "printed circuit board"),
        ("lắp ráp linh kiện SMT", "SMT component assembly"),
        ("linh kiện điện tử", "electronic components"),
    ],
    "ICT.IOT": [
        ("giám sát từ xa IoT", "IoT remote monitoring"),
        ("mạng cảm biến không dây", "wireless sensor network"),
        ("cổng kết nối LoRaWAN", "LoRaWAN gateway"),
        ("nền tảng dữ liệu đám mây", "cloud data platform"),
        ("đồng hồ thông minh", "smart meter"),
    ],
    "ICT.AI": [
        ("trí tuệ nhân tạo", "artificial intelligence"),
        ("thị giác máy tính", "computer vision"),
        ("học máy dự báo", "predictive machine learning"),
        ("phân tích dữ liệu lớn", "big data analytics"),
        ("chatbot tiếng Việt", "Vietnamese chatbot"),
    ],
    "ICT.SEC": [
        ("an ninh mạng", "cybersecurity"),
        ("tường lửa thế hệ mới", "next generation firewall"),
        ("phát hiện xâm nhập", "intrusion detection"),
        ("bảo mật dữ liệu", "data protection"),
    ],
    "ICT.SW": [
        ("phần mềm quản lý doanh nghiệp", "enterprise resource planning software"),
        ("chuyển đổi số", "digital transformation"),
        ("hóa đơn điện tử", "electronic invoicing"),
    ],
    "MFG.ROB": [
        ("robot công nghiệp", "industrial robot"),
        ("dây chuyền tự động hóa", "automated production line"),
        ("robot hàn", "welding robot"),
        ("xe tự hành AGV", "automated guided vehicle"),
    ],
    "MFG.MAT": [
        ("vật liệu composite", "composite materials"),
        ("vật liệu nano", "nanomaterials"),
        ("lớp phủ chống ăn mòn", "anti-corrosion coating"),
    ],
    "MFG.MAC": [
        ("máy phay CNC", "CNC milling machine"),
        ("gia công cơ khí chính xác", "precision machining"),
        ("in 3D kim loại", "metal 3D printing"),
    ],
    "BIO.PHA": [
        ("mỹ phẩm thiên nhiên", "natural cosmetics"),
        ("dược liệu", "medicinal herbs"),
        ("chiết xuất collagen", "collagen extraction"),
    ],
    "BIO.MED": [
        ("thiết bị y tế", "medical devices"),
        ("máy siêu âm", "ultrasound scanner"),
        ("vật tư tiêu hao y tế", "medical consumables"),
    ],
    "ENV.WAT": [
        ("xử lý nước thải", "wastewater treatment"),
        ("xử lý nước thải ao nuôi", "aquaculture pond effluent treatment"),
        ("lọc màng sinh học MBR", "membrane bioreactor"),
        ("khử mặn nước biển", "seawater desalination"),
        ("xử lý bùn thải", "sludge treatment"),
        ("nước sạch nông thôn", "rural clean water supply"),
    ],
    "ENV.WST": [
        ("tái chế nhựa", "plastic recycling"),
        ("phân loại rác tại nguồn", "waste sorting at source"),
        ("lò đốt rác phát điện", "waste to energy incinerator"),
        ("kinh tế tuần hoàn", "circular economy"),
    ],
    "ENV.AIR": [
        ("quan trắc khí thải", "emission monitoring"),
        ("lọc bụi tĩnh điện", "electrostatic precipitator"),
        ("chất lượng không khí", "air quality"),
    ],
    "MAR.LOG": [
        ("logistics 4.0", "logistics 4.0"),
        ("quản lý kho thông minh", "smart warehouse management"),
        ("chuỗi cung ứng", "supply chain"),
        ("theo dõi container", "container tracking"),
    ],
    "MAR.PRT": [
        ("cảng biển thông minh", "smart port"),
        ("cần cẩu container", "container crane"),
        ("hệ thống quản lý cảng", "terminal operating system"),
    ],
    "MAR.SHP": [
        ("đóng tàu", "shipbuilding"),
        ("sửa chữa tàu biển", "ship repair"),
        ("động cơ tàu thủy", "marine engine"),
    ],
    "SAF.OHS": [
        ("thiết bị bảo hộ lao động", "personal protective equipment"),
        ("an toàn lao động", "occupational safety"),
        ("cảnh báo khí độc", "toxic gas alarm"),
    ],
    "SAF.FIR": [
        ("phòng cháy chữa cháy", "fire protection"),
        ("báo cháy tự động", "automatic fire alarm"),
        ("bình chữa cháy", "fire extinguisher"),
    ],
    "EDU.VOC": [
        ("đào tạo nghề", "vocational training"),
        ("đào tạo kỹ sư", "engineer training"),
        ("mô phỏng thực hành", "hands-on simulation"),
    ],
    "CON.SMC": [
        ("đô thị thông minh", "smart city"),
        ("chiếu sáng công cộng thông minh", "smart street lighting"),
        ("giao thông thông minh", "intelligent traffic"),
    ],
}

GENERIC: list[tuple[str, str]] = [
    ("công nghệ tiên tiến", "advanced technology"),
    ("giải pháp toàn diện", "complete solution"),
    ("tiết kiệm chi phí vận hành", "lower operating costs"),
    ("nâng cao năng suất", "higher productivity"),
    ("thân thiện môi trường", "environmentally friendly"),
    ("chuyển giao công nghệ", "technology transfer"),
    ("doanh nghiệp nhỏ và vừa", "small and medium enterprises"),
    ("tiêu chuẩn quốc tế", "international standards"),
    ("vận hành đơn giản", "easy operation"),
    ("bảo trì định kỳ", "scheduled maintenance"),
    ("giảm phát thải", "reduced emissions"),
    ("chất lượng ổn định", "consistent quality"),
    ("đã triển khai thành công", "successfully deployed"),
    ("quy mô công nghiệp", "industrial scale"),
    ("hỗ trợ kỹ thuật sau bán hàng", "after-sales technical support"),
]

VI_TITLE = [
    "{a}",
    "Công nghệ {a}",
    "Giải pháp {a} và {b}",
    "Hệ thống {a} cho {b}",
    "{a} ứng dụng {b}",
]
EN_TITLE = ["{A}", "{A} technology", "{A} and {b} solution", "{A} system for {b}", "{A} with {b}"]
VI_NEED = [
    "Cần công nghệ {a}",
    "Tìm giải pháp {a} cho {b}",
    "Đặt hàng công nghệ {a}",
    "Nhu cầu {a} và {b}",
]
EN_NEED = ["Seeking {a} technology", "Looking for {a} for {b}", "Need {a} and {b}"]
VI_SENT = [
    "Doanh nghiệp cần {a} để {g}.",
    "Hiện nay chúng tôi gặp khó khăn về {a} và {b}.",
    "Mong muốn hợp tác về {a}, yêu cầu {g}.",
    "Công nghệ {a} giúp {g}, phù hợp với {b}.",
    "Sản phẩm gồm {a}, {b} với {g}.",
]
EN_SENT = [
    "Our {a} delivers {g}.",
    "The {a} is combined with {b} for {g}.",
    "Proven {a} with {g} and {b}.",
    "We provide {a}, {b} and {g}.",
]
COUNTRIES_ABROAD = ["KR", "TW", "JP", "IL", "NL", "CA"]
CURRENCY_OF = {"KR": "KRW", "TW": "TWD", "JP": "JPY", "IL": "USD", "NL": "EUR", "CA": "CAD"}
LEAVES = sorted(POOLS)


def _strip_accents(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _Writer:
    """Seeded text for one record from its sector pools (Vietnamese and English in step)."""

    def __init__(self, rng: random.Random, sectors: list[str]) -> None:
        self.rng = rng
        self.pool = [p for s in sectors for p in POOLS[s]]

    def pick(self) -> tuple[str, str]:
        return self.rng.choice(self.pool)

    def fill(self, templates_vi: list[str], templates_en: list[str]) -> tuple[str, str]:
        i = self.rng.randrange(len(templates_vi))
        (a_vi, a_en), (b_vi, b_en) = self.pick(), self.pick()
        g_vi, g_en = self.rng.choice(GENERIC)
        vi = templates_vi[i].format(a=a_vi, b=b_vi, g=g_vi)
        en = templates_en[i % len(templates_en)].format(
            a=a_en, A=a_en[:1].upper() + a_en[1:], b=b_en, g=g_en
        )
        return vi[:1].upper() + vi[1:], en[:1].upper() + en[1:]

    def paragraph(self, sentences: int) -> tuple[str, str]:
        pairs = [self.fill(VI_SENT, EN_SENT) for _ in range(sentences)]
        # A model code makes each text a little unique, as real brochures are.
        letters = "".join(self.rng.choice("ABCHKMPSTX") for _ in range(2))
        code = f"{letters}-{self.rng.randint(10, 9999)}"
        return " ".join(p[0] for p in pairs) + f" Mã {code}.", " ".join(
            p[1] for p in pairs
        ) + f" Model {code}."

    def keywords(self) -> list[str]:
        picks = {self.pick() for _ in range(3)}
        return [vi if self.rng.random() < 0.5 else en for vi, en in sorted(picks)]


def _sectors(rng: random.Random) -> tuple[list[str], list[str]]:
    """Leaves to draw text from, and the codes to record (sometimes only the parent)."""
    leaves = rng.sample(LEAVES, 1 if rng.random() < 0.7 else 2)
    codes = [leaf.split(".")[0] if rng.random() < 0.1 else leaf for leaf in leaves]
    return leaves, codes


def generate(
    n_offers: int, n_needs: int, seed: int = 7
) -> tuple[list[OfferRecord], list[NeedRecord]]:
    """Seeded offers (mostly foreign, English, some Vietnamese with English versions) and needs
    (mostly Vietnamese; some with English versions, some typed without diacritics)."""
    rng = random.Random(seed)
    offers = []
    for i in range(n_offers):
        leaves, codes = _sectors(rng)
        w = _Writer(rng, leaves)
        foreign = rng.random() < 0.7
        country = rng.choice(COUNTRIES_ABROAD) if foreign else "VN"
        title_vi, title_en = w.fill(VI_TITLE, EN_TITLE)
        summary_vi, summary_en = w.paragraph(2)
        desc_vi, desc_en = w.paragraph(rng.randint(3, 8))
        lo = rng.choice([20_000, 50_000, 100_000, 300_000, 1_000_000])
        currency = CURRENCY_OF.get(country, "VND")
        rate = {"KRW": 1400, "TWD": 32, "JPY": 150, "USD": 1, "EUR": 0.9, "CAD": 1.4}.get(
            currency, 26_000
        )
        offers.append(
            OfferRecord(
                id=f"O{i + 1}",
                organization=f"org-o{rng.randrange(max(n_offers // 4, 1))}",
                country=country,
                language="en" if foreign else "vi",
                title=title_en if foreign else title_vi,
                summary=summary_en if foreign else summary_vi,
                description=desc_en if foreign else desc_vi,
                title_en="" if foreign else title_en,
                summary_en="" if foreign else summary_en,
                keywords=w.keywords(),
                sectors=codes,
                trl=rng.randint(3, 9),
                transfer_modes=rng.sample(TRANSFER_MODES, rng.randint(1, 3)),
                price_min=float(lo * rate) if rng.random() < 0.6 else None,
                price_max=float(lo * rate * rng.choice([2, 5])) if rng.random() < 0.6 else None,
                currency=currency,
            )
        )
    needs = []
    for i in range(n_needs):
        leaves, codes = _sectors(rng)
        w = _Writer(rng, leaves)
        title_vi, title_en = w.fill(VI_NEED, EN_NEED)
        desc_vi, desc_en = w.paragraph(rng.randint(2, 6))
        if rng.random() < 0.1:
            title_vi, desc_vi = _strip_accents(title_vi), _strip_accents(desc_vi)
        english = rng.random() < 0.3
        needs.append(
            NeedRecord(
                id=f"N{i + 1}",
                organization=f"org-n{rng.randrange(max(n_needs // 3, 1))}",
                country="VN",
                language="vi",
                title=title_vi,
                description=desc_vi,
                title_en=title_en if english else "",
                summary_en=desc_en if english else "",
                keywords=w.keywords(),
                sectors=codes,
                min_trl=rng.choice([None, 5, 6, 7, 8]),
                transfer_modes=rng.sample(TRANSFER_MODES, rng.randint(0, 2)),
                budget_max=float(rng.choice([1, 2, 5, 10, 50]) * 1e9)
                if rng.random() < 0.5
                else None,
                currency="VND",
                preferred_countries=rng.sample(COUNTRIES_ABROAD, rng.randint(0, 2)),
            )
        )
    return offers, needs


def reference_topk(offers: list[OfferRecord], needs: list[NeedRecord], top_k: int) -> None:
    """Bare TF-IDF top-K: default TfidfVectorizer on title + summary (a need's description),
    cosine by sparse products in chunks of 1,000 needs, argpartition."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(dtype=np.float32)
    matrix = vectorizer.fit_transform(
        [f"{o.title} {o.summary}" for o in offers] + [f"{n.title} {n.description}" for n in needs]
    )
    offer_t = matrix[: len(offers)].T.tocsr()
    need_m = matrix[len(offers) :]
    for start in range(0, len(needs), 1000):
        sims = (need_m[start : start + 1000] @ offer_t).toarray()
        np.argpartition(sims, sims.shape[1] - top_k, axis=1)[:, -top_k:]


def _child(args: argparse.Namespace, queue: multiprocessing.Queue) -> None:
    offers, needs = generate(args.offers, args.needs, args.seed)
    report: dict[str, object] = {}
    started = time.perf_counter()
    index = CorpusIndex.build(offers, needs)
    report["fit_seconds"] = time.perf_counter() - started
    result = rank_index(index, top_k=args.top, workers=args.workers)
    report["full_seconds"] = time.perf_counter() - started
    report["rank_seconds"] = report["full_seconds"] - report["fit_seconds"]
    report["pairs_kept"] = len(result)
    started = time.perf_counter()
    matches = [m for need in needs[:200] for m in result.for_need(need.id)]
    report["reasons_per_match_ms"] = (time.perf_counter() - started) * 1000 / max(len(matches), 1)
    rng = random.Random(args.seed + 1)
    times = []
    for _ in range(20):
        started = time.perf_counter()
        rank_one_need(rng.choice(needs), result.index, top_k=args.top)
        times.append(time.perf_counter() - started)
        started = time.perf_counter()
        rank_one_offer(rng.choice(offers), result.index, top_k=args.top)
        times.append(time.perf_counter() - started)
    report["one_median_seconds"] = statistics.median(times)
    report["one_max_seconds"] = max(times)
    started = time.perf_counter()
    reference_topk(offers, needs, args.top)
    report["reference_seconds"] = time.perf_counter() - started
    report["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=20_000)
    parser.add_argument("--needs", type=int, default=20_000)
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=None, help="threads (default: up to 2)")
    args = parser.parse_args(argv)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(args, queue))
    process.start()
    report = queue.get()
    process.join()
    report["ratio_to_reference"] = report["full_seconds"] / report["reference_seconds"]
    report["machine"] = (
        f"{platform.machine()}, {multiprocessing.cpu_count()} CPUs, {platform.python_version()}"
    )
    report["size"] = f"{args.offers} offers x {args.needs} needs, top {args.top}"
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
