"""The audit log, for officials: a filtered, paginated list."""

from django.core.paginator import Paginator
from django.shortcuts import render

from audit.forms import AuditFilterForm
from audit.selectors import audit_entries
from core.permissions import official_required


@official_required
def entry_list(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    target_type = request.GET.get("type", "")
    target_id = request.GET.get("id", "")
    if target_type.isdigit():
        filters.update(target_type=int(target_type), target_id=target_id)
    page = Paginator(audit_entries(**filters), 50).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"form": form, "page": page})
