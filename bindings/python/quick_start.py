"""The quick start of bindings/python/README.md (the README shows this file; the tests check
they are the same, run it from a fresh virtual environment with only the wheel, and type-check
it with mypy --strict)."""

import datetime as dt
from decimal import Decimal

import apart
from apart import forms
from apart.indemnity import EmployeeMonth, compute, compute_claim

siret = apart.Siret("732 829 320 00074")  # lenient parse; apart.SiretError if refused
print(siret.siren, siret.nic.rank, siret.tva)  # 732 829 320  7  FR 44 732 829 320

try:
    apart.Siret("73282932000075")
except apart.SiretError as e:  # also a ValueError
    print(e.code, e.message_in("en"), e.details)  # SIRET_INVALID_KEY … {'expected': 4, 'found': 5}

print(apart.is_valid_siret_many(["73282932000074", "123"]))  # one call, GIL released: [True, False]
print(forms.PhoneFr.parse("01 02 03 04 05").e164)  # +33102030405

out = compute(EmployeeMonth("2026-01", gross_monthly=3000, hours_not_worked=70))
assert (out.employee_indemnity, out.employer_allocation) == (Decimal("830.90"), Decimal("599.90"))
# A dict works as well as the record; floats and unknown keys are refused with the core's codes.
try:
    compute({"month": "2026-01", "gross_monthly": 3000.0, "hours_not_worked": 70})
except apart.InputError as e:
    print(e.code, e.details["field"])  # VALUE_FLOAT_REFUSED gross_monthly

employees = [EmployeeMonth("2026-01", 2000 + i, 35) for i in range(100)]
claim = compute_claim("2026-01", employees)  # a whole DI in one call, GIL released
print(claim.totals.employer_allocation)  # Decimal

onboarding = apart.machine_by_id("apart.onboarding")
assert onboarding is not None
snapshot = onboarding.new_snapshot({})  # JSON text to store (dicts accepted too)
now = dt.datetime.now(dt.timezone.utc)  # aware datetimes only
print(onboarding.allowed_events(snapshot, apart.Actor.VISITOR, now))
