// Swift-specific behaviour of the bindings: errors, objects, RFC 3339 instants.
import Foundation
import XCTest
@testable import Apart

final class ApartTests: XCTestCase {
    func testIdentifiers() throws {
        let siret = try Siret.parse(input: " 732 829 320 00074 ")
        XCTAssertEqual(siret.asStr(), "73282932000074")
        XCTAssertEqual(siret.description, "732 829 320 00074")
        XCTAssertEqual(siret, try Siret.parse(input: "73282932000074"))
        XCTAssertEqual(siret.tva().asStr(), "FR44732829320")
        XCTAssertTrue(try Siren.parse(input: "552008443") < Siren.parse(input: "732829320"))
        let id = try detect(input: "FR 44 732 829 320")
        XCTAssertEqual(id.kind(), .tva)
        XCTAssertEqual(id.siren()?.asStr(), "732829320")
    }

    func testErrorsCarryCodeMessageAndDetails() {
        XCTAssertThrowsError(try Siret.parse(input: "732 829 320 00075")) { error in
            guard case let ApartError.Siret(code, message, messageEn, details) = error else {  // message: French
                return XCTFail("\(error)")
            }
            XCTAssertEqual(code, "SIRET_INVALID_KEY")
            XCTAssertEqual(message, "numéro SIRET invalide : clé de contrôle attendue 4, trouvée 5")
            XCTAssertEqual(messageEn, "invalid SIRET: check digit expected 4, found 5")
            XCTAssertEqual(details["expected"], .integer(value: 4))
            XCTAssertEqual((error as? ApartError)?.code(), "SIRET_INVALID_KEY")
        }
    }

    func testInstantsAreRfc3339Strings() throws {
        // Instants cross as RFC 3339 text with their offset (`OffsetInstant`).
        let at = "2026-11-30T10:00:00+01:00"
        let check = HumanCheck.verified(at: at)
        XCTAssertEqual(try check.requireFresh(now: "2026-11-30T10:10:00+01:00", maxAge: 600), at)
        XCTAssertThrowsError(try check.requireFresh(now: "2026-11-30T10:10:01+01:00", maxAge: 600)) {
            XCTAssertEqual(code(of: $0), "CAPTCHA_EXPIRED")
        }
    }

    func testPhoneKinds() throws {
        let p = try PhoneFr.parse(input: "0692 12 34 56")
        XCTAssertEqual(p.e164(), "+262692123456")
        XCTAssertEqual(p.kind(), .overseas(territory: .reunion, kind: .mobile))
    }

    func testIndemnityWithDecimalStrings() throws {
        // Decimals are exact strings in Swift (`Euros`, `Hours`… are typealiases of String).
        let input = try employeeMonth(month: "2026-01", grossMonthly: "2000.00", hoursNotWorked: "35")
        let out = try simulate(input: input, options: defaultOptions())
        XCTAssertEqual(out.parametersDate, "2026-01-01")
        XCTAssertTrue(out.employeeIndemnity.contains("."))
        XCTAssertThrowsError(try employeeMonth(month: "2026-13", grossMonthly: "2000", hoursNotWorked: "1")) {
            XCTAssertEqual(code(of: $0), "VALUE_INVALID_MONTH")
        }
    }

    func testMachinesTakeRfc3339Now() throws {
        let da = try XCTUnwrap(machineById(id: "apart.da"))
        let draft = try da.newSnapshot(contextJson: """
            {"reference": "DA-1", "establishment": {"siret": "73282932000074", "name": "Boulangerie Martin",
             "address": "12 rue de la Paix, 75002 Paris"}, "request": {"motive": "economic_conditions",
             "period": {"start": "2022-03-01", "end": "2022-05-31"}, "employees": 4, "hours": "600"}}
            """)
        let step = try da.apply(snapshotJson: draft, eventJson: #"{"type": "Submit"}"#, actor: .principal,
                                now: "2022-02-10T10:00:00+01:00")
        XCTAssertEqual(try da.stateOf(snapshotJson: step.snapshot), "Submitted")
    }
}
