"""The uniffi-generated Python module against the same cdylib as the Kotlin tests: a second
check of the uniffi scaffolding (not the Python SDK, which is bindings/python).

Runs every case of tests/vectors/siret.tsv, forms.json, indemnity.json, procedure.json,
lifecycle.json and errors.json (once on main), and a few API checks (Decimal scale, a machine step with an RFC 3339 `now`).
Standard library only. Environment (set by `make uniffi-python`):
  APART_UNIFFI_PY  folder with the generated `apart.py` and the cdylib beside it
  APART_VECTORS    tests/vectors
Skip list: none (SKIPPED below is empty).
"""

import json
import os
import sys
import traceback
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, os.environ["APART_UNIFFI_PY"])
import apart  # noqa: E402  (the generated module)

BOOK = apart.LawBook.builtin()

VECTORS = Path(os.environ["APART_VECTORS"])
RESULTS = {"passed": 0, "failed": 0}
SKIPPED = {}


def case(name, fn):
    try:
        fn()
        RESULTS["passed"] += 1
    except Exception:  # noqa: BLE001  (report every failure, then exit non-zero)
        RESULTS["failed"] += 1
        print(f"FAILED {name}", file=sys.stderr)
        traceback.print_exc()


def unescape(s):
    """The escapes of siret.tsv (`\\uXXXX`, `\\t`, `\\n`)."""
    return s.encode("ascii").decode("unicode_escape")


