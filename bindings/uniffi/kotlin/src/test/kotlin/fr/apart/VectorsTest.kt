package fr.apart

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonPrimitive
import fr.apart.Vectors.str
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/**
 * Every case of every file in `tests/vectors/`, through the Kotlin bindings, with the same
 * expectations as the Rust runners (`tests/suite/siret.rs`, `tests/suite/forms.rs`).
 *
 * Skip list: none. Every case runs. [vectorFilesAreAllCovered] fails when a new vector file
 * appears without a runner here.
 */
class VectorsTest {
    /** The vector files this class runs; a new file must get a runner. */
    private val covered = setOf("siret.tsv", "siret.md", "forms.json", "lifecycle.json", "indemnity.json", "procedure.json", "errors.json")

    @Test
    fun vectorFilesAreAllCovered() {
        val files = Vectors.dir.list()!!.toSet()
        assertEquals(emptySet<String>(), files - covered, "vector files without a Kotlin runner")
    }

    // -----------------------------------------------------------------------------------------
    // siret.tsv

    @TestFactory
    fun siret(): List<DynamicTest> {
        val rows = Vectors.siretRows()
        assertTrue(rows.size >= 150, "the SIRET vectors shrank: ${rows.size}")
        return rows.map { row ->
            dynamicTest("siret.tsv:${row.line} ${row.kind} ${row.input.trim()}") {
                val result = runCatching {
                    when (row.kind) {
                        "siren" -> Siren.parse(row.input).toString()
                        "siret" -> Siret.parse(row.input).toString()
                        else -> error("kind ${row.kind}")
                    }
                }
                assertEquals(row.valid, result.isSuccess, "${row.reason} (${row.source}): $result")
                if (row.kind == "siret") {
                    assertEquals(row.valid, isValidSiret(row.input), "isValidSiret")
                }
                if (!row.valid) {
                    // Refusals are domain errors carrying the core's code, never a crash.
                    val e = result.exceptionOrNull()
                    assertTrue(e is ApartException.Siret, "expected ApartException.Siret, got $e")
                    val code = (e as ApartException).code()
                    val ok = when (row.reason.substringBefore(':')) {
                        "checksum" -> code.endsWith("_KEY") || code == "IDENTIFIER_PLACEHOLDER"
                        "length" -> code in setOf("IDENTIFIER_INVALID_LENGTH", "IDENTIFIER_EMPTY")
                        "format" -> code in setOf("IDENTIFIER_INVALID_CHARACTER", "IDENTIFIER_INVALID_LENGTH")
                        "policy" -> true
                        else -> error("reason ${row.reason}")
                    }
                    assertTrue(ok, "${row.reason}: got $code")
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // forms.json

    /** What one parser said: `Result<normalized>` and the extra outputs a case may check. */
    private class Outcome(val result: Result<String?>, val extras: Map<String, JsonElement>)

    private fun phoneKindJson(kind: PhoneKind): JsonObject = JsonObject().apply {
        when (kind) {
            PhoneKind.Fixed -> addProperty("type", "fixed")
            PhoneKind.Mobile -> addProperty("type", "mobile")
            PhoneKind.Voip -> addProperty("type", "voip")
            PhoneKind.Special -> addProperty("type", "special")
            is PhoneKind.Overseas -> {
                addProperty("type", "overseas")
                addProperty("territory", snake(kind.territory.name))
                addProperty("kind", snake(kind.kind.name))
            }
        }
    }

    /** `SAINT_PIERRE_ET_MIQUELON` -> `saint_pierre_et_miquelon` (the core's serde names). */
    private fun snake(name: String) = name.lowercase()

    private fun run(case: JsonObject): Outcome {
        val input = Vectors.inputOf(case)
        val extras = mutableMapOf<String, JsonElement>()
        val result: Result<String?> = runCatching {
            when (val field = case.get("field").asString) {
                "phone" -> {
                    val o = case.getAsJsonObject("options") ?: JsonObject()
                    val policy = PhonePolicy(
                        collectivities = o.get("collectivities")?.asBoolean ?: false,
                        allowPremium = o.get("allow_premium")?.asBoolean ?: false,
                        requireFixedLine = o.get("require_fixed_line")?.asBoolean ?: false,
                    )
                    val p = PhoneFr.parseWith(input, policy)
                    extras["display"] = JsonPrimitive(p.toString())
                    extras["kind"] = phoneKindJson(p.kind())
                    p.e164()
                }
                "postal_code" -> PostalCodeFr.parse(input).let {
                    extras["area"] = JsonPrimitive(snake(it.area().name))
                    it.toString()
                }
                "city" -> City.parse(input).toString()
                "email" -> Email.parse(input).toString()
                "email_confirmation" -> {
                    confirmEmail(input, case.get("confirmation").asString)
                    null
                }
                "description" -> {
                    extras["len"] = JsonPrimitive(descriptionLen(input).toLong())
                    Description.parse(input).asStr()
                }
                "login_identifier" -> LoginIdentifier.parse(input).let {
                    extras["key"] = JsonPrimitive(it.key())
                    it.toString()
                }
                "person_name" -> PersonName.parse(input).toString()
                "full_name" -> PersonName.parseWith(input, textRules(TextField.FULL_NAME)).toString()
                "secret_answer" -> {
                    val c = case.getAsJsonObject("context")
                    val context = SecretAnswerContext(c.str("nom"), c.str("prenom"), c.str("identifier"))
                    SecretAnswer.parse(input, context).normalized()
                }
                "street_number" -> parseStreetNumber(input)?.toString()
                "street_extension" -> parseStreetExtension(input)?.code()
                "denomination" -> BoundedText.parse(input, textRules(TextField.DENOMINATION)).asStr()
                else -> error("unknown field kind $field")
            }
        }
        return Outcome(result, extras)
    }

    /** The checks of design §4 on a refusal: code, both messages, `toString()` is French. */
    private fun checkError(id: String, e: ApartException): String {
        val code = e.code()
        assertTrue(code.isNotEmpty() && code.all { it.isUpperCase() || it == '_' }, "$id: $code")
        for (m in listOf(e.messageFr(), e.messageEn())) {
            assertTrue(m.isNotEmpty() && !m.endsWith('.') && !m.first().isUpperCase(), "$id: $m")
        }
        assertTrue(e.messageFr() != e.messageEn(), "$id: untranslated")
        assertEquals(e.messageFr(), e.toString(), "$id: toString() is the French message")
        return code
    }

    @TestFactory
    fun forms(): List<DynamicTest> {
        val cases = Vectors.cases("forms.json")
        assertTrue(cases.size >= 100, "the forms vectors shrank: ${cases.size}")
        val ids = mutableSetOf<String>()
        return cases.map { case ->
            val id = case.get("id").asString
            assertTrue(ids.add(id), "duplicate id $id")
            dynamicTest("forms.json $id") {
                assertTrue(!case.str("source").isNullOrEmpty(), "$id: no source")
                val outcome = run(case)
                val valid = case.get("valid").asBoolean
                val result = outcome.result
                if (valid) {
                    val normalized = result.getOrElse { throw AssertionError("$id: refused with $it", it) }
                    case.str("normalized")?.let { assertEquals(it, normalized, "$id: normalized") }
                    for ((key, value) in outcome.extras) {
                        val expected = case.get(key) ?: continue
                        assertEquals(expected, value, "$id: $key")
                    }
                } else {
                    val e = result.exceptionOrNull()
                    assertTrue(e is ApartException, "$id: accepted as ${result.getOrNull()}, or crashed: $e")
                    assertEquals(case.get("code").asString, checkError(id, e as ApartException), "$id: code")
                }
            }
        }
    }
}
