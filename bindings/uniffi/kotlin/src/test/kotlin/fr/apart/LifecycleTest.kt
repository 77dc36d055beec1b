package fr.apart

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import java.time.OffsetDateTime

/**
 * Every scenario of `tests/vectors/lifecycle.json` (format in its `$format` key), as the Rust
 * runner `tests/suite/lifecycle.rs` runs them: machines through [Machine] (JSON snapshots and
 * events), the recovery functions and the login boundary through their bindings.
 *
 * Skip list: none.
 */
class LifecycleTest {
    /** The state of one scenario. */
    private class World(val entropy: Entropy) {
        /** alias -> (machine id, snapshot JSON). */
        val snapshots = mutableMapOf<String, Pair<String, String>>()
        /** alias -> (token record JSON, e-mailed link). */
        val tokens = linkedMapOf<String, Pair<String, String>>()
        /** credential alias -> instants of its reset requests. */
        val requests = mutableMapOf<String, MutableList<OffsetDateTime>>()

        fun context(alias: String): JsonObject =
            JsonParser.parseString(snapshots.getValue(alias).second).asJsonObject.getAsJsonObject("context")
    }

    private fun machine(id: String) = machineById(id) ?: error("unknown machine $id")

    private fun types(effectsJson: String): JsonArray = JsonArray().apply {
        JsonParser.parseString(effectsJson).asJsonArray.forEach { add(it.asJsonObject.get("type")) }
    }

    private fun strings(values: List<String>) = JsonArray().apply { values.forEach { add(it) } }

    private fun error(e: ApartException) = JsonObject().apply { addProperty("error", e.code()) }

    private fun setup(scenario: JsonObject): World {
        val pattern = scenario.getAsJsonArray("entropy").map { it.asInt.toByte() }.toByteArray()
        val world = World(Entropy.fixed(pattern))
        for ((alias, s) in scenario.getAsJsonObject("setup").entrySet()) {
            val o = s.asJsonObject
            val id = o.get("machine").asString
            val m = machine(id)
            val snapshot = if (o.has("state")) {
                // A stored snapshot in a given state, restored as a caller's store would.
                m.restore(JsonObject().apply {
                    addProperty("machine", id)
                    addProperty("schema_version", m.schemaVersion())
                    add("state", o.get("state"))
                    add("context", o.get("context"))
                    addProperty("version", 0)
                    add("history", JsonArray())
                }.toString())
            } else {
                m.newSnapshot(o.get("context").toString())
            }
            world.snapshots[alias] = id to snapshot
        }
        return world
    }

    private fun runStep(world: World, step: JsonObject): JsonObject {
        val at = OffsetDateTime.parse(step.get("now").asString)
        val now = at
        val event = step.getAsJsonObject("event")
        return when (val alias = step.get("machine").asString) {
            "recovery" -> runRecovery(world, event, now)
            "login" -> runLogin(world, event, now)
            else -> {
                val (id, snapshot) = world.snapshots.getValue(alias)
                val m = machine(id)
                try {
                    val out = if (step.get("tick")?.asBoolean == true) {
                        m.tick(snapshot, at)
                    } else {
                        val actor = Actor.valueOf(step.get("actor").asString.uppercase())
                        m.apply(snapshot, event.toString(), actor, at)
                    }
                    world.snapshots[alias] = id to out.snapshot
                    JsonObject().apply {
                        addProperty("state", m.stateOf(out.snapshot))
                        add("effects", types(out.effects))
                    }
                } catch (e: ApartException) {
                    error(e)
                }
            }
        }
    }

    /** The link e-mailed by the first effect (a `send_email` whose body carries a token). */
    private fun linkOf(effectsJson: String): String =
        JsonParser.parseString(effectsJson).asJsonArray[0].asJsonObject
            .getAsJsonObject("body").get("token").asString

    private fun effectTypes(effectsJson: String) = types(effectsJson)

