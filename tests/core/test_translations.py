"""The Vietnamese catalogue is complete and its compiled .mo matches the .po (no stale build)."""

import ast
import gettext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(path: Path) -> list[dict[str, str]]:
    """msgid, msgid_plural and msgstr[...] of each entry (header and obsolete ones skipped)."""
    entries, current, key, fuzzy = [], {}, None, False
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current.get("msgid"):
                current["fuzzy"] = fuzzy
                entries.append(current)
            current, key, fuzzy = {}, None, False
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _, literal = line.partition(" ")
            current[key] = ast.literal_eval(literal)
    return entries


def test_every_vietnamese_entry_is_translated_and_none_is_fuzzy():
    missing = [
        e["msgid"]
        for e in _entries(PO)
        if e["fuzzy"] or not (e.get("msgstr") or e.get("msgstr[0]"))
    ]
    assert missing == []


def test_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    stale = []
    for entry in _entries(PO):
        if "msgid_plural" in entry:
            got = catalog.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            want = entry["msgstr[0]"]
        else:
            context = entry.get("msgctxt")
            got = (
                catalog.pgettext(context, entry["msgid"])
                if context
                else catalog.gettext(entry["msgid"])
            )
            want = entry["msgstr"]
        if got != want:
            stale.append(entry["msgid"])
    assert stale == []
