"""matplotlib for the charts of explanations and the drawings of identity graphs.

matplotlib is optional (the ``viz`` extra): it is imported when a chart is asked
for, and its absence raises an ImportError that names the extra.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["axes", "pyplot"]


def pyplot(what: str) -> Any:
    """``matplotlib.pyplot``, or ImportError naming the ``viz`` extra.

    Args:
        what: what needs it, for the message (``"an explanation chart"``).
    """
    try:
        return importlib.import_module("matplotlib.pyplot")
    except ImportError:
        raise ImportError(
            f"{what} needs matplotlib: install the extra with pip install 'goldenrecord[viz]'"
        ) from None


def axes(ax: Axes | None, what: str, *, figsize: tuple[float, float]) -> Axes:
    """``ax`` itself, or the Axes of a new figure of ``figsize`` inches when None.

    Raises:
        ImportError: matplotlib is not installed (checked even when ``ax`` is given,
            so the message is the same either way).
    """
    plt = pyplot(what)
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=figsize, layout="constrained")
    created: Axes = new
    return created
