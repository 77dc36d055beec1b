// Every case of tests/vectors/ through the Swift bindings, with the expectations of the Rust
// runners (tests/suite/siret.rs, tests/suite/forms.rs). Skip list: none.
import Foundation
import XCTest
@testable import Apart

/// tests/vectors, found from this file's path (the package lives in bindings/uniffi/swift).
let vectorsDir = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // ApartTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // swift
    .deletingLastPathComponent()  // uniffi
    .deletingLastPathComponent()  // bindings
    .deletingLastPathComponent()  // repository root
    .appendingPathComponent("tests/vectors")

/// The code of any ApartError.
func code(of error: Error) -> String? {
    (error as? ApartError)?.code()
}

/// The escapes of siret.tsv: `\uXXXX`, `\t`, `\n`.
func unescape(_ s: String) -> String {
    var out = ""
    var chars = Array(s.unicodeScalars)[...]
    while let c = chars.popFirst() {
        guard c == "\\", let e = chars.popFirst() else { out.unicodeScalars.append(c); continue }
        switch e {
        case "t": out += "\t"
        case "n": out += "\n"
        case "\\": out += "\\"
        case "u":
            let hex = String(String.UnicodeScalarView(chars.prefix(4)))
            chars = chars.dropFirst(4)
            out.unicodeScalars.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
        default: XCTFail("unknown escape \\\(e)")
        }
    }
    return out
}

