package fr.apart

import com.google.gson.JsonObject
import fr.apart.Vectors.str
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import java.math.BigDecimal
import java.time.LocalDate
import java.time.YearMonth

/**
 * Every case of `tests/vectors/indemnity.json`, as `tests/suite/indemnity.rs` runs them
 * (each also with explanations on: same figures), plus BigDecimal and LocalDate behaviour.
 * Skip list: none (the file's own `skipped` list is about external sources, not runners).
 */
class IndemnityTest {
    private val book = LawBook.builtin()

    private fun <T : Enum<T>> enumOf(values: Array<T>, text: String): T =
        values.single { it.name == text.uppercase() }

    /** The vector's input (serde field names, decimals as strings) as an [EmployeeMonth]. */
    private fun employeeMonth(i: JsonObject): EmployeeMonth {
        fun dec(k: String) = i.str(k)?.let(::BigDecimal)
        var m = employeeMonth(YearMonth.parse(i.str("month")), dec("gross_monthly")!!, dec("hours_not_worked")!!)
        i.str("employee")?.let { m = m.copy(employee = it) }
        i.str("hours_date")?.let { m = m.copy(hoursDate = LocalDate.parse(it)) }
        dec("variable_pay_average")?.let { m = m.copy(variablePayAverage = it) }
        dec("contract_hours")?.let { m = m.copy(contractHours = it) }
        dec("days_not_worked")?.let { m = m.copy(daysNotWorked = it) }
        dec("training_hours")?.let { m = m.copy(trainingHours = it) }
        dec("net_hourly_pay")?.let { m = m.copy(netHourlyPay = it) }
        i.str("regime")?.let { m = m.copy(regime = enumOf(Regime.values(), it)) }
        i.str("category")?.let { m = m.copy(category = enumOf(Category.values(), it)) }
        i.str("territory")?.let { m = m.copy(territory = enumOf(PayTerritory.values(), it)) }
        i.str("overtime")?.let { m = m.copy(overtime = enumOf(Overtime.values(), it)) }
        i.str("apld_majorated_by")?.let { m = m.copy(apldMajoratedBy = enumOf(Regime.values(), it)) }
        dec("hours_used_this_year")?.let { m = m.copy(hoursUsedThisYear = it) }
        dec("net_pay_worked")?.let { m = m.copy(netPayWorked = it) }
        dec("rmm_net")?.let { m = m.copy(rmmNet = it) }
        i.get("apld_period_months")?.let { m = m.copy(apldPeriodMonths = it.asInt.toUInt()) }
        dec("apld_hours_used")?.let { m = m.copy(apldHoursUsed = it) }
        i.get("apld_months_used")?.let { m = m.copy(apldMonthsUsed = it.asInt.toUInt()) }
        i.get("apld_exceptional_reduction")?.let { m = m.copy(apldExceptionalReduction = it.asBoolean) }
        dec("complement_rate")?.let { m = m.copy(complementRate = it) }
        dec("complement_amount")?.let { m = m.copy(complementAmount = it) }
        val known = setOf("employee", "month", "hours_date", "gross_monthly", "variable_pay_average", "contract_hours",
            "hours_not_worked", "days_not_worked", "training_hours", "net_hourly_pay", "regime", "category", "territory",
            "overtime", "apld_majorated_by", "hours_used_this_year", "net_pay_worked", "rmm_net", "apld_period_months",
            "apld_hours_used", "apld_months_used", "apld_exceptional_reduction", "complement_rate", "complement_amount")
        assertEquals(emptySet<String>(), i.keySet() - known, "input fields this runner does not read")
        return m
    }

    private fun options(o: JsonObject?): Options {
        var options = defaultOptions()
        o?.str("rounding")?.let { options = options.copy(rounding = enumOf(RoundingPolicy.values(), it)) }
        o?.str("full_time_floor")?.let { options = options.copy(fullTimeFloor = enumOf(FullTimeFloor.values(), it)) }
        o?.get("strict_law_dates")?.let { options = options.copy(strictLawDates = it.asBoolean) }
        return options
    }

    /** Follows a dotted serde path (`contributions.total`, `warnings.0.code`) through the records. */
    private fun at(value: Any?, path: String): Any? = path.split('.').fold(value) { v, key ->
        when {
            v == null -> null
            v is List<*> -> v.getOrNull(key.toInt())
            v is Warning && key == "code" -> v.code()
            else -> {
                val getter = "get" + key.split('_').joinToString("") { it.replaceFirstChar(Char::uppercase) }
                v.javaClass.getMethod(getter).invoke(v)
            }
        }
    }

    /** Strings equal, or equal as decimals (`54.090` == `54.09`). */
    private fun same(want: String, got: Any?): Boolean = when (got) {
        is BigDecimal -> got.compareTo(BigDecimal(want)) == 0
        null -> false
        else -> got.toString() == want
    }

