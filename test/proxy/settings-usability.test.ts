import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AfasClient } from '../../proxy/src/afas/client.js';
import { buildQueryString, type ConnectorQuery } from '../../proxy/src/afas/query.js';
import { readCallerNumber } from '../../proxy/src/phone/caller-id.js';
import { deadlineIn } from '../../proxy/src/deadline.js';
import { planSearch, searchContacts, type ContactQuery } from '../../proxy/src/services/contact-search.js';
import { effectiveAttributes } from '../../proxy/src/settings/attributes.js';
import { resolvePluginSettings } from '../../proxy/src/settings/plugin-settings.js';
import type { AttributeCategory, PluginAttribute, PluginSettings } from '../../proxy/src/settings/types.js';
import { usabilityOf } from '../../proxy/src/settings/usability.js';
import { INSITE, REST, TOKEN_XML } from './support/settings-fixtures.js';

const rules = { afasHosts: [], insiteHosts: [], allowHttpUpstream: false };
const complete = resolvePluginSettings(
  [
    { name: 'Token', value: TOKEN_XML },
    { name: 'ConnectorRestServiceBaseUrl', value: REST },
    { name: 'Insite', value: INSITE },
  ],
  rules,
);

const a = (category: AttributeCategory, systemName: string, fieldType: string[]): PluginAttribute => ({
  displayName: systemName,
  systemName,
  showOnExtensionWindow: true,
  order: 0,
  fieldType,
  hyperlink: null,
  category,
});
const contact = [
  a('Contact', 'ContactId', ['Id']),
  a('Contact', 'FullName', ['Name']),
  a('Contact', 'TelWork', ['PhoneNumber']),
  a('Contact', 'MailWork', ['Email']),
  a('Contact', 'Blocked', ['Blocked']),
];
const caseKey = a('Contact', 'OrgNumber', ['CaseKey']);

/** As the store checks a publication: its items with the defaults for a base category it left out. */
const check = (published: PluginAttribute[], tokenWithheld = false) =>
  usabilityOf({ resolved: complete, attributes: effectiveAttributes(published), tokenWithheld });

const phoneFields = (n: number) =>
  Array.from({ length: n }, (_, i) => a('Contact', `Telefoonnummer_${String(i).padStart(2, '0')}`, ['PhoneNumber']));
const emailFields = (n: number) => Array.from({ length: n }, (_, i) => a('Contact', `Emailadres_${String(i).padStart(2, '0')}`, ['Email']));