final class VectorsTests: XCTestCase {
    func testEveryVectorFileHasARunner() throws {
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: vectorsDir.path))
        // lifecycle, indemnity and procedure run in full on the JVM (bindings/uniffi/kotlin) through
        // the same generated scaffolding; here they are listed so that a new file is noticed.
        let runOnTheJvm: Set = ["lifecycle.json", "indemnity.json", "procedure.json"]
        XCTAssertEqual(files.subtracting(["siret.tsv", "siret.md", "forms.json"]).subtracting(runOnTheJvm), [])
    }

    func testSiretVectors() throws {
        let text = try String(contentsOf: vectorsDir.appendingPathComponent("siret.tsv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        XCTAssertEqual(lines.removeFirst(), "input\tkind\tvalid\treason\tsource")
        XCTAssertGreaterThanOrEqual(lines.count, 150)
        for (i, line) in lines.enumerated() {
            let cols = line.components(separatedBy: "\t")
            XCTAssertEqual(cols.count, 5, "line \(i + 2)")
            let (input, kind, valid) = (unescape(cols[0]), cols[1], cols[2] == "true")
            var accepted = true
            do {
                _ = kind == "siren" ? try Siren.parse(input: input).description
                                    : try Siret.parse(input: input).description
            } catch let error as ApartError {
                accepted = false
                guard case .Siret = error else { XCTFail("line \(i + 2): \(error)"); continue }
            }
            XCTAssertEqual(accepted, valid, "siret.tsv line \(i + 2) \(cols[3])")
            if kind == "siret" { XCTAssertEqual(isValidSiret(input: input), valid) }
        }
    }

    /// The serde form of PhoneKind used by forms.json (`{"type": "overseas", ...}`).
    func kindJSON(_ kind: PhoneKind) -> [String: String] {
        switch kind {
        case .fixed: return ["type": "fixed"]
        case .mobile: return ["type": "mobile"]
        case .voip: return ["type": "voip"]
        case .special: return ["type": "special"]
        case let .overseas(territory, kind):
            let t: String
            switch territory {
            case .reunion: t = "reunion"
            case .mayotte: t = "mayotte"
            case .guadeloupe: t = "guadeloupe"
            case .martinique: t = "martinique"
            case .guyane: t = "guyane"
            case .saintPierreEtMiquelon: t = "saint_pierre_et_miquelon"
            case .nouvelleCaledonie: t = "nouvelle_caledonie"
            case .polynesieFrancaise: t = "polynesie_francaise"
            case .wallisEtFutuna: t = "wallis_et_futuna"
            }
            let k: String
            switch kind {
            case .fixed: k = "fixed"
            case .mobile: k = "mobile"
            case .other: k = "other"
            }
            return ["type": "overseas", "territory": t, "kind": k]
        }
    }

    func area(_ a: PostalArea) -> String {
        switch a {
        case .mainland: return "mainland"
        case .corsica: return "corsica"
        case .overseas: return "overseas"
        case .monaco: return "monaco"
        }
    }

    /// Runs one case: the normalized value (or nil) and the extra outputs.
    func run(_ c: [String: Any], _ input: String) throws -> (String?, [String: Any]) {
        var extras: [String: Any] = [:]
        switch c["field"] as! String {
        case "phone":
            let o = c["options"] as? [String: Bool] ?? [:]
            let policy = PhonePolicy(collectivities: o["collectivities"] ?? false,
                                     allowPremium: o["allow_premium"] ?? false,
                                     requireFixedLine: o["require_fixed_line"] ?? false)
            let p = try PhoneFr.parseWith(input: input, policy: policy)
            extras["display"] = p.description
            extras["kind"] = kindJSON(p.kind())
            return (p.e164(), extras)
        case "postal_code":
            let p = try PostalCodeFr.parse(input: input)
            extras["area"] = area(try p.area())
            return (p.description, extras)
        case "city": return (try City.parse(input: input).description, extras)
        case "email": return (try Email.parse(input: input).description, extras)
        case "email_confirmation":
            try confirmEmail(email: input, confirmation: c["confirmation"] as! String)
            return (nil, extras)
        case "description":
            extras["len"] = Int(descriptionLen(input: input))
            return (try Description.parse(input: input).asStr(), extras)
        case "login_identifier":
            let id = try LoginIdentifier.parse(input: input)
            extras["key"] = id.key()
            return (id.description, extras)
        case "person_name": return (try PersonName.parse(input: input).description, extras)
        case "full_name":
            return (try PersonName.parseWith(input: input, rules: textRules(field: .fullName)).description, extras)
        case "secret_answer":
            let ctx = c["context"] as! [String: String]
            let context = SecretAnswerContext(nom: ctx["nom"], prenom: ctx["prenom"], identifier: ctx["identifier"])
            return (try SecretAnswer.parse(input: input, context: context).normalized(), extras)
        case "street_number": return (try parseStreetNumber(input: input)?.description, extras)
        case "street_extension": return (try parseStreetExtension(input: input)?.code(), extras)
        case "denomination":
            return (try BoundedText.parse(input: input, rules: textRules(field: .denomination)).asStr(), extras)
        case let other:
            XCTFail("unknown field kind \(other)")
            return (nil, extras)
        }
    }

    func testFormsVectors() throws {
        let data = try Data(contentsOf: vectorsDir.appendingPathComponent("forms.json"))
        let doc = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let cases = doc["cases"] as! [[String: Any]]
        XCTAssertGreaterThanOrEqual(cases.count, 100)
        for c in cases {
            let id = c["id"] as! String
            let input = String(repeating: c["input"] as! String, count: c["repeat"] as? Int ?? 1)
                + (c["suffix"] as? String ?? "")
            let valid = c["valid"] as! Bool
            do {
                let (normalized, extras) = try run(c, input)
                XCTAssertTrue(valid, "\(id): accepted as \(normalized ?? "nil")")
                if let expected = c["normalized"] as? String { XCTAssertEqual(normalized, expected, id) }
                for (key, value) in extras {
                    guard let expected = c[key] else { continue }
                    XCTAssertEqual(expected as? NSObject, value as? NSObject, "\(id): \(key)")
                }
            } catch let error as ApartError {
                XCTAssertFalse(valid, "\(id): refused with \(error.code())")
                XCTAssertEqual(error.code(), c["code"] as? String, id)
                XCTAssertNotEqual(error.messageFr(), error.messageEn(), id)
            }
        }
    }
}
