package fr.apart

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.Duration
import java.time.OffsetDateTime

/** Kotlin-specific behaviour of the bindings: exceptions, objects, instants, enums. */
class ApiTest {
    @Test
    fun identifiersAreValueObjects() {
        val siret = Siret.parse(" 732 829 320 00074 ")
        assertEquals("73282932000074", siret.asStr())
        assertEquals("732 829 320 00074", siret.toString())
        assertEquals("732.829.320.00074", siret.formatWith("."))
        assertEquals(Siret.parse("73282932000074"), siret)
        assertEquals(Siret.parse("73282932000074").hashCode(), siret.hashCode())
        assertEquals("FR44732829320", siret.tva().asStr())
        assertEquals(74, siret.nic().rank().toInt() * 10 + siret.nic().checkDigit().toInt())
        assertTrue(Siren.parse("552008443") < Siren.parse("732829320"))
        assertEquals("732829320", Siren.complete("73282932").asStr())
        assertEquals(siret, Siret.fromParts(Siren.parse("732829320"), Nic.parse("00074")))
        assertEquals(siret, Siret.complete(Siren.parse("732829320"), "0007"))
        assertNull(Tva.parse("FR 44 732 829 320").takeIf { it.isMonaco() })
        assertEquals(14, identifierKindExpectedLength(IdentifierKind.SIRET))
    }

    @Test
    fun anExceptionOfThePasswordCheckReachesTheCaller() {
        // It made the Rust side panic (InternalException, checked, not an ApartException) in
        // the user trial of 2026-12-07.
        val now = OffsetDateTime.parse("2026-03-02T10:00:00Z")
        val target = LoginTarget.Unknown(AttemptCounter(), defaultLoginThrottlePolicy())
        val failing = object : PasswordCheck {
            override fun verify(): Boolean = throw java.io.IOException("hash store unreachable")
        }
        val e = assertThrows<ApartException.Internal> {
            authenticate(target, failing, emptyList(), Application.APART, now)
        }
        assertEquals("INTERNAL_BINDING", e.code)
        assertTrue(e.messageEn.contains("hash store unreachable"), e.messageEn)
        // An ApartException thrown by the check comes back as it is.
        val ours = ApartException.Account("THROTTLE_REACHED", "fr", "en", emptyMap())
        val passed = assertThrows<ApartException.Account> {
            authenticate(target, object : PasswordCheck {
                override fun verify(): Boolean = throw ours
            }, emptyList(), Application.APART, now)
        }
        assertEquals(ours, passed)
        // A check that answers is unchanged: an unknown identifier is refused, its counter kept.
        val out = authenticate(target, object : PasswordCheck {
            override fun verify() = true
        }, emptyList(), Application.APART, now)
        assertEquals("INVALID_CREDENTIALS", out.error?.code())
    }

    @Test
    fun detectTellsTheKindsApart() {
        val id = detect("FR 44 732 829 320")
        assertEquals(IdentifierKind.TVA, id.kind())
        assertEquals("732829320", id.siren()?.asStr())
        assertEquals("FR 44 732 829 320", id.toString())
        assertEquals(null, id.siret())
        assertEquals(IdentifierKind.SIREN, detect("732829320").kind())
        assertEquals("73282932000074", detect("732 829 320 00074").siret()?.asStr())
    }

    @Test
    fun siretErrorsAreTypedExceptionsWithTheCoreFields() {
        val e = assertThrows<ApartException.Siret> { Siret.parse("732 829 320 00075") }
        assertEquals("SIRET_INVALID_KEY", e.code)
        assertEquals("numéro SIRET invalide : clé de contrôle attendue 4, trouvée 5", e.messageFr)
        assertEquals("invalid SIRET: check digit expected 4, found 5", e.messageEn)
        assertEquals(ErrorDetail.Integer(4), e.details["expected"])
        assertEquals(ErrorDetail.Integer(5), e.details["found"])
        // The same through the common accessors of every ApartException, and toString().
        val any: ApartException = e
        assertEquals("SIRET_INVALID_KEY", any.code())
        assertEquals(e.messageFr, any.messageFr())
        assertEquals(e.messageFr, any.toString())
        // `message` (what logs and stack traces print) is the French sentence.
        assertEquals(e.messageFr, e.message)
        assertEquals("siret", any.family())
    }