def siret_rows():
    lines = (VECTORS / "siret.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "input\tkind\tvalid\treason\tsource"
    for n, line in enumerate(lines[1:], start=2):
        cols = line.split("\t")
        assert len(cols) == 5, (n, line)
        yield n, unescape(cols[0]), cols[1], cols[2] == "true", cols[3]


def check_siret_row(text, kind, valid, reason):
    parser = {"siren": apart.Siren.parse, "siret": apart.Siret.parse}[kind]
    try:
        parser(text)
        ok = True
    except apart.ApartError.Siret as e:
        ok = False
        assert e.code and e.message_fr and e.message_en, e
    assert ok == valid, f"{reason}: accepted={ok}"
    if kind == "siret":
        assert apart.is_valid_siret(text) == valid


def phone_kind_json(kind):
    if isinstance(kind, apart.PhoneKind.OVERSEAS):
        return {"type": "overseas", "territory": kind.territory.name.lower(), "kind": kind.kind.name.lower()}
    return {"type": type(kind).__name__.split(".")[-1].lower()}


def run_form_case(c):
    text = c["input"] * c.get("repeat", 1) + c.get("suffix", "")
    extras = {}
    field = c["field"]
    if field == "phone":
        o = c.get("options", {})
        p = apart.PhoneFr.parse_with(text, apart.PhonePolicy(
            collectivities=o.get("collectivities", False),
            allow_premium=o.get("allow_premium", False),
            require_fixed_line=o.get("require_fixed_line", False)))
        extras["display"] = str(p)
        extras["kind"] = phone_kind_json(p.kind())
        return p.e164(), extras
    if field == "postal_code":
        p = apart.PostalCodeFr.parse(text)
        extras["area"] = p.area().name.lower()
        return str(p), extras
    if field == "city":
        return str(apart.City.parse(text)), extras
    if field == "email":
        return str(apart.Email.parse(text)), extras
    if field == "email_confirmation":
        apart.confirm_email(text, c["confirmation"])
        return None, extras
    if field == "description":
        extras["len"] = apart.description_len(text)
        return apart.Description.parse(text).as_str(), extras
    if field == "login_identifier":
        i = apart.LoginIdentifier.parse(text)
        extras["key"] = i.key()
        return str(i), extras
    if field == "person_name":
        return str(apart.PersonName.parse(text)), extras
    if field == "full_name":
        return str(apart.PersonName.parse_with(text, apart.text_rules(apart.TextField.FULL_NAME))), extras
    if field == "secret_answer":
        ctx = c["context"]
        context = apart.SecretAnswerContext(nom=ctx.get("nom"), prenom=ctx.get("prenom"), identifier=ctx.get("identifier"))
        return apart.SecretAnswer.parse(text, context).normalized(), extras
    if field == "street_number":
        n = apart.parse_street_number(text)
        return (None if n is None else str(n)), extras
    if field == "street_extension":
        e = apart.parse_street_extension(text)
        return (None if e is None else e.code()), extras
    if field == "denomination":
        return apart.BoundedText.parse(text, apart.text_rules(apart.TextField.DENOMINATION)).as_str(), extras
    raise AssertionError(f"unknown field kind {field}")


def check_form_case(c):
    try:
        normalized, extras = run_form_case(c)
    except apart.ApartError as e:
        assert not c["valid"], f"refused with {e.code}"
        assert e.code == c["code"], f"code {e.code}, expected {c['code']}"
        assert e.message_fr and e.message_fr != e.message_en
        return
    assert c["valid"], f"accepted as {normalized!r}"
    if c.get("normalized") is not None:
        assert normalized == c["normalized"], f"normalized {normalized!r}"
    for key, value in extras.items():
        if key in c:
            assert c[key] == value, f"{key} {value!r}, expected {c[key]!r}"


def enum_of(cls, text):
    return cls[text.upper()]


def check_indemnity_case(c):
    from decimal import Decimal
    i = c["input"]
    if c["kind"] == "contributions":
        run = lambda: apart.contributions(BOOK, date.fromisoformat(i["date"]), enum_of(apart.PayTerritory, i["territory"]),
                                          Decimal(i["indemnity"]), Decimal(i["net_pay_worked"]))
    else:
        m = apart.employee_month(i["month"], Decimal(i["gross_monthly"]), Decimal(i["hours_not_worked"]))
        enums = {"regime": apart.Regime, "category": apart.Category, "territory": apart.PayTerritory,
                 "overtime": apart.Overtime, "apld_majorated_by": apart.Regime}
        for key, value in i.items():
            if key in ("month", "gross_monthly", "hours_not_worked"):
                continue
            assert hasattr(m, key), f"unknown input field {key}"
            if key in enums:
                value = enum_of(enums[key], value)
            elif key == "hours_date":
                value = date.fromisoformat(value)
            elif not isinstance(value, (int, bool)) and key != "employee":
                value = Decimal(value)
            setattr(m, key, value)
        options = apart.default_options()
        for key, value in (c.get("options") or {}).items():
            if isinstance(value, bool):
                setattr(options, key, value)
                continue
            setattr(options, key, enum_of({"rounding": apart.RoundingPolicy,
                                           "full_time_floor": apart.FullTimeFloor}[key], value))
        run = lambda: apart.compute(BOOK, m, options)
    try:
        out = run()
    except apart.ApartError as e:
        assert e.code == c.get("expected_error"), f"refused with {e.code}"
        return
    assert "expected_error" not in c, f"accepted, expected {c.get('expected_error')}"
    for path, want in c["expected"].items():
        got = out
        for key in path.split("."):
            if isinstance(got, list):
                got = got[int(key)]
            elif isinstance(got, apart.Warning) and key == "code":
                got = got.code()
            else:
                got = getattr(got, key)
        ok = Decimal(want) == got if isinstance(got, Decimal) else str(got) == want
        assert ok, f"{path}: want {want}, got {got!r}"


def check_procedure_case(c):
    machines = {"da": apart.machine_by_id("apart.da"), "di": apart.machine_by_id("apart.di"),
                "assistance": apart.machine_by_id("apart.assistance")}
    snaps = {}
    if "da" in c:
        snaps["da"] = machines["da"].new_snapshot(json.dumps(c["da"]))
    if "assistance" in c:
        snaps["assistance"] = machines["assistance"].new_snapshot(json.dumps(c["assistance"]))
    for i, step in enumerate(c["steps"]):
        name, expect = step["machine"], step["expect"]
        now = instant(step.get("now", "2000-01-01T00:00:00Z"))
        m = machines[name]
        try:
            if "create" in step:
                code = apart.DiCode.parse(step["create"]["code"])
                snap = apart.create_di(snaps["da"], code, step["create"]["month"],
                                       [snaps["di"]] if "di" in snaps else [], now)
                state, effects = m.state_of(snap), []
                snaps["di"] = snap
            elif "recap" in step:
                snap = snaps[name]
                state = apart.Recap.of_snapshot(snap, enum_of(apart.RecapKind, step["recap"]), None).state()
                effects = []
            else:
                if step.get("tick"):
                    out = m.tick(snaps[name], now)
                else:
                    out = m.apply(snaps[name], json.dumps(step["event"]), enum_of(apart.Actor, step["actor"]), now)
                snap = snaps[name] = out.snapshot
                state, effects = m.state_of(snap), [e["type"] for e in json.loads(out.effects)]
        except apart.ApartError as e:
            assert expect.get("error") == e.code, f"step {i}: error {e.code}, expected {expect}"
            continue
        assert "error" not in expect, f"step {i}: {state}, expected error {expect['error']}"
        assert state == expect["state"], f"step {i}: state {state}, expected {expect['state']}"
        if "effects" in expect:
            assert effects == expect["effects"], f"step {i}: effects {effects}"
        context = json.loads(snap)["context"]
        for pointer, want in expect.get("context", {}).items():
            got = context
            for key in pointer.split("/")[1:]:
                got = got[int(key)] if isinstance(got, list) else got.get(key)
            assert got == want, f"step {i}: context {pointer} = {got!r}, expected {want!r}"


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class Password:
    """The caller's password check (a uniffi callback interface)."""

    def __init__(self, ok):
        self.ok = ok

    def verify(self):
        return self.ok


class LifecycleWorld:
    """One scenario of lifecycle.json, as tests/suite/lifecycle.rs and the Kotlin LifecycleTest
    run it."""

    def __init__(self, scenario):
        self.snapshots = {}
        for alias, s in scenario["setup"].items():
            m = apart.machine_by_id(s["machine"])
            if "state" in s:
                stored = {"machine": s["machine"], "schema_version": m.schema_version(), "state": s["state"],
                          "context": s["context"], "version": 0, "history": []}
                snap = m.restore(json.dumps(stored))
            else:
                snap = m.new_snapshot(json.dumps(s["context"]))
            self.snapshots[alias] = (m, snap)
        self.tokens = {}
        self.requests = {}
        self.entropy = apart.Entropy.fixed(bytes(scenario["entropy"]))
        self.policy = apart.TokenPolicy.recommended()
        self.limits = apart.default_reset_request_policy()

    def context(self, alias):
        return json.loads(self.snapshots[alias][1])["context"]

    def step(self, step):
        now, event = step["now"], step.get("event", {})
        if step["machine"] == "recovery":
            return self.recovery(event, instant(now))
        if step["machine"] == "login":
            return self.login(event, instant(now))
        m, snap = self.snapshots[step["machine"]]
        try:
            if step.get("tick"):
                out = m.tick(snap, instant(now))
            else:
                out = m.apply(snap, json.dumps(event), enum_of(apart.Actor, step["actor"]), instant(now))
        except apart.ApartError as e:
            return {"error": e.code}
        self.snapshots[step["machine"]] = (m, out.snapshot)
        return {"state": m.state_of(out.snapshot), "effects": [e["type"] for e in json.loads(out.effects)]}

    @staticmethod
    def public(outcome):
        return {apart.PublicOutcome.ACCEPTED: "accepted"}[outcome]

    def recovery(self, event, now):
        kind = event["type"]
        if kind == "RequestPasswordReset":
            alias = event["credential"]
            account = None
            if alias is not None:
                c = self.context(alias)
                account = apart.ResetAccount(identifier=c["identifier"], email=c["email"],
                                             recent_requests=self.requests.get(alias, []),
                                             tokens=[t for t, _ in self.tokens.values()])
            out = apart.request_password_reset(account, self.limits, self.policy, self.entropy, now)
            if out.record_request:
                self.requests.setdefault(alias, []).append(now)
            for sup in out.superseded:
                sup_id = json.loads(sup)["context"]["id"]
                for key, (record, link) in list(self.tokens.items()):
                    if json.loads(record)["context"]["id"] == sup_id:
                        self.tokens[key] = (sup, link)
            effects = json.loads(out.effects)
            if out.issued is not None and event.get("store_as"):
                self.tokens[event["store_as"]] = (out.issued, effects[0]["body"]["token"])
            return {"public": self.public(out.public), "effects": [e["type"] for e in effects]}
        if kind == "RequestIdentifierReminder":
            ids = event["identifiers"]
            account = None if ids is None else apart.ReminderAccount(
                email=event["email"], identifiers=ids, recent_requests=[])
            out = apart.request_identifier_reminder(account, self.limits, self.entropy, now)
            effects = json.loads(out.effects)
            result = {"public": self.public(out.public), "effects": [e["type"] for e in effects]}
            body = effects[0].get("body", {})
            if body.get("type") == "identifier_reminder":
                assert effects[0]["to"] == event["email"]
                result["identifiers"] = body["identifiers"]
            return result
        if kind == "IssueActivation":
            c = self.context(event["credential"])
            mail = apart.activation_email(c["identifier"], c["email"], self.policy, [], self.entropy, now)
            self.tokens[event["store_as"]] = (mail.token, json.loads(mail.email)["body"]["token"])
            return {"effects": ["send_email"]}
        if kind == "Redeem":
            record, link = self.tokens[event["token"]]
            try:
                wire = apart.WireToken.parse(link)
            except apart.ApartError as e:
                return {"error": e.code}
            assert wire.id() == json.loads(record)["context"]["id"]
            out = apart.redeem(wire, enum_of(apart.Purpose, event["purpose"]), record, self.policy, now)
            if out.token is not None:
                self.tokens[event["token"]] = (out.token, link)
            if out.error is not None:
                return {"error": out.error.code}
            return {"state": json.loads(out.token)["state"]}
        if kind in ("CompleteActivation", "CompletePasswordReset"):
            record, link = self.tokens[event["token"]]
            alias = event["credential"]
            m, credential = self.snapshots[alias]
            wire = apart.WireToken.parse(link)
            if kind == "CompleteActivation":
                out = apart.complete_activation(wire, record, credential, self.policy, now)
            else:
                hasher = apart.SecretHasher.argon2id_with_params(64, 1, 1)
                out = apart.complete_password_reset(wire, record, credential, event["answer"], hasher,
                                                    apart.AttemptCounter(), self.policy, now)
            if out.token is not None:
                self.tokens[event["token"]] = (out.token, link)
            if out.credential is not None:
                self.snapshots[alias] = (m, out.credential)
            if out.error is not None:
                return {"error": out.error.code}
            return {"state": m.state_of(out.credential), "effects": [e["type"] for e in json.loads(out.effects)]}
        raise AssertionError(f"unknown recovery step {kind}")

    def login(self, event, now):
        assert event["type"] == "Authenticate"
        alias = event["credential"]
        habilitations = [self.snapshots[a][1] for a in event["habilitations"]]
        if alias is None:
            target = apart.LoginTarget.UNKNOWN(counter=apart.AttemptCounter(),
                                               policy=apart.default_login_throttle_policy())
        else:
            target = apart.LoginTarget.KNOWN(snapshot=self.snapshots[alias][1], counter=apart.AttemptCounter())
        out = apart.authenticate(target, Password(event["password_ok"]), habilitations,
                                 enum_of(apart.Application, event["application"]), now)
        if alias is not None and isinstance(out.update, apart.LoginUpdate.CREDENTIAL):
            self.snapshots[alias] = (self.snapshots[alias][0], out.update.snapshot)
        if out.error is not None:
            return {"error": out.error.code}
        return {"establishments": out.establishments}


def check_lifecycle_scenario(scenario):
    assert scenario["source"]
    world = LifecycleWorld(scenario)
    for i, step in enumerate(scenario["steps"]):
        got = world.step(step)
        for key, want in step["expect"].items():
            assert got.get(key) == want, f"step {i} ({step.get('event', {}).get('type')}): {key}; got {got}"


def expand(value):
    """`{"$repeat": [text, n]}` anywhere in a value (errors.json)."""
    if isinstance(value, dict):
        if "$repeat" in value:
            text, n = value["$repeat"]
            return text * n
        return {k: expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value


def run_error_case(c):
    op, data = c["op"], expand(c.get("input"))
    if op == "siret":
        return apart.detect(data)
    if op == "compute":
        # Records as JSON text: a Python value of the generated records cannot hold an unknown
        # field or a wrong type, the JSON entry point can.
        return apart.compute_json(BOOK, json.dumps(data), json.dumps(expand(c.get("options", {}))))
    if op == "form":
        assert c["form"] == "account"
        return apart.validate_account_form(json.dumps(data))
    if op == "law_lookup":
        return BOOK.lookup(c["param"], apart.parse_civil_date(c["date"], "date"))
    if op == "machine":
        # A new snapshot, then the steps: every one but the last must be taken.
        m = apart.machine_by_id(c["machine"])
        snap = m.new_snapshot(json.dumps(expand(c["context"])))
        *taken, last = c["steps"]
        step = lambda s, st: m.apply(s, json.dumps(expand(st["event"])), enum_of(apart.Actor, st["actor"]), instant(st["now"]))
        for i, st in enumerate(taken):
            try:
                snap = step(snap, st).snapshot
            except apart.ApartError as e:
                raise AssertionError(f"step {i} refused with {e.code}, must be taken") from e
        return step(snap, last)
    raise AssertionError(f"unknown op {op}: add it to every runner")


def check_error_case(c):
    expect = c["expect"]
    try:
        got = run_error_case(c)
    except apart.ApartError as e:
        assert (e.code, e.family()) == (expect["code"], expect["family"]), (e.code, e.family(), expect)
        assert type(e).__name__.lower() == expect["family"], type(e).__name__
        assert e.message_fr and e.message_en and e.message_fr != e.message_en
        for key in ("field", "kind"):
            if key in expect:
                assert e.details.get(key) == apart.ErrorDetail.TEXT(expect[key]), (key, e.details)
        for field, code in expect.get("fields", {}).items():
            assert {f.field: f.code for f in e.fields}.get(field) == code, (field, e.fields)
        return
    raise AssertionError(f"accepted ({got!r}), expected {expect['code']}")


def api_checks():
    s = apart.Siret.parse("732 829 320 00074")
    assert s.as_str() == "73282932000074" and str(s) == "732 829 320 00074"
    assert s == apart.Siret.parse("73282932000074") and hash(s) == hash(apart.Siret.parse("73282932000074"))
    assert apart.detect("FR44732829320").kind() == apart.IdentifierKind.TVA
    try:
        apart.Siret.parse("73282932000075")
        raise AssertionError("accepted")
    except apart.ApartError.Siret as e:
        assert e.code == "SIRET_INVALID_KEY"
        assert e.details["expected"] == apart.ErrorDetail.INTEGER(4)
    at = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
    check = apart.HumanCheck.VERIFIED(at)
    assert check.require_fresh(at + timedelta(minutes=10), timedelta(minutes=10)) == at
    try:
        check.require_fresh(at + timedelta(minutes=11), timedelta(minutes=10))
        raise AssertionError("accepted")
    except apart.ApartError.Form as e:
        assert e.code == "CAPTCHA_EXPIRED"
    assert apart.machine_by_id("no.such.machine") is None
    # Decimals cross as decimal.Decimal, months as "YYYY-MM" strings, scale kept.
    from decimal import Decimal
    m = apart.employee_month("2026-01", Decimal("2000.00"), Decimal("35"))
    out = apart.simulate(m, apart.default_options())
    assert isinstance(out.employee_indemnity, Decimal) and out.employee_indemnity.as_tuple().exponent == -2
    try:
        apart.employee_month("2026-13", Decimal("2000"), Decimal("1"))
        raise AssertionError("accepted")
    except apart.ApartError.Input as e:
        assert e.code == "VALUE_INVALID_MONTH"
    # A DA submitted at 10:00 in Paris: the machine keeps the offset (RFC 3339 text here).
    da = apart.machine_by_id("apart.da")
    ctx = {"reference": "DA-1", "establishment": {"siret": "73282932000074", "name": "Boulangerie Martin",
           "address": "12 rue de la Paix, 75002 Paris"}, "request": {"motive": "economic_conditions",
           "period": {"start": "2022-03-01", "end": "2022-05-31"}, "employees": 4, "hours": "600"}}
    step = da.apply(da.new_snapshot(json.dumps(ctx)), '{"type": "Submit"}', apart.Actor.PRINCIPAL,
                    instant("2022-02-10T10:00:00+01:00"))
    assert da.state_of(step.snapshot) == "Submitted"
    assert json.loads(step.snapshot)["context"]["implicit_at"] == "2022-02-26T00:00:00+01:00"


def main():
    for n, text, kind, valid, reason in siret_rows():
        case(f"siret.tsv:{n}", lambda: check_siret_row(text, kind, valid, reason))
    for c in json.loads((VECTORS / "forms.json").read_text(encoding="utf-8"))["cases"]:
        case(f"forms.json {c['id']}", lambda: check_form_case(c))
    for c in json.loads((VECTORS / "indemnity.json").read_text(encoding="utf-8"))["cases"]:
        case(f"indemnity.json {c['id']}", lambda: check_indemnity_case(c))
    for c in json.loads((VECTORS / "procedure.json").read_text(encoding="utf-8"))["cases"]:
        case(f"procedure.json {c['id']}", lambda: check_procedure_case(c))
    for sc in json.loads((VECTORS / "lifecycle.json").read_text(encoding="utf-8"))["scenarios"]:
        case(f"lifecycle.json {sc['id']}", lambda: check_lifecycle_scenario(sc))
    # errors.json lands on main when every front end has a runner: until then, absent is skipped.
    if (VECTORS / "errors.json").exists():
        errors = json.loads((VECTORS / "errors.json").read_text(encoding="utf-8"))["cases"]
        assert len(errors) >= 60, len(errors)
        for c in errors:
            case(f"errors.json {c['id']}", lambda: check_error_case(c))
    case("api", api_checks)
    covered = {"siret.tsv", "siret.md", "forms.json", "indemnity.json", "procedure.json",
               "lifecycle.json", "errors.json"} | set(SKIPPED)

    def every_file_has_a_runner():
        missing = set(os.listdir(VECTORS)) - covered
        assert not missing, f"vector files without a runner here: {sorted(missing)}"

    case("every vector file has a runner", every_file_has_a_runner)
    print(f"uniffi-python: {RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
