"""Charts as inline SVG strings: no scripts, no fonts, no external files.

Every chart is ``role="img"`` with a ``<title>`` and a ``<desc>`` that says what it shows, and
prints its values as text, so it reads without colour. Colours keep a contrast of at least 4.5:1
against their labels (WCAG AA)."""

from __future__ import annotations

from html import escape

BAR = "#1f5fa8"  # 6.4:1 against white
INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 against white
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""


def _number(value: float, decimals: int = 1) -> str:
    text = f"{value:,.{decimals}f}" if decimals else f"{int(round(value)):,}"
    return text.replace(",", "\u00a0").replace(".", ",")


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg id="{chart_id}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" {FONT} font-size="13">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
    )


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _short_path(path: str, width: int) -> str:
    """Keep the end of a path (the file name says most)."""
    return path if len(path) <= width else "…" + path[-(width - 1):]


def horizontal_bars(chart_id: str, title: str, desc: str, items: list[tuple[str, float, str]], label_width: int = 150) -> str:
    """``items``: (label, value, value as text). One bar per item, the value printed after it."""
    row, width = 28, 640 + label_width
    height = max(1, len(items)) * row + 10
    plot = width - label_width - 200  # room for the value after the longest bar
    top = max((v for _, v, _ in items), default=0) or 1
    out = [_open(chart_id, width, height, title, desc)]
    for i, (label, value, text) in enumerate(items):
        y = 5 + i * row
        length = max(1.0, plot * value / top) if value > 0 else 0
        out.append(
            f'<g><text x="{label_width - 8}" y="{y + 18}" text-anchor="end" fill="{INK}">{escape(_short(label, label_width // 8))}</text>'
            f'<rect class="bar" x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{BAR}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 18}" fill="{INK}">{escape(text)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def columns(chart_id: str, title: str, desc: str, items: list[tuple[str, int]]) -> str:
    """A histogram: one column per bin, the count above it, the bin's label below."""
    width, height, bottom, left = 640, 260, 40, 10
    col = (width - 2 * left) / max(1, len(items))
    top = max((v for _, v in items), default=0) or 1
    plot = height - bottom - 30
    out = [_open(chart_id, width, height, title, desc)]
    out.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" stroke="{MUTED}"/>')
    for i, (label, value) in enumerate(items):
        x = left + i * col
        h = plot * value / top
        y = height - bottom - h
        out.append(
            f'<g><rect class="bar" x="{x + 6:.1f}" y="{y:.1f}" width="{col - 12:.1f}" height="{h:.1f}" fill="{BAR}"/>'
            f'<text x="{x + col / 2:.1f}" y="{y - 6:.1f}" text-anchor="middle" fill="{INK}">{value}</text>'
            f'<text x="{x + col / 2:.1f}" y="{height - bottom + 18}" text-anchor="middle" fill="{INK}">{escape(label)}</text></g>'
        )
    out.append(f'<text x="{width / 2}" y="{height - 4}" text-anchor="middle" fill="{MUTED}">LIX</text>')
    out.append("</svg>")
    return "".join(out)


def _heat(value: float, top: float) -> tuple[str, str]:
    """A fill from light to dark blue and a label colour that keeps 4.5:1 against it."""
    share = 0.0 if top <= 0 else min(1.0, value / top)
    light, dark = (0xF2, 0xF6, 0xFB), (0x0B, 0x2E, 0x5E)
    rgb = tuple(round(a + (b - a) * share) for a, b in zip(light, dark))
    fill = "#%02x%02x%02x" % rgb
    return fill, ("#ffffff" if share > 0.45 else INK)


def heatmap(chart_id: str, title: str, desc: str, rows: list[str], cols: list[str], values: list[list[float]]) -> str:
    label_width, cell_w, cell_h, head = 260, 62, 30, 140
    width = label_width + cell_w * len(cols) + 150  # the last column's slanted label runs right
    height = head + cell_h * len(rows) + 10
    top = max((v for r in values for v in r), default=0)
    out = [_open(chart_id, width, height, title, desc)]
    for j, name in enumerate(cols):
        x = label_width + j * cell_w + cell_w / 2
        out.append(
            f'<text x="{x:.1f}" y="{head - 8}" text-anchor="start" fill="{INK}" '
            f'transform="rotate(-35 {x:.1f} {head - 8})">{escape(name)}</text>'
        )
    for i, name in enumerate(rows):
        y = head + i * cell_h
        out.append(
            f'<text x="{label_width - 8}" y="{y + 20}" text-anchor="end" fill="{INK}">'
            f"<title>{escape(name)}</title>{escape(_short_path(name, 34))}</text>"
        )
        for j, value in enumerate(values[i]):
            fill, ink = _heat(value, top)
            x = label_width + j * cell_w
            out.append(
                f'<g><rect class="cell" x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"/>'
                f'<text x="{x + (cell_w - 2) / 2}" y="{y + 19}" text-anchor="middle" fill="{ink}">{_number(value)}</text></g>'
            )
    out.append("</svg>")
    return "".join(out)
