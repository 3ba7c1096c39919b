// The demo agent desktop: rings the agent with sample callers from the AFAS emulator, feeds the caller panel the
// way a real agent UI would (attributes on call events), logs the panel's events and opens InSite links in the
// emulated InSite. Plain JS served as-is; no inline script, so it runs under `script-src 'self'`.

/** Every string of the demo page (the panel has its own, in widget/src/i18n/strings.ts). */
const text = {
  en: {
    product: 'Agent desktop',
    demoTag: 'demo',
    agentStatus: 'Available',
    queue: 'Helpdesk queue',
    language: 'Language',
    dark: 'Dark',
    wide: 'Wide panel',
    answer: 'Answer',
    hangUp: 'Hang up',
    simulateTitle: 'Simulate a conversation',
    simulateHint:
      'Each button switches the AFAS emulator to a scenario and rings the agent. The panel on the right looks the caller up. Ring the same caller again within 30 s to see a cached answer ("As of … ago").',
    customTitle: 'Any number or e-mail address',
    customLabel: 'Phone number or e-mail',
    incoming: 'Incoming',
    outgoing: 'Call out',
    logTitle: 'Events from the panel',
    logHint: 'What a host application receives. InSite links are opened in the emulated InSite by this page (it cancels crm-link-opened).',
    noCall: 'No conversation',
    noCallSub: 'Pick a caller on the left',
    ringing: 'Ringing',
    calling: 'Calling…',
    connected: (t) => `Connected · ${t}`,
    ended: 'Call ended',
    email: 'New e-mail',
    inbound: 'Inbound call',
    outbound: 'Outbound call',
    emailSub: 'E-mail conversation',
    faultNote: 'AFAS fault',
    scenariosFailed: 'The scenario list could not be loaded (is this page served by npm start?). The field below still works.',
    openedInsite: (url) => `opened ${url}`,
    indexTitle: 'Caller index',
    adminLink: 'Admin page (index, data quality; the settings key is printed by npm start)',
    indexStates: { off: 'off', building: 'building', ready: 'ready', stale: 'stale', failed: 'failed' },
    indexLine: (state, contacts, ago) =>
      `${state} · ${contacts.toLocaleString('en-GB')} contacts${ago === undefined ? '' : ` · refreshed ${ago} s ago`}`,
    indexUnavailable: 'The index state could not be read.',
    changing: 'Changing the number in AFAS; the caller index picks it up at its next refresh (every 5 s)…',
    changed: (stored, seconds) =>
      `The known caller's mobile number is now ${stored} in AFAS; the caller index had the change after ${seconds} s.`,
    changeFailed: 'The number could not be changed.',
    searchTip: (text) => `Type “${text}” into the panel's search box to find the caller.`,
  },
  nl: {
    product: 'Agentwerkplek',
    demoTag: 'demo',
    agentStatus: 'Beschikbaar',
    queue: 'Wachtrij helpdesk',
    language: 'Taal',
    dark: 'Donker',
    wide: 'Breed paneel',
    answer: 'Opnemen',
    hangUp: 'Ophangen',
    simulateTitle: 'Gesprek nabootsen',
    simulateHint:
      'Elke knop zet de AFAS-emulator in een scenario en laat de agent bellen. Het paneel rechts zoekt de beller op. Bel binnen 30 s dezelfde beller opnieuw voor een antwoord uit de cache ("Stand van … geleden").',
    customTitle: 'Elk nummer of e-mailadres',
    customLabel: 'Telefoonnummer of e-mail',
    incoming: 'Inkomend',
    outgoing: 'Uitbellen',
    logTitle: 'Events van het paneel',
    logHint: 'Wat een hostapplicatie ontvangt. InSite-links opent deze pagina in de nagebootste InSite (zij annuleert crm-link-opened).',
    noCall: 'Geen gesprek',
    noCallSub: 'Kies links een beller',
    ringing: 'Gaat over',
    calling: 'Bellen…',
    connected: (t) => `Verbonden · ${t}`,
    ended: 'Gesprek beëindigd',
    email: 'Nieuwe e-mail',
    inbound: 'Inkomend gesprek',
    outbound: 'Uitgaand gesprek',
    emailSub: 'E-mailgesprek',
    faultNote: 'AFAS-storing',
    scenariosFailed: 'De scenariolijst kon niet worden geladen (draait deze pagina via npm start?). Het veld hieronder werkt wel.',
    openedInsite: (url) => `geopend: ${url}`,
    indexTitle: 'Bellerindex',
    adminLink: 'Beheerpagina (index, datakwaliteit; npm start toont de instellingensleutel)',
    indexStates: { off: 'uit', building: 'wordt opgebouwd', ready: 'gereed', stale: 'verouderd', failed: 'mislukt' },
    indexLine: (state, contacts, ago) =>
      `${state} · ${contacts.toLocaleString('nl-NL')} contacten${ago === undefined ? '' : ` · ${ago} s geleden bijgewerkt`}`,
    indexUnavailable: 'De status van de index kon niet worden gelezen.',
    changing: 'Het nummer wordt in AFAS gewijzigd; de bellerindex neemt het mee bij de volgende verversing (elke 5 s)…',
    changed: (stored, seconds) =>
      `Het mobiele nummer van de bekende beller is nu ${stored} in AFAS; de bellerindex had de wijziging na ${seconds} s.`,
    changeFailed: 'Het nummer kon niet worden gewijzigd.',
    searchTip: (text) => `Typ „${text}” in het zoekvak van het paneel om de beller te vinden.`,
  },
  fr: {
    product: 'Poste de travail agent',
    demoTag: 'démo',
    agentStatus: 'Disponible',
    queue: 'File d’attente helpdesk',
    language: 'Langue',
    dark: 'Sombre',
    wide: 'Panneau large',
    answer: 'Décrocher',
    hangUp: 'Raccrocher',
    simulateTitle: 'Simuler une conversation',
    simulateHint:
      'Chaque bouton met l’émulateur AFAS dans un scénario et fait sonner le poste de l’agent. Le panneau de droite recherche l’appelant. Rappelez le même appelant dans les 30 s pour voir une réponse venant du cache.',
    customTitle: 'N’importe quel numéro ou adresse e-mail',
    customLabel: 'Numéro de téléphone ou e-mail',
    incoming: 'Entrant',
    outgoing: 'Appeler',
    logTitle: 'Événements du panneau',
    logHint: 'Ce que reçoit une application hôte. Cette page ouvre les liens InSite dans l’InSite émulé (elle annule crm-link-opened).',
    noCall: 'Pas de conversation',
    noCallSub: 'Choisissez un appelant à gauche',
    ringing: 'Sonnerie',
    calling: 'Appel en cours…',
    connected: (t) => `En ligne · ${t}`,
    ended: 'Appel terminé',
    email: 'Nouvel e-mail',
    inbound: 'Appel entrant',
    outbound: 'Appel sortant',
    emailSub: 'Conversation par e-mail',
    faultNote: 'Panne AFAS',
    scenariosFailed:
      'La liste des scénarios n’a pas pu être chargée (cette page est-elle servie par npm start ?). Le champ ci-dessous fonctionne quand même.',
    openedInsite: (url) => `ouvert : ${url}`,
    indexTitle: 'Index des appelants',
    adminLink: 'Page d’administration (index, qualité des données ; npm start affiche la clé des paramètres)',
    indexStates: { off: 'désactivé', building: 'en construction', ready: 'prêt', stale: 'périmé', failed: 'en échec' },
    indexLine: (state, contacts, ago) =>
      `${state} · ${contacts.toLocaleString('fr-BE')} relations${ago === undefined ? '' : ` · mis à jour il y a ${ago} s`}`,
    indexUnavailable: 'L’état de l’index n’a pas pu être lu.',
    changing: 'Modification du numéro dans AFAS ; l’index des appelants la reprend à sa prochaine mise à jour (toutes les 5 s)…',
    changed: (stored, seconds) =>
      `Le numéro de GSM de l’appelant connu est maintenant ${stored} dans AFAS ; l’index des appelants avait la modification après ${seconds} s.`,
    changeFailed: 'Le numéro n’a pas pu être modifié.',
    searchTip: (text) => `Tapez « ${text} » dans la zone de recherche du panneau pour trouver l’appelant.`,
  },
};

