package fr.apart.bench;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.concurrent.TimeUnit;

import fr.apart.ApartFast;
import fr.apart.ApartKt;
import fr.apart.EmployeeMonth;
import fr.apart.LawBook;
import fr.apart.Options;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One employee-month and a whole claim: JNI with JSON records, and uniffi with typed ones. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ComputeBench {
    static final int CLAIM = 1000;

    String employeeJson = "{\"month\":\"2026-01\",\"gross_monthly\":\"2000.00\",\"hours_not_worked\":\"35\"}";
    String claimJson;
    LawBook book;
    EmployeeMonth employee;
    Options options;

    @Setup
    public void setup() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < CLAIM; i++) {
            if (i > 0) b.append(',');
            b.append("{\"month\":\"2026-01\",\"employee\":\"E").append(i)
             .append("\",\"gross_monthly\":\"").append(1800 + i % 700).append(".").append(10 + i % 90)
             .append("\",\"hours_not_worked\":\"").append(7 + i % 140).append("\"}");
        }
        claimJson = b.append(']').toString();
        book = LawBook.Companion.builtin();
        employee = ApartKt.employeeMonth(YearMonth.of(2026, 1), new BigDecimal("2000.00"), new BigDecimal("35"));
        options = ApartKt.defaultOptions();
        ApartFast.computeJson(employeeJson);
    }

    @Benchmark
    public String fastComputeJson() { return ApartFast.computeJson(employeeJson); }

    @Benchmark
    @OperationsPerInvocation(CLAIM)
    public String fastClaimJsonPerEmployee() { return ApartFast.computeClaimJson("2026-01", claimJson); }

    @Benchmark
    public Object uniffiCompute() { return ApartKt.compute(book, employee, options); }
}