    @TestFactory
    fun vectors(): List<DynamicTest> {
        val cases = Vectors.cases("indemnity.json")
        assertTrue(cases.size >= 60, "expected the full corpus")
        return cases.map { case ->
            val id = case.get("id").asString
            dynamicTest("indemnity.json $id") {
                assertTrue(!case.str("source").isNullOrEmpty(), "$id: no source")
                val result: Result<Any> = runCatching {
                    when (case.get("kind").asString) {
                        "employee_month" -> {
                            val input = employeeMonth(case.getAsJsonObject("input"))
                            val options = options(case.getAsJsonObject("options"))
                            val plain = runCatching { compute(book, input, options) }
                            val explained = runCatching { compute(book, input, options.copy(explain = Explain.ON)) }
                            assertEquals(plain.isSuccess, explained.isSuccess, "explain changed the result")
                            explained.getOrNull()?.let { e ->
                                assertEquals(plain.getOrThrow().employeeIndemnity, e.employeeIndemnity)
                                assertTrue(e.explanation.isNotEmpty(), "no explanation")
                            }
                            plain.getOrThrow()
                        }
                        "contributions" -> {
                            val i = case.getAsJsonObject("input")
                            contributions(book, LocalDate.parse(i.str("date")), enumOf(PayTerritory.values(), i.str("territory")!!),
                                BigDecimal(i.str("indemnity")), BigDecimal(i.str("net_pay_worked")))
                        }
                        else -> error("unknown kind")
                    }
                }
                val expectedError = case.str("expected_error")
                if (expectedError != null) {
                    val e = result.exceptionOrNull()
                    assertTrue(e is ApartException, "$id: expected $expectedError, got $result")
                    assertEquals(expectedError, (e as ApartException).code(), id)
                } else {
                    val output = result.getOrElse { throw AssertionError("$id: refused", it) }
                    for ((path, want) in case.getAsJsonObject("expected").entrySet()) {
                        val got = at(output, path)
                        assertTrue(same(want.asString, got), "$id: $path: want ${want.asString}, got $got")
                    }
                }
            }
        }
    }

    @Test
    fun recordDefaultsAreTheCoreDefaults() {
        // The Kotlin defaults come from the core (record_defaults, #[uniffi(default)]): equal
        // to what the core's own constructors give.
        assertEquals(defaultOptions(), Options())
        val month = YearMonth.of(2026, 1)
        assertEquals(
            employeeMonth(month, BigDecimal("2000.00"), BigDecimal("35")),
            EmployeeMonth(month = month, grossMonthly = BigDecimal("2000.00"), hoursNotWorked = BigDecimal("35")),
        )
        assertEquals(employeeMonth(month, BigDecimal("1"), BigDecimal("0")), EmployeeMonth(month = month, grossMonthly = BigDecimal("1")))
        assertEquals(defaultLoginThrottlePolicy(), LoginThrottlePolicy())
        assertEquals(defaultResetRequestPolicy(), ResetRequestPolicy())
        assertEquals(Options(explain = Explain.ON), defaultOptions().copy(explain = Explain.ON))
    }

    @Test
    fun amountsAreBigDecimalsWithTheirScale() {
        val out = simulate(employeeMonth(YearMonth.of(2026, 1), BigDecimal("2000.00"), BigDecimal("35")), defaultOptions())
        // Results are rounded to the cent and keep scale 2, so they print as amounts.
        assertEquals(2, out.employeeIndemnity.scale())
        assertEquals(2, out.employerAllocation.scale())
        assertEquals(LocalDate.of(2026, 1, 1), out.parametersDate)
        assertEquals(YearMonth.of(2026, 1), out.month)
        assertEquals(BigDecimal("151.67"), legalMonthlyHours())
        // An input scale of 4 is read exactly, not through a double (vector spec4-01 relies on it).
        val exact = simulate(employeeMonth(YearMonth.of(2020, 11), BigDecimal("1539.4505"), BigDecimal("105")), defaultOptions())
        assertEquals(BigDecimal("10.15"), exact.hourlyReference)
    }

    @Test
    fun badDecimalsAreDomainErrors() {
        // 30 significant digits do not fit the core's 28: refused as a value, not a crash.
        val e = assertThrows<ApartException.Input> {
            simulate(employeeMonth(YearMonth.of(2026, 1), BigDecimal("123456789012345678901234567890"), BigDecimal.ONE), defaultOptions())
        }
        assertEquals("VALUE_INVALID_DECIMAL", e.code)
        val late = assertThrows<ApartException.Input> {
            simulate(employeeMonth(YearMonth.of(10000, 1), BigDecimal("2000"), BigDecimal.ONE), defaultOptions())
        }
        assertEquals("VALUE_INVALID_MONTH", late.code)
    }

