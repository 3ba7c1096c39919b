import { expect, oneEvent } from '@open-wc/testing';
import type { CrmCallerPanel } from '../../widget/src/index.js';
import { controlClock, type Clock } from './support/clock.js';
import { json, restoreFetch, stubFetch, stubRoutes } from './support/fetch-stub.js';
import { errorBody, matched, serviceUrl } from './support/fixtures.js';
import { $, accessibleInBothPalettes, idlePanel, lookUp, textOf } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

let clock: Clock | undefined;
afterEach(() => {
  clock?.restore();
  clock = undefined;
  restoreFetch();
});

const retry = (el: CrmCallerPanel): HTMLButtonElement => $<HTMLButtonElement>(el, '[part="retry-button"]') as HTMLButtonElement;
const lookups = (calls: { url: URL }[]): number => calls.filter((c) => c.url.pathname.endsWith('/api/v1/lookup')).length;

/** Moves the controlled clock on by whole seconds and lets the panel render the new count. */
async function secondsPass(el: CrmCallerPanel, n: number): Promise<void> {
  clock?.tick(n * 1000);
  await el.updateComplete;
}

describe('error state: a pause AFAS asked for (Retry-After)', () => {
  for (const [lang, heading, waitText, counting, ready] of [
    ['en', 'Lookup failed', 'Try again in 3 s.', (n: number) => `Try again (${n} s)`, 'Try again'],
    ['nl', 'Opzoeken mislukt', 'Probeer het over 3 s opnieuw.', (n: number) => `Opnieuw proberen (${n} s)`, 'Opnieuw proberen'],
    ['fr', 'La recherche a échoué', 'Réessayez dans 3 s.', (n: number) => `Réessayer (${n} s)`, 'Réessayer'],
  ] as const) {
    it(`${lang}: Retry is aria-disabled and counts down "${counting(3)}", clicks do nothing, then it reads "${ready}"`, async () => {
      clock = controlClock();
      const stub = stubFetch(() => json(errorBody('rate_limited'), 429, { 'Retry-After': '3' }));
      const el = await idlePanel(lang);
      await lookUp(el, { phone: '0612345678' });
      expect(textOf($(el, '[part="error"]') as HTMLElement)).to.contain(heading);
      expect(textOf($(el, '[part="error"]') as HTMLElement)).to.contain(waitText);
      expect(retry(el).textContent?.trim()).to.equal(counting(3));
      expect(retry(el).getAttribute('aria-disabled')).to.equal('true');

      retry(el).click();
      await el.updateComplete;
      expect(lookups(stub.calls)).to.equal(1);

      await secondsPass(el, 1);
      expect(retry(el).textContent?.trim()).to.equal(counting(2));
      await secondsPass(el, 1);
      expect(retry(el).textContent?.trim()).to.equal(counting(1));
      expect(retry(el).getAttribute('aria-disabled')).to.equal('true');
      retry(el).click();
      await el.updateComplete;
      expect(lookups(stub.calls)).to.equal(1);

      await secondsPass(el, 1);
      expect(retry(el).textContent?.trim()).to.equal(ready);
      expect(retry(el).getAttribute('aria-disabled')).to.equal('false');
    });
  }

  it('the counting-down error state is accessible in both palettes', async () => {
    clock = controlClock();
    stubFetch(() => json(errorBody('upstream_unavailable', 'AFAS-REF-7F3A'), 503, { 'Retry-After': '30' }));
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    expect(retry(el).textContent?.trim()).to.equal('Try again (30 s)');
    await accessibleInBothPalettes(el);
  });

  it('once the pause is over, Retry runs the lookup again', async () => {
    clock = controlClock();
    let n = 0;
    const stub = stubFetch(() => (++n === 1 ? json(errorBody('rate_limited'), 429, { 'Retry-After': '2' }) : json(matched)));
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    await secondsPass(el, 2);
    expect(retry(el).getAttribute('aria-disabled')).to.equal('false');
    const done = oneEvent(el, 'crm-lookup-completed');
    retry(el).click();
    await done;
    await el.updateComplete;
    expect(lookups(stub.calls)).to.equal(2);
    expect($(el, '[part="contact-name"]')?.textContent).to.equal('Jan de Vries');
  });

  it('without Retry-After, Retry is enabled at once and reads "Try again"', async () => {
    stubFetch(() => json(errorBody('upstream_timeout'), 504));
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    expect(retry(el).textContent?.trim()).to.equal('Try again');
    expect(retry(el).getAttribute('aria-disabled')).to.equal('false');
    expect(textOf(el)).not.to.contain('Try again in');
  });
});

