"""Scheduling benchmark: the 20 Girona instances and generated weighted events.

    python -m bench.scheduling [--only girona|generated] [--instance NAME] [--time-limit S]

Each instance is solved in its own subprocess (so the peak memory, ru_maxrss, is that run's
alone), its output validated by ``events.scheduling.check``, and one table row printed. Runs are
sequential: the reference machine has two cores and the solver uses both.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

GIRONA_DIR = Path(
    os.environ.get(
        "GIRONA_DIR", Path(__file__).resolve().parents[2] / "shared/benchmarks/b2b-girona"
    )
)
if not GIRONA_DIR.is_dir():
    GIRONA_DIR = Path("/work/shared/benchmarks/b2b-girona")

# Published optimum breaks (README of the benchmark, JAIR 2022 tables 3 and 5).
GIRONA_OPTIMUM = {
    "forum-13": 0, "forum-13crafb": 6, "forum-13crafc": 1, "forum-14": 2, "forumt-14": 5,
    "forumt-14crafc": 5, "forumt-14crafd": 4, "forumt-14crafe": 5, "tic-12": 0,
    "tic-12crafc": 0, "tic-13": 0, "tic-13crafb": 0, "tic-13crafc": 4, "tic-14crafa": 0,
    "tic-14crafc": 0, "tic-14crafd": 0, "ticf-13crafa": 0, "ticf-13crafb": 3,
    "ticf-13crafc": 1, "ticf-14crafa": 0,
}  # fmt: skip
GIRONA_LIMIT = 30.0

# name → (time limit s, target share of the bound, or None for "proven optimal")
GENERATED = {
    "event-600": (5.0, None),
    "event-1k-t200": (10.0, 0.999),
    "event-1k-t300": (10.0, 0.999),
    "event-3k": (60.0, 0.99),
    "hosted-15k": (600.0, 0.98),
}


def _load(kind: str, name: str) -> dict[str, Any]:
    if kind == "girona":
        from bench.dzn import load_dzn

        return load_dzn(GIRONA_DIR / f"{name}.original.dzn")
    from bench.gen_events import SCALES, generate

    return generate(SCALES[name], name)


def worker(kind: str, name: str, time_limit: float, out_dir: str | None) -> None:
    """Runs in the subprocess: solve one instance, check it, print one JSON line."""
    from events.scheduling.check import check
    from events.scheduling.io import parse_instance
    from events.scheduling.solver import solve

    t0 = time.perf_counter()
    data = _load(kind, name)
    instance = parse_instance(data)
    load_s = time.perf_counter() - t0
    result = solve(instance, time_limit=time_limit, seed=0)
    output = result.to_dict(instance)
    report = check(instance, output)
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        (Path(out_dir) / f"{name}.json").write_text(json.dumps(output), encoding="utf-8")
    print(
        json.dumps(
            {
                "name": name,
                "participants": len(instance.participants),
                "meetings": len(instance.meetings),
                "slots": len(instance.slots),
                "tables": len(instance.tables),
                "status": output["status"],
                "objective": output["objective"],
                "bound": output["bound"],
                "gap": output["gap"],
                "seconds": output["seconds"],
                "load_seconds": round(load_s, 2),
                "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "clock_stops": next(
                    (int(e.split("clock: ")[1].split()[0]) for e in result.log if "clock: " in e), 0
                ),
                "check_ok": report.ok,
                "check_errors": report.errors[:3],
                "log": result.log,
            }
        )
    )


def _run(kind: str, name: str, time_limit: float, out_dir: str | None) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.scheduling", "--worker", kind, name, str(time_limit)]
    if out_dir:
        cmd += ["--out", out_dir]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"name": name, "error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _ended_by(r: dict[str, Any]) -> str:
    """ "proof" (optimal), "budget" (deterministic budgets: reproducible) or "clock"."""
    if r["status"] == "optimal":
        return "proof"
    return "clock" if r.get("clock_stops") else "budget"


def run_girona(names: list[str], limit: float, out_dir: str | None, verbose: bool) -> list[str]:
    lines = [
        "| instance | breaks | published optimum | at optimum | lower bound | status | seconds "
        "| ended by | checker |",
        "|" + " --- |" * 9,
    ]
    print("\n".join(lines), flush=True)
    for name in names:
        r = _run("girona", name, limit, out_dir)
        if "error" in r:
            line = f"| {name} | error: {r['error']} |" + " |" * 7
        else:
            got = r["objective"]["breaks"]
            opt = GIRONA_OPTIMUM[name]
            ok = "yes" if r["status"] != "infeasible" and got == opt else "no"
            line = (
                f"| {name} | {got} | {opt} | {ok} | {r['bound']['breaks']} | {r['status']} | "
                f"{r['seconds']:.1f} | {_ended_by(r)} | "
                f"{'OK' if r['check_ok'] else 'FAIL ' + '; '.join(r['check_errors'])} |"
            )
        print(line, flush=True)
        if verbose and "log" in r:
            for entry in r["log"]:
                print(f"    {entry}", flush=True)
        lines.append(line)
    return lines


def run_generated(names: list[str], out_dir: str | None, verbose: bool,
                  limit: float | None) -> list[str]:  # fmt: skip
    lines = [
        "| event | participants | meetings | slots | status | required | weight | bound | "
        "gap % | min meetings | breaks | breaks bound | seconds | ended by | peak MiB | checker "
        "| target |",
        "|" + " --- |" * 17,
    ]
    print("\n".join(lines), flush=True)
    for name in names:
        t_limit, share = GENERATED[name]
        r = _run("generated", name, limit or t_limit, out_dir)
        if "error" in r:
            line = f"| {name} | error: {r['error']} |" + " |" * 15
        else:
            obj, bound = r["objective"], r["bound"]
            pct = 100.0 if not bound["weight"] else 100.0 * obj["weight"] / bound["weight"]
            if share is None:
                met = r["status"] == "optimal" and r["seconds"] <= t_limit
                target = f"optimal ≤ {t_limit:.0f} s: {'met' if met else 'missed'}"
            else:
                met = pct >= 100 * share and r["seconds"] <= t_limit
                target = f"≥ {100 * share:g} % ≤ {t_limit:.0f} s: {'met' if met else 'missed'}"
            line = (
                f"| {name} | {r['participants']} | {r['meetings']} | {r['slots']} | "
                f"{r['status']} | {obj['required']} | {obj['weight']:.1f} | "
                f"{bound['weight']:.1f} | {100 * r['gap']:.3f} | {obj['min_meetings']} | "
                f"{obj['breaks']} | {bound['breaks']} | {r['seconds']:.1f} | {_ended_by(r)} | "
                f"{r['peak_mib']} | "
                f"{'OK' if r['check_ok'] else 'FAIL ' + '; '.join(r['check_errors'])} | {target} |"
            )
        print(line, flush=True)
        if verbose and "log" in r:
            for entry in r["log"]:
                print(f"    {entry}", flush=True)
        lines.append(line)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scheduling")
    parser.add_argument("--only", choices=["girona", "generated"])
    parser.add_argument("--instance", help="run one instance (Girona name or generated event)")
    parser.add_argument("--time-limit", type=float, help="override the per-instance limit")
    parser.add_argument("--out", help="write each output JSON to this directory")
    parser.add_argument("--verbose", action="store_true", help="print the solver's stage log")
    parser.add_argument(
        "--worker", nargs=3, metavar=("KIND", "NAME", "LIMIT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.worker:
        kind, name, limit = args.worker
        worker(kind, name, float(limit), args.out)
        return 0
    girona = sorted(GIRONA_OPTIMUM)
    generated = list(GENERATED)
    if args.instance:
        if args.instance not in GIRONA_OPTIMUM and args.instance not in GENERATED:
            print(f"--instance: unknown instance {args.instance!r}", file=sys.stderr)
            return 2
        girona = [args.instance] if args.instance in GIRONA_OPTIMUM else []
        generated = [args.instance] if args.instance in GENERATED else []
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Machine: {os.cpu_count()} cores, load average {load} at the start")
    if args.only != "generated" and girona:
        print(
            f"\nGirona B2B instances (fewest breaks, max_break_spread 2, {GIRONA_LIMIT:.0f} s each)"
        )
        run_girona(girona, args.time_limit or GIRONA_LIMIT, args.out, args.verbose)
    if args.only != "girona" and generated:
        print("\nGenerated weighted events")
        run_generated(generated, args.out, args.verbose, args.time_limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
