"""Every case of every file of ``tests/vectors/``, run through the Python package, with the
results the Rust runners expect (``tests/suite/*.rs``).

Skip list (cases this runner may not pass, with the reason), as in regex's BLACKLIST: none.
Vector files this runner does not know yet make ``test_every_vector_file_has_a_runner`` fail,
so a new file cannot be silently left out.
"""

from __future__ import annotations

import codecs
import datetime as dt
import csv
import dataclasses
import decimal
import json
from collections.abc import Callable
from typing import Any

import pytest

import apart
from apart import account, forms, indemnity, procedure, recovery
from apart.machine import Machine, machine_by_id
from apart.account import Argon2idHasher
from apart.recovery import Entropy
from apart.siret import Siren, Siret

from conftest import VECTORS

SKIP: dict[str, str] = {}
"""Case id -> reason. Empty: every case runs."""

RUNNERS = {
    "siret.tsv",
    "forms.json",
    "lifecycle.json",
    "indemnity.json",
    "procedure.json",
    "errors.json",
}
DOCS = {".md"}


def test_every_vector_file_has_a_runner() -> None:
    files = {p.name for p in VECTORS.iterdir() if p.suffix not in DOCS}
    assert files - RUNNERS == set(), "vector files without a Python runner"


# --- siret.tsv ---------------------------------------------------------------------------------