    @Test
    fun aClosedObjectIsRefusedAsAnArgumentToo() {
        // uniffi lowered an argument without the destroyed-check of method calls: passing a
        // closed LawBook read freed memory (SIGSEGV in the user trial of 2026-12-07).
        val closed = LawBook.builtin()
        closed.close()
        val month = EmployeeMonth(month = YearMonth.of(2026, 1), grossMonthly = BigDecimal("3000"), hoursNotWorked = BigDecimal("70"))
        repeat(3) {
            val e = assertThrows<IllegalStateException> { compute(closed, month, Options()) }
            assertTrue(e.message!!.contains("already been destroyed"), e.message)
        }
        assertThrows<IllegalStateException> { closed.params() }
        // Closed by another thread while calls are in flight: each call gets the right answer
        // or IllegalStateException, never another object's data.
        val expected = compute(book, month, Options()).employeeIndemnity
        val wrong = java.util.concurrent.ConcurrentLinkedQueue<String>()
        repeat(20) {
            val shared = LawBook.builtin()
            val workers = (1..4).map {
                Thread {
                    repeat(200) {
                        runCatching { compute(shared, month, Options()).employeeIndemnity }
                            .onSuccess { if (it != expected) wrong.add("indemnity $it") }
                            .onFailure { if (it !is IllegalStateException) wrong.add(it.toString()) }
                    }
                }.apply { start() }
            }
            shared.close()
            workers.forEach { it.join() }
        }
        assertEquals(emptyList<String>(), wrong.toList())
    }

    @Test
    fun aCallerCanOverrideTheLaw() {
        val mine = LawBook.builtin()
        val smic = mine.lookup("smic_hourly", LocalDate.of(2026, 1, 15))
        assertTrue(BigDecimal(smic.value) > BigDecimal("11"))
        assertTrue(mine.params().contains("indemnity_floor"))
        assertEquals(emptyList<ApartException>(), mine.problems())
        // A book's problems are Law errors, returned rather than thrown, in French and English.
        val short = LawBook.builtin()
        short.setValidUntil("smic_hourly", LocalDate.of(2025, 12, 31))
        val problem = short.problems().single() as ApartException.Law
        assertEquals("LAW_INVALID_DATA", problem.code)
        assertEquals(
            "table « smic_hourly » invalide : vérifiée jusqu'au 2025-12-31 seulement, avant le 2026-05-31",
            problem.messageFr,
        )
        assertThrows<ApartException.Law> { mine.lookup("no_such_table", LocalDate.of(2026, 1, 15)) }
        // A decree published after this release: a law file in the built-in table format.
        val changed = mine.applyFile(
            "verified_until = \"2026-12-31\"\n[[tables]]\nid = \"smic_hourly\"\n[[tables.values]]\n" +
                "from = \"2026-06-01\"\nvalue = \"12.31\"\nsource = { title = \"Arrêté du 22 mai 2026\" }\n")
        assertEquals(listOf("smic_hourly"), changed)
        assertEquals(LocalDate.of(2026, 12, 31), mine.verifiedUntil())
        assertEquals("12.31", mine.lookup("smic_hourly", LocalDate.of(2026, 7, 1)).value)
        // The same row shape as the data files, in every language.
        mine.upsertRow("covid_protected_allocation_floor",
            LawRow(LocalDate.of(2021, 7, 1), "8.11", LawStatus.UNCONFIRMED, LawSource("caller: value to check", null), null))
        assertEquals("8.11", mine.lookup("covid_protected_allocation_floor", LocalDate.of(2021, 8, 1)).value)
        assertThrows<ApartException.Law> {
            mine.upsertRow("crds_rate", LawRow(LocalDate.of(2026, 1, 1), "-5", source = LawSource("x")))
        }
        assertTrue(lawDataVersion().isNotEmpty())
        assertTrue(lawFirstDate() < lawLastKnownDate())
    }

    @Test
    fun aMonthlyClaimAddsUp() {
        val month = YearMonth.of(2026, 1)
        val employees = listOf(
            employeeMonth(month, BigDecimal("2000"), BigDecimal("35")),
            employeeMonth(month, BigDecimal("3000"), BigDecimal("20")),
            employeeMonth(month, BigDecimal("2500"), BigDecimal("-1")),
        )
        val claim = computeClaim(book, month, employees, defaultOptions())
        assertEquals(2L, claim.totals.employees)
        assertEquals(1L, claim.totals.employeesRefused)
        // The error the same employee throws alone, of its family's class, kept as data.
        val refused = claim.lines[2].error as ApartException.Indemnity
        assertEquals("INDEMNITY_HOURS_OUT_OF_RANGE", refused.code)
        assertTrue(refused.messageEn.isNotEmpty() && refused.messageFr != refused.messageEn)
        val sum = claim.lines.mapNotNull { it.outcome?.employerAllocation }.fold(BigDecimal.ZERO, BigDecimal::add)
        assertEquals(0, sum.compareTo(claim.totals.employerAllocation))
    }
}
