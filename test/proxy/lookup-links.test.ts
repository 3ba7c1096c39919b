import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { viewFields } from '../../proxy/src/services/record-view.js';
import type { PluginAttribute } from '../../proxy/src/settings/types.js';

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
  for (const address of ['jan@example.nl', 'L.van_Leeuwen@ZorggroepDeLinde.example', "o'brien+crm@mail.example.co.uk", 'jürgen@müller.example']) {
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

  it('keeps tel: links as they are', () => {
    const [field] = viewFields([attr('MobWork', ['PhoneNumber'])], { MobWork: '06-12345678' }, ctx);
    assert.equal(field?.href, 'tel:+31612345678');
  });
});
