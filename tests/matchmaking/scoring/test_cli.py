import json
import subprocess
import sys
from pathlib import Path

import pytest

from matchmaking.scoring.cli import main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[3]
VALID_OFFER = {"id": "O1", "organization": "a", "title": "Máy sấy nông sản"}
VALID_NEED = {"id": "N1", "organization": "b", "title": "Cần máy sấy"}


def _run(capsys, *args: str) -> tuple[int, list[dict], list[str]]:
    status = main(["rank", *args])
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], err.splitlines()


def _write(path: Path, *lines: object) -> str:
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines), "utf-8"
    )
    return str(path)


def test_cli_rank_fixture_gives_the_expected_ranking_and_reasons(capsys):
    status, lines, err = _run(
        capsys, "--offers", str(DATA / "offers.jsonl"), "--needs", str(DATA / "needs.jsonl"),
        "--top", "3",
    )  # fmt: skip
    assert (status, err) == (0, [])
    assert [(x["need"], [(m["offer"], m["reasons"]) for m in x["matches"]]) for x in lines] == [
        (
            "N1",
            [
                (
                    "O3",
                    [
                        "same sector: Water & wastewater treatment",
                        "shared terms: pond wastewater treatment, sludge, discharge",
                        "TRL 7 ≥ 6",
                        "transfer modes: licence, technical assistance",
                        "price within budget",
                        "preferred country: JP",
                    ],
                ),
                (
                    "O1",
                    [
                        "shared terms: whiteleg shrimp",
                        "TRL 8 ≥ 6",
                        "transfer modes: licence",
                        "price within budget",
                        "preferred country: KR",
                    ],
                ),
                ("O2", ["shared terms: shrimp ponds, pond", "TRL 9 ≥ 6", "price within budget"]),
            ],
        ),
        (
            "N2",
            [
                (
                    "O1",
                    [
                        "same sector: Aquaculture farming systems",
                        "shared terms: RAS",
                        "TRL 8 ≥ 7",
                        "transfer modes: licence, training",
                    ],
                ),
                ("O2", ["same sector: Aquafeed", "TRL 9 ≥ 7"]),
                ("O6", ["shared terms: hệ thống", "TRL 7 ≥ 7", "transfer modes: licence"]),
            ],
        ),
        # O6 belongs to N3's own organisation; O7 is a draft.
        (
            "N3",
            [
                ("O4", ["TRL 9 ≥ 6"]),
                ("O1", ["shared terms: system", "TRL 8 ≥ 6"]),
                ("O2", ["TRL 9 ≥ 6"]),
            ],
        ),
        (
            "N4",
            [
                (
                    "O4",
                    [
                        "same sector: Solar power",
                        "shared terms: áp mái, điện mặt trời",
                        "TRL 9 ≥ 8",
                        "transfer modes: turnkey",
                        "price within budget",
                    ],
                ),
                ("O1", ["TRL 8 ≥ 8", "transfer modes: turnkey", "price within budget"]),
                ("O2", ["TRL 9 ≥ 8", "price within budget"]),
            ],
        ),
        ("N5", []),  # archived
    ]
    assert lines[0]["matches"][0] == {
        "offer": "O3",
        "score": 0.7079,
        "components": {
            "sector": 1.0,
            "text": 0.2697,
            "trl": 1.0,
            "mode": 1.0,
            "budget": 1.0,
            "country": 1.0,
        },
        "reasons": lines[0]["matches"][0]["reasons"],
    }


def test_cli_rank_orders_matches_by_score_then_offer_id(capsys):
    status, lines, _ = _run(
        capsys, "--offers", str(DATA / "offers.jsonl"), "--needs", str(DATA / "needs.jsonl")
    )
    assert status == 0
    for line in lines:
        keys = [(-m["score"], m["offer"]) for m in line["matches"]]
        assert keys == sorted(keys)
        assert all(0.0 <= m["score"] <= 1.0 for m in line["matches"])


def test_cli_rank_applies_a_weights_file(capsys, tmp_path):
    weights = tmp_path / "w.json"
    weights.write_text('{"sector": 0, "text": 1, "trl": 0, "mode": 0, "budget": 0, "country": 0}')
    status, lines, _ = _run(
        capsys, "--offers", str(DATA / "offers.jsonl"), "--needs", str(DATA / "needs.jsonl"),
        "--weights", str(weights), "--top", "1",
    )  # fmt: skip
    assert status == 0
    assert [(m["offer"], m["score"]) for m in lines[0]["matches"]] == [("O3", 0.2697)]


def test_cli_runs_as_a_module_and_exits_2_on_bad_input(tmp_path):
    offers = _write(tmp_path / "offers.jsonl", *[{**VALID_OFFER, "id": f"O{i}"} for i in range(16)])
    with open(offers, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({**VALID_OFFER, "id": "O99", "trl": 12}) + "\n")
    needs = _write(tmp_path / "needs.jsonl", VALID_NEED)
    done = subprocess.run(
        [sys.executable, "-m", "matchmaking.scoring", "rank", "--offers", offers, "--needs", needs],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "offers.jsonl line 17: trl must be 1..9, got 12\n",
    )


