import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { IndexStatus } from '../../widget/src/admin/api/admin-types.js';
import {
  $,
  $$,
  FakeService,
  KEY,
  errorBody,
  json,
  mountAdmin,
  pageText,
  readyStatus,
  report,
  root,
  setVisibility,
  signIn,
  signedInAdmin,
  statuses,
  submitKey,
  textOf,
} from './support/admin.js';
import { afterEach, describe, it } from './support/mocha.js';

afterEach(() => setVisibility(undefined));

const amsterdamClock = (iso: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

describe('admin page: the key prompt', () => {
  it('when opened then it asks for the key in a labelled password field and calls nothing', async () => {
    const service = new FakeService();
    const el = await mountAdmin(service);
    const input = $<HTMLInputElement>(el, '#key')!;
    expect(input.type).to.equal('password');
    expect(input.name).to.equal('');
    expect(textOf($(el, 'label[for="key"]'))).to.equal('Admin settings key');
    expect($(el, 'h1')).not.to.equal(null);
    expect(service.requests).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('when the right key is entered then every request carries it as a bearer token and focus moves to the index', async () => {
    const service = new FakeService();
    const el = await mountAdmin(service);
    await signIn(el);
    expect(service.count('index')).to.be.greaterThan(0);
    expect(service.count('outcomes')).to.equal(1);
    expect(service.count('data-quality')).to.equal(1);
    for (const r of service.requests) {
      expect(r.headers.get('Authorization')).to.equal(`Bearer ${KEY}`);
      expect(r.url.search).to.equal('');
    }
    expect(root(el).activeElement?.id).to.equal('index-title');
    expect(textOf($(el, '[role="status"]'))).to.contain('Signed in.');
    expect($(el, '#key')).to.equal(null);
  });

  it('when signed in then the key is in no storage, cookie, URL or DOM', async () => {
    const { el } = await signedInAdmin();
    const stores = [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`));
    expect(stores.join(' ')).not.to.contain(KEY);
    expect(document.cookie).not.to.contain(KEY);
    expect(location.href).not.to.contain(KEY);
    expect(root(el).innerHTML).not.to.contain(KEY);
    expect(el.outerHTML).not.to.contain(KEY);
  });

  for (const [status, message] of [
    [401, 'This key was refused'],
    [403, 'not the admin key'],
  ] as const) {
    it(`when the service answers ${status} then the prompt stays with a clear message and focus on the emptied field`, async () => {
      const service = new FakeService();
      service.answers.index = json(errorBody(status === 401 ? 'unauthorized' : 'forbidden'), status);
      const el = await mountAdmin(service);
      await submitKey(el, KEY);
      await waitUntil(() => $(el, '[part="key-error"]'), 'no key error');
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '#key')!;
      expect(textOf($(el, '[part="key-error"]'))).to.contain(message);
      expect($(el, '[part="key-error"]')?.getAttribute('role')).to.equal('alert');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('key-error');
      expect(root(el).activeElement).to.equal(input);
      expect(input.value).to.equal('');
      await expect(el).to.be.accessible();
    });
  }

  it('when a wrong key is typed then the service refuses it and the page stays on the prompt', async () => {
    const service = new FakeService();
    const el = await mountAdmin(service);
    await submitKey(el, 'not-the-key');
    await waitUntil(() => $(el, '[part="key-error"]'), 'no key error');
    expect(service.requests[0]?.headers.get('Authorization')).to.equal('Bearer not-the-key');
    expect(service.count('outcomes')).to.equal(0);
  });

  it('when the service cannot be reached at sign-in then the prompt says so and keeps the typed key for another try', async () => {
    const service = new FakeService();
    service.answers.index = () => Promise.reject(new TypeError('Failed to fetch'));
    const el = await mountAdmin(service);
    await submitKey(el, KEY);
    await waitUntil(() => $(el, '[part="key-error"]'), 'no error');
    expect(pageText(el)).to.contain('The service cannot be reached');
    expect($<HTMLInputElement>(el, '#key')!.value).to.equal(KEY);
    service.answers.index = () => json(readyStatus());
    await signIn(el);
    expect($(el, '[part="index-state"]')?.dataset.state).to.equal('ready');
  });

  it('when the field is empty then it asks for the key without calling the service', async () => {
    const service = new FakeService();
    const el = await mountAdmin(service);
    await submitKey(el, '   ');
    expect(textOf($(el, '[part="key-error"]'))).to.equal('Enter the admin settings key.');
    expect(service.requests).to.have.length(0);
  });

  it('when the admin signs out then the prompt returns and nothing more is fetched', async () => {
    const { el, service } = await signedInAdmin();
    $<HTMLButtonElement>(el, '[part="sign-out-button"]')!.click();
    await el.updateComplete;
    await el.updateComplete;
    expect($(el, '#key')).not.to.equal(null);
    expect(root(el).activeElement?.id).to.equal('key');
    const before = service.requests.length;
    await el.refresh();
    expect(service.requests.length).to.equal(before);
  });
});

describe('admin page: the caller index', () => {
  const cases: [IndexStatus['state'], string, string][] = [
    ['off', 'Off', 'CallerIndex = Off'],
    ['building', 'Building', 'being built'],
    ['ready', 'Ready', 'answered from the index'],
    ['stale', 'Stale', 'too long ago'],
    ['failed', 'Failed', 'could not be built'],
  ];
  for (const [state, label, help] of cases) {
    it(`when the index is ${state} then it says so in words, not colour alone`, async () => {
      const service = new FakeService();
      service.answers.index = () => json(statuses()[state]);
      if (state !== 'ready' && state !== 'stale') {
        service.answers['data-quality'] = json(errorBody('not_found', 'The caller index has not finished its first build yet'), 404);
      }
      const { el } = await signedInAdmin(service);
      const badge = $(el, '[part="index-state"]')!;
      expect(badge.dataset.state).to.equal(state);
      expect(textOf(badge)).to.contain(label);
      expect(textOf($(el, '[part="index"]'))).to.contain(help);
      expect(textOf($(el, '[role="status"]'))).to.contain(`Caller index: ${label}`);
      await expect(el).to.be.accessible();
    });
  }

  it('when ready then it shows the counts and both times, relative and in Amsterdam time', async () => {
    const status = readyStatus();
    const service = new FakeService();
    service.answers.index = () => json(status);
    const { el } = await signedInAdmin(service);
    expect(textOf($(el, '[part="index-contacts"]'))).to.equal('2,400');
    expect(textOf($(el, '[part="index-values"]'))).to.equal('4,731');
    const times = $$<HTMLTimeElement>(el, '[part="index"] time');
    expect(times.map((t) => t.dateTime)).to.deep.equal([status.builtAt, status.refreshedAt]);
    expect(textOf(times[0])).to.equal('5 minutes ago');
    expect(textOf(times[1])).to.equal('1 minute ago');
    expect(textOf($(el, '[part="index"]'))).to.contain(amsterdamClock(status.builtAt!, 'en-GB'));
    expect(textOf($(el, '[part="index"]'))).to.contain('Changed contacts only, every 60 s');
    expect($(el, '[part="full-rebuilds-note"]')).to.equal(null);
  });

  it('when building then it shows the progress and explains full rebuilds without a Modified attribute', async () => {
    const service = new FakeService();
    service.answers.index = () => json(statuses().building);
    service.answers['data-quality'] = json(errorBody('not_found', 'The caller index has not finished its first build yet'), 404);
    const { el } = await signedInAdmin(service);
    expect(textOf($(el, '[part="index-progress"]'))).to.equal('1,200 contacts read (2 pages)');
    expect(textOf($(el, '[part="full-rebuilds-note"]'))).to.contain('FieldType Modified');
    expect(textOf($(el, '[part="index"]'))).to.contain('Full rebuild, every 120 s');
    expect(textOf($(el, '[part="index"]'))).to.contain('never');
  });

  it('when failed then it shows the last error with its time', async () => {
    const service = new FakeService();
    service.answers.index = () => json(statuses().failed);
    service.answers['data-quality'] = json(errorBody('not_found', 'no report'), 404);
    const { el } = await signedInAdmin(service);
    const text = textOf($(el, '[part="last-error"]'));
    expect(text).to.contain('upstream_unavailable');
    expect(text).to.contain('AFAS could not be reached');
    expect(text).to.contain('2 minutes ago');
  });

  it('when the state changes on a refresh then the live region announces it', async () => {
    const service = new FakeService();
    service.answers.index = () => json(statuses().building);
    service.answers['data-quality'] = json(errorBody('not_found', 'first build running'), 404);
    const { el } = await signedInAdmin(service);
    service.answers.index = () => json(readyStatus());
    service.answers['data-quality'] = () => json(report());
    await el.refresh();
    await el.updateComplete;
    expect(textOf($(el, '[role="status"]'))).to.contain('Caller index: Ready');
    expect($(el, '[role="status"]')?.getAttribute('aria-live')).to.equal('polite');
  });
});

describe('admin page: refreshing', () => {
  it('refreshes the status by itself while the page is visible, and not while it is hidden', async () => {
    setVisibility('visible');
    const service = new FakeService();
    const el = await mountAdmin(service, 'en', 0.05);
    await signIn(el);
    await waitUntil(() => service.count('index') >= 3, 'no automatic refresh', { timeout: 2000 });
    expect(service.count('outcomes')).to.equal(1);
    setVisibility('hidden');
    await new Promise((r) => setTimeout(r, 80));
    const whileHidden = service.count('index');
    await new Promise((r) => setTimeout(r, 250));
    expect(service.count('index')).to.equal(whileHidden);
    setVisibility('visible');
    await waitUntil(() => service.count('index') > whileHidden, 'no refresh on return');
    el.remove();
  });

  it('Refresh fetches all three again', async () => {
    const { el, service } = await signedInAdmin();
    const before = { index: service.count('index'), outcomes: service.count('outcomes'), quality: service.count('data-quality') };
    $<HTMLButtonElement>(el, '[part="refresh-button"]')!.click();
    await waitUntil(() => service.count('data-quality') > before.quality, 'the report was not fetched again');
    expect(service.count('index')).to.equal(before.index + 1);
    expect(service.count('outcomes')).to.equal(before.outcomes + 1);
  });

  it('when a refresh answers 401 then the page returns to the prompt and says the key was refused', async () => {
    const { el, service } = await signedInAdmin();
    service.answers.outcomes = json(errorBody('unauthorized'), 401);
    await el.refresh();
    await waitUntil(() => $(el, '#key'), 'no prompt');
    await el.updateComplete;
    expect(textOf($(el, '[part="key-error"]'))).to.contain('This key was refused');
    expect(root(el).activeElement?.id).to.equal('key');
  });

  it('when the service fails with 5xx then the section shows an error with Retry, and Retry recovers', async () => {
    const service = new FakeService();
    service.answers.outcomes = json(errorBody('internal_error', 'Something went wrong in the service'), 500);
    const { el } = await signedInAdmin(service);
    const error = $(el, '[part="outcomes"] [part="error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(textOf(error)).to.contain('The service ran into an error.');
    expect(textOf(error)).to.contain('Something went wrong in the service');
    await expect(el).to.be.accessible();
    service.answers.outcomes = () =>
      json({ since: new Date().toISOString(), hours: 24, uccs: [{ ucc: 'helpdesk', matched: 1, ambiguous: 0, none: 0, anonymous: 0 }] });
    $<HTMLButtonElement>(el, '[part="outcomes"] [part="retry-button"]')!.click();
    await waitUntil(() => $(el, '[part="outcomes-table"]'), 'no table after Retry');
  });

  it('when the network fails during an automatic refresh then the status shows an error state with Retry', async () => {
    const { el, service } = await signedInAdmin();
    service.answers.index = () => Promise.reject(new TypeError('Failed to fetch'));
    await el.refresh();
    await el.updateComplete;
    expect(textOf($(el, '[part="index"] [part="error"]'))).to.contain('The service cannot be reached');
    await expect(el).to.be.accessible();
  });

  it('when an answer has another shape then the section says the page does not understand it', async () => {
    const service = new FakeService();
    service.answers.index = () => json({ ...readyStatus(), state: 'exploded' });
    const el = await mountAdmin(service);
    await submitKey(el, KEY);
    await waitUntil(() => $(el, '[part="key-error"]'), 'no error');
    expect(pageText(el)).to.contain('does not understand');
  });
});

describe('admin page: languages', () => {
  it('in Dutch: strings, numbers and times are Dutch, and the page is accessible', async () => {
    const { el } = await signedInAdmin(new FakeService(), 'nl');
    expect(textOf($(el, 'h1'))).to.equal('Beller opzoeken: beheer');
    expect(textOf($(el, '[part="index-state"]'))).to.contain('Gereed');
    expect(textOf($(el, '[part="index-contacts"]'))).to.equal('2.400');
    expect(textOf($(el, '[part="index"] time'))).to.equal('5 minuten geleden');
    expect($(el, '[part="base"]')?.getAttribute('lang')).to.equal('nl');
    await expect(el).to.be.accessible();
  });

  it('in Dutch: the key prompt is Dutch and accessible', async () => {
    const el = await mountAdmin(new FakeService(), 'nl');
    expect(textOf($(el, 'label[for="key"]'))).to.equal('Beheersleutel');
    await expect(el).to.be.accessible();
  });

  it('in French (Belgium): strings, numbers and times are French, and the page is accessible', async () => {
    const { el } = await signedInAdmin(new FakeService(), 'fr-BE');
    expect(textOf($(el, 'h1'))).to.equal('Identification des appelants : administration');
    expect(textOf($(el, '[part="index-state"]'))).to.contain('Prêt');
    // fr-BE groups digits with a narrow no-break space (textOf collapses it to a space).
    expect($(el, '[part="index-contacts"]')?.textContent?.trim()).to.equal(new Intl.NumberFormat('fr-BE').format(2400));
    expect(textOf($(el, '[part="index-contacts"]'))).to.equal('2 400');
    expect(textOf($(el, '[part="index"] time'))).to.equal('il y a 5 minutes');
    expect(textOf($(el, '[part="index"]'))).to.contain('Relations modifiées uniquement, toutes les 60 s');
    expect(textOf($(el, '[part="outcomes"]'))).to.contain('Plusieurs relations');
    expect(textOf($(el, '[role="status"]'))).to.contain('Connecté. Index des appelants : Prêt');
    expect($(el, '[part="base"]')?.getAttribute('lang')).to.equal('fr');
    await expect(el).to.be.accessible();
  });

  it('in French: the key prompt and its errors are French and accessible', async () => {
    const service = new FakeService();
    const el = await mountAdmin(service, 'fr');
    expect(textOf($(el, 'label[for="key"]'))).to.equal('Clé d’administration');
    expect(textOf($(el, 'button[type="submit"]'))).to.equal('Se connecter');
    await submitKey(el, 'not-the-key');
    await waitUntil(() => $(el, '[part="key-error"]'), 'no key error');
    await el.updateComplete;
    expect(textOf($(el, '[part="key-error"]'))).to.contain('Cette clé a été refusée.');
    await expect(el).to.be.accessible();
  });

  it('in French: times in Amsterdam time, written the fr-BE way', async () => {
    const status = readyStatus();
    const service = new FakeService();
    service.answers.index = () => json(status);
    const { el } = await signedInAdmin(service, 'fr');
    expect(textOf($(el, '[part="index"]'))).to.contain(amsterdamClock(status.builtAt!, 'fr-BE'));
    expect(textOf($(el, '[part="updated"]'))).to.match(/^Mis à jour à \d\d:\d\d:\d\d\./);
  });

  it('the language switch offers Dutch, English and French, each named in its own language', async () => {
    const el = await mountAdmin(new FakeService(), 'en');
    const buttons = $$<HTMLButtonElement>(el, '[part="language-button"]');
    expect(buttons.map((b) => [b.lang, textOf(b)])).to.deep.equal([
      ['nl', 'Nederlands'],
      ['en', 'English'],
      ['fr', 'Français'],
    ]);
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true', 'false']);
  });

  it('the language switch changes the page to French and tells the host', async () => {
    const { el } = await signedInAdmin(new FakeService(), 'nl');
    const french = $$<HTMLButtonElement>(el, '[part="language-button"]').find((b) => b.lang === 'fr')!;
    const changed = oneEvent(el, 'crm-language-changed');
    french.click();
    expect((await changed).detail).to.deep.equal({ lang: 'fr' });
    await el.updateComplete;
    expect(textOf($(el, 'h1'))).to.equal('Identification des appelants : administration');
    expect(textOf($(el, '#index-title'))).to.equal('Index des appelants');
    expect(french.getAttribute('aria-pressed')).to.equal('true');
    expect($(el, '[part="base"]')?.getAttribute('lang')).to.equal('fr');
    await expect(el).to.be.accessible();
  });

  it('the language switch changes the page and tells the host', async () => {
    const { el } = await signedInAdmin(new FakeService(), 'nl');
    const english = $$<HTMLButtonElement>(el, '[part="language-button"]').find((b) => b.lang === 'en')!;
    expect(english.getAttribute('aria-pressed')).to.equal('false');
    const changed = oneEvent(el, 'crm-language-changed');
    english.click();
    const event = await changed;
    expect(event.detail).to.deep.equal({ lang: 'en' });
    await el.updateComplete;
    expect(textOf($(el, 'h1'))).to.equal('Caller lookup: admin');
    expect(english.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });
});
