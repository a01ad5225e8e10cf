from matchmaking.scoring import rank
from matchmaking.scoring.reasons import term_labels
from tests.matchmaking.scoring.builders import need, offer


def _reasons(match):
    return [(r.code, r.en, r.vi) for r in match.reasons]


def test_reasons_exist_in_both_languages():
    shrimp_ras = offer(
        "O1",
        "Recirculating shrimp farming system",
        language="en",
        sectors=["AQU.FAR"],
        trl=8,
        transfer_modes=["licence", "training", "turnkey"],
        price_max=100_000,
        currency="USD",
        country="KR",
    )
    wanted = need(
        "N1",
        "Hệ thống nuôi tôm tuần hoàn",
        language="vi",
        title_en="Recirculating shrimp farming",
        sectors=["AQU"],
        min_trl=6,
        transfer_modes=["training", "licence"],
        budget_max=5e9,
        preferred_countries=["KR"],
    )
    match = rank([shrimp_ras], [wanted]).for_need("N1")[0]
    assert _reasons(match) == [
        (
            "sector_same",
            "same sector: Aquaculture farming systems",
            "cùng lĩnh vực: Công nghệ nuôi trồng thủy sản",
        ),
        (
            "terms_shared",
            "shared terms: recirculating shrimp farming",
            "từ khóa chung: recirculating shrimp farming",
        ),
        ("trl_ok", "TRL 8 ≥ 6", "mức sẵn sàng công nghệ TRL 8 ≥ 6"),
        (
            "modes_shared",
            "transfer modes: licence, training",
            "phương thức chuyển giao: li-xăng, đào tạo",
        ),
        ("budget_fit", "price within budget", "giá phù hợp ngân sách"),
        ("country_preferred", "preferred country: KR", "quốc gia ưu tiên: KR"),
    ]
    assert match.reasons[1].params == {"terms": ["recirculating shrimp farming"]}


def test_reasons_name_related_sector_low_trl_and_high_price():
    dryer = offer("O1", "Máy sấy", sectors=["AGR.MAC"], trl=4, price_min=10e9, currency="VND")
    wanted = need("N1", "Kho lạnh", sectors=["AGR.PHT"], min_trl=6, budget_max=5e9)
    match = rank([dryer], [wanted]).for_need("N1")[0]
    assert _reasons(match) == [
        (
            "sector_related",
            "related sector: Agriculture & food",
            "lĩnh vực liên quan: Nông nghiệp & thực phẩm",
        ),
        ("trl_below", "TRL 4 below the required 6", "TRL 4 thấp hơn mức yêu cầu 6"),
        ("budget_above", "price above budget", "giá cao hơn ngân sách"),
    ]


def test_term_labels_chain_bigrams_and_absorb_single_words():
    names = ["dien", "mat", "troi", "dien mat", "mat troi", "ap mai", "ap", "he"]
    spellings = {"dien": "điện", "mat": "mặt", "troi": "trời", "ap": "áp", "mai": "mái"}
    # By contribution: "mặt", "điện mặt", "mặt trời", "áp mái", "áp", "hệ".
    assert term_labels([1, 3, 4, 5, 6, 7], names, spellings) == ["điện mặt trời", "áp mái", "he"]


def test_term_labels_use_bigram_spellings_for_homographs():
    names = ["canh bao", "bao quan"]
    spellings = {"canh": "cảnh", "bao": "bảo", "quan": "quản", "canh bao": "cảnh báo"}
    assert term_labels([0, 1], names, spellings) == ["cảnh báo", "bảo quản"]
