import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoScenarios } from '../../emulator/src/index.js';
import { casesPage, lookupResponse, searchResponse } from '../../proxy/src/contract.js';
import { readDisplayName } from '../../proxy/src/settings/display-name.js';
import { settingsBody, startStack, type Stack } from './support/stack.js';

const known = demoScenarios.find((s) => s.id === 'known')!.phone!;
const lookupPath = (phone: string) => `/api/v1/lookup?phone=${encodeURIComponent(phone)}`;

describe('reading a DisplayName with language variants', () => {
  it('reads the documented syntax: the default first, then a label per language', () => {
    assert.deepEqual(readDisplayName('Mobiel privé | en: Private mobile | fr: Mobile privé'), {
      label: 'Mobiel privé',
      labels: { en: 'Private mobile', fr: 'Mobile privé' },
      ignored: [],
    });
  });

  it('reads language codes in any case, by their primary subtag', () => {
    assert.deepEqual(readDisplayName('Naam|EN:Name|fr-BE: Nom|NL : Naam').labels, { en: 'Name', fr: 'Nom', nl: 'Naam' });
  });

  it('leaves a DisplayName without variants exactly as it is, a literal | included', () => {
    for (const name of ['Mobiel privé', 'Mobiel | privé', 'Tel | nr: 1', 'Prijs | incl: btw', ' Adres ', 'A|B']) {
      assert.deepEqual(readDisplayName(name), { label: name, ignored: [] }, name);
    }
  });

  it('keeps a | that starts no language as part of the label before it', () => {
    assert.deepEqual(readDisplayName('In | uit | en: In | out | fr: Entrée | sortie'), {
      label: 'In | uit',
      labels: { en: 'In | out', fr: 'Entrée | sortie' },
      ignored: [],
    });
  });

  it('leaves out a variant in another language, and names it', () => {
    assert.deepEqual(readDisplayName('Mobiel | de: Handy | en: Mobile'), { label: 'Mobiel', labels: { en: 'Mobile' }, ignored: ['de'] });
  });
});

describe('labels in API answers (emulator)', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('gives the built-in list’s English and French labels beside the Dutch default, in the match, fields and cases', async () => {
    const r = lookupResponse.parse((await stack.get(lookupPath(known))).body);
    const [c] = r.contacts;
    assert.equal(c.match.label, 'Mobiel privé');
    assert.deepEqual(c.match.labels, { en: 'Private mobile', fr: 'Mobile privé' });
    assert.deepEqual(
      c.fields.find((f) => f.label === 'Naam'),
      {
        label: 'Naam',
        labels: { en: 'Name', fr: 'Nom' },
        value: 'Jan de Vries',
        href: 'https://12345.afasinsite.nl/contactpersoon-prs?CdId=1001',
      },
    );
    assert.deepEqual(
      c.fields.find((f) => f.label === 'Adres')?.labels,
      { en: 'Address', fr: 'Adresse' },
      'one line for both address parts',
    );
    // The built-in list shows no case field: the dossier type (SbTy) is a bare code, listed but not shown.
    assert.deepEqual(c.cases[0]?.fields, []);
  });

  it('gives them in search results and case pages too', async () => {
    const found = searchResponse.parse((await stack.get('/api/v1/search?q=jan%20de%20vries')).body);
    const jan = found.contacts[0];
    assert.deepEqual(jan?.match.labels, { en: 'Name', fr: 'Nom' });
    assert.ok(jan?.fields.every((f) => f.labels?.en !== undefined));
    const page = casesPage.parse((await stack.get(`/api/v1/cases?ref=${encodeURIComponent(jan?.casesRef ?? '')}`)).body);
    assert.ok(page.cases.length > 0);
    assert.deepEqual(page.cases[0]?.fields, []);
  });

  it('gives no labels for a single-language list, whose labels read as before; warns of a language it does not read', async () => {
    const item = (order: number, systemName: string, displayName: string, fieldType: string[], shown = true) => ({
      category: 'Contact',
      order,
      systemName,
      displayName,
      fieldType,
      showOnExtensionWindow: shown,
    });
    const published = await stack.publish(
      settingsBody(
        stack.emulator,
        'helpdesk',
        [],
        [
          item(1, 'ContactId', 'Contactnummer', ['Id'], false),
          item(2, 'FullName', 'Naam | de: Name', ['Name']),
          item(3, 'MobPrivate', 'Mobiel | privé', ['PhoneNumber']),
          item(4, 'MailPrivate', 'Mail | en: E-mail | de: E-Mail', ['Email']),
          item(5, 'Blocked', 'Geblokkeerd', ['Blocked'], false),
          item(6, 'PerNumber', 'Persoon', ['CaseKey'], false),
        ],
      ),
    );
    assert.equal(published.status, 200, published.text);
    assert.deepEqual(published.body.warnings, [
      'pluginAttributes[3].displayName: language "de" is not one of nl, en, fr; its label is left out',
    ]);
    const r = lookupResponse.parse((await stack.get(lookupPath(known))).body);
    const [c] = r.contacts;
    assert.equal(c.match.label, 'Mobiel | privé');
    assert.ok(!('labels' in c.match));
    assert.deepEqual(
      c.fields.map((f) => [f.label, 'labels' in f ? f.labels : 'none']),
      [
        ['Naam | de: Name', 'none'],
        ['Mobiel | privé', 'none'],
        ['Mail', { en: 'E-mail' }],
      ],
    );
  });
});
