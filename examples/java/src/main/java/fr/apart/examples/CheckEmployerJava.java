// The plain-Java caller of the quick start (run by `make test-uniffi` from a fresh Maven project
// with only the apart jar): the same calls as CheckEmployer.kt, the way Java code writes them.
package fr.apart.examples;

import java.math.BigDecimal;
import java.time.YearMonth;

import fr.apart.ApartException;
import fr.apart.ApartFast;
import fr.apart.ApartKt;
import fr.apart.EmployeeMonth;
import fr.apart.Outcome;
import fr.apart.Siret;

public final class CheckEmployerJava {
    public static void main(String[] args) {
        // The hot checks are static methods; objects are AutoCloseable (native handles).
        System.out.println("valid: " + ApartFast.isValidSiret("732 829 320 00074"));
        try (Siret siret = Siret.Companion.parse("732 829 320 00074")) {
            System.out.println("SIRET " + siret + ", TVA " + siret.tva().asStr());
        }
        // ApartException is unchecked; getMessage() is the French sentence.
        try {
            Siret.Companion.parse("732 829 320 00075");
        } catch (ApartException.Siret e) {
            System.out.println("refused: " + e.getCode() + ": " + e.getMessage() + " / " + e.getMessageEn());
        }
        // Top-level functions live in ApartKt; amounts are BigDecimal (scale 2 on output).
        EmployeeMonth month = ApartKt.employeeMonth(YearMonth.of(2026, 1), new BigDecimal("2000.00"), new BigDecimal("35"));
        Outcome out = ApartKt.simulate(month, ApartKt.defaultOptions());
        System.out.println("indemnity " + out.getEmployeeIndemnity() + " €, allocation " + out.getEmployerAllocation() + " €");
        // A stored JSON record, through the JNI fast path.
        String json = ApartFast.computeJson("{\"month\":\"2026-01\",\"gross_monthly\":\"2000.00\",\"hours_not_worked\":\"35\"}");
        System.out.println("json: " + json.substring(0, Math.min(60, json.length())) + "…");
    }
}
