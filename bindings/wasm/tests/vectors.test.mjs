// Every file of tests/vectors/ through both entries of the wasm package, with the runner the
// Node add-on shares (tests/js/vectors.mjs). Skip list: none (the small entry has no state
// machines: the runner leaves their files out by that one rule, and checks it).
import { entries } from './apart.mjs'
import { runVectors } from '../../../tests/js/vectors.mjs'

for (const [entry, apart] of Object.entries(entries)) {
  runVectors({
    label: `${entry}: `,
    apart,
    adapter: {
      parse: (kind, input, strict) => (kind === 'siren' ? apart.parseSiren : apart.parseSiret)(input, strict),
      formatSiret: (input) => apart.formatSiret(input),
      phone: (input, options) => apart.parsePhone(input, options),
      postalCode: (input) => apart.parsePostalCode(input),
      city: (input) => apart.parseCity(input),
      email: (input) => apart.parseEmail(input),
      fullName: (input) => apart.parseFullName(input),
      denomination: (input) => apart.parseDenomination(input),
      recap(snapshot, kind) {
        const r = apart.recap(snapshot, kind)
        return { ...r, hash: r.content_hash, canonicalJson: r.canonical_json }
      },
      now: (text) => text,
    },
  })
}

