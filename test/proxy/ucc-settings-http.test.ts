import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_TOKEN_DATA } from '../../emulator/src/index.js';
import { lookupResponse } from '../../proxy/src/contract.js';
import { adminAuth, settingsBody, startStack, type Stack } from './support/stack.js';

describe('UCC settings over HTTP, across a restart', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ publish: false });
  });
  after(() => stack.close());

  it('makes the first UCC to publish primary', async () => {
    const r = await stack.publish(settingsBody(stack.emulator, 'helpdesk', [{ name: 'MaxContacts', value: '3' }]));
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { ucc: 'helpdesk', primary: true, primaryUcc: 'helpdesk', conflicts: [], warnings: [] });
  });

  it('reports a second UCC with other values as a conflict and keeps the primary settings', async () => {
    const r = await stack.publish(settingsBody(stack.emulator, 'sales', [{ name: 'MaxContacts', value: '7' }]));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.primary, false);
    assert.equal(r.body.primaryUcc, 'helpdesk');
    assert.deepEqual(r.body.conflicts, [{ name: 'MaxContacts', primaryUcc: 'helpdesk' }]);
    const view = await stack.get('/api/v1/settings', adminAuth);
    assert.equal(view.body.settings.MaxContacts, '3');
  });

  it('accepts the SharePoint spelling of a publish', async () => {
    const r = await stack.publish({
      Ucc: 'helpdesk',
      PluginSettings: [
        { Title: 'Token', Value: stack.emulator.token, Scope: 'CrmService' },
        { Title: 'ConnectorRestServiceBaseUrl', Value: stack.emulator.connectorBaseUrl, Scope: 'CrmService' },
        { Title: 'Insite', Value: 'https://12345.afasinsite.nl', Scope: 'CrmService' },
        { Title: 'MaxContacts', Value: '3', Scope: 'CrmService' },
        { Title: 'CrmServiceUrl', Value: 'http://elsewhere', Scope: 'WebAgentService' },
      ],
      PluginAttributes: [],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.primary, true);
  });

  it('names the offending item of an invalid publish and keeps the effective settings', async () => {
    const r = await stack.publish({
      ...settingsBody(stack.emulator, 'helpdesk'),
      pluginAttributes: [{ displayName: 'X', systemName: 'Bad,Field', category: 'Contact', order: 1 }],
    });
    assert.equal(r.status, 400, r.text);
    assert.match(r.body.error.message, /pluginAttributes\[0\]/i);
    const view = await stack.get('/api/v1/settings', adminAuth);
    assert.equal(view.body.primaryUcc, 'helpdesk');
    assert.equal((await stack.get('/api/v1/lookup?phone=%2B31612345678')).status, 200);
  });

  it('keeps the same primary after a restart, even when the other UCC publishes first', async () => {
    await stack.restart();
    const view = await stack.get('/api/v1/settings', adminAuth);
    assert.equal(view.body.primaryUcc, 'helpdesk');
    assert.equal((await stack.get('/api/v1/lookup?phone=%2B31612345678')).status, 200, 'settings are back without any publish');
    const r = await stack.publish(settingsBody(stack.emulator, 'sales', [{ name: 'MaxContacts', value: '7' }]));
    assert.equal(r.body.primary, false);
    assert.equal(r.body.primaryUcc, 'helpdesk');
    assert.equal((await stack.get('/api/v1/settings', adminAuth)).body.settings.MaxContacts, '3');
  });

  it('shows the effective settings with the token redacted', async () => {
    const view = await stack.get('/api/v1/settings', adminAuth);
    assert.ok(!view.text.includes(DEMO_TOKEN_DATA));
    assert.ok(!view.text.includes(Buffer.from(stack.emulator.token).toString('base64')));
    assert.deepEqual(view.body.uccs.sort(), ['helpdesk', 'sales']);
    assert.ok(Array.isArray(view.body.attributes) && view.body.attributes.length > 0);
  });
});

