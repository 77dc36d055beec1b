package fr.apart

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.math.BigDecimal

/** The JNI fast paths give the same answers as the uniffi API, refusals included. */
class FastTest {
    /** The uniffi answer; null, and text uniffi cannot carry (a lone surrogate), are `false`. */
    private fun slowValid(input: String?): Boolean =
        input != null && runCatching { isValidSiret(input) }.getOrElse { if (it is java.nio.charset.CharacterCodingException) false else throw it }

    @Test
    fun everySiretRowGetsTheSameAnswer() {
        val rows = Vectors.siretRows().filter { it.kind == "siret" }
        assertTrue(rows.size > 50)
        for (row in rows) {
            assertEquals(isValidSiret(row.input), ApartFast.isValidSiret(row.input), row.reason)
            val slow = runCatching { Siret.parse(row.input).use { it.asStr() } }
            val fast = runCatching { ApartFast.parseSiret(row.input) }
            assertEquals(slow.getOrNull(), fast.getOrNull(), row.reason)
            if (slow.isFailure) {
                assertEquals((slow.exceptionOrNull() as ApartException).code(), (fast.exceptionOrNull() as ApartException.Siret).code)
            }
        }
        val inputs = rows.map { it.input }.toTypedArray<String?>()
        assertArrayEquals(rows.map { isValidSiret(it.input) }.toBooleanArray(), ApartFast.validSirets(inputs))
        // The rows include "73282932000074\n" (valid): the batch is read element by element,
        // here across several local-reference frames of the native loop (256 elements each).
        assertTrue(inputs.any { '\n' in it!! })
        val many = (0 until 1000).map { rows[it % rows.size].input }
        assertArrayEquals(many.map { isValidSiret(it) }.toBooleanArray(), ApartFast.validSirets(many.toTypedArray()))
        // Without the rows holding a line break, the batch goes as the lines of one text; the
        // same rows as a text, through validSiretsInLines.
        val oneLine = rows.map { it.input }.filter { '\n' !in it && '\r' !in it }
        assertTrue(oneLine.size > 50)
        val expected = oneLine.map { isValidSiret(it) }.toBooleanArray()
        assertArrayEquals(expected, ApartFast.validSirets(oneLine.toTypedArray()))
        assertArrayEquals(expected, ApartFast.validSiretsInLines(oneLine.joinToString("\n")))
    }

    @Test
    fun linesAreCutAsStringLines() {
        val siret = "73282932000074"
        for (text in listOf("", "\n", siret, "$siret\n", "$siret\r\n\r\n$siret\r$siret", "\n\n$siret\n\n", "$siret\n\r", "732\u00a0829\u00a0320\u00a000074\n\uD800\n" + "7".repeat(100_000))) {
            // Java's line cutting (BufferedReader.readLine, String.lines()), not Kotlin's lines().
            assertArrayEquals(java.io.StringReader(text).readLines().map { slowValid(it) }.toBooleanArray(), ApartFast.validSiretsInLines(text), text.take(40))
        }
        assertArrayEquals(booleanArrayOf(true, false, true), ApartFast.validSiretsInLines("$siret\n\r\n$siret\n"))
    }

    @Test
    fun batchesTakeNullsAndNonAsciiText() {
        val answers = ApartFast.validSirets(arrayOf(null, "732\u00a0829\u00a0320\u00a000074", "7".repeat(100_000), "", "\uD800"))
        assertArrayEquals(booleanArrayOf(false, true, false, false, false), answers)
        assertEquals(0, ApartFast.validSirets(emptyArray()).size)
        // With a line break in an element: read element by element, nulls and all.
        val broken = arrayOf(null, "73282932000074\n", "", "73282932000074", "7328293\r2000074", "\r73282932000074", "\uD800")
        assertArrayEquals(broken.map { slowValid(it) }.toBooleanArray(), ApartFast.validSirets(broken))
        assertTrue(ApartFast.validSirets(broken)[1])
        assertArrayEquals(booleanArrayOf(false, false), ApartFast.validSirets(arrayOf("", null)))
    }

    @Test
    fun computeJsonIsTheCoreOutcome() {
        val employee = """{"month":"2026-01","gross_monthly":"2000.00","hours_not_worked":"35"}"""
        val fast = ApartFast.computeJson(employee)
        val typed = computeJson(LawBook.builtin(), employee, "{}")
        assertTrue(fast.contains("\"employee_indemnity\":\"${typed.employeeIndemnity.toPlainString()}\""), fast)
        val e = assertThrows<ApartException.Input> { ApartFast.computeJson("""{"month":"2026-01","gross_monthly":"2 000","hours_not_worked":"35"}""") }
        assertEquals("VALUE_INVALID_DECIMAL", e.code)
        assertEquals(ErrorDetail.Text("gross_monthly"), e.details["field"])
        assertEquals("INPUT_UNKNOWN_FIELD", assertThrows<ApartException.Input> { ApartFast.computeJson(employee, """{"explian":"on"}""") }.code)
        assertEquals("INDEMNITY_SALARY_OUT_OF_RANGE", assertThrows<ApartException.Indemnity> {
            ApartFast.computeJson("""{"month":"2026-01","gross_monthly":"-1","hours_not_worked":"35"}""")
        }.code)
    }

    @Test
    fun claimsKeepRefusedLines() {
        val employees = """[{"month":"2026-01","gross_monthly":"2000","hours_not_worked":"35"},
            {"month":"2026-01","gross_monthly":"-1","hours_not_worked":"35"}]"""
        val claim = ApartFast.computeClaimJson("2026-01", employees)
        assertTrue(claim.contains("INDEMNITY_SALARY_OUT_OF_RANGE"), claim)
        val m = employeeMonth(java.time.YearMonth.of(2026, 1), BigDecimal("2000"), BigDecimal("35"))
        val typed = computeClaim(LawBook.builtin(), java.time.YearMonth.of(2026, 1), listOf(m), defaultOptions())
        assertTrue(claim.contains("\"employee_indemnity\":\"${typed.lines[0].outcome!!.employeeIndemnity.toPlainString()}\""), claim)
        assertEquals("VALUE_INVALID_MONTH", assertThrows<ApartException.Input> { ApartFast.computeClaimJson("2026-13", "[]") }.code)
        assertEquals("INPUT_WRONG_TYPE", assertThrows<ApartException.Input> { ApartFast.computeClaimJson("2026-01", "{}") }.code)
    }
}
