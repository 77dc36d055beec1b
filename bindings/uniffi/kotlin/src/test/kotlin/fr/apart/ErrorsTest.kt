package fr.apart

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import java.io.File
import java.time.OffsetDateTime

/**
 * `tests/vectors/errors.json`: the same bad input gets the same code and family in every front
 * end (the Rust runner is `tests/suite/errors.rs`). Records go through the JSON entry points
 * (`computeJson`, `validateAccountForm`), since a Kotlin value cannot hold an unknown field or a
 * wrong type; dates typed by a user through `parseCivilDate`.
 *
 * Skip list: none. Until the file lands on main the whole runner is skipped when it is absent
 * (an assumption, reported by JUnit), never case by case.
 */
class ErrorsTest {
    private val book = LawBook.builtin()

    @TestFactory
    fun errors(): List<DynamicTest> {
        val file = File(Vectors.dir, "errors.json")
        assumeTrue(file.exists(), "tests/vectors/errors.json is not on this branch yet")
        val cases = Vectors.cases("errors.json")
        assertTrue(cases.size >= 60, "errors.json shrank: ${cases.size}")
        return cases.map { case -> dynamicTest(case.get("id").asString) { check(case) } }
    }

    /** Expands `{"$repeat": [text, n]}` anywhere in a value. */
    private fun expand(value: JsonElement): JsonElement = when {
        value.isJsonObject && value.asJsonObject.has("\$repeat") -> {
            val args = value.asJsonObject.getAsJsonArray("\$repeat")
            JsonPrimitive(args[0].asString.repeat(args[1].asInt))
        }
        value.isJsonObject -> JsonObject().also { out ->
            for ((k, v) in value.asJsonObject.entrySet()) out.add(k, expand(v))
        }
        value.isJsonArray -> com.google.gson.JsonArray().also { out -> value.asJsonArray.forEach { out.add(expand(it)) } }
        else -> value
    }

    private fun run(case: JsonObject): Any? {
        val input = case.get("input")?.let(::expand)
        return when (val op = case.get("op").asString) {
            "siret" -> detect(input!!.asString)
            "compute" -> computeJson(book, input.toString(), case.get("options")?.let(::expand)?.toString() ?: "{}")
            "form" -> {
                assertEquals("account", case.get("form").asString)
                validateAccountForm(input.toString())
            }
            "law_lookup" -> {
                val date = parseCivilDate(case.get("date").asString, "date")
                book.lookup(case.get("param").asString, date)
            }
            "machine" -> runMachine(case)
            else -> error("unknown op $op: add it to every runner and to the \$format of errors.json")
        }
    }

    /** A new snapshot, then the steps through the machine's JSON interface: every one but the last must be taken. */
    private fun runMachine(case: JsonObject): Any? {
        val m = machineById(case.get("machine").asString) ?: error("unknown machine ${case.get("machine")}")
        var snapshot = m.newSnapshot(expand(case.get("context")).toString())
        val steps = case.getAsJsonArray("steps").map { it.asJsonObject }
        fun apply(step: JsonObject) = m.apply(
            snapshot,
            expand(step.get("event")).toString(),
            Actor.valueOf(step.get("actor").asString.uppercase()),
            OffsetDateTime.parse(step.get("now").asString),
        )
        for ((i, step) in steps.dropLast(1).withIndex()) {
            snapshot = try {
                apply(step).snapshot
            } catch (e: ApartException) {
                error("step $i refused with ${e.code()}, must be taken")
            }
        }
        return apply(steps.last())
    }

    private fun check(case: JsonObject) {
        val expect = case.getAsJsonObject("expect")
        val result = runCatching { run(case) }
        val e = result.exceptionOrNull()
        assertTrue(e is ApartException, "${case.get("id")}: expected ${expect.get("code")}, got $result")
        e as ApartException
        assertEquals(expect.get("code").asString, e.code())
        assertEquals(expect.get("family").asString, e.family())
        // The Kotlin class is the family's: ApartException.Input for `input`…
        assertEquals(expect.get("family").asString, e.javaClass.simpleName.lowercase())
        assertTrue(e.messageFr().isNotEmpty() && e.messageEn().isNotEmpty() && e.messageFr() != e.messageEn())
        assertEquals(e.messageFr(), e.message)
        expect.get("field")?.let { assertEquals(ErrorDetail.Text(it.asString), e.details()["field"], "field") }
        expect.get("kind")?.let { assertEquals(ErrorDetail.Text(it.asString), e.details()["kind"], "kind") }
        expect.getAsJsonObject("fields")?.let { fields ->
            val problems = (e as ApartException.Form).fields.associate { it.field to it.code }
            for ((field, code) in fields.entrySet()) {
                assertNotNull(problems[field], "field $field not refused: $problems")
                assertEquals(code.asString, problems[field], "field $field")
            }
        }
    }
}
