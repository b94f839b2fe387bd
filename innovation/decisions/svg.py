"""A small SVG writer for the round charts: elements with escaped text and attributes, and a
text-width estimate to shorten labels that would not fit (an <img> has no script to measure)."""

from markupsafe import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK, MUTED, GRID, AXIS = "#1f2937", "#4b5563", "#e5e7eb", "#6b7280"

# Width of a character as a share of the font size, measured on DejaVu Sans (the widest of the
# usual fallbacks; narrower system fonts only leave more room) and rounded up; bold is wider.
_NARROW = set("iIjlrtf.,:;'!|()[] ")
_WIDE = set("mwMWÆŒ@%—")
BOLD = 1.14


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    units = sum(
        0.34 if ch in _NARROW else 0.94 if ch in _WIDE else 0.66 if ch.isdigit() else 0.72 if ch.isupper() else 0.62
        for ch in text
    )
    return units * size * (BOLD if bold else 1.0)


def fit(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """`text`, shortened with an ellipsis to at most `width` pixels at `size`."""
    if text_width(text, size, bold=bold) <= width:
        return text
    while text and text_width(text + "…", size, bold=bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _attributes(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = f"{value:.1f}".removesuffix(".0")
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"')
    return "".join(parts)


class Svg:
    """Elements appended in drawing order; `group()` nests them in a <g>."""

    def __init__(self, width: int, height: int, title: str, description: str):
        self.width, self.height = width, height
        self._parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-labelledby="chart-title chart-desc" font-family="{escape(FONT)}">',
            f'<title id="chart-title">{escape(title)}</title>',
            f'<desc id="chart-desc">{escape(description)}</desc>',
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        ]

    def add(self, tag: str, text: str | None = None, **attrs) -> None:
        if text is None:
            self._parts.append(f"<{tag}{_attributes(attrs)}/>")
        else:
            self._parts.append(f"<{tag}{_attributes(attrs)}>{escape(text)}</{tag}>")

    def text(self, x: float, y: float, text: str, *, size: float = 12, **attrs) -> None:
        attrs.setdefault("fill", INK)
        self.add("text", text, x=float(x), y=float(y), font_size=size, **attrs)

    def text_runs(self, x: float, y: float, runs: list[tuple[str, dict]], *, size: float = 12, **attrs) -> None:
        """One line of text in runs of their own look (<tspan>s), each following the last."""
        attrs.setdefault("fill", INK)
        spans = "".join(f"<tspan{_attributes(run_attrs)}>{escape(text)}</tspan>" for text, run_attrs in runs if text)
        self._parts.append(
            f"<text{_attributes({'x': float(x), 'y': float(y), 'font_size': size, **attrs})}>{spans}</text>"
        )

    def open_group(self, **attrs) -> None:
        self._parts.append(f"<g{_attributes(attrs)}>")

    def close_group(self) -> None:
        self._parts.append("</g>")

    def render(self) -> bytes:
        return ("\n".join(self._parts) + "\n</svg>\n").encode()