describe('error state: the service refuses this page (CORS)', () => {
  const refused = (): Promise<Response> => Promise.reject(new TypeError('Failed to fetch'));
  const embed = `${serviceUrl}/widget/embed.js`;

  for (const [lang, message] of [
    [
      'en',
      "The lookup service does not accept requests from this page's address. Ask your administrator to add it to CRM_ALLOWED_ORIGINS.",
    ],
    [
      'nl',
      'De opzoekdienst accepteert geen verzoeken van het adres van deze pagina. Vraag de beheerder het toe te voegen aan CRM_ALLOWED_ORIGINS.',
    ],
    [
      'fr',
      "Le service de recherche n'accepte pas les requêtes de l'adresse de cette page. Demandez à votre administrateur de l'ajouter à CRM_ALLOWED_ORIGINS.",
    ],
  ] as const) {
    it(`${lang}: when the lookup is refused but {serviceUrl}/widget/embed.js answers a HEAD, it says the page's address is not allowed (cors_blocked)`, async () => {
      const stub = stubRoutes({ 'GET /api/v1/lookup': refused, 'HEAD /widget/embed.js': () => new Response(null, { status: 200 }) });
      const el = await idlePanel(lang);
      const error = oneEvent(el, 'crm-error');
      el.phone = '0612345678';
      const e = await error;
      expect(e.detail.code).to.equal('cors_blocked');
      expect(e.detail.message).to.equal(`https://svc.test does not allow requests from ${location.origin} (CORS)`);
      expect(e.bubbles && e.composed).to.equal(true);
      expect(textOf($(el, '[part="error"]') as HTMLElement)).to.contain(message);
      expect($(el, '[part="error"]')?.getAttribute('role')).to.equal('alert');
      expect(stub.unexpected).to.deep.equal([]);
      const [probe] = stub.to('HEAD /widget/embed.js');
      expect(probe?.url.href).to.equal(embed);
      expect(probe?.init?.credentials).to.equal('omit');
      expect(stub.calls.map((c) => c.method)).to.deep.equal(['GET', 'HEAD']);
    });
  }

  it('the cors_blocked state is accessible in both palettes', async () => {
    stubRoutes({ 'GET /api/v1/lookup': refused, 'HEAD /widget/embed.js': () => new Response(null, { status: 200 }) });
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    expect(textOf(el)).to.contain('CRM_ALLOWED_ORIGINS');
    await accessibleInBothPalettes(el);
  });

  it('when the HEAD fails too, or answers an error, the service is unreachable (network_error)', async () => {
    for (const head of [refused, () => Promise.resolve(new Response(null, { status: 404 }))]) {
      const stub = stubRoutes({ 'GET /api/v1/lookup': refused, 'HEAD /widget/embed.js': head });
      const el = await idlePanel();
      const error = oneEvent(el, 'crm-error');
      el.phone = '0612345678';
      expect((await error).detail.code).to.equal('network_error');
      await el.updateComplete;
      expect(textOf(el)).to.contain('The lookup service cannot be reached. Check the connection.');
      expect(textOf(el)).not.to.contain('CRM_ALLOWED_ORIGINS');
      expect(stub.to('HEAD /widget/embed.js')).to.have.length(1);
    }
  });

  it('an answer with an HTTP error status is never taken for CORS (no probe)', async () => {
    const stub = stubRoutes({ 'GET /api/v1/lookup': () => json(errorBody('upstream_error'), 502) });
    const el = await idlePanel();
    await lookUp(el, { phone: '0612345678' });
    expect(stub.calls.map((c) => c.method)).to.deep.equal(['GET']);
    expect(textOf(el)).to.contain('AFAS answered with an error.');
  });
});
