package fr.apart

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.Duration
import java.time.OffsetDateTime

/** The account and recovery functions beyond the machines, from Kotlin. */
class AccountTest {
    private val now = OffsetDateTime.parse("2026-03-02T09:00:00Z")
    private val cheap = SecretHasher.argon2idWithParams(64, 1, 1)

    private fun form(vararg fields: Pair<String, Any?>) = JsonObject().apply {
        for ((k, v) in fields) when (v) {
            is String -> addProperty(k, v)
            is JsonObject -> add(k, v)
        }
    }.toString()

    private val complete = arrayOf(
        "denomination" to "Boulangerie Martin", "street_number" to "12", "street_name" to "de la République",
        "postal_code" to "69002", "city" to "Lyon", "phone" to "04 72 00 00 00",
        "establishment_email" to "contact@boulangerie-martin.fr",
        "establishment_email_confirmation" to "contact@boulangerie-martin.fr",
        "nom" to "Martin", "prenom" to "Claire", "user_phone" to "06 12 34 56 78",
        "email" to "claire.martin@boulangerie-martin.fr", "email_confirmation" to "claire.martin@boulangerie-martin.fr",
        "secret_question" to "Nom de mon premier chien", "secret_answer" to "Médor",
        "human_check" to JsonObject().apply { addProperty("status", "verified"); addProperty("at", "2026-03-02T09:00:00Z") },
    )

    @Test
    fun aRefusedFormListsEveryField() {
        val e = assertThrows<ApartException.Form> { validateAccountForm(form("denomination" to "Boulangerie Martin")) }
        assertEquals("FORM_INVALID", e.code)
        val fields = e.fields.map { it.field }
        assertTrue("human_check" in fields || e.fields.any { it.code == "CAPTCHA_REQUIRED" }, "$fields")
        assertTrue("denomination" !in fields)
        for (f in e.fields) assertTrue(f.messageEn.isNotEmpty() && f.code.isNotEmpty())
    }

    @Test
    fun unknownFieldsAreInputErrors() {
        val e = assertThrows<ApartException.Input> { validateAccountForm("""{"nope": 1}""") }
        assertEquals("INPUT_UNKNOWN_FIELD", e.code)
        assertEquals(ErrorDetail.Text("nope"), e.details["field"])
    }

    @Test
    fun aSealedFormFeedsTheOnboardingMachine() {
        validateAccountForm(form(*complete))
        val request = JsonParser.parseString(sealAccountForm(form(*complete), cheap, Entropy.fixed(byteArrayOf(5))))
            .asJsonObject
        assertTrue(request.getAsJsonObject("secret_answer").get("scheme").asString.startsWith("argon2id"))
        // The stored hash checks the answer, accents and case aside.
        val stored = request.get("secret_answer").toString()
        val ok = checkSecretAnswer(cheap, "medor", stored, AttemptCounter(), now)
        assertNull(ok.error)
        val bad = checkSecretAnswer(cheap, "rex", stored, AttemptCounter(), now)
        assertEquals("SECRET_ANSWER_INVALID", bad.error?.code())
        assertEquals(1, bad.counter.failures)
    }

    @Test
    fun tokensAreIssuedRedeemedAndRevoked() {
        val policy = TokenPolicy(Duration.ofMinutes(30), Duration.ZERO)
        assertEquals(Duration.ofMinutes(30), policy.ttl())
        assertThrows<ApartException.Account> { TokenPolicy(Duration.ofHours(25), Duration.ZERO) }
        val issued = issueToken("ID12345", Purpose.PASSWORD_RESET, policy, emptyList(), Entropy.fixed(byteArrayOf(42)), now)
        val wire = WireToken.parse(issued.secret)
        val late = redeem(wire, Purpose.PASSWORD_RESET, issued.token, policy, now.plusSeconds(31 * 60))
        assertEquals("TOKEN_EXPIRED", late.error?.code())
        val ok = redeem(wire, Purpose.PASSWORD_RESET, issued.token, policy, now.plusSeconds(60))
        assertEquals("id12345", ok.redeemed?.subject) // identifiers are kept in canonical form
        val revoked = revokeAllTokens(listOf(issued.token), "ID12345", RevokeReason.PASSWORD_CHANGED, now)
        assertEquals("Revoked", machineById("apart.recovery_token")!!.stateOf(revoked.single()))
    }

    @Test
    fun throttlePolicies() {
        val policy = defaultLoginThrottlePolicy()
        assertEquals(Duration.ZERO, policy.delayAfter(0))
        val counter = AttemptCounter().withFailure(policy, now)
        assertEquals(1, counter.failures)
        assertTrue(defaultResetRequestPolicy().perHour > 0)
        assertTrue(resetRequestAllowed(defaultResetRequestPolicy(), emptyList(), now))
    }

    /** Security audit F1, F5, F6, S7: bounded hash costs, sealed snapshots, checked policies. */
    @Test
    fun sealsAndBounds() {
        val m = machineById("apart.credential")!!
        val snapshot = m.newSnapshot("""{"identifier":"ID12345","email":"paie@exemple.fr","nom":"Martin","prenom":"Claire"}""")
        val key = ByteArray(32) { 7 }
        val sealed = m.seal(snapshot, key)
        assertEquals(snapshot, m.open(sealed, key))
        val edited = sealed.replace("PendingActivation", "Active")
        assertEquals("SEAL_INVALID", assertThrows<ApartException.Machine> { m.open(edited, key) }.code)
        assertEquals("SEAL_INVALID", assertThrows<ApartException> { m.open(sealed, ByteArray(32) { 8 }) }.code())
        assertEquals("SEAL_MISSING", assertThrows<ApartException> { m.open(snapshot, key) }.code())
        val forged = """{"type":"PasswordResetCompleted","token_redeemed":true}"""
        assertEquals("MACHINE_INPUT_MALFORMED", assertThrows<ApartException> { m.apply(snapshot, forged, Actor.VISITOR, java.time.OffsetDateTime.parse("2026-03-02T09:00:00Z")) }.code())
        val huge = LoginThrottlePolicy(Int.MAX_VALUE, 30_000, 900_000, Int.MAX_VALUE)
        assertEquals("POLICY_INVALID", assertThrows<ApartException> { huge.delayAfter(1) }.code())
        assertEquals("POLICY_INVALID", assertThrows<ApartException> { SecretHasher.argon2idWithParams(Int.MAX_VALUE, 1, 1) }.code())
        // Java has no unsigned integers: counts are Int, and a negative one is refused.
        val negative = assertThrows<ApartException.Input> { AttemptCounter(failures = -1).check(now) }
        assertEquals("VALUE_OUT_OF_RANGE", negative.code)
        assertEquals(ErrorDetail.Text("failures"), negative.details["field"])
    }
}