const languages = Object.keys(text);
const locales = { en: 'en-GB', nl: 'nl-NL', fr: 'fr-BE' };

const $ = (id) => document.getElementById(id);
const panel = /** @type {HTMLElement & {phone: string, email: string, direction: string, lang: string, theme?: string}} */ ($('panel'));
const api = (path) => new URL(path, document.baseURI).href;

const demo = {
  lang: 'en',
  scenarios: [],
  insiteBase: '',
  emulatedInsite: '',
  /** @type {{labels: Record<string, string>, phone?: string, email?: string, direction: string, state: string, since: number} | undefined} */
  call: undefined,
  /** The note under the scenarios, written again in each language: `(strings) => text`, or undefined for none. */
  note: undefined,
  timer: 0,
};

const t = () => text[demo.lang];

/** A scenario's labels from the service: `labels` per language, else the older "Dutch / English" `label` split. */
function labelsOf(s) {
  if (s.labels && typeof s.labels === 'object') return s.labels;
  const [nl, en] = String(s.label ?? '').split(' / ');
  return { nl: nl || s.label, en: en || nl || s.label };
}

/** The label in the current language (English when the service has none in it). */
const labelIn = (labels) => labels[demo.lang] ?? labels.en ?? Object.values(labels)[0] ?? '';

