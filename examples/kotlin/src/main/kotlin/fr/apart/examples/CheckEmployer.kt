// The Kotlin quick start (package fr.apart): check an employer's identifiers, compute one
// employee's indemnity, and submit a DA, the way an app would. It is the README's quick start:
// `make test-uniffi` runs it against the debug library, and from a fresh Maven project that has
// only the jar of `make dist-kotlin` (uniffi-install-test).
package fr.apart.examples

import fr.apart.Actor
import fr.apart.ApartException
import fr.apart.ApartFast
import fr.apart.EmployeeMonth
import fr.apart.Options
import fr.apart.PhoneFr
import fr.apart.Siret
import fr.apart.detect
import fr.apart.machineById
import fr.apart.simulate
import java.math.BigDecimal
import java.time.OffsetDateTime
import java.time.YearMonth

fun main() {
    // A SIRET typed with spaces: parsed, then shown in its usual forms.
    val siret = Siret.parse("732 829 320 00074")
    println("SIRET ${siret.asStr()} (« $siret »), TVA ${siret.tva().asStr()}")
    println("detect: ${detect("FR 44 732 829 320").kind()}")
    // Per keystroke or per row: the JNI fast path (nanoseconds), same answers.
    println("valid: ${ApartFast.isValidSiret("732 829 320 00074")}, batch: ${ApartFast.validSirets(arrayOf("73282932000074", "73282932000075")).toList()}")

    // A refusal is an exception carrying the code, the French message and the fields.
    try {
        Siret.parse("732 829 320 00075")
    } catch (e: ApartException.Siret) {
        println("refused: ${e.code}: ${e.message} (details ${e.details})")
    }
    try {
        PhoneFr.parse("01 23")
    } catch (e: ApartException) { // any domain, without matching on it
        println("phone refused: ${e.code()}: $e")
    }

    // One employee-month: 2 000 € gross, 35 hours not worked in January 2026. Amounts are
    // BigDecimal both ways, never doubles; the amounts are rounded to the cent (scale 2). Every
    // other field, and every option, has the core's default (full time, droit commun…).
    val input = EmployeeMonth(month = YearMonth.of(2026, 1), grossMonthly = BigDecimal("2000.00"), hoursNotWorked = BigDecimal("35"))
    val out = simulate(input, Options())
    println("indemnity ${out.employeeIndemnity} €, allocation ${out.employerAllocation} € " +
        "(${out.employeeHourlyIndemnity} €/h, parameters of ${out.parametersDate})")

    // A DA, driven as JSON through its machine; `now` carries the establishment's offset.
    val da = machineById("apart.da")!!
    val draft = da.newSnapshot("""{"reference": "DA-1",
        "establishment": {"siret": "73282932000074", "name": "Boulangerie Martin", "address": "12 rue de la Paix, 75002 Paris"},
        "request": {"motive": "economic_conditions", "period": {"start": "2022-03-01", "end": "2022-05-31"},
                    "employees": 4, "hours": "600"}}""")
    val now = OffsetDateTime.parse("2022-02-10T10:00:00+01:00")
    println("DA events allowed: ${da.allowedEvents(draft, Actor.PRINCIPAL, now)}")
    val submitted = da.apply(draft, """{"type": "Submit"}""", Actor.PRINCIPAL, now)
    println("DA ${da.stateOf(submitted.snapshot)}, next deadline ${da.nextDeadline(submitted.snapshot)}")
}
