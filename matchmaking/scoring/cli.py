"""Command line: rank offers for each need (shared/FORMATS.md, "Scoring").

    python -m matchmaking.scoring rank --offers O.jsonl --needs N.jsonl [--top K] [--weights W.json]

Writes one JSON line per need, in input order (shared/FORMATS.md). Bad input: exit status 2 and
one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, NoReturn

from matchmaking.scoring.defaults import resolve_weights
from matchmaking.scoring.engine import DEFAULT_TOP_K, rank
from matchmaking.scoring.jsonl import InputError, read_needs, read_offers, read_weights
from matchmaking.scoring.records import Match
from matchmaking.scoring.taxonomy import default_taxonomy

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, like every other input error (argparse would add the usage text).
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m matchmaking.scoring", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    rank_cmd = commands.add_parser("rank", help="rank offers for each need")
    rank_cmd.add_argument("--offers", required=True, metavar="OFFERS.jsonl")
    rank_cmd.add_argument("--needs", required=True, metavar="NEEDS.jsonl")
    rank_cmd.add_argument("--top", type=_positive, default=DEFAULT_TOP_K, metavar="K")
    rank_cmd.add_argument("--weights", metavar="W.json")
    return parser


def match_json(match: Match) -> dict[str, object]:
    return {
        "offer": match.offer_id,
        "score": match.score,
        "components": match.components,
        "reasons": [reason.en for reason in match.reasons],
    }


def run_rank(args: argparse.Namespace, out: IO[bytes]) -> None:
    taxonomy = default_taxonomy()
    offers = read_offers(args.offers, taxonomy)
    needs = read_needs(args.needs, taxonomy)
    weights = None
    if args.weights:
        weights = read_weights(args.weights)
        try:
            resolve_weights(weights)
        except ValueError as error:
            raise InputError(f"{Path(args.weights).name}: {error}") from None
    result = rank(offers, needs, top_k=args.top, weights=weights, taxonomy=taxonomy)
    for need in needs:
        line = {"need": need.id, "matches": [match_json(m) for m in result.for_need(need.id)]}
        out.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        run_rank(args, sys.stdout.buffer)
    except InputError as error:
        sys.stderr.write(f"{error}\n")
        return EXIT_BAD_INPUT
    sys.stdout.buffer.flush()
    return 0
