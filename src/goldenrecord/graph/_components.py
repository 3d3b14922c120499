"""Connected components of accepted match edges, vectorized.

Labels propagate along edges with NumPy (each record takes the smallest label among
its neighbours) and shortcut through pointer jumping, so a component of any shape
settles in a few dozen array passes, without a Python loop per edge.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["connected_components"]

IntArray = npt.NDArray[np.int64]


def connected_components(n: int, left: IntArray, right: IntArray) -> IntArray:
    """The component of each of ``n`` nodes: the smallest node index in it.

    >>> connected_components(5, np.array([3, 1]), np.array([4, 3])).tolist()
    [0, 1, 2, 1, 1]
    """
    labels = np.arange(n, dtype=np.int64)
    if left.size == 0:
        return labels
    a = np.asarray(left, dtype=np.int64)
    b = np.asarray(right, dtype=np.int64)
    while True:
        low = np.minimum(labels[a], labels[b])
        before = labels.copy()
        np.minimum.at(labels, a, low)
        np.minimum.at(labels, b, low)
        # Pointer jumping: follow labels to their own labels until stable.
        while True:
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        if np.array_equal(labels, before):
            return labels