describe('settings usability', () => {
  it('when nothing is published beyond the required settings then the defaults work without warnings', () => {
    assert.deepEqual(check([]), { problems: [], warnings: [] });
  });

  it('when a required setting is missing then it is named once, with the variable that could seed it', () => {
    const resolved = resolvePluginSettings([{ name: 'Insite', value: 'not a url' }], rules);
    const u = usabilityOf({ resolved, attributes: effectiveAttributes([]), tokenWithheld: false });
    assert.deepEqual(
      u.problems,
      [
        'Token: required (publish it, or set AFAS_TOKEN on the service)',
        'ConnectorRestServiceBaseUrl: required (publish it, or set AFAS_CONNECTOR_BASE_URL on the service)',
      ],
      'Insite is already named by its own problem',
    );
    assert.match(
      usabilityOf({ resolved, attributes: effectiveAttributes([]), tokenWithheld: true }).problems[0] ?? '',
      /^Token: required, because the token from AFAS_TOKEN is only sent to the host of AFAS_CONNECTOR_BASE_URL/,
    );
  });

  for (const [what, list, expected] of [
    ['no Id', contact.filter((x) => x.systemName !== 'ContactId'), /no Contact attribute has FieldType Id/],
    ['no Name', contact.filter((x) => x.systemName !== 'FullName'), /no Contact attribute has FieldType Name/],
    [
      'neither PhoneNumber nor Email',
      contact.filter((x) => !['TelWork', 'MailWork'].includes(x.systemName)),
      /no Contact attribute has FieldType PhoneNumber or Email/,
    ],
  ] as const) {
    it(`when the Contact attributes have ${what} then it is a problem`, () => {
      assert.match(check([...list, caseKey]).problems.join('\n'), expected);
    });
  }

  it('when only the ContactSearch category lacks a field then Contact still decides (lookups search Contact)', () => {
    assert.deepEqual(check([...contact, caseKey, a('ContactSearch', 'FullName', ['Name'])]).problems, []);
  });

  it('when phone or e-mail search is missing then lookups of the other kind still work: a warning', () => {
    assert.deepEqual(check([...contact.filter((x) => x.systemName !== 'TelWork'), caseKey]), {
      problems: [],
      warnings: ['pluginAttributes: no Contact attribute has FieldType PhoneNumber: phone lookups answer not_configured'],
    });
    assert.deepEqual(check([...contact.filter((x) => x.systemName !== 'MailWork'), caseKey]).warnings, [
      'pluginAttributes: no Contact attribute has FieldType Email: e-mail lookups answer not_configured',
    ]);
  });

  it('when contacts have no CaseKey then lookups work without cases: a warning', () => {
    assert.deepEqual(check(contact), {
      problems: [],
      warnings: ['pluginAttributes: no Contact attribute has FieldType CaseKey: no cases are shown'],
    });
  });

  it('when contacts have a CaseKey but the cases lookups read have no ContactKey then it is a problem naming that category', () => {
    const cases = [a('Case', 'SbId', ['Id']), a('Case', 'Ds', ['Subject'])];
    assert.deepEqual(check([...contact, caseKey, ...cases]).problems, [
      'pluginAttributes: Contact attributes have FieldType CaseKey but no Case attribute has FieldType ContactKey, so cases cannot be linked to contacts',
    ]);
    const search = [...cases, a('Case', 'BcCd', ['ContactKey']), a('CaseSearch', 'Ds', ['Subject'])];
    assert.match(
      check([...contact, caseKey, ...search]).problems.join(''),
      /no CaseSearch attribute has FieldType ContactKey/,
      'case lists read CaseSearch when it has items',
    );
    assert.deepEqual(check([...contact, caseKey, ...search, a('CaseSearch', 'BcCd', ['ContactKey'])]).problems, []);
  });

  it('when more fields are searched than fit in one AFAS query then it says how many fit', () => {
    const u = check([...contact, caseKey, ...phoneFields(31)]);
    assert.equal(u.problems.length, 1);
    assert.match(
      u.problems[0] ?? '',
      /^pluginAttributes: 32 Contact attributes have FieldType PhoneNumber, but one AFAS query can search at most (\d+) of them \(its query string may be at most 2049 characters\); give fewer attributes FieldType PhoneNumber$/,
    );
    assert.match(
      check([...contact, caseKey, ...emailFields(9)]).problems.join(''),
      /10 Contact attributes have FieldType Email, but one AFAS query can search at most \d+ of them/,
    );
  });

  for (const kind of ['PhoneNumber', 'Email'] as const) {
    it(`when exactly as many ${kind} fields as fit are published then the worst lookup the service can send fits in one query`, async () => {
      const many = kind === 'PhoneNumber' ? phoneFields(60) : emailFields(60);
      const fit = Number(/at most (\d+) of them/.exec(check([...contact, caseKey, ...many]).problems.join(''))?.[1]);
      assert.ok(fit > 4, `fit ${fit}`);
      const base = contact.filter((x) => !x.fieldType.includes(kind));
      const published = [...base, caseKey, ...many.slice(0, fit - 1)];
      assert.deepEqual(check(published).problems, [], 'accepted');
      // Full pages of rows that do not match, so the search also reads on: every request it can send is built.
      const sent: string[] = [];
      const afas = {
        getRows: (q: ConnectorQuery) => {
          sent.push(buildQueryString(q));
          return Promise.resolve(Array.from({ length: q.take }, (_, i) => ({ ContactId: (q.skip ?? 0) + i })));
        },
      } as unknown as AfasClient;
      const settings = { ...(complete.settings as PluginSettings), maxContacts: 50 };
      const query: ContactQuery =
        kind === 'PhoneNumber'
          ? { type: 'phone', caller: readCallerNumber('+123456789012345', 'ZZ') as Extract<ContactQuery, { type: 'phone' }>['caller'] }
          : { type: 'email', email: `${'a'.repeat(64)}@${'b'.repeat(186)}.nl` };
      await searchContacts(
        afas,
        settings,
        effectiveAttributes(published).filter((x) => x.category === 'Contact'),
        planSearch(query, settings),
        deadlineIn(5000),
      );
      assert.ok(sent.length > 1, 'the first page and the pages after it');
    });
  }
});
