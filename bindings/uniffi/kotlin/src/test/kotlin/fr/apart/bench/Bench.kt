// A rough timing of calls through the Kotlin bindings (not a test, never an assertion): run
//   cargo build --release -p apart-uniffi
//   cd bindings/uniffi/kotlin && mvn -B -q test-compile exec:java -Dapart.main=fr.apart.bench.BenchKt \
//     -Dapart.exec.scope=test -Dapart.lib.dir=$PWD/../../../target/release
// and compare with the criterion benches (`cargo bench -p apart-benches`).
package fr.apart.bench

import fr.apart.Siret
import fr.apart.defaultOptions
import fr.apart.employeeMonth
import fr.apart.isValidSiret
import fr.apart.simulate
import java.math.BigDecimal
import java.time.YearMonth

private inline fun time(name: String, n: Int, body: () -> Unit) {
    repeat(n / 10) { body() } // warm-up
    val start = System.nanoTime()
    repeat(n) { body() }
    val ns = (System.nanoTime() - start).toDouble() / n
    println("%-40s %10.0f ns/call".format(name, ns))
}

fun main() {
    time("formLimits (no argument, record out)", 200_000) { fr.apart.formLimits() }
    time("identifierKindExpectedLength (enum in)", 200_000) { fr.apart.identifierKindExpectedLength(fr.apart.IdentifierKind.SIRET) }
    time("isValidSiret (bool)", 2_000_000) { isValidSiret("73282932000074") }
    time("Siret.parse + close (object)", 1_000_000) { Siret.parse("73282932000074").close() }
    time("Siret.parse failing (exception)", 200_000) { runCatching { Siret.parse("73282932000075") } }
    val input = employeeMonth(YearMonth.of(2026, 1), BigDecimal("2000.00"), BigDecimal("35"))
    val options = defaultOptions()
    time("simulate (record in, record out)", 200_000) { simulate(input, options) }
}