def _siret_rows() -> list[dict[str, str]]:
    with open(VECTORS / "siret.tsv", encoding="ascii", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        row["input"] = codecs.decode(row["input"], "unicode_escape")
    return rows


SIRET_ROWS = _siret_rows()


def test_siret_vectors_are_all_there() -> None:
    assert len(SIRET_ROWS) >= 150


@pytest.mark.parametrize(
    "row", SIRET_ROWS, ids=[f"line{i + 2}-{r['kind']}" for i, r in enumerate(SIRET_ROWS)]
)
def test_siret_vector(row: dict[str, str]) -> None:
    valid = row["valid"] == "true"
    cls = Siren if row["kind"] == "siren" else Siret
    try:
        cls(row["input"])
        accepted = True
    except apart.SiretError as e:
        accepted = False
        reason = row["reason"].split(":")[0]
        # The same code families as tests/suite/siret.rs (vector_reasons_match_error_codes).
        expected_codes: Callable[[str], bool] = {
            "checksum": lambda c: c.endswith("_KEY") or c == "IDENTIFIER_PLACEHOLDER",
            "length": lambda c: c in ("IDENTIFIER_INVALID_LENGTH", "IDENTIFIER_EMPTY"),
            "format": lambda c: c in ("IDENTIFIER_INVALID_CHARACTER", "IDENTIFIER_INVALID_LENGTH"),
            "policy": lambda _: True,
        }[reason]
        assert expected_codes(e.code), (e.code, row)
    assert accepted == valid, row
    if row["kind"] == "siret":
        assert apart.is_valid_siret(row["input"]) == valid


def test_siret_vectors_batch_agrees() -> None:
    rows = [r for r in SIRET_ROWS if r["kind"] == "siret"]
    got = apart.is_valid_siret_many(r["input"] for r in rows)
    assert got == [r["valid"] == "true" for r in rows]
    parsed = apart.parse_siret_many([r["input"] for r in rows])
    assert [isinstance(p, Siret) for p in parsed] == got


# --- forms.json --------------------------------------------------------------------------------

FORMS = json.loads((VECTORS / "forms.json").read_text(encoding="utf-8"))["cases"]


def _input_of(case: dict[str, Any]) -> str:
    text = str(case["input"]) * int(case.get("repeat", 1))
    return text + str(case.get("suffix", ""))


def _run_form_case(case: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The normalized value and the extra outputs of one case (raises FormError)."""
    value = _input_of(case)
    field = case["field"]
    extras: dict[str, Any] = {}
    normalized: str | None
    if field == "phone":
        policy = forms.PhonePolicy(**case.get("options", {}))
        p = forms.PhoneFr.parse(value, policy)
        kind: dict[str, Any] = {"type": p.kind.value}
        if p.territory is not None and p.overseas_kind is not None:
            kind.update(territory=p.territory.value, kind=p.overseas_kind.value)
        extras = {"display": p.display, "kind": kind}
        normalized = p.e164
    elif field == "postal_code":
        pc = forms.PostalCodeFr.parse(value)
        extras = {"area": pc.area.value}
        normalized = pc.code
    elif field == "city":
        normalized = str(forms.City.parse(value))
    elif field == "email":
        normalized = str(forms.Email.parse(value))
    elif field == "email_confirmation":
        forms.confirm_email(value, case["confirmation"])
        normalized = None
    elif field == "description":
        extras = {"len": forms.description_len(value)}
        normalized = forms.parse_description(value)
    elif field == "login_identifier":
        li = forms.LoginIdentifier.parse(value)
        extras = {"key": li.key}
        normalized = li.identifier
    elif field == "person_name":
        normalized = forms.parse_person_name(value)
    elif field == "full_name":
        normalized = forms.parse_person_name(value, forms.TextRules.FULL_NAME)
    elif field == "secret_answer":
        ctx = case.get("context", {})
        normalized = forms.SecretAnswer(
            value, nom=ctx.get("nom"), prenom=ctx.get("prenom"), identifier=ctx.get("identifier")
        ).normalized
    elif field == "street_number":
        normalized = forms.parse_street_number(value)
    elif field == "street_extension":
        ext = forms.StreetExtension.parse(value)
        normalized = None if ext is None else ext.value
    elif field == "denomination":
        normalized = forms.parse_bounded_text(value, forms.TextRules.DENOMINATION)
    else:
        raise AssertionError(f"unknown field kind {field}")
    return normalized, extras


def test_forms_vectors_are_all_there() -> None:
    assert len(FORMS) >= 100
    assert len({c["id"] for c in FORMS}) == len(FORMS)


@pytest.mark.parametrize("case", FORMS, ids=[c["id"] for c in FORMS])
def test_forms_vector(case: dict[str, Any]) -> None:
    if case["id"] in SKIP:
        pytest.skip(SKIP[case["id"]])
    assert case.get("source"), "no source"
    # The description's length is checked whatever the outcome, as the Rust runner does.
    if case["field"] == "description" and "len" in case:
        assert forms.description_len(_input_of(case)) == case["len"]
    try:
        normalized, extras = _run_form_case(case)
    except apart.FormError as e:
        assert not case["valid"], f"refused with {e.code}"
        assert e.code == case["code"]
        # Message conventions of design §4, seen from Python.
        for lang in ("fr", "en"):
            m = e.message_in(lang)
            assert m and not m.endswith(".") and not m[0].isupper(), m
        assert e.message_in("fr") != e.message_in("en")
        assert str(e) == e.message
        return
    assert case["valid"], f"accepted as {normalized!r}, expected {case.get('code')}"
    if isinstance(case.get("normalized"), str):
        assert normalized == case["normalized"]
    for key, value in extras.items():
        if key in case:
            assert value == case[key], key



# --- lifecycle.json ------------------------------------------------------------------------------

LIFECYCLE = json.loads((VECTORS / "lifecycle.json").read_text(encoding="utf-8"))["scenarios"]


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


class _World:
    """The state of one scenario, as in tests/suite/lifecycle.rs."""

    def __init__(self, scenario: dict[str, Any]) -> None:
        self.snapshots: dict[str, tuple[Machine, str]] = {}
        for alias, s in scenario["setup"].items():
            m = machine_by_id(s["machine"])
            assert m is not None, s["machine"]
            if "state" in s:
                stored = {
                    "machine": m.id,
                    "schema_version": m.schema_version,
                    "state": s["state"],
                    "context": s["context"],
                    "version": 0,
                    "history": [],
                }
                snapshot = m.restore(stored)
            else:
                snapshot = m.new_snapshot(s["context"])
            self.snapshots[alias] = (m, snapshot)
        self.tokens: dict[str, tuple[str, str]] = {}  # alias -> (record, link)
        self.requests: dict[str, list[dt.datetime]] = {}
        self.entropy = Entropy.fixed(bytes(scenario["entropy"]))

    def context(self, alias: str) -> dict[str, Any]:
        ctx: dict[str, Any] = json.loads(self.snapshots[alias][1])["context"]
        return ctx

    def step(self, step: dict[str, Any]) -> dict[str, Any]:
        now = _at(step["now"])
        event = step.get("event", {})
        if step["machine"] == "recovery":
            return self.recovery(event, now)
        if step["machine"] == "login":
            return self.login(event, now)
        m, snapshot = self.snapshots[step["machine"]]
        try:
            if step.get("tick"):
                out = m.tick(snapshot, now)
            else:
                out = m.apply(snapshot, event, step["actor"], now)
        except apart.ApartError as e:
            return {"error": e.code}
        self.snapshots[step["machine"]] = (m, out.snapshot)
        return {"state": m.state_of(out.snapshot), "effects": [e["type"] for e in out.effects]}

    @staticmethod
    def link(mail: dict[str, Any]) -> str:
        token: str = mail["body"]["token"]
        return token

    def recovery(self, event: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
        kind = event["type"]
        if kind == "RequestPasswordReset":
            alias = event["credential"]
            account = None
            if alias is not None:
                ctx = self.context(alias)
                stored = [t for t, _ in self.tokens.values()]
                account = (ctx["identifier"], ctx["email"], self.requests.get(alias, []), stored)
            out = recovery.request_password_reset(account, self.entropy, now)
            if out.record_request:
                self.requests.setdefault(alias, []).append(now)
            for sup in out.superseded:
                sup_id = json.loads(sup)["context"]["id"]
                for key, (record, link) in list(self.tokens.items()):
                    if json.loads(record)["context"]["id"] == sup_id:
                        self.tokens[key] = (sup, link)
            if out.issued is not None and event.get("store_as"):
                self.tokens[event["store_as"]] = (out.issued, self.link(out.effects[0]))
            return {"public": out.public, "effects": [e["type"] for e in out.effects]}
        if kind == "RequestIdentifierReminder":
            ids = event["identifiers"]
            reminder: tuple[str, list[str], list[dt.datetime]] | None = (
                None if ids is None else (event["email"], ids, [])
            )
            out = recovery.request_identifier_reminder(reminder, self.entropy, now)
            result: dict[str, Any] = {"public": out.public, "effects": [e["type"] for e in out.effects]}
            body = out.effects[0].get("body", {}) if out.effects else {}
            if body.get("type") == "identifier_reminder":
                assert out.effects[0]["to"] == event["email"]
                result["identifiers"] = body["identifiers"]
            return result
        if kind == "IssueActivation":
            ctx = self.context(event["credential"])
            issued, mail = recovery.activation_email(ctx["identifier"], ctx["email"], self.entropy, now)
            self.tokens[event["store_as"]] = (issued.token, self.link(mail))
            return {"effects": ["send_email"]}
        if kind == "Redeem":
            record, link = self.tokens[event["token"]]
            try:
                assert recovery.token_id(link) == json.loads(record)["context"]["id"]
            except apart.AccountError as e:
                return {"error": e.code}
            r = recovery.redeem(link, event["purpose"], record, now)
            if r.token is not None:
                self.tokens[event["token"]] = (r.token, link)
            if r.error is not None:
                return {"error": r.error.code}
            assert r.token is not None
            return {"state": json.loads(r.token)["state"]}
        if kind in ("CompleteActivation", "CompletePasswordReset"):
            record, link = self.tokens[event["token"]]
            alias = event["credential"]
            m, credential = self.snapshots[alias]
            if kind == "CompleteActivation":
                done = recovery.complete_activation(link, record, credential, now)
            else:
                hasher = Argon2idHasher(64, 1, 1)
                done = recovery.complete_password_reset(
                    link, record, credential, event["answer"], hasher, now
                )
            if done.token is not None:
                self.tokens[event["token"]] = (done.token, link)
            if done.credential is not None:
                self.snapshots[alias] = (m, done.credential)
            if done.error is not None:
                return {"error": done.error.code}
            assert done.credential is not None
            return {
                "state": json.loads(done.credential)["state"],
                "effects": [e["type"] for e in done.effects],
            }
        raise AssertionError(f"unknown recovery step {kind}")

    def login(self, event: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
        assert event["type"] == "Authenticate"
        alias = event["credential"]
        credential = None if alias is None else self.snapshots[alias][1]
        habilitations = [self.snapshots[a][1] for a in event["habilitations"]]
        out = account.authenticate(
            credential, bool(event["password_ok"]), habilitations, event["application"], now
        )
        if out.update_kind == "credential" and alias is not None:
            assert isinstance(out.update, str)
            self.snapshots[alias] = (self.snapshots[alias][0], out.update)
        if out.error is not None:
            return {"error": out.error.code}
        return {"establishments": out.establishments}


def test_lifecycle_vectors_are_all_there() -> None:
    assert len(LIFECYCLE) >= 5
    assert len({s["id"] for s in LIFECYCLE}) == len(LIFECYCLE)


@pytest.mark.parametrize("scenario", LIFECYCLE, ids=[s["id"] for s in LIFECYCLE])
def test_lifecycle_scenario(scenario: dict[str, Any]) -> None:
    if scenario["id"] in SKIP:
        pytest.skip(SKIP[scenario["id"]])
    assert scenario["source"]
    world = _World(scenario)
    for i, step in enumerate(scenario["steps"]):
        got = world.step(step)
        for key, want in step["expect"].items():
            assert got.get(key) == want, f"step {i} ({step.get('event', {}).get('type')}): {key}; got {got}"


# --- indemnity.json ------------------------------------------------------------------------------

INDEMNITY_DOC = json.loads((VECTORS / "indemnity.json").read_text(encoding="utf-8"))
INDEMNITY = INDEMNITY_DOC["cases"]


def _at_path(value: Any, path: str) -> Any:
    for key in path.split("."):
        value = value[int(key)] if isinstance(value, list) else value.get(key)
        if value is None:
            return None
    return value


def _same(want: str, got: Any) -> bool:
    if not isinstance(got, str):
        return False
    if want == got:
        return True
    try:
        return decimal.Decimal(want) == decimal.Decimal(got)
    except decimal.InvalidOperation:
        return False


def test_indemnity_vectors_are_all_there() -> None:
    assert len(INDEMNITY) >= 60
    # The file's own skip list holds source figures the core does not reproduce by design; it
    # names no case of `cases`, so every case runs here.
    ids = {c["id"] for c in INDEMNITY}
    assert not ids & {s["id"] for s in INDEMNITY_DOC["skipped"]}


@pytest.mark.parametrize("case", INDEMNITY, ids=[c["id"] for c in INDEMNITY])
def test_indemnity_vector(case: dict[str, Any]) -> None:
    if case["id"] in SKIP:
        pytest.skip(SKIP[case["id"]])
    assert case["source"]
    output: dict[str, Any]
    try:
        if case["kind"] == "employee_month":
            employee = indemnity.EmployeeMonth(**case["input"])
            options = indemnity.Options(**case.get("options", {}))
            out = indemnity.compute(employee, options)
            explained = indemnity.compute(employee, {**options.to_dict(), "explain": "on"})
            assert explained.employee_indemnity == out.employee_indemnity
            assert explained.employer_allocation == out.employer_allocation
            assert explained.explanation
            output = out.to_dict()
        elif case["kind"] == "contributions":
            i = case["input"]
            output = indemnity.contributions(
                dt.date.fromisoformat(i["date"]), i["territory"], i["indemnity"], i["net_pay_worked"]
            ).to_dict()
        else:
            raise AssertionError(f"unknown kind {case['kind']}")
    except (apart.IndemnityError, apart.LawError) as e:
        # A law error keeps its family (LawError) wherever it is met.
        assert "expected_error" in case, f"refused with {e.code}: {e.message}"
        assert e.code == case["expected_error"]
        return
    assert "expected" in case, f"accepted, expected {case.get('expected_error')}"
    for path, want in case["expected"].items():
        got = _at_path(output, path)
        assert _same(want, got), f"{path}: want {want}, got {got!r}"


# --- procedure.json ------------------------------------------------------------------------------

PROCEDURE = json.loads((VECTORS / "procedure.json").read_text(encoding="utf-8"))["cases"]


def _pointer(doc: Any, pointer: str) -> Any:
    """RFC 6901 JSON pointer (what serde_json's `Value::pointer` follows)."""
    for raw in pointer.split("/")[1:]:
        key = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(doc, list):
            if not key.isdigit() or int(key) >= len(doc):
                return None
            doc = doc[int(key)]
        elif isinstance(doc, dict) and key in doc:
            doc = doc[key]
        else:
            return None
    return doc


class _Procedure:
    """One case of procedure.json, as in tests/suite/procedure.rs."""

    MACHINES = {"da": "apart.da", "di": "apart.di", "assistance": "apart.assistance"}

    def __init__(self, case: dict[str, Any]) -> None:
        self.snapshots: dict[str, str] = {}
        for name in ("da", "assistance"):
            if name in case:
                self.snapshots[name] = self.machine(name).new_snapshot(case[name])

    def machine(self, name: str) -> Machine:
        m = machine_by_id(self.MACHINES[name])
        assert m is not None
        return m

    def outcome(self, snapshot: str, state: str, effects: list[str]) -> dict[str, Any]:
        return {"state": state, "effects": effects, "context": json.loads(snapshot)["context"]}

    def step(self, step: dict[str, Any]) -> dict[str, Any]:
        now = _at(step.get("now", "2000-01-01T00:00:00Z"))
        name = step["machine"]
        try:
            if name == "di" and "create" in step:
                existing = [self.snapshots["di"]] if "di" in self.snapshots else []
                di = procedure.create_di(
                    self.snapshots["da"], step["create"]["code"], step["create"]["month"], now, existing=existing
                )
                self.snapshots["di"] = di
                return self.outcome(di, self.machine("di").state_of(di), [])
            if "recap" in step:
                r = procedure.recap(self.snapshots[name], step["recap"])
                return self.outcome(self.snapshots[name], r.state, [])
            m = self.machine(name)
            if step.get("tick"):
                out = m.tick(self.snapshots[name], now)
            else:
                out = m.apply(self.snapshots[name], step["event"], step["actor"], now)
        except apart.ApartError as e:
            return {"error": e.code}
        self.snapshots[name] = out.snapshot
        return self.outcome(out.snapshot, m.state_of(out.snapshot), [e["type"] for e in out.effects])


def test_procedure_vectors_are_all_there() -> None:
    assert len(PROCEDURE) >= 20
    assert len({c["id"] for c in PROCEDURE}) == len(PROCEDURE)


@pytest.mark.parametrize("case", PROCEDURE, ids=[c["id"] for c in PROCEDURE])
def test_procedure_vector(case: dict[str, Any]) -> None:
    if case["id"] in SKIP:
        pytest.skip(SKIP[case["id"]])
    assert case["source"]
    run = _Procedure(case)
    for i, step in enumerate(case["steps"]):
        got = run.step(step)
        expect = step["expect"]
        at = f"step {i}"
        if "error" in expect:
            assert got.get("error") == expect["error"], f"{at}: got {got.get('error') or got['state']}"
            continue
        assert "error" not in got, f"{at}: unexpected error {got['error']}"
        assert got["state"] == expect["state"], at
        if "effects" in expect:
            assert got["effects"] == expect["effects"], f"{at}: effects"
        for pointer, want in expect.get("context", {}).items():
            assert _pointer(got["context"], pointer) == want, f"{at}: context {pointer}"


# --- errors.json ---------------------------------------------------------------------------------
# The same bad input gets the same code and family in every front end: records go in as Python
# dicts (the native dynamic form), through the public API.

ERRORS_FILE = VECTORS / "errors.json"
# Pending on main until every front end has a runner (STATUS.md): absent means not landed yet.
ERRORS: list[dict[str, Any]] = (
    json.loads(ERRORS_FILE.read_text(encoding="utf-8"))["cases"] if ERRORS_FILE.exists() else []
)


def _expand(value: Any) -> Any:
    """``{"$repeat": [text, n]}`` anywhere stands for ``text * n``."""
    if isinstance(value, dict):
        if "$repeat" in value:
            text, n = value["$repeat"]
            return text * n
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v) for v in value]
    return value


def _run_error_case(case: dict[str, Any]) -> str:
    """Runs one case through the public API; returns a description of a success (the case
    expects an error, so a success fails the test)."""
    op = case["op"]
    if op == "siret":
        return repr(apart.detect(_expand(case["input"])))
    if op == "compute":
        options = _expand(case.get("options", {}))
        out = apart.indemnity.compute(_expand(case["input"]), options)
        return str(out.employee_indemnity)
    if op == "form":
        assert case["form"] == "account"
        account.AccountForm.validate(_expand(case["input"]))
        return "valid"
    if op == "law_lookup":
        return str(apart.law.LawBook.builtin().lookup(case["param"], case["date"])["value"])
    if op == "machine":
        return _run_machine_case(case)
    raise AssertionError(f"unknown op {op}: add it to every runner and to the $format of errors.json")


def _run_machine_case(case: dict[str, Any]) -> str:
    """A new snapshot, then the steps: every one but the last must be taken."""
    m = machine_by_id(case["machine"])
    assert m is not None, case["machine"]
    snapshot = m.new_snapshot(_expand(case["context"]))
    *taken, last = case["steps"]
    for i, step in enumerate(taken):
        try:
            snapshot = m.apply(snapshot, _expand(step["event"]), step["actor"], _at(step["now"])).snapshot
        except apart.ApartError as e:
            raise AssertionError(f"step {i} refused with {e.code}, must be taken") from e
    out = m.apply(snapshot, _expand(last["event"]), last["actor"], _at(last["now"]))
    return f"last step taken: {m.state_of(out.snapshot)}"


@pytest.mark.skipif(not ERRORS_FILE.exists(), reason="tests/vectors/errors.json not on main yet")
def test_errors_vectors_are_all_there() -> None:
    assert len(ERRORS) >= 60
    assert len({c["id"] for c in ERRORS}) == len(ERRORS)


@pytest.mark.parametrize("case", ERRORS, ids=[c["id"] for c in ERRORS])
def test_errors_vector(case: dict[str, Any]) -> None:
    assert case["source"]
    expect = case["expect"]
    with pytest.raises(apart.ApartError) as caught:
        accepted = _run_error_case(case)
        raise AssertionError(f"accepted ({accepted}), expected {expect}")
    e = caught.value
    assert (e.code, e.family) == (expect["code"], expect["family"]), e.to_dict()
    assert type(e).__name__ == apart._errors.BY_FAMILY[e.family].__name__
    for detail in ("field", "kind"):
        if detail in expect:
            assert str(e.details.get(detail)) == expect[detail], e.to_dict()
    if "fields" in expect:
        assert isinstance(e, apart.FormError)
        have = {(f.field, f.code) for f in e.errors}
        for field, code in expect["fields"].items():
            assert (field, code) in have, have
    for lang in ("fr", "en"):
        assert 0 < len(e.message_in(lang)) <= 400, e.message_in(lang)
