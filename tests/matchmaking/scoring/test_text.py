from matchmaking.scoring import rank
from matchmaking.scoring.stopwords import fold
from matchmaking.scoring.text import Analyzer
from tests.matchmaking.scoring.builders import need, offer, offer_ids


def test_fold_strips_vietnamese_diacritics_and_d_bar():
    assert fold("Nuôi trồng THỦY SẢN ở Đồ Sơn") == "nuoi trong thuy san o do son"


def test_fold_normalises_decomposed_and_compatibility_forms():
    decomposed = "nuo\u0302\u0301i to\u0302m"  # "nuối tôm" typed with combining marks
    assert fold(decomposed) == "nuoi tom"
    assert fold("ＲＡＳ ﬁlter") == "ras filter"


def test_analyzer_features_are_unigrams_and_adjacent_bigrams():
    features = Analyzer().field_features("Nuôi tôm tuần hoàn", "vi")
    assert features == ["nuoi", "tom", "nuoi tom", "tuan", "tom tuan", "hoan", "tuan hoan"]


def test_analyzer_features_same_with_and_without_diacritics():
    analyzer = Analyzer()
    accented = analyzer.field_features("Hệ thống nuôi tôm thẻ chân trắng trong nhà", "vi")
    plain = analyzer.field_features("He thong nuoi tom the chan trang trong nha", "vi")
    assert accented == plain


def test_analyzer_bigrams_stop_at_stop_words_and_punctuation():
    features = Analyzer().field_features("xử lý nước thải của ao, hồ", "vi")
    assert features == ["xu", "ly", "xu ly", "nuoc", "ly nuoc", "thai", "nuoc thai", "ao", "ho"]


def test_analyzer_keeps_folded_words_that_collide_with_content_words():
    # "trong" may be "trồng" (to farm) once folded, "khi" may be "khí" (gas): kept when unaccented.
    features = Analyzer().field_features("nuoi trong thuy san, khi thai", "vi")
    assert features == [
        "nuoi",
        "trong",
        "nuoi trong",
        "thuy",
        "trong thuy",
        "san",
        "thuy san",
        "khi",
        "thai",
        "khi thai",
    ]


def test_analyzer_drops_english_stop_words_only_in_english_fields():
    analyzer = Analyzer()
    assert analyzer.field_features("treatment of the water", "en") == ["treatment", "water"]
    # In Vietnamese "in" is "to print" ("mạch in" = printed circuit), so it stays.
    assert analyzer.field_features("mach in", "vi") == ["mach", "in", "mach in"]


def test_analyzer_spellings_keep_bigrams_where_context_changes_a_word():
    analyzer = Analyzer()
    analyzer.collect_spellings = True
    analyzer.field_features("bảo quản, bảo mật, cảnh báo", "vi")
    assert analyzer.take_spellings() == {
        "bao": "bảo",
        "quan": "quản",
        "mat": "mật",
        "canh": "cảnh",
        "canh bao": "cảnh báo",
    }


def test_analyzer_spellings_prefer_diacritics_then_frequency():
    analyzer = Analyzer()
    analyzer.collect_spellings = True
    analyzer.field_features("nuoi tom nuoi tom. Nuôi tôm. RAS and shrimp, Shrimp shrimp", None)
    assert analyzer.take_spellings() == {"nuoi": "nuôi", "tom": "tôm", "ras": "RAS"}


def test_rank_unaccented_need_ranks_same_offer_first():
    offers = [
        offer("O1", "Hệ thống nuôi tôm tuần hoàn tiết kiệm nước", language="vi"),
        offer("O2", "Máy sấy nông sản bằng năng lượng mặt trời", language="vi"),
        offer("O3", "Xử lý nước thải công nghiệp", language="vi"),
    ]
    accented = need("N1", "Công nghệ nuôi tôm tuần hoàn cho ao nuôi", language="vi")
    plain = need("N2", "Cong nghe nuoi tom tuan hoan cho ao nuoi", language="vi")
    result = rank(offers, [accented, plain])
    assert offer_ids(result.for_need("N1")) == ["O1", "O3", "O2"]
    assert offer_ids(result.for_need("N2")) == ["O1", "O3", "O2"]
    assert result.for_need("N1")[0].score == result.for_need("N2")[0].score


def test_rank_wastewater_need_prefers_treatment_over_feed_sharing_more_words():
    wastewater = need(
        "N1",
        "Xử lý nước thải ao nuôi tôm",
        language="vi",
        title_en="Wastewater treatment for shrimp ponds on shrimp farms",
        sectors=["ENV.WAT"],
    )
    feed = offer("O1", "Shrimp feed for shrimp ponds and shrimp farms", sectors=["AQU.FEE"])
    treatment = offer("O2", "Wastewater treatment plant", sectors=["ENV.WAT"])
    analyzer = Analyzer()

    def words(text: str) -> set[str]:
        return {f for f in analyzer.field_features(text, "en") if " " not in f}

    need_words = words(wastewater.title_en)
    assert need_words & words(feed.title) == {"shrimp", "ponds", "farms"}
    assert need_words & words(treatment.title) == {"wastewater", "treatment"}

    result = rank([feed, treatment], [wastewater])
    matches = result.for_need("N1")
    assert offer_ids(matches) == ["O2", "O1"]
    assert matches[1].components["text"] > matches[0].components["text"]


def test_rank_vietnamese_need_with_english_version_finds_english_offer():
    offers = [
        offer("O1", "Solar rooftop inverter", language="en"),
        offer("O2", "Wireless water quality monitoring for aquaculture ponds", language="en"),
    ]
    bilingual = need(
        "N1",
        "Giám sát chất lượng nước ao nuôi cá",
        language="vi",
        title_en="Water quality monitoring for fish ponds",
    )
    vietnamese_only = need("N2", "Giám sát chất lượng nước ao nuôi cá", language="vi")
    result = rank(offers, [bilingual, vietnamese_only])
    assert offer_ids(result.for_need("N1")) == ["O2", "O1"]
    assert result.for_need("N1")[0].components["text"] > 0.3
    assert [m.components["text"] for m in result.for_need("N2")] == [0.0, 0.0]
