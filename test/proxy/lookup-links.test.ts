import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadlineIn } from '../../proxy/src/deadline.js';
import { fillHyperlink, viewFields } from '../../proxy/src/services/record-view.js';
import { defaultAttributes } from '../../proxy/src/settings/default-attributes.js';
import type { PluginAttribute } from '../../proxy/src/settings/types.js';
import { testSettings } from './support/effective-settings.js';
import { fakeAfas, lookupServiceOver, rowsOf } from './support/fake-afas.js';

const attr = (systemName: string, fieldType: string[]): PluginAttribute => ({
  displayName: systemName,
  systemName,
  showOnExtensionWindow: true,
  order: 1,
  fieldType,
  hyperlink: null,
  category: 'Contact',
});
const ctx = { insite: 'https://12345.afasinsite.nl/', defaultRegion: 'NL' };
const mail = attr('MailWork', ['Email']);
const hrefOf = (value: string) => viewFields([mail], { MailWork: value }, ctx)[0]?.href;

describe('server-built links', () => {
  for (const address of [
    'jan@example.nl',
    'L.van_Leeuwen@ZorggroepDeLinde.example',
    "o'brien+crm@mail.example.co.uk",
    'jürgen@müller.example',
  ]) {
    it(`when a stored address is plain (${address}) then its mailto: link carries the address only`, () => {
      assert.equal(hrefOf(address), `mailto:${address}`);
    });
  }

  for (const value of [
    'jan@example.nl?bcc=spy@evil.example',
    'jan@example.nl?subject=Factuur&body=Betaal%20hier',
    'jan@example.nl&cc=spy@evil.example',
    'jan@example.nl#top',
    'jan%40example.nl@evil.example',
    'jan@example.nl,spy@evil.example',
    'jan@example.nl spy@evil.example',
    'Jan <jan@example.nl>',
    'jan@localhost',
    'javascript:alert(1)//@x.nl',
    `${'a'.repeat(65)}@example.nl`,
  ]) {
    it(`when a stored e-mail value is not a plain address (${value}) then it is shown as text without a link`, () => {
      const [field] = viewFields([mail], { MailWork: value }, ctx);
      assert.equal(field?.value, value);
      assert.equal(field?.href, undefined);
    });
  }

  for (const [stored, href] of [
    ['06-12345678', 'tel:+31612345678'],
    ['+31 (0)6-12345678', 'tel:+31612345678'],
    ['020 123 4567', 'tel:+31201234567'],
    ['0031 20 123 4567', 'tel:+31201234567'],
    ['1234', 'tel:1234'],
  ] as const) {
    it(`when a stored number is ${stored} then its tel: link dials ${href.slice(4)}`, () => {
      const [field] = viewFields([attr('MobWork', ['PhoneNumber'])], { MobWork: stored }, ctx);
      assert.equal(field?.value, stored);
      assert.equal(field?.href, href);
    });
  }

  for (const stored of ['12', 'onbekend', '06-1234x5678']) {
    it(`when a stored phone value is not dialable (${stored}) then it is shown as text without a link`, () => {
      const [field] = viewFields([attr('MobWork', ['PhoneNumber'])], { MobWork: stored }, ctx);
      assert.deepEqual(field, { label: 'MobWork', value: stored });
    });
  }

  it('when a phone or e-mail attribute has a Hyperlink then that template decides, and a refused one gives no link at all', () => {
    const linked = { ...attr('MobWork', ['PhoneNumber']), hyperlink: 'https://evil.example/call?n=[MobWork]' };
    assert.equal(viewFields([linked], { MobWork: '06-12345678' }, ctx)[0]?.href, undefined);
  });
});