    private fun runRecovery(world: World, event: JsonObject, now: OffsetDateTime): JsonObject {
        val policy = TokenPolicy.recommended()
        val limits = defaultResetRequestPolicy()
        return when (event.get("type").asString) {
            "RequestPasswordReset" -> {
                val alias = event.get("credential").takeUnless(JsonElement::isJsonNull)?.asString
                val account = alias?.let {
                    val c = world.context(it)
                    ResetAccount(
                        identifier = c.get("identifier").asString,
                        email = c.get("email").asString,
                        recentRequests = world.requests[it].orEmpty(),
                        tokens = world.tokens.values.map { t -> t.first },
                    )
                }
                val out = requestPasswordReset(account, limits, policy, world.entropy, now)
                if (out.recordRequest) world.requests.getOrPut(alias!!) { mutableListOf() }.add(now)
                for (sup in out.superseded) {
                    val supId = tokenId(sup)
                    for ((k, t) in world.tokens) if (tokenId(t.first) == supId) world.tokens[k] = sup to t.second
                }
                val storeAs = event.get("store_as")?.takeUnless(JsonElement::isJsonNull)?.asString
                if (out.issued != null && storeAs != null) world.tokens[storeAs] = out.issued!! to linkOf(out.effects)
                JsonObject().apply {
                    addProperty("public", publicName(out.public))
                    add("effects", effectTypes(out.effects))
                }
            }
            "RequestIdentifierReminder" -> {
                val email = event.get("email").asString
                val ids = event.get("identifiers").takeUnless(JsonElement::isJsonNull)?.asJsonArray?.map { it.asString }
                val account = ids?.let { ReminderAccount(email, it, emptyList()) }
                val out = requestIdentifierReminder(account, limits, world.entropy, now)
                JsonObject().apply {
                    addProperty("public", publicName(out.public))
                    add("effects", effectTypes(out.effects))
                    val first = JsonParser.parseString(out.effects).asJsonArray.firstOrNull()?.asJsonObject
                    val body = first?.getAsJsonObject("body")
                    if (body?.get("type")?.asString == "identifier_reminder") {
                        assertEquals(email, first.get("to").asString)
                        add("identifiers", body.get("identifiers"))
                    }
                }
            }
            "IssueActivation" -> {
                val c = world.context(event.get("credential").asString)
                val mail = activationEmail(c.get("identifier").asString, c.get("email").asString, policy, emptyList(), world.entropy, now)
                world.tokens[event.get("store_as").asString] = mail.token to JsonParser.parseString(mail.email)
                    .asJsonObject.getAsJsonObject("body").get("token").asString
                JsonObject().apply { add("effects", strings(listOf("send_email"))) }
            }
            "Redeem" -> {
                val alias = event.get("token").asString
                val purpose = Purpose.valueOf(event.get("purpose").asString.uppercase())
                val (record, link) = world.tokens.getValue(alias)
                val wire = try { WireToken.parse(link) } catch (e: ApartException) { return error(e) }
                assertEquals(tokenId(record), wire.id())
                val out = redeem(wire, purpose, record, policy, now)
                out.token?.let { world.tokens[alias] = it to link }
                val failure = out.error
                if (failure == null) {
                    JsonObject().apply { addProperty("state", machine("apart.recovery_token").stateOf(out.token!!)) }
                } else {
                    JsonObject().apply { addProperty("error", failure.code()) }
                }
            }
            "CompleteActivation", "CompletePasswordReset" -> {
                val alias = event.get("token").asString
                val credAlias = event.get("credential").asString
                val (record, link) = world.tokens.getValue(alias)
                val credential = world.snapshots.getValue(credAlias).second
                val wire = WireToken.parse(link)
                val out = if (event.get("type").asString == "CompleteActivation") {
                    completeActivation(wire, record, credential, policy, now)
                } else {
                    val answer = event.get("answer")?.takeUnless(JsonElement::isJsonNull)?.asString
                    completePasswordReset(wire, record, credential, answer, SecretHasher.argon2idWithParams(64, 1, 1),
                        AttemptCounter(), policy, now)
                }
                out.token?.let { world.tokens[alias] = it to link }
                out.credential?.let { world.snapshots[credAlias] = "apart.credential" to it }
                val failure = out.error
                if (failure == null) {
                    JsonObject().apply {
                        addProperty("state", machine("apart.credential").stateOf(out.credential!!))
                        add("effects", effectTypes(out.effects))
                    }
                } else {
                    JsonObject().apply { addProperty("error", failure.code()) }
                }
            }
            else -> error("unknown recovery step ${event.get("type")}")
        }
    }

    /** The serde name of a public outcome, as the vectors write it. */
    private fun publicName(p: PublicOutcome) = when (p) {
        PublicOutcome.ACCEPTED -> "accepted"
    }

    private fun tokenId(snapshotJson: String): String =
        JsonParser.parseString(snapshotJson).asJsonObject.getAsJsonObject("context").get("id").asString

    private fun runLogin(world: World, event: JsonObject, now: OffsetDateTime): JsonObject {
        assertEquals("Authenticate", event.get("type").asString)
        val habilitations = event.getAsJsonArray("habilitations").map { world.snapshots.getValue(it.asString).second }
        val application = Application.valueOf(event.get("application").asString.uppercase())
        val passwordOk = event.get("password_ok").asBoolean
        val alias = event.get("credential").takeUnless(JsonElement::isJsonNull)?.asString
        val target = alias?.let { LoginTarget.Known(world.snapshots.getValue(it).second, AttemptCounter()) }
            ?: LoginTarget.Unknown(AttemptCounter(), defaultLoginThrottlePolicy())
        val out = authenticate(target, object : PasswordCheck {
            override fun verify() = passwordOk
        }, habilitations, application, now)
        val update = out.update
        if (update is LoginUpdate.Credential && alias != null) {
            world.snapshots[alias] = "apart.credential" to update.snapshot
        }
        val failure = out.error
        return if (failure == null) {
            JsonObject().apply { add("establishments", strings(out.establishments)) }
        } else {
            JsonObject().apply { addProperty("error", failure.code()) }
        }
    }

    @TestFactory
    fun lifecycle(): List<DynamicTest> {
        val scenarios = Vectors.json("lifecycle.json").getAsJsonArray("scenarios").map { it.asJsonObject }
        assertTrue(scenarios.size >= 5, "the lifecycle vectors shrank")
        return scenarios.map { scenario ->
            val id = scenario.get("id").asString
            dynamicTest("lifecycle.json $id") {
                assertTrue(scenario.get("source").asString.isNotEmpty())
                val world = setup(scenario)
                scenario.getAsJsonArray("steps").forEachIndexed { i, s ->
                    val step = s.asJsonObject
                    val got = runStep(world, step)
                    for ((key, want) in step.getAsJsonObject("expect").entrySet()) {
                        assertEquals(want, got.get(key) ?: JsonNull.INSTANCE,
                            "$id step $i (${step.getAsJsonObject("event")?.get("type")}): `$key`; got $got")
                    }
                }
            }
        }
    }
}
