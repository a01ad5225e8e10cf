"""Bar charts as inline SVG, drawn on the server: no JavaScript, no CDN, and no ``style``
attribute (colours come from the stylesheet), so the Content-Security-Policy holds."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 40


def _number(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def _ticks(top: float) -> list[float]:
    """Four round steps up to at least ``top``."""
    if top <= 0:
        return [0, 1]
    step = top / 4
    magnitude = 10 ** (len(str(int(step))) - 1) if step >= 1 else 0.1
    for factor in (1, 2, 2.5, 5, 10):
        if step <= magnitude * factor:
            step = magnitude * factor
            break
    return [step * k for k in range(5)]


def bar_chart(items: list[tuple[str, float | Decimal]], *, title: str, css: str = "") -> SafeString:
    """Vertical bars, one per (label, value), with a y axis; an empty chart says so."""
    values = [float(v or 0) for _label, v in items]
    ticks = _ticks(max(values, default=0))
    top = ticks[-1] or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="chart {escape(css)}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in ticks:
        y = TOP + plot_h - plot_h * tick / top
        parts.append(
            f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="chart-tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_number(tick)}</text>"
        )
    if items:
        slot = plot_w / len(items)
        bar = min(48.0, slot * 0.7)
        for index, ((label, _value), value) in enumerate(zip(items, values, strict=True)):
            x = LEFT + slot * index + (slot - bar) / 2
            h = plot_h * value / top
            y = TOP + plot_h - h
            parts.append(
                f'<rect class="chart-bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}"><title>{escape(label)}: {_number(value)}</title></rect>'
            )
            if value:
                parts.append(
                    f'<text class="chart-value" x="{x + bar / 2:.1f}" y="{y - 3:.1f}" '
                    f'text-anchor="middle">{_number(value)}</text>'
                )
            parts.append(
                f'<text class="chart-label" x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle">{escape(str(label)[:14])}</text>'
            )
    parts.append(
        f'<line class="chart-axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
        f'y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