    @Test
    fun lengthErrorsCarryTheirHint() {
        val e = assertThrows<ApartException.Siret> { Siren.parse("58801481") }
        assertEquals("IDENTIFIER_INVALID_LENGTH", e.code)
        assertEquals(ErrorDetail.Text("leading_zero_lost"), e.details["hint"])
        assertEquals(ErrorDetail.Text("058801481"), e.details["suggestion"])
        val c = assertThrows<ApartException.Siret> { Siren.parse("55200844x") }
        assertEquals(ErrorDetail.Integer(8), c.details["index"])
    }

    @Test
    fun badArgumentsAreDomainErrorsNotCrashes() {
        val e = assertThrows<ApartException.Input> { Siret.parse("73282932000074").formatWith("--") }
        assertEquals("VALUE_OUT_OF_RANGE", e.code)
        assertEquals(ErrorDetail.Text("separator"), e.details["field"])
        // Strings with NUL, huge inputs: refused by the core, never a crash.
        assertThrows<ApartException.Siret> { Siret.parse("7328\u0000293200074") }
        // A lone surrogate is not Unicode text: uniffi's Kotlin side cannot encode it as UTF-8
        // and throws before calling Rust (documented in the README).
        assertThrows<java.nio.charset.CharacterCodingException> { Siret.parse("\uD800" + "73282932000074") }
        assertThrows<ApartException.Siret> { Siret.parse("7".repeat(1_000_000)) }
    }

    @Test
    fun phoneKindsAreSealedClasses() {
        val p = PhoneFr.parse("0692 12 34 56")
        assertEquals("+262692123456", p.e164())
        assertEquals(PhoneKind.Overseas(PhoneTerritory.REUNION, OverseasKind.MOBILE), p.kind())
        assertEquals("262", PhoneTerritory.REUNION.countryCode())
        assertFalse(p.isFixedLine())
        assertNull(parseOptionalPhone("  ", PhonePolicy()))
        val e = assertThrows<ApartException.Form> {
            PhoneFr.parseWith("06 12 34 56 78", PhonePolicy(requireFixedLine = true))
        }
        assertEquals("PHONE_NOT_FIXED_LINE", e.code)
    }

    @Test
    fun textCountersUseUtf16LikeABrowser() {
        assertEquals(1000, descriptionLen("😀".repeat(500)))
        assertEquals(-1L, remaining("😀".repeat(500) + "a", 1000))
        val rules = textRules(TextField.DESCRIPTION)
        assertEquals(TextRules(1, 1000, true), rules)
        assertEquals("a\nb", checkText(" a\r\nb ", rules))
        // The core's lengths cross as a signed Int: a negative one is the core's refusal.
        val negative = assertThrows<ApartException.Input> { checkText("a", TextRules(-1, 10)) }
        assertEquals("VALUE_OUT_OF_RANGE", negative.code)
        assertEquals(254, formLimits().emailMax)
    }

    @Test
    fun instantsAreOffsetDateTimes() {
        // The offset is kept both ways (it decides local dates in the procedure).
        val at = OffsetDateTime.parse("2026-11-30T10:00:00.123456789+01:00")
        val check = HumanCheck.Verified(at)
        assertEquals(at, check.require())
        assertEquals(at, check.requireFresh(at.plusSeconds(600), Duration.ofMinutes(10)))
        val e = assertThrows<ApartException.Form> {
            check.requireFresh(at.plusSeconds(601), Duration.ofMinutes(10))
        }
        assertEquals("CAPTCHA_EXPIRED", e.code)
        assertEquals("CAPTCHA_REQUIRED", assertThrows<ApartException> { HumanCheck.NotVerified.require() }.code())
    }

    @Test
    fun instantsOutOfRangeAreDomainErrors() {
        val far = OffsetDateTime.parse("+100000-01-01T00:00:00Z")
        val e = assertThrows<ApartException.Input> { HumanCheck.Verified(far).require() }
        assertEquals("VALUE_INVALID_INSTANT", e.code)
    }

    @Test
    fun generatorIsSeeded() {
        val a = IdentifierGenerator(42L)
        val b = IdentifierGenerator(42L)
        assertEquals(a.siret(), b.siret())
        assertTrue(isValidSiret(a.laPosteSiret().asStr()))
        assertTrue(a.laPosteSiret().isLaPoste())
    }

    @Test
    fun machinesAreListedById() {
        for (m in machines()) {
            assertTrue(m.id().startsWith("apart."))
            assertNotNull(machineById(m.id()))
            assertTrue(m.states().contains(m.initialState()))
        }
        assertNull(machineById("no.such.machine"))
    }
}