function showNote(note) {
  demo.note = note;
  $('scenario-note').textContent = note ? note(t()) : '';
}

async function showIndex() {
  try {
    const res = await fetch(api('demo/api/index'), { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const s = await res.json();
    const ago = s.refreshedAt ? Math.max(0, Math.round((Date.now() - Date.parse(s.refreshedAt)) / 1000)) : undefined;
    $('index-state').textContent = t().indexLine(t().indexStates[s.state] ?? s.state, Number(s.contacts) || 0, ago);
  } catch {
    $('index-state').textContent = t().indexUnavailable;
  }
}

/** "Number changed in AFAS": the service's demo route changes it and waits for the index, then the agent is rung. */
async function changeNumber(s) {
  showNote((tt) => tt.changing);
  try {
    const res = await fetch(api('demo/api/number-change'), { method: 'POST' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = await res.json();
    showNote((tt) => tt.changed(body.stored, body.waitedSeconds));
    await startConversation({ id: 'known', labels: labelsOf(s), phone: body.phone, direction: 'inbound', keepNote: true });
    void showIndex();
    await loadScenarios();
  } catch {
    showNote((tt) => tt.changeFailed);
  }
}

/** A caller the number does not find: what they say, and the word to search for. */
const searchNote = (search) => (tt) => `${search.hint?.[demo.lang] ?? search.hint?.en ?? ''} ${tt.searchTip(search.text)}`.trim();

function applyLanguage(lang) {
  demo.lang = lang;
  document.documentElement.lang = lang;
  // The panel's own attribute: it speaks the desk's language (nl, en or fr).
  panel.setAttribute('lang', lang);
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const value = t()[el.dataset.i18n];
    if (typeof value === 'string') el.textContent = value;
  }
  $('custom-value').placeholder = '+31 6 12345678 · jan@example.nl';
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  if (!$('scenario-error').hidden) $('scenario-error').textContent = t().scenariosFailed;
  showNote(demo.note);
  renderScenarios();
  renderCall();
  void showIndex();
}

function renderScenarios() {
  const list = $('scenarios');
  list.replaceChildren(
    ...demo.scenarios.map((s) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'scenario';
      const name = document.createElement('span');
      name.className = 'scenario-name';
      button.dataset.scenario = s.id;
      name.textContent = labelIn(labelsOf(s));
      const detail = document.createElement('span');
      detail.className = 'scenario-detail';
      detail.textContent = [s.phone ?? s.email ?? '', s.hasFault ? t().faultNote : ''].filter(Boolean).join(' · ');
      button.append(name, detail);
      button.addEventListener('click', () =>
        s.changesAfas
          ? void changeNumber(s)
          : void startConversation({
              id: s.id,
              labels: labelsOf(s),
              phone: s.phone,
              email: s.email,
              direction: 'inbound',
              note: s.search?.text ? searchNote(s.search) : undefined,
            }),
      );
      li.append(button);
      return li;
    }),
  );
  list.setAttribute('aria-busy', 'false');
}

function elapsed() {
  const s = Math.floor((Date.now() - (demo.call?.since ?? Date.now())) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function renderCall() {
  const c = demo.call;
  const bar = $('callbar');
  bar.dataset.state = c?.state ?? 'idle';
  $('call-line').textContent = c ? (c.phone ?? c.email ?? '') : t().noCall;
  $('call-sub').textContent = c ? `${c.email ? t().emailSub : t()[c.direction]} · ${labelIn(c.labels)}` : t().noCallSub;
  const states = { ringing: t().ringing, calling: t().calling, connected: t().connected(elapsed()), ended: t().ended, email: t().email };
  $('call-state').textContent = c ? states[c.state] : '';
  $('answer').hidden = c?.state !== 'ringing';
  $('hangup').hidden = !c || c.state === 'ended' || c.state === 'email';
}

function setCallState(state) {
  if (!demo.call) return;
  demo.call.state = state;
  clearInterval(demo.timer);
  if (state === 'connected') {
    demo.call.since = Date.now();
    demo.timer = setInterval(renderCall, 1000);
  }
  renderCall();
}

/**
 * What a real agent UI does on a call event: switch the emulator (demo only), then set the panel's attributes.
 * `note`: the note that goes with this conversation (none: the note is cleared, unless `keepNote`).
 */
async function startConversation({ id, labels, phone, email, direction, note, keepNote = false }) {
  try {
    await fetch(api(`demo/api/scenario/${encodeURIComponent(id)}`), { method: 'PUT' });
  } catch {
    // The demo endpoints are optional: the panel still looks up against whatever the service has.
  }
  if (!keepNote) showNote(note);
  clearInterval(demo.timer);
  demo.call = {
    labels,
    phone,
    email,
    direction,
    state: email ? 'email' : direction === 'outbound' ? 'calling' : 'ringing',
    since: Date.now(),
  };
  panel.direction = direction;
  panel.email = email ?? '';
  panel.phone = phone ?? '';
  renderCall();
  if (direction === 'outbound' && !email) setTimeout(() => demo.call?.state === 'calling' && setCallState('connected'), 1500);
}

function log(name, detail) {
  const li = document.createElement('li');
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString(locales[demo.lang]);
  const code = document.createElement('code');
  code.textContent = `${name} ${JSON.stringify(detail)}`;
  li.append(time, ' ', code);
  $('log').prepend(li);
  while ($('log').children.length > 30) $('log').lastElementChild?.remove();
}

// crm-pick-remembered: an agent remembered a contact for a number or address (`remembered: false`: forgot it).
for (const name of ['crm-lookup-completed', 'crm-contact-selected', 'crm-pick-remembered', 'crm-error']) {
  panel.addEventListener(name, (e) => log(name, e.detail));
}

// Take over InSite links: open the emulated InSite instead of the real one, so click-through works without AFAS.
panel.addEventListener('crm-link-opened', (e) => {
  log('crm-link-opened', e.detail);
  const { href } = e.detail;
  if (demo.insiteBase && demo.emulatedInsite && href.startsWith(demo.insiteBase)) {
    e.preventDefault();
    const target = demo.emulatedInsite + href.slice(demo.insiteBase.length);
    window.open(target, '_blank', 'noopener');
    log('demo', t().openedInsite(target));
  }
});

$('answer').addEventListener('click', () => setCallState('connected'));
$('hangup').addEventListener('click', () => setCallState('ended'));
$('custom').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = $('custom-value').value.trim();
  if (!value) return;
  const direction = e.submitter?.value === 'outbound' ? 'outbound' : 'inbound';
  const isEmail = value.includes('@');
  void startConversation({
    id: 'custom',
    labels: { nl: value, en: value, fr: value },
    phone: isEmail ? undefined : value,
    email: isEmail ? value : undefined,
    direction,
  });
});
for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => applyLanguage(b.dataset.lang));
$('theme').addEventListener('click', (e) => {
  const dark = e.currentTarget.getAttribute('aria-pressed') !== 'true';
  e.currentTarget.setAttribute('aria-pressed', String(dark));
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  panel.theme = dark ? 'dark' : 'light';
});
$('wide').addEventListener('click', (e) => {
  const wide = e.currentTarget.getAttribute('aria-pressed') !== 'true';
  e.currentTarget.setAttribute('aria-pressed', String(wide));
  $('desk').classList.toggle('wide', wide);
});

async function loadScenarios() {
  try {
    const res = await fetch(api('demo/api/scenarios'), { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = await res.json();
    demo.scenarios = Array.isArray(body.scenarios) ? body.scenarios : [];
    demo.insiteBase = typeof body.insiteBase === 'string' ? body.insiteBase : '';
    demo.emulatedInsite = typeof body.emulatedInsite === 'string' ? body.emulatedInsite : '';
  } catch {
    $('scenario-error').hidden = false;
    $('scenario-error').textContent = t().scenariosFailed;
  }
  renderScenarios();
}

const asked = new URLSearchParams(location.search).get('lang')?.toLowerCase().split(/[-_]/)[0];
applyLanguage(languages.includes(asked) ? asked : 'en');
void loadScenarios();
setInterval(() => void showIndex(), 5000);
