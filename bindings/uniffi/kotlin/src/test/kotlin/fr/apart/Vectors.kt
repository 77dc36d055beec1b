package fr.apart

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import java.io.File

/**
 * Reading the shared conformance vectors of `tests/vectors/` (the same files the Rust runners in
 * `tests/suite/` read). The folder comes from the `apart.vectors.dir` system property (set by
 * the pom), so the tests run from any working directory.
 */
object Vectors {
    val dir: File = File(
        System.getProperty("apart.vectors.dir")
            ?: error("system property apart.vectors.dir is not set (run through Maven)"),
    )

    fun json(name: String): JsonObject =
        JsonParser.parseString(File(dir, name).readText(Charsets.UTF_8)).asJsonObject

    /** The cases of a JSON vector file (its `cases` array). */
    fun cases(name: String): List<JsonObject> =
        json(name).getAsJsonArray("cases").map { it.asJsonObject }

    /** One row of `siret.tsv` (format in `siret.md`). */
    data class SiretRow(
        val line: Int,
        val input: String,
        val kind: String,
        val valid: Boolean,
        val reason: String,
        val source: String,
    )

    fun siretRows(): List<SiretRow> {
        val lines = File(dir, "siret.tsv").readLines(Charsets.UTF_8)
        check(lines.first() == "input\tkind\tvalid\treason\tsource") { "siret.tsv header changed" }
        return lines.drop(1).filter { it.isNotEmpty() }.mapIndexed { i, line ->
            val cols = line.split('\t')
            check(cols.size == 5) { "siret.tsv line ${i + 2}: ${cols.size} columns" }
            SiretRow(i + 2, unescape(cols[0]), cols[1], cols[2].toBooleanStrict(), cols[3], cols[4])
        }
    }

    /** The escapes of `siret.tsv`: `\uXXXX`, `\t`, `\n`, `\\`. */
    fun unescape(s: String): String {
        val out = StringBuilder()
        var i = 0
        while (i < s.length) {
            val c = s[i]
            if (c != '\\') {
                out.append(c); i++; continue
            }
            when (val e = s.getOrNull(i + 1)) {
                't' -> { out.append('\t'); i += 2 }
                'n' -> { out.append('\n'); i += 2 }
                '\\' -> { out.append('\\'); i += 2 }
                'u' -> {
                    out.appendCodePoint(s.substring(i + 2, i + 6).toInt(16)); i += 6
                }
                else -> error("unknown escape \\$e in $s")
            }
        }
        return out.toString()
    }

    /** `input` repeated `repeat` times, then `suffix` (forms.json). */
    fun inputOf(case: JsonObject): String {
        val base = case.get("input").asString
        val times = case.get("repeat")?.asInt ?: 1
        return base.repeat(times) + (case.get("suffix")?.asString ?: "")
    }

    fun JsonObject.str(key: String): String? =
        get(key)?.takeUnless(JsonElement::isJsonNull)?.asString
}
