"""The Vietnamese catalogue is complete and its compiled .mo matches the .po (no stale build)."""

import ast
import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


MAKEMESSAGES_IGNORE = [".venv/*", "node_modules/*", "var/*", "tests/*", "bench/*", "locale"]


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (CI installs it)")
def test_catalogues_hold_every_string_of_the_source(request):
    """`make messages` would change nothing: no string is missing, none is left over.

    makemessages runs on a copy of the catalogues, so the committed files are never touched; the
    msgids it produces must equal the committed ones. makemessages writes each source file's
    strings to the first of LOCALE_PATHS whose parent folder holds the file, so the copy sits at
    the top of the project, comes first, and ``locale`` itself is ignored.
    """
    copy = ROOT / f".locale-check-{os.getpid()}"
    shutil.copytree(ROOT / "locale", copy)
    request.addfinalizer(lambda: shutil.rmtree(copy, ignore_errors=True))
    script = (
        "import django, sys\n"
        "from django.conf import settings\n"
        f"settings.LOCALE_PATHS = [{str(copy)!r}]\n"
        "django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('makemessages', locale=['vi', 'en'], no_obsolete=True, verbosity=0,\n"
        f"             ignore_patterns={[*MAKEMESSAGES_IGNORE, copy.name]!r})\n"
    )
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)
    for language in ("vi", "en"):
        committed = _entries(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
        fresh = _entries(copy / language / "LC_MESSAGES" / "django.po")

        def ids(entries):
            return {(e.get("msgctxt"), e["msgid"]) for e in entries}

        assert ids(fresh) - ids(committed) == set(), (
            f"{language}: strings missing, run make messages"
        )
        assert ids(committed) - ids(fresh) == set(), f"{language}: strings no longer in the source"
