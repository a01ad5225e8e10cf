"""A scheduler run's figures in words, for officials ("157 of 160 requested meetings placed,
99.4 % of the proven bound")."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import ScheduleRun


def run_summary(run: ScheduleRun) -> str:
    """One sentence on what the run achieved and how close to the proven bound it is."""
    counts = run.counts or {}
    asked = counts.get("accepted", 0) + counts.get("requested", 0)
    placed = counts.get("accepted_placed", 0) + counts.get("requested_placed", 0)
    parts = [
        ngettext(
            "%(placed)d of %(asked)d requested meeting placed",
            "%(placed)d of %(asked)d requested meetings placed",
            asked,
        )
        % {"placed": placed, "asked": asked}
    ]
    if run.solver_status == "optimal":
        parts.append(_("proven optimal"))
    elif run.gap is not None:
        share = formats.number_format(100 * (1 - run.gap), 1, use_l10n=True)
        parts.append(_("%(share)s %% of the proven bound") % {"share": share})
    return ", ".join(parts) + "."


def run_details(run: ScheduleRun) -> list[str]:
    """The other figures, one short phrase each."""
    counts = run.counts or {}
    lines = []
    if counts.get("accepted"):
        lines.append(
            _("%(placed)d of %(total)d accepted or mutual requests")
            % {"placed": counts["accepted_placed"], "total": counts["accepted"]}
        )
    if counts.get("requested"):
        lines.append(
            _("%(placed)d of %(total)d one-sided requests")
            % {"placed": counts["requested_placed"], "total": counts["requested"]}
        )
    if counts.get("suggested"):
        lines.append(
            _("%(placed)d of %(total)d suggestions by match score")
            % {"placed": counts["suggested_placed"], "total": counts["suggested"]}
        )
    if counts.get("locked"):
        lines.append(
            ngettext(
                "%(count)d locked meeting kept", "%(count)d locked meetings kept", counts["locked"]
            )
            % {"count": counts["locked"]}
        )
    if counts.get("below_minimum"):
        lines.append(
            ngettext(
                "%(count)d participant below the minimum number of meetings (%(minimum)d)",
                "%(count)d participants below the minimum number of meetings (%(minimum)d)",
                counts["below_minimum"],
            )
            % {"count": counts["below_minimum"], "minimum": counts.get("min_meetings", 0)}
        )
    lines.append(
        ngettext("%(count)d meeting in all", "%(count)d meetings in all", counts.get("meetings", 0))
        % {"count": counts.get("meetings", 0)}
    )
    if run.seconds is not None:
        seconds = formats.number_format(run.seconds, 1, use_l10n=True)
        lines.append(_("%(seconds)s s of solving") % {"seconds": seconds})
    return lines


def run_percent(run: ScheduleRun) -> int:
    """Progress to show: the stored stage, and while the solver works (15 → 85 %), an estimate
    from the time spent against the run's time limit."""
    if run.status != ScheduleRun.Status.RUNNING or run.progress != 15 or not run.started_at:
        return run.progress
    elapsed = (timezone.now() - run.started_at).total_seconds()
    return 15 + int(70 * min(1.0, elapsed / max(run.time_limit, 1)))