describe('InSite links from Hyperlink templates', () => {
  const row = { ContactId: 1001, Code: 'A B&C/é?#', Empty: '', Blank: '  ', Nothing: null };
  const fill = (template: string, insite = ctx.insite) => fillHyperlink(template, row, { ...ctx, insite });

  it('when a template starts with [Insite] then the InSite root and the path join with exactly one slash', () => {
    assert.equal(fill('[Insite]contactpersoon-prs?CdId=[ContactId]'), 'https://12345.afasinsite.nl/contactpersoon-prs?CdId=1001');
    assert.equal(fill('[Insite]/contactpersoon-prs?CdId=[ContactId]'), 'https://12345.afasinsite.nl/contactpersoon-prs?CdId=1001');
    assert.equal(
      fill('[insite]p?CdId=[ContactId]', 'https://intranet.example.nl/insite/'),
      'https://intranet.example.nl/insite/p?CdId=1001',
    );
  });

  it('when a placeholder names a field then its value goes in URI-encoded, so it can never add a parameter, a fragment or a host', () => {
    assert.equal(fill('[Insite]p?c=[Code]&id=[ContactId]'), 'https://12345.afasinsite.nl/p?c=A%20B%26C%2F%C3%A9%3F%23&id=1001');
  });

  for (const field of ['Empty', 'Blank', 'Nothing', 'NotInTheRow']) {
    it(`when a placeholder's field is missing or empty (${field}) then there is no link rather than a broken one`, () => {
      assert.equal(fill(`[Insite]p?id=[ContactId]&x=[${field}]`), undefined);
    });
  }

  for (const template of [
    'http://12345.afasinsite.nl/p?id=[ContactId]',
    'javascript:alert([ContactId])',
    'mailto:x@12345.afasinsite.nl',
    'ftp://12345.afasinsite.nl/[ContactId]',
  ]) {
    it(`when a template makes a link that is not https: (${template.split(':')[0]}:) then it is dropped`, () => {
      assert.equal(fill(template), undefined);
    });
  }

  for (const template of [
    'https://evil.example/p?id=[ContactId]',
    'https://12345.afasinsite.nl.evil.example/p',
    'https://67890.afasinsite.nl/p',
    'https://12345.afasinsite.nl:8443/p',
    'https://x@evil.example/p',
  ]) {
    it(`when a template leads off the InSite host (${template}) then it is dropped`, () => {
      assert.equal(fill(template), undefined);
    });
  }

  it('when a template names the InSite host itself, in any case, then the link is kept as a normalised https: URL', () => {
    assert.equal(fill('HTTPS://12345.AFASINSITE.NL/p?id=[ContactId]'), 'https://12345.afasinsite.nl/p?id=1001');
  });
});

describe('links in a lookup answer', () => {
  const jan = {
    ContactId: 1001,
    FullName: 'Jan de Vries',
    MobPrivate: '+31 (0)6-12345678',
    MailWork: 'jan@example.nl',
    PerNumber: '100001',
  };
  const storing = { SbId: 7, Ds: 'Storing', Stat: 'Nieuw', DaSe: '2026-01-05T10:00:00Z', BcCd: '100001' };

  it('when a caller is found then the contact, its case and its fields link to InSite, tel: and mailto: as the rules say', async () => {
    const answer = await lookupServiceOver(fakeAfas(rowsOf([jan], [storing]))).lookup({ phone: '0612345678' }, deadlineIn(3000));
    const [c] = answer.contacts;
    assert.equal(c.link, 'https://12345.afasinsite.nl/contactpersoon-prs?CdId=1001');
    assert.equal(c.cases[0]?.link, 'https://12345.afasinsite.nl/dossieritem-prs?SbId=7');
    assert.deepEqual(
      c.fields.filter((f) => f.href !== undefined).map((f) => f.href),
      ['https://12345.afasinsite.nl/contactpersoon-prs?CdId=1001', 'tel:+31612345678', 'mailto:jan@example.nl'],
    );
  });

  it('when the published templates lead off the InSite host then the answer carries no such link', async () => {
    const offHost = defaultAttributes.map((a) =>
      a.hyperlink ? { ...a, hyperlink: a.hyperlink.replace('[Insite]', 'https://evil.example/') } : a,
    );
    const answer = await lookupServiceOver(fakeAfas(rowsOf([jan], [storing])), { settings: testSettings({}, offHost) }).lookup(
      { phone: '0612345678' },
      deadlineIn(3000),
    );
    const [c] = answer.contacts;
    assert.equal(c.link, undefined);
    assert.equal(c.cases[0]?.link, undefined);
    assert.ok(
      c.fields.every((f) => f.href === undefined || !f.href.startsWith('https:')),
      JSON.stringify(c.fields),
    );
  });
});