describe('an AFAS environment with its own connectors and field ids', () => {
  let stack: Stack;
  const rename = {
    TelWork: 'Telefoon_werk',
    MobPrivate: 'Mobiel_prive',
    ContactId: 'Contactnummer',
    FullName: 'Volledige_naam',
    PerNumber: 'Persoonsnummer',
    BcCd: 'Relatienummer',
    Ds: 'Omschrijving',
    DaSe: 'Datum_invoer',
    SbId: 'Dossiernummer',
  };
  const attributes = [
    { displayName: 'Id', systemName: 'Contactnummer', showOnExtensionWindow: false, order: 1, fieldType: ['Id'], category: 'Contact' },
    {
      displayName: 'Naam',
      systemName: 'Volledige_naam',
      showOnExtensionWindow: true,
      order: 2,
      fieldType: ['Name'],
      hyperlink: '[Insite]persoon-prs?CdId=[Contactnummer]',
      category: 'Contact',
    },
    {
      displayName: 'Telefoon',
      systemName: 'Telefoon_werk',
      showOnExtensionWindow: true,
      order: 3,
      fieldType: 'PhoneNumber;#Search',
      category: 'Contact',
    },
    {
      displayName: 'Mobiel',
      systemName: 'Mobiel_prive',
      showOnExtensionWindow: 'Yes',
      order: 4,
      fieldType: ['PhoneNumber'],
      category: 'Contact',
    },
    {
      displayName: 'Geblokkeerd',
      systemName: 'Blocked',
      showOnExtensionWindow: 'No',
      order: 5,
      fieldType: ['Blocked'],
      category: 'Contact',
    },
    {
      displayName: 'Relatie',
      systemName: 'Persoonsnummer',
      showOnExtensionWindow: false,
      order: 6,
      fieldType: ['CaseKey'],
      category: 'Contact',
    },
    { displayName: 'Id', systemName: 'Dossiernummer', showOnExtensionWindow: false, order: 1, fieldType: ['Id'], category: 'Case' },
    {
      displayName: 'Onderwerp',
      systemName: 'Omschrijving',
      showOnExtensionWindow: true,
      order: 2,
      fieldType: ['Subject'],
      hyperlink: '[Insite]dossier-prs?SbId=[Dossiernummer]',
      category: 'Case',
    },
    { displayName: 'Status', systemName: 'Stat', showOnExtensionWindow: true, order: 3, fieldType: ['Status'], category: 'Case' },
    { displayName: 'Datum', systemName: 'Datum_invoer', showOnExtensionWindow: true, order: 4, fieldType: ['Date'], category: 'Case' },
    {
      displayName: 'Relatie',
      systemName: 'Relatienummer',
      showOnExtensionWindow: false,
      order: 5,
      fieldType: ['ContactKey'],
      category: 'Case',
    },
  ];
  before(async () => {
    stack = await startStack({
      emulator: { connectors: { contacts: 'Klant_Contacten', cases: 'Klant_Dossiers' }, fieldRename: rename },
      settings: [
        { name: 'ContactConnector', value: 'Klant_Contacten' },
        { name: 'CaseConnector', value: 'Klant_Dossiers' },
      ],
      attributes,
    });
  });
  after(() => stack.close());

  it('finds the caller and their cases through the published attributes alone', async () => {
    const r = await stack.get('/api/v1/lookup?phone=%2B31612345678');
    assert.equal(r.status, 200, r.text);
    const body = lookupResponse.parse(r.body);
    assert.equal(body.status, 'matched');
    const c = body.contacts[0];
    assert.equal(c.name, 'Jan de Vries');
    assert.equal(c.match.field, 'Mobiel_prive');
    assert.match(c.link ?? '', /^https:\/\/12345\.afasinsite\.nl\/persoon-prs\?CdId=\d+$/);
    assert.ok(c.cases.length > 0);
    assert.match(c.cases[0].link ?? '', /dossier-prs\?SbId=\d+$/);
    assert.ok(stack.emulator.requests.every((x) => /Klant_(Contacten|Dossiers)/.test(x.path)));
  });
});
