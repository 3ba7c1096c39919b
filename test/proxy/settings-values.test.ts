import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCaseStatus, parseCaseStatus } from '../../proxy/src/settings/case-status.js';
import { resolvePluginSettings, type SettingValue } from '../../proxy/src/settings/plugin-settings.js';
import { authorizationHeader } from '../../proxy/src/afas/token.js';
import { normaliseAfasRestRoot, normaliseInsiteUrl, type UpstreamRules } from '../../proxy/src/settings/upstream-url.js';
import { appError, HEX, INSITE, REST, REST_ROOT, TOKEN_BASE64, TOKEN_XML, tokenForms } from './support/settings-fixtures.js';

const strict: UpstreamRules = { afasHosts: [], insiteHosts: [], allowHttpUpstream: false };
const v = (name: string, value: string): SettingValue => ({ name, value });
const required = [v('Token', TOKEN_XML), v('ConnectorRestServiceBaseUrl', REST), v('Insite', INSITE)];

describe('plugin settings', () => {
  it('when only the required settings are given then the documented defaults apply', () => {
    const r = resolvePluginSettings(required, strict);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.missing, []);
    const s = r.settings;
    assert.ok(s);
    assert.deepEqual(s.afas, { restRoot: REST_ROOT, authorization: authorizationHeader(TOKEN_XML), host: '12345.rest.afas.online' });
    assert.equal(s.insite, INSITE);
    assert.equal(s.defaultPhoneNumberRegion, 'ZZ');
    assert.equal(s.phoneNumberFormat, 'WildCard');
    assert.equal(s.contactConnector, 'Profit_Contacts');
    assert.equal(s.caseConnector, 'ProfitSubjectsAuthorized');
    assert.equal(s.maxContacts, 5);
    assert.equal(s.maxCases, 5);
    assert.equal(s.cacheSeconds, 60);
    assert.deepEqual({ ...s.caseStatus }, { ...parseCaseStatus(defaultCaseStatus) });
    assert.equal(s.caseStatus['afgehandeld'], 'Closed');
  });

  it('when every setting is given, in any case of name and value, then they are typed and normalised', () => {
    const r = resolvePluginSettings(
      [
        ...required,
        v('defaultphonenumberregion', 'nl'),
        v('PHONENUMBERFORMAT', 'e164'),
        v('ContactConnector', 'My_Contacts'),
        v('CaseConnector', 'My.Cases'),
        v('MaxContacts', '50'),
        v('MaxCases', '1'),
        v('CaseStatus', 'Open=open; Dicht = CLOSED ;'),
        v('CacheSeconds', '0'),
        v('ShowStatus', 'True'),
      ],
      strict,
    );
    assert.deepEqual(r.problems, []);
    const s = r.settings;
    assert.ok(s);
    assert.equal(s.defaultPhoneNumberRegion, 'NL');
    assert.equal(s.phoneNumberFormat, 'E164');
    assert.equal(s.contactConnector, 'My_Contacts');
    assert.equal(s.caseConnector, 'My.Cases');
    assert.equal(s.maxContacts, 50);
    assert.equal(s.maxCases, 1);
    assert.deepEqual({ ...s.caseStatus }, { open: 'Open', dicht: 'Closed' });
    assert.equal(s.cacheSeconds, 0);
    assert.equal(r.canonical.get('showstatus')?.value, 'True', 'unknown settings are kept for comparison');
  });

  it('when a required setting is missing or empty then the settings are "not configured", not an error', () => {
    const r = resolvePluginSettings([v('Token', TOKEN_XML), v('Insite', '')], strict);
    assert.equal(r.settings, undefined);
    assert.deepEqual(r.missing, ['ConnectorRestServiceBaseUrl', 'Insite']);
    assert.deepEqual(r.problems, []);
  });

  for (const [name, value, expected] of [
    ['PhoneNumberFormat', 'Fancy', 'PhoneNumberFormat: expected one of WildCard, E164, International, National, Rfc3966'],
    ['DefaultPhoneNumberRegion', 'UK', 'DefaultPhoneNumberRegion: expected an ISO 3166 alpha-2'],
    ['DefaultPhoneNumberRegion', 'NLD', 'DefaultPhoneNumberRegion:'],
    ['MaxContacts', '0', 'MaxContacts: expected a whole number from 1 to 50'],
    ['MaxContacts', '51', 'MaxContacts:'],
    ['MaxCases', '101', 'MaxCases: expected a whole number from 1 to 100'],
    ['MaxCases', '2.5', 'MaxCases:'],
    ['CacheSeconds', '3601', 'CacheSeconds: expected a whole number from 0 to 3600'],
    ['CacheSeconds', 'soon', 'CacheSeconds:'],
    ['ContactConnector', 'a/b', 'ContactConnector: expected a GetConnector id'],
    // The one id rule (afas/ids.ts): a "-" used to pass here and then fail every lookup in the AFAS client.
    ['CaseConnector', 'My-Cases', 'CaseConnector: expected a GetConnector id (letters, digits, "_" and ".")'],
    ['CaseStatus', 'Afgehandeld', 'CaseStatus: "Afgehandeld" is not a pair'],
    ['CaseStatus', 'X=Done', 'CaseStatus:'],
    ['Token', 'not a token', 'Token: expected the AFAS token'],
    ['ConnectorRestServiceBaseUrl', 'ftp://x/ProfitRestServices', 'ConnectorRestServiceBaseUrl: expected an https: URL'],
    ['Insite', 'not a url', 'Insite: expected an absolute URL'],
    [
      'ConnectorRestServiceBaseUrl',
      'https://127.0.0.1/ProfitRestServices',
      'ConnectorRestServiceBaseUrl: expected an AFAS Online REST URL',
    ],
    ['Insite', 'https://phish.example/', 'Insite: expected an AFAS InSite URL'],
    ['Insite', 'http://12345.afasinsite.nl/', 'Insite: expected an https: URL'],
  ] as const) {
    it(`when ${name} is ${JSON.stringify(value)} then the problem names the setting`, () => {
      const r = resolvePluginSettings([...required, v(name, value)], strict);
      assert.equal(r.problems.length, 1, r.problems.join('\n'));
      assert.ok(r.problems[0]?.startsWith(expected), r.problems[0]);
    });
  }

  it('when the token is given as XML, hex data or Base64 then it is accepted and compares equal', () => {
    const forms = [TOKEN_XML, HEX, TOKEN_BASE64, `  ${TOKEN_XML}\n`];
    const canon = forms.map((t) => {
      const r = resolvePluginSettings([...required.slice(1), v('Token', t.trim())], strict);
      assert.deepEqual(r.problems, []);
      return r.canonical.get('token')?.value;
    });
    assert.equal(new Set(canon).size, 1);
  });

  it('when a token is invalid then the problem does not quote it', () => {
    const almost = `${TOKEN_XML}x`;
    const r = resolvePluginSettings([v('Token', almost), v('Insite', `${HEX}`)], strict);
    for (const p of r.problems) for (const t of [almost, ...tokenForms]) assert.ok(!p.includes(t), p);
  });
});

