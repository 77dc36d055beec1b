// The simulator page: every rule comes from the apart library compiled to WebAssembly
// (./pkg, the apart-wasm package); this file only reads the page, calls the library and shows
// what it answers, in French or English. Nothing is sent anywhere.
import init, * as apart from './pkg/index.js'

const TEXT = {
  fr: {
    title: "Simulateur d'activité partielle", tagline: 'Calculé dans votre navigateur : aucune donnée ne quitte la page.',
    language: 'Langue', loading: 'Chargement des règles…', ready: 'Règles chargées : la page fonctionne hors ligne.',
    simTitle: "Simuler un mois d'un salarié", month: 'Mois des heures chômées', gross: 'Salaire brut mensuel (€)',
    hours: 'Heures chômées dans le mois', contract: 'Heures contractuelles mensuelles', regime: 'Régime',
    category: 'Catégorie du salarié', territory: 'Territoire', compute: 'Calculer',
    hourlyReference: 'Taux horaire de référence', indemnity: 'Indemnité due au salarié',
    allocation: "Allocation remboursée à l'employeur", rest: "Reste à charge de l'employeur",
    warnings: 'Avertissements', noWarnings: 'Aucun', explanation: 'Le calcul, étape par étape', source: 'Source',
    siretTitle: 'Vérifier un SIRET', siret: 'N° SIRET', siretOk: 'SIRET valide : ',
    accountTitle: 'Créer mon espace', establishment: 'Établissement', user: 'Utilisateur',
    human: 'Je ne suis pas un robot (contrôle de sécurité)', create: 'Créer mon espace',
    accountOk: 'Formulaire valide : votre demande peut être envoyée.',
    assistTitle: "Demande d'assistance", motive: 'Motif de la demande', description: 'Description de la demande', send: 'Envoyer',
    assistOk: "Demande d'assistance valide.", placeholder: 'Veuillez sélectionner un motif…',
    claimTitle: "Une demande d'indemnisation entière (CSV)",
    claimHelp: "Une ligne par salarié ; les colonnes sont les champs d'un mois de salarié (month, gross_monthly, hours_not_worked…), séparées par des virgules ou des points-virgules.",
    drop: 'Déposez un fichier CSV ici, ou choisissez-le :', employees: 'Salariés', refused: 'Lignes refusées',
    download: 'Télécharger le résultat (CSV)', claimDone: (n, ms) => `${n} lignes calculées en ${ms} ms.`,
    claimRunning: (rows, percent) => `Calcul : ${rows} lignes (${percent} %)…`, fieldErrors: (n) => `${n} champ(s) à corriger :`,
    footer: 'Les règles sont celles de la bibliothèque apart, compilée en WebAssembly ; la page fonctionne hors ligne une fois chargée.',
    fields: {
      denomination: "Dénomination de l'établissement", street_number: 'Numéro de voie', street_extension: 'Extension de voie',
      street_type: 'Type de voie', street_name: 'Libellé de la voie', address_complement: "Complément d'adresse",
      postal_code: 'Code postal', city: 'Ville', phone: 'Téléphone fixe', fax: 'Fax', establishment_email: 'Courriel établissement',
      establishment_email_confirmation: 'Confirmer courriel établissement', nom: 'Nom', prenom: 'Prénom', user_phone: 'Téléphone',
      email: 'Courriel', email_confirmation: 'Confirmer courriel', secret_question: 'Question secrète', secret_answer: 'Réponse',
      human_check: 'Contrôle de sécurité', siret: 'N° de Siret', establishment_name: 'Dénomination établissement',
      full_name: 'Nom et prénom', motive: 'Motif de la demande', description: 'Description de la demande',
    },
  },
  en: {
    title: 'Short-time work (activité partielle) simulator', tagline: 'Computed in your browser: no data leaves the page.',
    language: 'Language', loading: 'Loading the rules…', ready: 'Rules loaded: the page works offline.',
    simTitle: "Simulate one employee's month", month: 'Month of the hours not worked', gross: 'Gross monthly pay (€)',
    hours: 'Hours not worked in the month', contract: 'Monthly contract hours', regime: 'Regime',
    category: "Employee's category", territory: 'Territory', compute: 'Compute',
    hourlyReference: 'Hourly reference pay', indemnity: 'Indemnity owed to the employee',
    allocation: 'Allocation paid back to the employer', rest: 'Rest payable by the employer',
    warnings: 'Warnings', noWarnings: 'None', explanation: 'The computation, step by step', source: 'Source',
    siretTitle: 'Check a SIRET', siret: 'SIRET number', siretOk: 'Valid SIRET: ',
    accountTitle: 'Create my space', establishment: 'Establishment', user: 'User',
    human: 'I am not a robot (security check)', create: 'Create my space',
    accountOk: 'The form is valid: your request can be sent.',
    assistTitle: 'Assistance request', motive: 'Reason for the request', description: 'Description of the request', send: 'Send',
    assistOk: 'The assistance request is valid.', placeholder: 'Please choose a reason…',
    claimTitle: 'A whole monthly claim (CSV)',
    claimHelp: "One line per employee; the columns are the fields of an employee's month (month, gross_monthly, hours_not_worked…), separated by commas or semicolons.",
    drop: 'Drop a CSV file here, or choose it:', employees: 'Employees', refused: 'Refused lines',
    download: 'Download the result (CSV)', claimDone: (n, ms) => `${n} lines computed in ${ms} ms.`,
    claimRunning: (rows, percent) => `Computing: ${rows} lines (${percent} %)…`, fieldErrors: (n) => `${n} field(s) to correct:`,
    footer: 'The rules are those of the apart library, compiled to WebAssembly; the page works offline once loaded.',
    fields: {
      denomination: 'Name of the establishment', street_number: 'Street number', street_extension: 'Street number extension',
      street_type: 'Street type', street_name: 'Street name', address_complement: 'Address complement',
      postal_code: 'Postal code', city: 'City', phone: 'Landline phone', fax: 'Fax', establishment_email: "Establishment's e-mail",
      establishment_email_confirmation: "Confirm the establishment's e-mail", nom: 'Last name', prenom: 'First name', user_phone: 'Phone',
      email: 'E-mail', email_confirmation: 'Confirm the e-mail', secret_question: 'Secret question', secret_answer: 'Answer',
      human_check: 'Security check', siret: 'SIRET number', establishment_name: 'Name of the establishment',
      full_name: 'Full name', motive: 'Reason for the request', description: 'Description of the request',
    },
  },
}

