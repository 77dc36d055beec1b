package fr.apart

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import java.time.OffsetDateTime
import java.time.YearMonth

/**
 * Every case of `tests/vectors/procedure.json` (format in its `format` key), as
 * `tests/suite/procedure.rs` runs them: the DA, DI and assistance machines through [Machine],
 * DI creation through [createDi], recaps through [Recap]. Skip list: none.
 */
class ProcedureTest {
    private class Case {
        var da: String? = null
        var di: String? = null
        var assistance: String? = null
    }

    /** The outcome of a step: state, effect types and the snapshot's context, or an error code. */
    private data class Outcome(val state: String?, val effects: List<String>, val context: JsonObject?, val error: String?)

    private fun machine(id: String) = machineById(id)!!

    private fun ok(snapshot: String, state: String, effects: List<String>) =
        Outcome(state, effects, JsonParser.parseString(snapshot).asJsonObject.getAsJsonObject("context"), null)

    private fun types(effectsJson: String) =
        JsonParser.parseString(effectsJson).asJsonArray.map { it.asJsonObject.get("type").asString }

    private fun drive(id: String, snapshot: String?, step: JsonObject, now: OffsetDateTime, store: (String) -> Unit): Outcome {
        val m = machine(id)
        return try {
            val out = if (step.has("tick")) m.tick(snapshot!!, now) else {
                val actor = Actor.valueOf(step.get("actor").asString.uppercase())
                m.apply(snapshot!!, step.get("event").toString(), actor, now)
            }
            store(out.snapshot)
            ok(out.snapshot, m.stateOf(out.snapshot), types(out.effects))
        } catch (e: ApartException) {
            Outcome(null, emptyList(), null, e.code())
        }
    }

    private fun recap(snapshot: String, kind: String): Outcome = try {
        val r = Recap.ofSnapshot(snapshot, RecapKind.valueOf(kind.uppercase()), null)
        ok(snapshot, r.state(), emptyList())
    } catch (e: ApartException) {
        Outcome(null, emptyList(), null, e.code())
    }

    private fun run(case: Case, step: JsonObject): Outcome {
        val now = OffsetDateTime.parse(step.get("now")?.asString ?: "2000-01-01T00:00:00Z")
        return when (step.get("machine").asString) {
            "da" -> step.get("recap")?.let { recap(case.da!!, it.asString) }
                ?: drive("apart.da", case.da, step, now) { case.da = it }
            "di" -> {
                step.getAsJsonObject("create")?.let { create ->
                    return try {
                        val code = DiCode.parse(create.get("code").asString)
                        val di = createDi(case.da!!, code, YearMonth.parse(create.get("month").asString), listOfNotNull(case.di), now)
                        case.di = di
                        ok(di, machine("apart.di").stateOf(di), emptyList())
                    } catch (e: ApartException) {
                        Outcome(null, emptyList(), null, e.code())
                    }
                }
                step.get("recap")?.let { recap(case.di!!, it.asString) }
                    ?: drive("apart.di", case.di, step, now) { case.di = it }
            }
            "assistance" -> drive("apart.assistance", case.assistance, step, now) { case.assistance = it }
            else -> error("unknown machine")
        }
    }

    /** RFC 6901 pointer into a JSON value. */
    private fun pointer(root: JsonElement?, p: String): JsonElement? =
        p.split('/').drop(1).map { it.replace("~1", "/").replace("~0", "~") }.fold(root) { v, key ->
            when (v) {
                is JsonObject -> v.get(key)
                is JsonArray -> key.toIntOrNull()?.let { v.get(it) }
                else -> null
            }
        }