describe('upstream URLs', () => {
  for (const input of [
    'https://12345.rest.afas.online/ProfitRestServices',
    'https://12345.rest.afas.online/ProfitRestServices/',
    'https://12345.rest.afas.online/ProfitRestServices/connectors',
    'https://12345.rest.afas.online/ProfitRestServices/Connectors/',
    ' https://12345.REST.afas.online/ProfitRestServices// ',
  ]) {
    it(`when the connector URL is ${input.trim()} then the REST root is the URL without /connectors and without a slash`, () => {
      assert.deepEqual(normaliseAfasRestRoot(input, strict), { ok: true, value: REST_ROOT });
    });
  }

  for (const input of ['https://12345.afasinsite.nl', 'https://12345.afasinsite.nl/', 'https://12345.afasinsite.nl///']) {
    it(`when InSite is ${input} then it ends in exactly one slash`, () => {
      assert.deepEqual(normaliseInsiteUrl(input, strict), { ok: true, value: INSITE });
    });
  }

  it('when InSite has a path on a host of CRM_INSITE_HOSTS then the path is kept with one trailing slash', () => {
    assert.deepEqual(normaliseInsiteUrl('https://intranet.example.nl/insite//', { ...strict, insiteHosts: ['intranet.example.nl'] }), {
      ok: true,
      value: 'https://intranet.example.nl/insite/',
    });
  });

  for (const host of ['12345.rest.afas.online', '12345.resttest.afas.online', '12345.restaccept.afas.online', '12345.REST.afas.online']) {
    it(`when the AFAS host is ${host} then it is allowed without any host list`, () => {
      assert.equal(normaliseAfasRestRoot(`https://${host}/ProfitRestServices`, strict).ok, true);
    });
  }

  for (const url of [
    'https://attacker.example/ProfitRestServices',
    'https://12345.rest.afas.online.attacker.example/ProfitRestServices',
    'https://rest.afas.online/ProfitRestServices',
    'https://O12345AA.rest.afas.online/ProfitRestServices',
    'https://12345.restcursus.afas.online/ProfitRestServices',
    'https://12345.afasonlineconnector.nl/profitrestservices',
    'https://12345.soap.afas.online/profitservices',
    'https://x.12345.rest.afas.online/ProfitRestServices',
    'https://12345.rest.afas.online./ProfitRestServices',
    'https://185.46.182.140/ProfitRestServices',
    'https://[::1]/ProfitRestServices',
    'https://0x7f.1/ProfitRestServices',
    'https://12345.afasinsite.nl/ProfitRestServices',
  ]) {
    it(`when the AFAS URL is ${url} then it is refused naming CRM_AFAS_HOSTS`, () => {
      const r = normaliseAfasRestRoot(url, strict);
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.problem, /AFAS Online REST URL.*CRM_AFAS_HOSTS/);
    });
  }

  for (const url of [
    'https://evil.example/',
    'https://12345.afasinsite.nl.evil.example/',
    'https://127.0.0.1/',
    'https://afasinsite.nl/',
    'https://12345.rest.afas.online/',
  ]) {
    it(`when InSite is ${url} then it is refused naming CRM_INSITE_HOSTS`, () => {
      const r = normaliseInsiteUrl(url, strict);
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.problem, /afasinsite\.nl.*CRM_INSITE_HOSTS/);
    });
  }

  it('when a built-in AFAS or InSite host names a port then it is refused; 443 is the same URL', () => {
    assert.match(problemOf(normaliseAfasRestRoot('https://12345.rest.afas.online:8443/ProfitRestServices', strict)), /port/);
    assert.match(problemOf(normaliseInsiteUrl('https://12345.afasinsite.nl:444/', strict)), /port/);
    assert.deepEqual(normaliseAfasRestRoot('https://12345.rest.afas.online:443/ProfitRestServices', strict), {
      ok: true,
      value: REST_ROOT,
    });
  });

  it('when a host is on CRM_AFAS_HOSTS then it is allowed, with any port; wildcards match sub-domains only', () => {
    const rules = { ...strict, afasHosts: ['profit.example.nl', '*.afas.example.com', '10.0.0.5', '[::1]'] };
    assert.deepEqual(normaliseAfasRestRoot('https://profit.example.nl:8443/ProfitRestServices', rules), {
      ok: true,
      value: 'https://profit.example.nl:8443/ProfitRestServices',
    });
    assert.equal(normaliseAfasRestRoot('https://a.b.afas.example.com/ProfitRestServices', rules).ok, true);
    assert.equal(normaliseAfasRestRoot('https://afas.example.com/ProfitRestServices', rules).ok, false, 'the wildcard is for sub-domains');
    assert.equal(normaliseAfasRestRoot('https://evilafas.example.com/ProfitRestServices', rules).ok, false);
    assert.equal(normaliseAfasRestRoot('https://10.0.0.5/ProfitRestServices', rules).ok, true);
    assert.equal(normaliseAfasRestRoot('https://10.0.0.6/ProfitRestServices', rules).ok, false);
    assert.equal(normaliseAfasRestRoot('https://[0:0::1]:9/ProfitRestServices', rules).ok, true, 'IPv6 compared as URL writes it');
    assert.equal(normaliseInsiteUrl('https://profit.example.nl/', rules).ok, false, 'an AFAS host is not an InSite host');
  });

  it('when an AFAS URL is http: then it needs CRM_ALLOW_HTTP_UPSTREAM and a host on CRM_AFAS_HOSTS', () => {
    const url = 'http://127.0.0.1:8099/ProfitRestServices';
    assert.match(problemOf(normaliseAfasRestRoot(url, { ...strict, afasHosts: ['127.0.0.1'] })), /https: URL.*CRM_ALLOW_HTTP_UPSTREAM/);
    assert.match(problemOf(normaliseAfasRestRoot(url, { ...strict, allowHttpUpstream: true })), /CRM_AFAS_HOSTS/);
    assert.match(
      problemOf(normaliseAfasRestRoot('http://12345.rest.afas.online/ProfitRestServices', { ...strict, allowHttpUpstream: true })),
      /https: URL/,
      'never for AFAS Online',
    );
    assert.deepEqual(normaliseAfasRestRoot(url, { ...strict, afasHosts: ['127.0.0.1'], allowHttpUpstream: true }), {
      ok: true,
      value: url,
    });
  });

  it('when InSite is http: then it is refused whatever the host lists and CRM_ALLOW_HTTP_UPSTREAM say', () => {
    const open = { afasHosts: ['127.0.0.1'], insiteHosts: ['127.0.0.1', 'portal.example.nl'], allowHttpUpstream: true };
    assert.match(problemOf(normaliseInsiteUrl('http://127.0.0.1:8099', open)), /https: URL/);
    assert.match(problemOf(normaliseInsiteUrl('http://12345.afasinsite.nl/', open)), /https: URL/);
    assert.match(problemOf(normaliseInsiteUrl('http://portal.example.nl/', open)), /https: URL/);
  });

  const everything: UpstreamRules = {
    afasHosts: ['12345.rest.afas.online', 'x.nl'],
    insiteHosts: ['12345.rest.afas.online', 'x.nl'],
    allowHttpUpstream: true,
  };
  for (const input of [
    'https://user:pw@12345.rest.afas.online/ProfitRestServices',
    'https://user@12345.rest.afas.online/',
    'https://x.nl/?a=1',
    'https://x.nl/#top',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'ftp://x.nl/',
  ]) {
    it(`when a URL is ${input} then it is refused even for a listed host`, () => {
      assert.equal(normaliseAfasRestRoot(input, everything).ok, false);
      assert.equal(normaliseInsiteUrl(input, everything).ok, false);
    });
  }
});

