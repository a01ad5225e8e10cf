"""Stored match reasons (a code and its parameters) worded in the reader's language."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from matchmaking.models import Sector, TransferMode


@lru_cache(maxsize=1)
def _names() -> dict[str, dict[str, tuple[str, str]]]:
    # The taxonomy and the transfer modes only change by migration: read them once per process.
    return {
        "sector": {s.code: (s.name_vi, s.name_en) for s in Sector.objects.all()},
        "mode": {m.code: (m.name_vi, m.name_en) for m in TransferMode.objects.all()},
    }


def _name(kind: str, code: str) -> str:
    vi, en = _names()[kind].get(code, (code, code))
    return en if (get_language() or "vi").startswith("en") else vi


def render(reason: dict | str) -> str:
    """One reason as a sentence fragment, e.g. "same sector: Aquaculture farming systems"."""
    if isinstance(reason, str):
        return reason
    code, params = reason.get("code", ""), reason.get("params") or {}
    if code == "sector_same":
        names = ", ".join(_name("sector", c) for c in params.get("sectors", []))
        return _("same sector: %(sectors)s") % {"sectors": names}
    if code == "sector_related":
        names = ", ".join(_name("sector", c) for c in params.get("sectors", []))
        return _("related sector: %(sectors)s") % {"sectors": names}
    if code == "terms_shared":
        return _("shared terms: %(terms)s") % {"terms": ", ".join(params.get("terms", []))}
    if code == "trl_ok":
        return _("TRL %(trl)s ≥ %(min_trl)s") % params
    if code == "trl_below":
        return _("TRL %(trl)s, below the required %(min_trl)s") % params
    if code == "modes_shared":
        names = ", ".join(_name("mode", c) for c in params.get("modes", []))
        return _("transfer modes: %(modes)s") % {"modes": names}
    if code == "budget_fit":
        return _("price within budget")
    if code == "budget_above":
        return _("price above budget")
    if code == "budget_below":
        return _("price below the minimum budget")
    if code == "country_preferred":
        return _("preferred country: %(country)s") % {
            "country": countries.name(params.get("country", "")) or params.get("country", "")
        }
    return reason.get("en") or code
