"""Reports for officials: the figures per event, year, partner country and sector, as tables,
charts and exports (.xlsx, CSV) with the same filters."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.permissions import official_required
from matchmaking.models import Deal
from reports import charts, exports
from reports.forms import ReportFilterForm
from reports.selectors import METRICS, report

# The columns the page's tables show (the exports carry every figure).
TABLE_COLUMNS = [
    "events_held",
    "sessions_with_meetings",
    "organisations",
    "delegations",
    "meetings_requested",
    "meetings_scheduled",
    "meetings_held",
    "no_show_rate",
    "contracts_signed",
    "contract_value_vnd",
    "agreements",
]


def _report(request):
    form = ReportFilterForm(request.GET or None)
    return form, report(form.filters())


@official_required
def index(request):
    form, result = _report(request)
    labels = dict(METRICS)
    by_year = [(row.label, row.figures) for row in result.by_year]
    charts_ = [
        charts.bar_chart(
            [(label, f["meetings_held"]) for label, f in by_year],
            title=_("Meetings held per year"),
        ),
        charts.bar_chart(
            [(label, f["contract_value_vnd"] / 1_000_000_000) for label, f in by_year],
            title=_("Contract value per year (billion VND)"),
            css="chart-money",
        ),
        charts.bar_chart(
            [(label, result.total[f"deals_{stage}"]) for stage, label in Deal.Stage.choices],
            title=_("Deals by stage"),
            css="chart-deals",
        ),
    ]
    agreements = [
        (label, result.total[key]) for key, label in METRICS if key.startswith("agreements_")
    ]
    deal_stages = [(label, result.total[f"deals_{stage}"]) for stage, label in Deal.Stage.choices]
    return render(
        request,
        "reports/index.html",
        {
            "form": form,
            "report": result,
            "columns": [(key, labels[key]) for key in TABLE_COLUMNS],
            "charts": charts_,
            "agreements": agreements,
            "deal_stages": deal_stages,
            "query": request.GET.urlencode(),
        },
    )


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@official_required
def export_xlsx(request):
    _form, result = _report(request)
    return _download(
        exports.to_xlsx(result),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "techconnect-report.xlsx",
    )


@official_required
def export_csv(request):
    _form, result = _report(request)
    return _download(exports.to_csv(result), "text/csv; charset=utf-8", "techconnect-report.csv")