let lang = 'fr'
const t = (key) => TEXT[lang][key]
const $ = (id) => document.getElementById(id)
const say = (error) => error?.messages?.[lang] ?? String(error)

// ---- language ------------------------------------------------------------------------------
function applyLanguage() {
  document.documentElement.lang = lang
  document.title = t('title')
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const text = t(el.dataset.i18n)
    if (typeof text === 'string') el.textContent = text
  }
  for (const el of document.querySelectorAll('[data-field-label]')) el.textContent = t('fields')[el.dataset.fieldLabel]
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang))
  const placeholder = document.querySelector('#assistance-motive option[value=""]')
  if (placeholder) placeholder.textContent = t('placeholder')
  rerender.forEach((f) => f())
}
const rerender = []

// ---- the form fields of the two forms, built from their names -----------------------------
function buildFields() {
  for (const grid of document.querySelectorAll('[data-fields]')) {
    const form = grid.closest('form').id
    for (const name of grid.dataset.fields.split(' ')) {
      const id = `${form}-${name}`
      const label = document.createElement('label')
      label.htmlFor = id
      label.dataset.fieldLabel = name
      const input = document.createElement('input')
      input.id = id
      input.name = name
      if (/email/.test(name)) input.type = 'email'
      if (/phone|fax/.test(name)) input.type = 'tel'
      if (name === 'secret_answer') input.type = 'password'
      const error = document.createElement('p')
      error.id = `${id}-error`
      error.className = 'field-error'
      error.hidden = true
      input.setAttribute('aria-describedby', error.id)
      grid.append(label, input, error)
    }
  }
  for (const el of document.querySelectorAll('#assistance-motive, #assistance-description')) {
    const error = document.createElement('p')
    error.id = `${el.id}-error`
    error.className = 'field-error'
    error.hidden = true
    el.setAttribute('aria-describedby', error.id)
    el.after(error)
  }
}