@pytest.mark.parametrize(
    ("offer_lines", "message"),
    [
        (
            [VALID_OFFER, '{"id": "O2", '],
            "offers.jsonl line 2: invalid JSON (Expecting property name enclosed in double "
            "quotes at column 13)",
        ),
        (["[1, 2]"], "offers.jsonl line 1: expected a JSON object, got a list"),
        ([{"id": "O1", "organization": "a"}], "offers.jsonl line 1: title is required"),
        ([{**VALID_OFFER, "title": " "}], "offers.jsonl line 1: title must not be empty"),
        ([{**VALID_OFFER, "id": 7}], "offers.jsonl line 1: id must be a string, got 7"),
        ([{**VALID_OFFER, "trl": "8"}], 'offers.jsonl line 1: trl must be an integer, got "8"'),
        ([{**VALID_OFFER, "trl": 0}], "offers.jsonl line 1: trl must be 1..9, got 0"),
        (
            [{**VALID_OFFER, "sectors": ["AQU.XXX"]}],
            'offers.jsonl line 1: sectors: unknown sector code "AQU.XXX"',
        ),
        (
            [{**VALID_OFFER, "transfer_modes": ["lease"]}],
            'offers.jsonl line 1: transfer_modes: unknown transfer mode "lease"',
        ),
        (
            [{**VALID_OFFER, "keywords": "a, b"}],
            'offers.jsonl line 1: keywords must be a list of strings, got "a, b"',
        ),
        (
            [{**VALID_OFFER, "price_min": 500, "price_max": 100}],
            "offers.jsonl line 1: price_min must not exceed price_max, got 500 > 100",
        ),
        (
            [{**VALID_OFFER, "price_min": -1}],
            "offers.jsonl line 1: price_min must be a non-negative number, got -1",
        ),
        (
            [{**VALID_OFFER, "country": "Korea"}],
            'offers.jsonl line 1: country must be an ISO 3166 alpha-2 code, got "Korea"',
        ),
        (
            [{**VALID_OFFER, "currency": "dollars"}],
            'offers.jsonl line 1: currency must be an ISO 4217 code, got "dollars"',
        ),
        (
            [VALID_OFFER, "", {**VALID_OFFER, "title": "Khác"}],
            'offers.jsonl line 3: id "O1" duplicates line 1',
        ),
    ],
)
def test_cli_rank_bad_offers_exit_2_with_one_line(capsys, tmp_path, offer_lines, message):
    offers = _write(tmp_path / "offers.jsonl", *offer_lines)
    needs = _write(tmp_path / "needs.jsonl", VALID_NEED)
    assert _run(capsys, "--offers", offers, "--needs", needs) == (2, [], [message])


@pytest.mark.parametrize(
    ("need", "message"),
    [
        ({**VALID_NEED, "min_trl": 10}, "needs.jsonl line 1: min_trl must be 1..9, got 10"),
        (
            {**VALID_NEED, "budget_min": 5e9, "budget_max": 1e9},
            "needs.jsonl line 1: budget_min must not exceed budget_max, "
            "got 5000000000.0 > 1000000000.0",
        ),
        (
            {**VALID_NEED, "preferred_countries": ["Korea"]},
            'needs.jsonl line 1: preferred_countries: "Korea" is not an ISO 3166 alpha-2 code',
        ),
    ],
)
def test_cli_rank_bad_needs_exit_2_with_one_line(capsys, tmp_path, need, message):
    offers = _write(tmp_path / "offers.jsonl", VALID_OFFER)
    needs = _write(tmp_path / "needs.jsonl", need)
    assert _run(capsys, "--offers", offers, "--needs", needs) == (2, [], [message])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"price": 1}',
            'w.json: unknown weight "price" (known: sector, text, trl, mode, budget, country)',
        ),
        ('{"text": -1}', 'w.json: weight "text" must be a non-negative number, got -1'),
        ("[1]", "w.json: expected a JSON object of weights, got a list"),
    ],
)
def test_cli_rank_bad_weights_exit_2_with_one_line(capsys, tmp_path, content, message):
    weights = tmp_path / "w.json"
    weights.write_text(content)
    status = _run(
        capsys, "--offers", str(DATA / "offers.jsonl"), "--needs", str(DATA / "needs.jsonl"),
        "--weights", str(weights),
    )  # fmt: skip
    assert status == (2, [], [message])


def test_cli_rank_missing_file_exits_2(capsys, tmp_path):
    needs = _write(tmp_path / "needs.jsonl", VALID_NEED)
    assert _run(capsys, "--offers", str(tmp_path / "none.jsonl"), "--needs", needs) == (
        2,
        [],
        ["none.jsonl: cannot read (No such file or directory)"],
    )


def test_cli_rank_accepts_whole_float_trl(capsys, tmp_path):
    offers = _write(tmp_path / "offers.jsonl", {**VALID_OFFER, "trl": 8.0})
    needs = _write(tmp_path / "needs.jsonl", {**VALID_NEED, "min_trl": 6})
    status, lines, _ = _run(capsys, "--offers", offers, "--needs", needs)
    assert status == 0
    assert lines[0]["matches"][0]["reasons"][-1] == "TRL 8 ≥ 6"
