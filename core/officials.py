"""The officials' start page: what needs their attention today."""

from django.shortcuts import render

from core.permissions import official_required
from core.selectors import officials_attention


@official_required
def dashboard(request):
    return render(request, "core/officials_dashboard.html", officials_attention())
