package fr.apart

import com.sun.jna.Native
import com.sun.jna.NativeLibrary
import com.sun.jna.Platform

/**
 * The hot calls of `apart` through plain JNI, in nanoseconds rather than the ~40 µs of a uniffi
 * call (whose JNA structures allocate native memory that only the garbage collector frees):
 * SIRET checks one at a time or in batches (an array, or the lines of a text), SIRET normalisation, and the indemnity of one
 * employee-month or of a whole claim as JSON, with the built-in law.
 *
 * The answers are the core's, as through the rest of the API; a refusal throws the same
 * [ApartException] as the uniffi function of the same name (the fast path reports a failure,
 * then the uniffi call runs once to build the typed exception: errors are the cold path).
 *
 * From Java every function is static: `ApartFast.isValidSiret("73282932000074")`.
 */
object ApartFast {
    init {
        // uniffi's JNA loads the library first (from `jna.library.path`, or extracted from the
        // jar); JNI then loads the same file, which holds the `Java_fr_apart_ApartFast_*` entry
        // points.
        uniffiEnsureLoaded()
        val loaded = NativeLibrary.getInstance("apart_uniffi").file
        if (loaded != null && loaded.exists()) {
            System.load(loaded.absolutePath)
        } else {
            // JNA deletes the copy it extracted from the jar once loaded: extract another for
            // JNI (a second instance of the library, sharing no state with the first: none of
            // these entry points needs any), load it, then delete it too.
            val loader = ApartFast::class.java.classLoader
            val copy = Native.extractFromResourcePath("apart_uniffi", loader)
            val inJar = loader.getResource("${Platform.RESOURCE_PREFIX}/${System.mapLibraryName("apart_uniffi")}")?.protocol == "jar"
            try {
                System.load(copy.absolutePath)
            } finally {
                if (inJar) copy.delete()
            }
        }
    }

    private fun uniffiEnsureLoaded() {
        // Any uniffi call initialises and checks the library (contract version, checksums).
        lawDataVersion()
    }

    /** Whether [input] is a valid SIRET (lenient: spaces, no-break spaces, `.` and `-`). */
    @JvmStatic
    external fun isValidSiret(input: String): Boolean

    /** [isValidSiret] of every element (a null element is `false`), in one native call. */
    @JvmStatic
    fun validSirets(inputs: Array<String?>): BooleanArray {
        // Reading the elements one by one from native code costs four JNI calls each, more than
        // the check: they are joined here (JIT-compiled copies) into one text with the length
        // of each (-1 for null), read by one native call.
        val lengths = IntArray(inputs.size)
        val text = StringBuilder(inputs.size * 14)
        for (i in inputs.indices) {
            val input = inputs[i]
            if (input == null) {
                lengths[i] = -1
            } else {
                text.append(input)
                lengths[i] = input.length
            }
        }
        return validSiretsJoined(text.toString(), lengths)
    }

    @JvmStatic
    private external fun validSiretsJoined(text: String, lengths: IntArray): BooleanArray

    /**
     * [isValidSiret] of every line of [text], in one native call that reads the text once: a
     * column of SIRETs as read from a file. Lines are cut as Java's `String.lines()` and
     * `BufferedReader.readLine` cut them (`\n`, `\r` or `\r\n` end a line; a final terminator
     * starts no empty line, unlike Kotlin's `lines()`; `""` has no line), and an empty line is
     * `false`.
     */
    @JvmStatic
    external fun validSiretsInLines(text: String): BooleanArray

    @JvmStatic
    private external fun siretOrNull(input: String): String?

    /**
     * The 14 digits of the SIRET [input] (lenient parsing); a refusal throws
     * [ApartException.Siret] with the core's code, as `Siret.parse`.
     */
    @JvmStatic
    fun parseSiret(input: String): String =
        siretOrNull(input) ?: Siret.parse(input).use { it.asStr() }

    @JvmStatic
    private external fun computeJsonOrNull(employeeJson: String, optionsJson: String): String?

    /**
     * The outcome of one employee-month (the core's JSON record, `snake_case` fields) with the
     * built-in law, as the core's JSON outcome. A refusal throws the [ApartException] of
     * `computeJson`.
     */
    @JvmStatic
    @JvmOverloads
    fun computeJson(employeeJson: String, optionsJson: String = "{}"): String =
        computeJsonOrNull(employeeJson, optionsJson)
            ?: refused { fr.apart.computeJson(book, employeeJson, optionsJson) }

    @JvmStatic
    private external fun computeClaimJsonOrNull(month: String, employeesJson: String, optionsJson: String): String?

    /**
     * A whole claim for [month] (`YYYY-MM`; [employeesJson] a JSON array of employee-months)
     * with the built-in law, as the core's JSON claim: lines (refused ones with their code and
     * messages) and totals.
     */
    @JvmStatic
    @JvmOverloads
    fun computeClaimJson(month: String, employeesJson: String, optionsJson: String = "{}"): String =
        computeClaimJsonOrNull(month, employeesJson, optionsJson)
            ?: refused { fr.apart.computeClaimJson(book, month, employeesJson, optionsJson) }

    private val book: LawBook by lazy { LawBook.builtin() }

    /** Runs the uniffi call that throws the typed error the fast path only reported. */
    private inline fun refused(slow: () -> Any?): Nothing {
        slow()
        throw IllegalStateException("apart: the fast path refused an input the core accepts")
    }
}
