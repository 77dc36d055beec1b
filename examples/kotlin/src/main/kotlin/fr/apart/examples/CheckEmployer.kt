// Runnable example of the Kotlin SDK: check an employer's identifiers and contact fields the
// way an app's form would, and show what a refusal carries.
//
// Run it (from the repository root): `make test-uniffi` runs it, or
//   cargo build -p apart-uniffi && (cd bindings/uniffi/kotlin && mvn -B -q compile exec:java)
package fr.apart.examples

import fr.apart.ApartException
import fr.apart.Email
import fr.apart.PhoneFr
import fr.apart.Siret
import fr.apart.detect

fun main() {
    // A SIRET typed with spaces: parsed, then shown in its usual forms.
    val siret = Siret.parse("732 829 320 00074")
    println("SIRET ${siret.asStr()} (« $siret »), TVA ${siret.tva().asStr()}")

    // Whatever the user pasted: SIREN, SIRET or TVA number.
    println("detect: ${detect("FR 44 732 829 320").kind()}")

    // A refusal is an exception carrying the code, the French message and the fields.
    try {
        Siret.parse("732 829 320 00075")
    } catch (e: ApartException.Siret) {
        println("refused: ${e.code}: ${e.messageFr} (details ${e.details})")
    }

    // Any ApartException, without matching on the domain.
    for (input in listOf("01 02 03 04 05", "01 23")) {
        try {
            println("phone ${PhoneFr.parse(input).e164()}")
        } catch (e: ApartException) {
            println("phone refused: ${e.code()}: $e")
        }
    }
    println("e-mail ${Email.parse("Jean@Exemple.FR")}")
}