/** Shows every refused field of a FormError next to its input and in the summary. */
function showFormErrors(formId, summary, error) {
  const form = $(formId)
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid')
  for (const p of form.querySelectorAll('.field-error')) { p.hidden = true; p.textContent = '' }
  summary.replaceChildren()
  if (!error) return
  if (!error.fields) { summary.textContent = say(error); return }
  const intro = document.createElement('p')
  intro.textContent = t('fieldErrors')(error.fields.length)
  const list = document.createElement('ul')
  for (const f of error.fields) {
    const input = form.elements[f.field]
    const text = `${t('fields')[f.field] ?? f.field} : ${f.messages[lang]}`
    const li = document.createElement('li')
    li.dataset.field = f.field
    li.dataset.code = f.code
    li.textContent = text
    list.append(li)
    if (input && input.id) {
      input.setAttribute('aria-invalid', 'true')
      const p = $(`${input.id}-error`)
      if (p) { p.textContent = f.messages[lang]; p.hidden = false }
    }
  }
  summary.append(intro, list)
}

function formValues(form, names) {
  const values = {}
  for (const name of names) {
    const el = form.elements[name]
    if (el && el.type !== 'checkbox' && el.value !== '') values[name] = el.value
  }
  return values
}

const humanCheck = (form) =>
  form.elements.human_check.checked ? { status: 'verified', at: new Date().toISOString() } : { status: 'not_verified' }

// ---- the simulator -----------------------------------------------------------------------
let lastOutcome = null
function showOutcome() {
  const out = lastOutcome
  if (!out) return
  const euros = (v) => `${v} €`
  $('r-hourly').textContent = `${out.hourly_reference} €/h`
  $('r-indemnity').textContent = euros(out.employee_indemnity)
  $('r-allocation').textContent = euros(out.employer_allocation)
  $('r-rest').textContent = euros(out.rest_payable_by_employer)
  const warnings = $('r-warnings')
  warnings.replaceChildren()
  for (const w of out.warnings) {
    const li = document.createElement('li')
    li.textContent = w.messages?.[lang] ?? w.code
    warnings.append(li)
  }
  if (out.warnings.length === 0) {
    const li = document.createElement('li')
    li.textContent = t('noWarnings')
    warnings.append(li)
  }
  const steps = $('r-steps')
  steps.replaceChildren()
  for (const step of out.explanation) {
    const li = document.createElement('li')
    const text = document.createElement('span')
    text.textContent = step[lang]
    const source = document.createElement('span')
    source.className = 'source'
    source.textContent = ` — ${t('source')} : ${step.source}`
    li.append(text, source)
    steps.append(li)
  }
  $('sim-result').hidden = false
}
rerender.push(showOutcome)

function simulate(event) {
  event?.preventDefault()
  const form = $('simulator')
  const input = formValues(form, ['month', 'gross_monthly', 'hours_not_worked', 'contract_hours', 'regime', 'category', 'territory'])
  $('sim-error').textContent = ''
  try {
    lastOutcome = apart.compute(input, { explain: 'on' })
    showOutcome()
  } catch (e) {
    lastOutcome = null
    $('sim-result').hidden = true
    $('sim-error').textContent = say(e)
    simError = e
  }
}
let simError = null
rerender.push(() => { if (simError && !lastOutcome) $('sim-error').textContent = say(simError) })

function fillSelects() {
  const choices = apart.indemnityChoices()
  for (const name of ['regime', 'category', 'territory']) {
    const select = $(name)
    for (const value of choices[name]) select.append(new Option(value, value))
  }
  const motive = $('assistance-motive')
  motive.append(new Option(t('placeholder'), ''))
  for (const m of apart.assistanceMotives()) motive.append(new Option(m.label, m.code))
}

// ---- the SIRET field, checked as typed -----------------------------------------------------
let siretState = null
function checkSiret() {
  const input = $('siret')
  const msg = $('siret-msg')
  const value = input.value
  if (value.trim() === '') {
    siretState = null
    input.removeAttribute('aria-invalid')
    msg.textContent = ''
    msg.className = 'hint'
    return
  }
  try {
    siretState = { ok: apart.formatSiret(value) }
    input.setAttribute('aria-invalid', 'false')
  } catch (e) {
    siretState = { error: e }
    input.setAttribute('aria-invalid', 'true')
  }
  showSiret()
}
function showSiret() {
  const msg = $('siret-msg')
  if (!siretState) return
  msg.className = siretState.ok ? 'hint ok' : 'hint bad'
  msg.textContent = siretState.ok ? t('siretOk') + siretState.ok : say(siretState.error)
}
rerender.push(showSiret)

