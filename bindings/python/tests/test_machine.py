"""Machines from Python: the registry, and generic checks on every machine the core lists."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import pytest

import apart
from apart.machine import Actor, Machine, machine_by_id, machines

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
MACHINES = machines()


def test_registry() -> None:
    assert all(isinstance(m, Machine) for m in MACHINES)
    assert [m.id for m in MACHINES] == [m.id for m in apart.machines()]
    assert machine_by_id("no.such.machine") is None
    for m in MACHINES:
        assert machine_by_id(m.id) == m


@pytest.mark.parametrize("m", MACHINES, ids=[m.id for m in MACHINES])
def test_machine_shape(m: Machine) -> None:
    assert m.id.startswith("apart.")
    assert m.schema_version >= 1
    assert m.initial_state in m.states()
    assert m.events()
    assert m.is_terminal_state(m.initial_state) is False
    assert m.is_terminal_state("NoSuchState") is None
    assert "stateDiagram" in m.mermaid()
    assert "digraph" in m.dot()
    assert pickle.loads(pickle.dumps(m)) == m


@pytest.mark.parametrize("m", MACHINES, ids=[m.id for m in MACHINES])
def test_bad_snapshots_are_snapshot_errors(m: Machine) -> None:
    with pytest.raises(apart.MachineError):
        m.state_of("{")
    with pytest.raises(apart.MachineError):
        m.state_of({"machine": "other", "schema_version": 1})
    with pytest.raises(apart.MachineError) as e:
        m.new_snapshot("[1, 2")
    assert e.value.code == "MACHINE_INPUT_MALFORMED"


def test_actor_enum() -> None:
    assert Actor("principal") is Actor.PRINCIPAL
    assert json.dumps([a.value for a in Actor])
