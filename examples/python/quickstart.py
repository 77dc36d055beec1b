"""apart from Python in one page: identifiers, errors, a batch check, the indemnity, form fields,
machines.

Run it with the package installed (`make test-python` does, and runs this file):
    python examples/python/quickstart.py
"""

from __future__ import annotations

import datetime as dt

import apart
from apart import forms, indemnity
from apart.siret import Generator, Siret


def main() -> None:
    # Identifiers: parse leniently, get typed values back.
    siret = Siret("732 829 320 00074")
    print(f"{siret!r}: SIREN {siret.siren}, établissement n° {siret.nic.rank}, TVA {siret.tva}")

    # Errors: a stable code, a French message (English on request), structured fields.
    try:
        apart.Siret("73282932000075")
    except apart.SiretError as e:
        print(f"{e.code}: {e.message} / {e.message_in('en')} {dict(e.details)}")

    # A whole file of SIRETs in one call (the GIL is released while Rust checks).
    column = Generator(seed=42).siret_strings(5) + ["73282932000075", "not a siret"]
    valid = apart.is_valid_siret_many(column)
    print(f"{sum(valid)} valid SIRETs out of {len(column)}")

    # The indemnity of one employee-month, exact to the cent (Decimal in, Decimal out).
    out = indemnity.compute(indemnity.EmployeeMonth("2026-01", gross_monthly=3000, hours_not_worked=70))
    print(f"indemnity {out.employee_indemnity} €, allocation {out.employer_allocation} €")
    # A whole claim in one call; a refused line carries its error code.
    claim = indemnity.compute_claim(
        "2026-01", [indemnity.EmployeeMonth("2026-01", 2000 + 100 * i, 35) for i in range(10)]
    )
    print(f"claim of {claim.totals.employees} employees: {claim.totals.employer_allocation} € to claim")

    # Form fields: normalised records, or every refused field with its code.
    phone = forms.PhoneFr.parse("01 02 03 04 05")
    print(f"{phone.e164} ({phone.kind.name.lower()}) -> {phone.to_dict()['national']}")
    refused: list[str] = []
    for parse, value in [(forms.Email.parse, "jean@localhost"), (forms.PostalCodeFr.parse, "7500")]:
        try:
            parse(value)
        except apart.FormError as e:
            refused.append(e.code)
    print("refused:", ", ".join(refused))

    # Instants are timezone-aware datetimes; a naive one is refused with a clear error.
    check = forms.HumanCheck(verified_at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc))
    print("captcha passed at", check.require().isoformat())

    # Every lifecycle is a machine driven by JSON snapshots.
    for machine in apart.machines():
        print(f"machine {machine.id}: {len(machine.states())} states, starts in {machine.initial_state}")


if __name__ == "__main__":
    main()