function problemOf(r: { ok: true } | { ok: false; problem: string }): string {
  return r.ok ? '(accepted)' : r.problem;
}

describe('CaseStatus', () => {
  it('when the default is parsed then every documented status maps', () => {
    assert.deepEqual(
      { ...parseCaseStatus(defaultCaseStatus) },
      {
        nieuw: 'New',
        'in behandeling': 'Open',
        'wacht op klant': 'Open',
        afgehandeld: 'Closed',
        gesloten: 'Closed',
        vervallen: 'Closed',
      },
    );
  });

  it('when a status is called like an Object property then it is not found on the prototype', () => {
    const map = parseCaseStatus('Nieuw=New');
    assert.equal(map['constructor'], undefined);
    assert.equal(map['tostring'], undefined);
  });

  it('when a raw value holds "=" then the last "=" separates it', () => {
    assert.deepEqual({ ...parseCaseStatus('a=b=Open') }, { 'a=b': 'Open' });
  });

  it('when a raw value is mapped twice differently then it is an error; twice the same is fine', async () => {
    const e = await appError(() => parseCaseStatus('Klaar=Closed;klaar=Open'));
    assert.equal(e.code, 'invalid_request');
    assert.match(e.message, /^CaseStatus: "klaar" is mapped to both Closed and Open/);
    assert.deepEqual({ ...parseCaseStatus('Klaar=Closed;KLAAR=closed') }, { klaar: 'Closed' });
  });

  it('when the value is empty then it is an error naming CaseStatus', async () => {
    assert.match((await appError(() => parseCaseStatus(' ; '))).message, /^CaseStatus: /);
  });
});
