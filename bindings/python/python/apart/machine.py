"""Every lifecycle of the library as a :class:`Machine`, driven by JSON snapshots and events.

Snapshots are the storage form: JSON text (every method also accepts the same as a ``dict``).
Events are ``{"type": "Submit", ...}`` dicts (or their JSON text). ``now`` is a
timezone-aware ``datetime``: the library has no clock.

>>> from apart.machine import machines
>>> all(m.id.startswith("apart.") for m in machines())
True
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, Union

from . import _native
from ._convert import from_instant, json_text, to_instant
from ._errors import MachineError
from ._native import Actor, Step
from .law import LawBook, _book

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


def _json(value: JsonLike, name: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        # Read by the core: Decimal, dates, Month and enum members as records take them.
        return json_text(value, name)
    raise TypeError(f"{name} must be JSON text or a dict, not {type(value).__name__}")


def _actor(actor: Actor | str) -> Actor | str:
    # Read by the core (a misspelling is InputError VALUE_UNKNOWN_VARIANT naming `actor`).
    return actor


class Machine:
    """One lifecycle (``apart.da``, ``apart.onboarding``, ...). Stateless: every method takes
    the snapshot and returns a new one. Thread-safe."""

    __slots__ = ("_m",)

    def __init__(self, native: _native.Machine) -> None:
        self._m = native

    def with_law(self, book: LawBook) -> Machine:
        """The same machine reading ``book`` (a copy of it, as it is now) for its deadlines
        and quotas (``apart.da``, ``apart.di``) instead of the built-in law; the machines that
        read no law come back as they are."""
        native = _book(book)
        if native is None:
            _native.refuse(book, "book", "LawBook")
        return Machine(self._m.with_law(native))

    @property
    def id(self) -> str:
        return self._m.id

    @property
    def schema_version(self) -> int:
        """The snapshot schema version this library writes."""
        return self._m.schema_version

    @property
    def initial_state(self) -> str:
        return self._m.initial_state

    def states(self) -> list[str]:
        """Every state's name, in declaration order."""
        return self._m.states()

    def events(self) -> list[str]:
        """Every event's name, in table order."""
        return self._m.events()

    def is_terminal_state(self, state: str) -> bool | None:
        """Whether no transition leaves ``state``; ``None`` for an unknown state."""
        return self._m.is_terminal_state(state)

    def new_snapshot(self, context: JsonLike) -> str:
        """A snapshot in the initial state for ``context`` (the machine's context as JSON)."""
        return self._m.new_snapshot(_json(context, "context"))

    def restore(self, snapshot: JsonLike) -> str:
        """Validates a stored snapshot (migrating an older schema) and returns it as written now."""
        return self._m.restore(_json(snapshot, "snapshot"))

    def seal(self, snapshot: JsonLike, key: bytes | bytearray | memoryview) -> str:
        """The snapshot with its seal (HMAC-SHA-256 under ``key``, at least 32 bytes from your
        secret store; text is ``InputError`` ``INPUT_WRONG_TYPE``): the form to store, so that an
        edited record is refused by :meth:`open`."""
        return self._m.seal(_json(snapshot, "snapshot"), key)

    def open(self, sealed: JsonLike, key: bytes | bytearray | memoryview) -> str:
        """The snapshot of a sealed one, once its seal is checked under ``key``; raises
        :class:`MachineError` (``SEAL_MISSING``, ``SEAL_INVALID``) otherwise."""
        return self._m.open(_json(sealed, "sealed"), key)

    def state_of(self, snapshot: JsonLike) -> str:
        return self._m.state_of(_json(snapshot, "snapshot"))

    def apply(
        self, snapshot: JsonLike, event: JsonLike, actor: Actor | str, now: _dt.datetime
    ) -> Step:
        """Applies ``event``: the new snapshot and effects, or :class:`MachineError`."""
        return self._m.apply(
            _json(snapshot, "snapshot"), _json(event, "event"), _actor(actor), to_instant(now)
        )

    def check(
        self, snapshot: JsonLike, event: JsonLike, actor: Actor | str, now: _dt.datetime
    ) -> MachineError | None:
        """Why ``event`` would be refused (returned, not raised), or ``None`` if accepted.
        Nothing changes. A bad snapshot or event still raises."""
        return self._m.check(
            _json(snapshot, "snapshot"), _json(event, "event"), _actor(actor), to_instant(now)
        )

    def can(
        self, snapshot: JsonLike, event: JsonLike, actor: Actor | str, now: _dt.datetime
    ) -> bool:
        """Whether :meth:`apply` would accept ``event`` (the same checks, nothing changes)."""
        return self.check(snapshot, event, actor, now) is None

    def allowed_events(
        self, snapshot: JsonLike, actor: Actor | str, now: _dt.datetime
    ) -> list[str]:
        """The events ``actor`` may send now (the buttons to enable)."""
        return self._m.allowed_events(
            _json(snapshot, "snapshot"), _actor(actor), to_instant(now)
        )

    def tick(self, snapshot: JsonLike, now: _dt.datetime) -> Step:
        """Fires the timed transitions due at ``now`` (implicit acceptance, expiry)."""
        return self._m.tick(_json(snapshot, "snapshot"), to_instant(now))

    def next_deadline(self, snapshot: JsonLike) -> _dt.datetime | None:
        """When to call :meth:`tick` next (UTC), if ever."""
        at = self._m.next_deadline(_json(snapshot, "snapshot"))
        return None if at is None else from_instant(at)

    def mermaid(self) -> str:
        """The machine as a Mermaid ``stateDiagram-v2``."""
        return self._m.mermaid()

    def dot(self) -> str:
        """The machine as a Graphviz digraph."""
        return self._m.dot()

    def __repr__(self) -> str:
        return f"Machine({self.id!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Machine) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __reduce__(self) -> tuple[Any, ...]:
        return (machine_by_id, (self.id,))


def machines() -> list[Machine]:
    """Every machine of the library."""
    return [Machine(m) for m in _native.machines()]


def machine_by_id(machine_id: str) -> Machine | None:
    """The machine whose id is ``machine_id`` (``"apart.da"``), if there is one."""
    for m in _native.machines():
        if m.id == machine_id:
            return Machine(m)
    return None
