"""Every lifecycle of the library as a :class:`Machine`, driven by JSON snapshots and events.

Snapshots are the storage form: JSON text (every method also accepts the same as a ``dict``).
Events are ``{"type": "Submit", ...}`` dicts (or their JSON text). ``now`` is a
timezone-aware ``datetime``: the library has no clock.

>>> from apart.machine import machines
>>> all(m.id.startswith("apart.") for m in machines())
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Union

from ._errors import MachineError
from ._native import Actor, Machine, Step, machine_by_id, machines

__all__ = [
    "Actor",
    "Machine",
    "Step",
    "machines",
    "machine_by_id",
    "MachineError",
]

JsonLike = Union[str, Mapping[str, Any]]
"""A snapshot, context or event: JSON text or the same as a ``dict``."""
