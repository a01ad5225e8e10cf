"""Command line: ``python -m events.scheduling solve INSTANCE.json [--time-limit S] [--seed N]``
and ``python -m events.scheduling check INSTANCE.json OUTPUT.json``.

``solve`` prints the output JSON of shared/FORMATS.md on stdout. Invalid input exits with status 2
and one line on stderr naming the record and the field. ``check`` prints a report and exits 0
when the output respects every hard constraint and its objective is right, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from events.scheduling.check import check
from events.scheduling.io import InstanceError, load_instance
from events.scheduling.solver import solve


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, like every other input error of this command.
        self.exit(2, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m events.scheduling", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p_solve = sub.add_parser("solve", help="schedule an instance")
    p_solve.add_argument("instance")
    p_solve.add_argument("--time-limit", type=float, default=30.0, metavar="S")
    p_solve.add_argument("--seed", type=int, default=0, metavar="N")
    p_check = sub.add_parser("check", help="validate an output against its instance")
    p_check.add_argument("instance")
    p_check.add_argument("output")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        instance = load_instance(args.instance)
    except InstanceError as exc:
        print(str(exc).replace("\n", " "), file=sys.stderr)
        return 2
    if args.command == "solve":
        if args.time_limit <= 0:
            print("--time-limit: must be positive", file=sys.stderr)
            return 2
        result = solve(instance, time_limit=args.time_limit, seed=args.seed)
        json.dump(result.to_dict(instance), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    try:
        with open(args.output, encoding="utf-8") as fh:
            output = json.load(fh)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        print(f"{args.output}: cannot read output JSON: {exc}".replace("\n", " "), file=sys.stderr)
        return 2
    if not isinstance(output, dict):
        print(f"{args.output}: must be a JSON object", file=sys.stderr)
        return 2
    report = check(instance, output)
    json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