// ---- the two forms -------------------------------------------------------------------------
let accountError = null
let accountOk = false
function submitAccount(event) {
  event.preventDefault()
  const form = $('account')
  const names = [...form.querySelectorAll('[data-fields]')].flatMap((g) => g.dataset.fields.split(' '))
  const input = { ...formValues(form, names), human_check: humanCheck(form) }
  try {
    apart.validateAccountForm(input)
    accountError = null
    accountOk = true
  } catch (e) {
    accountError = e
    accountOk = false
  }
  showAccount()
}
function showAccount() {
  showFormErrors('account', $('account-errors'), accountError)
  if (accountOk) $('account-errors').textContent = t('accountOk')
}
rerender.push(showAccount)

let assistanceError = null
let assistanceOk = false
function submitAssistance(event) {
  event.preventDefault()
  const form = $('assistance')
  const values = formValues(form, ['siret', 'establishment_name', 'full_name', 'phone', 'email', 'motive', 'description'])
  try {
    apart.validateAssistanceForm(values, humanCheck(form))
    assistanceError = null
    assistanceOk = true
  } catch (e) {
    assistanceError = e
    assistanceOk = false
  }
  showAssistance()
}
function showAssistance() {
  showFormErrors('assistance', $('assistance-errors'), assistanceError)
  if (assistanceOk) $('assistance-errors').textContent = t('assistOk')
}
rerender.push(showAssistance)

// ---- a whole claim from a CSV file, in a worker --------------------------------------------
let worker = null
let claimResult = null
function runClaim(file) {
  if (!file) return
  worker?.terminate()
  worker = new Worker(new URL('claim-worker.js', import.meta.url), { type: 'module' })
  const progress = $('claim-progress')
  progress.hidden = false
  progress.value = 0
  $('claim-totals').hidden = true
  $('claim-download').hidden = true
  const started = performance.now()
  worker.onmessage = ({ data }) => {
    if (data.type === 'progress') {
      // Bytes read of the file's bytes: the core reads the rows in order.
      progress.max = data.total
      progress.value = data.done
      $('claim-status').textContent = t('claimRunning')(data.rows, Math.floor((100 * data.done) / Math.max(data.total, 1)))
    } else if (data.type === 'done') {
      claimResult = { ...data, ms: Math.round(performance.now() - started) }
      progress.value = progress.max
      const url = URL.createObjectURL(new Blob([data.csv], { type: 'text/csv;charset=utf-8' }))
      $('claim-download').href = url
      showClaim()
    } else if (data.type === 'error') {
      claimResult = { error: data.error }
      showClaim()
    }
  }
  file.arrayBuffer().then((buffer) => worker.postMessage({ bytes: new Uint8Array(buffer), lang }, [buffer]))
}
function showClaim() {
  if (!claimResult) return
  if (claimResult.error) {
    $('claim-status').textContent = claimResult.error.messages?.[lang] ?? claimResult.error.message
    return
  }
  const totals = claimResult.totals
  $('t-employees').textContent = totals.employees
  $('t-refused').textContent = totals.employees_refused
  $('t-indemnity').textContent = `${totals.employee_indemnity} €`
  $('t-allocation').textContent = `${totals.employer_allocation} €`
  $('claim-totals').hidden = false
  $('claim-download').hidden = false
  $('claim-status').textContent = t('claimDone')(claimResult.lines, claimResult.ms)
}
rerender.push(showClaim)

function wireDrop() {
  const drop = $('drop')
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over') })
  drop.addEventListener('dragleave', () => drop.classList.remove('over'))
  drop.addEventListener('drop', (e) => {
    e.preventDefault()
    drop.classList.remove('over')
    runClaim(e.dataTransfer.files[0])
  })
  drop.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('claim-file').click() }
  })
  $('claim-file').addEventListener('change', (e) => runClaim(e.target.files[0]))
}

// ---- start ---------------------------------------------------------------------------------
async function main() {
  buildFields()
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => { lang = b.dataset.lang; applyLanguage() })
  await init()
  fillSelects()
  applyLanguage()
  $('simulator').addEventListener('submit', simulate)
  $('siret').addEventListener('input', checkSiret)
  $('account').addEventListener('submit', submitAccount)
  $('assistance').addEventListener('submit', submitAssistance)
  wireDrop()
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {})
  $('status').dataset.i18n = 'ready'
  $('status').textContent = t('ready')
  document.body.dataset.ready = 'true'
}
main().catch((e) => { $('status').textContent = String(e) })
