package fr.apart.bench;

import java.util.concurrent.TimeUnit;

import fr.apart.ApartFast;
import fr.apart.ApartKt;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SIRET checks from the JVM: apart through JNI (ApartFast) and through uniffi, against the
 * anchors a JVM developer would pick instead (commons-validator's Luhn, a hand-written Luhn).
 * The anchors check the Luhn key only (no La Poste rule, no separators), so they are a floor,
 * not the same work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SiretBench {
    static final int BATCH = 1000;

    String siret = "73282932000074";
    String[] batch;
    /** The same batch as one text, a SIRET a line: a column as read from a file. */
    String lines;

    @Setup
    public void setup() {
        ApartFast.isValidSiret(siret); // loads the library
        batch = new String[BATCH];
        String[] samples = {"73282932000074", "732 829 320 00074", "73282932000075", "35600000000048", "5520084430001"};
        for (int i = 0; i < BATCH; i++) batch[i] = samples[i % samples.length];
        lines = String.join("\n", batch) + "\n";
    }

    /** The anchor: a hand-written Luhn on the 14 characters. */
    static boolean javaLuhn(String s) {
        if (s.length() != 14) return false;
        int sum = 0;
        for (int i = 0; i < 14; i++) {
            int d = s.charAt(13 - i) - '0';
            if (d < 0 || d > 9) return false;
            if ((i & 1) == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }

    @Benchmark
    public boolean anchorJavaLuhn() { return javaLuhn(siret); }

    @Benchmark
    public boolean anchorCommonsValidatorLuhn() { return LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(siret); }

    @Benchmark
    public boolean fastIsValidSiret() { return ApartFast.isValidSiret(siret); }

    @Benchmark
    public String fastParseSiret() { return ApartFast.parseSiret(siret); }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean[] fastBatchPerSiret() { return ApartFast.validSirets(batch); }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean[] fastLinesPerSiret() { return ApartFast.validSiretsInLines(lines); }

    @Benchmark
    public boolean uniffiIsValidSiret() { return ApartKt.isValidSiret(siret); }
}
