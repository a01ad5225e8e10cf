"""The command line: exact output on the committed small instance, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "events.scheduling", *args],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )  # fmt: skip


def test_cli_solve_small_instance_gives_the_expected_schedule() -> None:
    proc = _run("solve", str(DATA / "small.json"), "--time-limit", "10")
    assert (proc.returncode, proc.stderr) == (0, "")
    out = json.loads(proc.stdout)
    assert isinstance(out.pop("seconds"), float)
    expected = json.loads((DATA / "small.expected.json").read_text(encoding="utf-8"))
    assert out == expected


def test_cli_check_accepts_the_expected_schedule(tmp_path: Path) -> None:
    output = json.loads((DATA / "small.expected.json").read_text(encoding="utf-8"))
    output["seconds"] = 1.0
    path = tmp_path / "out.json"
    path.write_text(json.dumps(output), encoding="utf-8")
    proc = _run("check", str(DATA / "small.json"), str(path))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["errors"] == []


def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    data = json.loads((DATA / "small.json").read_text(encoding="utf-8"))
    data["meetings"][3]["b"] = "p9"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    proc = _run("solve", str(path))
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == 'meetings[3].b: unknown participant "p9"\n'


def test_cli_invalid_json_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"slots": [', encoding="utf-8")
    proc = _run("solve", str(path))
    assert proc.returncode == 2
    assert proc.stderr == f"{path}: invalid JSON at line 1 column 12: Expecting value\n"
