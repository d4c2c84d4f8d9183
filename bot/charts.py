"""A small bar chart of questions per day, as PNG bytes (people would rather look than read).

Labels are dates and numbers only, so no CJK font is needed on the server.
"""

from __future__ import annotations

import io
from collections.abc import Sequence


def questions_per_day_png(days: Sequence[tuple[str, int]]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, axes = plt.subplots(figsize=(6, 2.6), dpi=100)
    labels = [d for d, _ in days]
    axes.bar(labels, [n for _, n in days], color="#c0392b")
    axes.set_ylabel("questions")
    axes.tick_params(axis="x", labelrotation=60, labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    locator = axes.yaxis.get_major_locator()
    if isinstance(locator, MaxNLocator):  # whole questions only
        locator.set_params(integer=True)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def text_bars(days: Sequence[tuple[str, int]], width: int = 16) -> str:
    """The fallback when the picture cannot be sent."""
    peak = max((n for _, n in days), default=0) or 1
    return "\n".join(f"{d} {'█' * round(n / peak * width)} {n}" for d, n in days)