    @TestFactory
    fun vectors(): List<DynamicTest> {
        val cases = Vectors.cases("procedure.json")
        assertTrue(cases.size >= 30, "the procedure vectors shrank")
        return cases.map { c ->
            val id = c.get("id").asString
            dynamicTest("procedure.json $id") {
                assertTrue(c.get("source").asString.isNotEmpty())
                val case = Case()
                c.get("da")?.let { case.da = machine("apart.da").newSnapshot(it.toString()) }
                c.get("assistance")?.let { case.assistance = machine("apart.assistance").newSnapshot(it.toString()) }
                c.getAsJsonArray("steps").forEachIndexed { i, s ->
                    val step = s.asJsonObject
                    val expect = step.getAsJsonObject("expect")
                    val at = "$id step $i"
                    val out = run(case, step)
                    val wantError = expect.get("error")?.asString
                    if (wantError != null) {
                        assertEquals(wantError, out.error, "$at: $out")
                    } else {
                        assertEquals(null, out.error, "$at: unexpected error")
                        assertEquals(expect.get("state").asString, out.state, at)
                        expect.getAsJsonArray("effects")?.let { want ->
                            assertEquals(want.map { it.asString }, out.effects, "$at: effects")
                        }
                        expect.getAsJsonObject("context")?.entrySet()?.forEach { (p, want) ->
                            assertEquals(want, pointer(out.context, p), "$at: context $p")
                        }
                    }
                }
            }
        }
    }

    @Test
    fun nirAndIbanAreMasked() {
        assertFalse(isValidNir("123"))
        assertEquals("12345**********", maskNir("123456789012345"))
        assertTrue(maskIban("FR7630006000011234567890189").contains("*"))
    }

    @Test
    fun diCodesMatchLoosely() {
        val code = DiCode.parse("B2")
        assertTrue(code.matches(" B 2"))
        assertEquals(code, findDiCode(" B 2", listOf(DiCode.parse("A1"), code)))
        assertEquals("DI_CODE_NOT_FOUND", org.junit.jupiter.api.assertThrows<ApartException.Procedure> {
            findDiCode("C3", listOf(code))
        }.code)
    }

    @Test
    fun assistanceForms() {
        val form = JsonParser.parseString(assistanceFormPreselected(AssistanceMotive.DEMANDE_INDEMNISATION)).asJsonObject
        assertEquals(AssistanceMotive.DEMANDE_INDEMNISATION.code(), form.get("motive").asString)
        val e = org.junit.jupiter.api.assertThrows<ApartException.Form> {
            validateAssistanceForm(form.toString(), HumanCheck.NotVerified)
        }
        assertTrue(e.fields.any { it.code == "CAPTCHA_REQUIRED" })
    }

    /** The lists a page shows, the core's records in every front end. */
    @Test
    fun listsOfMotivesAndStates() {
        assertEquals(Choice("autres", "Autres"), assistanceMotives().last())
        assertEquals(Choice("economic_conditions", "La conjoncture économique"), daMotives().first())
        assertEquals(DaStateInfo("Submitted", "Transmise", false), daStates().first { it.name == "Submitted" })
        val validated = diStates().first { it.extranetCode == 9 }
        assertEquals("Validated", validated.name)
        assertEquals(EmployerStatus.VALIDATED, validated.employerStatus)
        assertTrue(validated.countsAsFiled)
        assertEquals(machine("apart.di").states(), diStates().map { it.name })
        assertTrue(streetTypes().contains(Choice("AV", "Avenue")))
        assertEquals("B", streetExtensions().first().code)
    }

    /** Issue 11.5: a caller's law book (30 days to decide from 2022-01-01) reaches the DA. */
    @Test
    fun aCallersLawBookReachesTheDa() {
        val book = LawBook.builtin()
        book.upsertRow("da_decision_delay_days",
            LawRow(java.time.LocalDate.of(2022, 1, 1), "30", LawStatus.CONFIRMED, LawSource("test decree", null), null))
        val da = machine("apart.da")
        val draft = da.newSnapshot("""{"reference":"DA-1","establishment":{"siret":"73282932000074","name":"Martin"},
            "request":{"motive":"economic_conditions","period":{"start":"2022-03-01","end":"2022-05-31"},"employees":4,"hours":"600"}}""")
        val now = OffsetDateTime.parse("2022-02-10T10:00:00+01:00")
        fun delay(m: Machine): Int = JsonParser.parseString(m.apply(draft, """{"type":"Submit"}""", Actor.PRINCIPAL, now).snapshot)
            .asJsonObject.getAsJsonObject("context").get("decision_delay_days").asInt
        assertEquals(15, delay(da))
        assertEquals(30, delay(da.withLaw(book)))
        assertEquals("apart.credential", machine("apart.credential").withLaw(book).id())
        assertTrue(annualQuotaUse(book, 2022, QuotaCategory.STANDARD, listOf()).isEmpty())
    }
}
