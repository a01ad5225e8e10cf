import pytest

from matchmaking.scoring import NEUTRAL, Sector, Taxonomy, default_taxonomy, rank
from tests.matchmaking.scoring.builders import component, need, offer


def test_sector_component_same_leaf_parent_and_parent_only_records():
    offers = [
        offer("O1", sectors=["AQU.FAR"]),
        offer("O2", sectors=["AQU.FEE", "ENV.WAT"]),
        offer("O3", sectors=["ENV.WAT"]),
        offer("O4"),
        offer("O5", sectors=["AQU"]),
    ]
    needs = [need("N1", sectors=["AQU"]), need("N2", sectors=["AQU.FEE"])]
    result = rank(offers, needs)
    # A need naming only the parent is satisfied by any of its leaves.
    assert component(result, "N1", "sector") == {
        "O1": 1.0,
        "O2": 1.0,
        "O5": 1.0,
        "O4": NEUTRAL,
        "O3": 0.0,
    }
    assert component(result, "N2", "sector") == {
        "O2": 1.0,
        "O5": 1.0,
        "O1": 0.5,
        "O4": NEUTRAL,
        "O3": 0.0,
    }


def test_taxonomy_shared_names_the_narrower_code_then_the_parent():
    taxonomy = default_taxonomy()
    exact, tops = taxonomy.shared(["AQU.FAR", "ENV.WAT"], ["AQU"])
    assert ([s.code for s in exact], tops) == (["AQU.FAR"], [])
    exact, tops = taxonomy.shared(["AQU.FAR"], ["AQU.FEE"])
    assert (exact, [s.code for s in tops]) == ([], ["AQU"])
    assert taxonomy.shared(["AQU.FAR"], ["ENV.WAT"]) == ([], [])


def test_taxonomy_default_has_two_levels_with_both_names():
    taxonomy = default_taxonomy()
    assert taxonomy.sectors["AQU.FAR"] == Sector(
        "AQU.FAR", "AQU", "Công nghệ nuôi trồng thủy sản", "Aquaculture farming systems"
    )
    assert taxonomy.effective_leaves["AQU"] == (
        "AQU.FAR",
        "AQU.SEE",
        "AQU.FEE",
        "AQU.HLT",
        "AQU.PRO",
    )


def test_taxonomy_rejects_an_unknown_parent():
    with pytest.raises(ValueError, match=r"sector X\.Y: unknown parent X"):
        Taxonomy([Sector("X.Y", "X", "y", "y")])


def test_rank_uses_a_taxonomy_passed_in():
    taxonomy = Taxonomy([Sector("A", None, "A vi", "A en"), Sector("A.1", "A", "một", "one")])
    result = rank([offer("O1", sectors=["A.1"])], [need("N1", sectors=["A"])], taxonomy=taxonomy)
    assert component(result, "N1", "sector") == {"O1": 1.0}
    assert [r.en for r in result.for_need("N1")[0].reasons] == ["same sector: one"]
