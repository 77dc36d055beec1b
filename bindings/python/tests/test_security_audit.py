"""The cases of the security audit of December 2026 (issue 13) that cross the Python binding.
The Rust suite (``tests/suite/security_audit.rs``) has one test per finding; these check that
the same inputs arrive in Python as typed errors and never take the interpreter down."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import apart
from apart import account, recovery
from apart.machine import machine_by_id

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    "scheme",
    [
        "argon2id$v=19$m=4294967295,t=1,p=1",  # 4 TiB: aborted the interpreter before
        "argon2id$v=19$m=8388608,t=1,p=1",  # 8 GiB
        "argon2id$v=19$m=64,t=100000,p=1",  # minutes of work
    ],
)
def test_f1_stored_argon2_costs_are_bounded(scheme: str) -> None:
    stored = {"scheme": scheme, "salt": "AAAAAAAAAAAAAAAAAAAAAA", "hash": "A" * 43}
    hasher = account.Argon2idHasher(64, 1, 1)
    error, counter = account.check_secret_answer(hasher, "medor", stored, NOW)
    assert error is not None
    assert error.code == "SECRET_HASH_REHASH_REQUIRED"
    assert counter["failures"] == 0
    with pytest.raises(apart.AccountError) as e:
        hasher.verify("medor", json.dumps(stored))
    assert e.value.code == "SECRET_HASH_REHASH_REQUIRED"
    with pytest.raises(apart.AccountError) as e:
        account.Argon2idHasher(4294967295, 1, 1)
    assert e.value.code == "POLICY_INVALID"


def test_f5_sealed_snapshots_refuse_edits() -> None:
    m = machine_by_id("apart.habilitation")
    assert m is not None
    key = bytes(range(32))
    snapshot = m.new_snapshot(
        {"credential": "ID12345", "siret": "73282932000074", "application": "apart", "role": "member"}
    )
    sealed = m.seal(snapshot, key)
    assert m.open(sealed, key) == snapshot
    forged = json.loads(sealed)
    forged["state"] = "Active"
    with pytest.raises(apart.MachineError) as e:
        m.open(json.dumps(forged), key)
    assert e.value.code == "SEAL_INVALID"
    with pytest.raises(apart.MachineError) as e:
        m.open(sealed, bytes(32))
    assert e.value.code == "SEAL_INVALID"
    with pytest.raises(apart.MachineError) as e:
        m.seal(snapshot, b"short")
    assert e.value.code == "SEAL_KEY_TOO_SHORT"
    # Unsealed, the same forgery is caught by the consistency check (never granted).
    forged.pop("seal")
    with pytest.raises(apart.MachineError) as e:
        m.restore(forged)
    assert e.value.code == "SNAPSHOT_INCONSISTENT"


def test_s7_an_event_saying_token_redeemed_does_not_unlock() -> None:
    m = machine_by_id("apart.credential")
    assert m is not None
    locked = m.restore(
        {
            "machine": "apart.credential",
            "schema_version": m.schema_version,
            "state": "Locked",
            "context": {
                "identifier": "ID12345",
                "email": "paie@exemple.fr",
                "nom": "Martin",
                "prenom": "Claire",
                "attempts": {"failures": 10},
            },
            "version": 0,
            "history": [],
        }
    )
    with pytest.raises(apart.MachineError) as e:
        m.apply(locked, {"type": "PasswordResetCompleted", "token_redeemed": True}, "visitor", NOW)
    assert e.value.code == "MACHINE_INPUT_MALFORMED"


@pytest.mark.parametrize(
    "offset",
    [dt.timedelta(hours=5, minutes=30, seconds=15), dt.timedelta(hours=-23, minutes=-59, seconds=-59)],
)
def test_now_that_cannot_be_stored_is_refused(offset: dt.timedelta) -> None:
    m = machine_by_id("apart.credential")
    assert m is not None
    c = m.new_snapshot(
        {"identifier": "ID1", "email": "a@b.fr", "nom": "N", "prenom": "P"}
    )
    now = NOW.replace(tzinfo=dt.timezone(offset))
    with pytest.raises(apart.ApartError) as e:
        m.apply(c, {"type": "LoginFailed"}, "visitor", now)
    assert e.value.code == "VALUE_INVALID_INSTANT"


def test_f12_the_page_states_the_real_lifetime() -> None:
    out = recovery.request_password_reset(
        None, recovery.Entropy.fixed(b"\x01"), NOW, policy={"ttl_ms": 900_000, "leeway_ms": 0, "max_failed_verifications": 10}
    )
    assert "15 min" in out.message
    assert "60" not in out.message_in("en")
    reminder = recovery.request_identifier_reminder(None, recovery.Entropy.fixed(b"\x01"), NOW)
    assert "min" not in reminder.message
