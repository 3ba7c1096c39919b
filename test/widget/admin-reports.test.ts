import { expect, waitUntil } from '@open-wc/testing';
import type { RefusedOrigins } from '../../widget/src/admin/api/admin-types.js';
import { REVOKE_AFTER_MS } from '../../widget/src/admin/csv-download.js';
import { PAGE_SIZE } from '../../widget/src/admin/quality-items.js';
import {
  $,
  $$,
  FakeService,
  KEY,
  errorBody,
  insite,
  items,
  json,
  minutesAgo,
  mountAdmin,
  outcomes,
  pageText,
  readyStatus,
  report,
  setVisibility,
  signIn,
  signedInAdmin,
  submitKey,
  textOf,
} from './support/admin.js';
import { afterEach, describe, it } from './support/mocha.js';

const cellsOf = (row: Element): string[] => [...row.children].map((c) => textOf(c));

async function chooseProblem(el: HTMLElement & { updateComplete: Promise<boolean> }, value: string): Promise<void> {
  const select = el.shadowRoot!.querySelector<HTMLSelectElement>('#problem-filter')!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

describe('admin page: lookup outcomes', () => {
  it('shows a table per UCC with totals and the share of callers not recognised', async () => {
    const { el } = await signedInAdmin();
    const table = $(el, '[part="outcomes-table"]')!;
    expect(textOf(table.querySelector('caption'))).to.contain('last 24 hours');
    expect($$(el, '[part="outcomes-table"] thead th').every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
    const rows = $$(el, '[part="outcomes-row"]');
    expect(rows.map((r) => r.querySelector('th')?.getAttribute('scope'))).to.deep.equal(['row', 'row']);
    expect(cellsOf(rows[0])).to.deep.equal(['(no UCC)', '1', '0', '1', '0', '2', '50%']);
    // none / (matched + ambiguous + none) = 3 / 10; anonymous callers do not count.
    expect(cellsOf(rows[1])).to.deep.equal(['helpdesk', '6', '1', '3', '2', '12', '30%']);
    expect(cellsOf($(el, '[part="outcomes-total"]')!)).to.deep.equal(['All UCCs', '7', '1', '4', '2', '14', '33.3%']);
    await expect(el).to.be.accessible();
  });

  it('when only anonymous callers rang then the share is a dash, not a division by zero', async () => {
    const service = new FakeService();
    service.answers.outcomes = () => json({ ...outcomes(), uccs: [{ ucc: 'sales', matched: 0, ambiguous: 0, none: 0, anonymous: 4 }] });
    const { el } = await signedInAdmin(service);
    expect(cellsOf($(el, '[part="outcomes-row"]')!).at(-1)).to.equal('–');
  });

  it('when there were no lookups then it says so', async () => {
    const service = new FakeService();
    service.answers.outcomes = () => json({ ...outcomes(), uccs: [] });
    const { el } = await signedInAdmin(service);
    expect(textOf($(el, '[part="outcomes-empty"]'))).to.equal('No lookups in this period yet.');
    expect($(el, '[part="outcomes-table"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('in Dutch: headers and percentages are Dutch', async () => {
    const { el } = await signedInAdmin(new FakeService(), 'nl');
    expect(textOf($(el, '[part="outcomes-table"] thead'))).to.contain('Niet herkend');
    expect(cellsOf($(el, '[part="outcomes-total"]')!).at(-1)).to.equal('33,3%');
    await expect(el).to.be.accessible();
  });
});

describe('admin page: data quality', () => {
  it('shows the counts, a table per field and the first page of records', async () => {
    const { el } = await signedInAdmin();
    expect(textOf($(el, '[part="quality-contacts"]'))).to.equal('2,310');
    expect(textOf($(el, '[part="quality-unparseable"]'))).to.equal('1,330');
    expect(textOf($(el, '[part="quality-shared"]'))).to.equal('413');
    expect(textOf($(el, '[part="quality-without-phone-or-email"]'))).to.equal('45');
    const fieldRows = $$(el, '[part="fields-table"] tbody tr');
    expect(cellsOf(fieldRows[0])).to.deep.equal(['Telefoon werk TelWork', 'Phone number', '1,497', '781', '716']);
    expect($$(el, '[part="item"]')).to.have.length(PAGE_SIZE);
    expect(textOf($(el, '[part="items-table"] caption'))).to.equal('Records 1–50 of 120');
    expect(cellsOf($$(el, '[part="item"]')[0])).to.deep.equal(['1000 (opens InSite in a new tab)', 'Telefoon werk', 'Number not readable']);
    expect(cellsOf($$(el, '[part="item"]')[2])).to.deep.equal([
      '1002 (opens InSite in a new tab)',
      'whole contact',
      'No phone number or e-mail address',
    ]);
    await expect(el).to.be.accessible();
  });

  it('links each contact to InSite in a new tab, only over https', async () => {
    const service = new FakeService();
    const list = items(4);
    list[1].link = 'javascript:alert(1)';
    list[2].link = 'http://12345.afasinsite.nl/x';
    delete list[3].link;
    service.answers['data-quality'] = () => json(report(list));
    const { el } = await signedInAdmin(service);
    const links = $$<HTMLAnchorElement>(el, '[part="insite-link"]');
    expect(links).to.have.length(1);
    expect(links[0].href).to.equal(`${insite}/contactpersoon-prs?CdId=1000`);
    expect(links[0].target).to.equal('_blank');
    expect(links[0].rel).to.equal('noopener noreferrer');
    expect(cellsOf($$(el, '[part="item"]')[1])[0]).to.equal('1001 (no InSite link)');
  });

  it('renders server text as text, never as HTML', async () => {
    const service = new FakeService();
    const payload = '<img src=x onerror="window.__adminXss=1">';
    service.answers['data-quality'] = () =>
      json({
        ...report([{ contactId: payload, field: payload, problem: 'unparseable' }]),
        fields: [{ ...report().fields[0], label: payload }],
      });
    const { el } = await signedInAdmin(service);
    expect($$(el, '[part="quality"] img')).to.have.length(0);
    expect(textOf($(el, '[part="item"]'))).to.contain(payload);
    expect((window as unknown as { __adminXss?: number }).__adminXss).to.equal(undefined);
  });

  it('filters the records by problem and pages through them', async () => {
    const { el } = await signedInAdmin();
    const options = $$<HTMLOptionElement>(el, '#problem-filter option').map((o) => textOf(o));
    expect(options).to.deep.equal([
      'All problems (120)',
      'Number not readable (40)',
      'Shared number or address (40)',
      'No phone number or e-mail address (40)',
    ]);
    await chooseProblem(el, 'shared');
    expect($$(el, '[part="item"]').every((r) => cellsOf(r)[2] === 'Shared number or address')).to.equal(true);
    expect(textOf($(el, '[part="items-table"] caption'))).to.equal('Records 1–40 of 40');
    expect($(el, '[part="pager"]')).to.equal(null);

    await chooseProblem(el, 'all');
    const next = $<HTMLButtonElement>(el, '[part="next-button"]')!;
    const previous = $<HTMLButtonElement>(el, '[part="previous-button"]')!;
    expect(previous.disabled).to.equal(true);
    next.click();
    await el.updateComplete;
    expect(textOf($(el, '[part="items-table"] caption'))).to.equal('Records 51–100 of 120');
    next.focus();
    next.click();
    await waitUntil(() => el.shadowRoot!.activeElement === previous, 'focus did not move off the disabled Next');
    expect(textOf($(el, '[part="items-table"] caption'))).to.equal('Records 101–120 of 120');
    expect(next.disabled).to.equal(true);
    expect(textOf($(el, '[role="status"]'))).to.equal('Records 101–120 of 120');
    await expect(el).to.be.accessible();
  });

  it('stays responsive with 10,000 records: one page is rendered, filtering takes milliseconds', async () => {
    const service = new FakeService();
    service.answers['data-quality'] = () => json(report(items(10_000), true));
    const { el } = await signedInAdmin(service);
    expect($$(el, '[part="item"]')).to.have.length(PAGE_SIZE);
    expect(textOf($(el, '[part="truncated-note"]'))).to.contain('10,000');
    const started = performance.now();
    await chooseProblem(el, 'no-phone-or-email');
    await chooseProblem(el, 'unparseable');
    expect(performance.now() - started).to.be.lessThan(500);
    expect(textOf($(el, '[part="items-table"] caption'))).to.equal('Records 1–50 of 3,334');
  });

  it('while there is no report yet it shows the service message, then the report once the first build is done', async () => {
    const service = new FakeService();
    const building = {
      state: 'building',
      contacts: 0,
      values: 0,
      builtAt: null,
      refreshedAt: null,
      refresh: 'incremental',
      refreshSeconds: 60,
    };
    service.answers.index = () => json(building);
    service.answers['data-quality'] = () =>
      json(errorBody('not_found', 'The caller index has not finished its first build yet: the report follows it'), 404);
    const { el } = await signedInAdmin(service);
    expect(textOf($(el, '[part="quality-missing"]'))).to.contain('has not finished its first build yet');
    await expect(el).to.be.accessible();

    service.answers.index = () => json(readyStatus());
    service.answers['data-quality'] = () => json(report());
    await el.refresh();
    await waitUntil(() => $(el, '[part="quality-facts"]'), 'the report did not follow the build');
  });

  it('Download CSV fetches the CSV with the key and hands it over through a Blob URL that is revoked after', async () => {
    const { el, service } = await signedInAdmin();
    const created: string[] = [];
    const revoked: string[] = [];
    const clicked: HTMLAnchorElement[] = [];
    const real = { create: URL.createObjectURL, revoke: URL.revokeObjectURL, click: HTMLAnchorElement.prototype.click };
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      const url = real.create(blob);
      created.push(url);
      return url;
    };
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      real.revoke(url);
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      $<HTMLButtonElement>(el, '[part="download-button"]')!.click();
      await waitUntil(() => clicked.length === 1, 'no download');
      const csv = service.requests.find((r) => r.endpoint === 'csv')!;
      expect(csv.headers.get('Accept')).to.equal('text/csv');
      expect(csv.headers.get('Authorization')).to.equal(`Bearer ${KEY}`);
      expect(clicked[0].download).to.equal('data-quality.csv');
      expect(clicked[0].href).to.equal(created[0]);
      expect(created[0]).to.match(/^blob:/);
      await waitUntil(() => revoked.length === 1, 'the Blob URL was not revoked', { timeout: REVOKE_AFTER_MS + 1500 });
      expect(revoked).to.deep.equal(created);
    } finally {
      URL.createObjectURL = real.create;
      URL.revokeObjectURL = real.revoke;
      HTMLAnchorElement.prototype.click = real.click;
    }
  });

  it('when the CSV cannot be fetched then it says so next to the button', async () => {
    const { el, service } = await signedInAdmin();
    service.answers.csv = json(errorBody('internal_error', 'boom'), 500);
    $<HTMLButtonElement>(el, '[part="download-button"]')!.click();
    await waitUntil(() => $(el, '[part="download-error"]'), 'no error');
    expect(textOf($(el, '[part="download-error"]'))).to.contain('The CSV could not be downloaded.');
    await expect(el).to.be.accessible();
  });

  it('in French: the report is French and accessible', async () => {
    const { el } = await signedInAdmin(new FakeService(), 'fr');
    expect(textOf($(el, '[part="items-table"] caption'))).to.equal('Fiches 1 à 50 sur 120');
    expect(textOf($(el, '[part="download-button"]'))).to.equal('Télécharger le CSV');
    expect(textOf($(el, '[part="quality"]'))).to.contain('Numéros ou adresses partagés par plusieurs relations');
    await expect(el).to.be.accessible();
  });

  it('in Dutch: the report is Dutch and accessible', async () => {
    const { el } = await signedInAdmin(new FakeService(), 'nl');
    expect(textOf($(el, '[part="items-table"] caption'))).to.equal('Records 1–50 van 120');
    expect(textOf($(el, '[part="download-button"]'))).to.equal('CSV downloaden');
    await expect(el).to.be.accessible();
  });
});

/** What `GET status` lists under `refusedOrigins` (the latest first, as the service sorts them). */
const refusedOrigins = (): RefusedOrigins => ({
  framing: [
    { origin: 'https://intranet.example', count: 3, lastAt: minutesAgo(5) },
    { origin: 'http://localhost:8080', count: 1, lastAt: minutesAgo(180) },
  ],
  cors: [{ origin: 'https://other.example', count: 1250, lastAt: minutesAgo(1) }],
});

/** `GET status` as the service answers it; the page reads only `refusedOrigins`. */
const statusBody = (refused: RefusedOrigins = refusedOrigins()) => ({
  ready: true,
  draining: false,
  primaryUcc: 'helpdesk',
  uccs: ['helpdesk'],
  conflicts: [],
  missingSettings: [],
  store: { kind: 'embedded', reachable: true },
  afas: { reachable: true, version: '1.0' },
  refusedOrigins: refused,
});

/** The stubbed service, answering `GET {base}/api/v1/status` with `statusBody()` unless a test changes it. */
function statusService(): FakeService {
  const service = new FakeService();
  service.answers.status = () => json(statusBody());
  return service;
}
/** The Authorization headers the page sent to `GET status`. */
const statusRequests = (service: FakeService): Headers[] => service.requests.filter((r) => r.endpoint === 'status').map((r) => r.headers);

const refusedRows = (el: Parameters<typeof $>[0], kind: string): string[][] =>
  $$(el, `[part="refused-table"][data-kind="${kind}"] [part="refused-row"]`).map((row) =>
    [...row.children].map((cell) => textOf(cell.querySelector('time') ?? cell)),
  );

describe('admin page: refused origins', () => {
  afterEach(() => setVisibility(undefined));

  it('lists the refused origins per kind with their count and when last refused, and says how to allow one', async () => {
    const service = statusService();
    const refused = refusedOrigins();
    service.answers.status = () => json(statusBody(refused));
    const { el } = await signedInAdmin(service);
    expect(statusRequests(service)).to.have.length(1);
    expect(statusRequests(service)[0].get('Authorization')).to.equal(`Bearer ${KEY}`);
    const section = $(el, '[part="refused-origins"]')!;
    expect(textOf($(el, '#refused-title'))).to.equal('Refused origins');
    expect(section.getAttribute('aria-labelledby')).to.equal('refused-title');
    expect(textOf($(el, '[part="refused-table"][data-kind="framing"] caption'))).to.equal(
      'Pages that tried to show the caller panel in a frame',
    );
    expect(textOf($(el, '[part="refused-table"][data-kind="cors"] caption'))).to.equal('Pages that tried to call the lookup service');
    expect(refusedRows(el, 'framing')).to.deep.equal([
      ['https://intranet.example', '3', '5 minutes ago'],
      ['http://localhost:8080', '1', '3 hours ago'],
    ]);
    expect(refusedRows(el, 'cors')).to.deep.equal([['https://other.example', '1,250', '1 minute ago']]);
    const times = $$<HTMLTimeElement>(el, '[part="refused-origins"] time').map((t) => t.dateTime);
    expect(times).to.deep.equal([...refused.framing, ...refused.cors].map((o) => o.lastAt));
    const howTo = textOf($(el, '[part="refused-how-to-allow"]'));
    expect(howTo).to.contain('add its origin to CRM_ALLOWED_ORIGINS');
    expect(howTo).to.contain('restart the service');
    expect(howTo).to.contain('a hint, not proof');
    expect($(el, '[part="refused-empty"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('renders the origins as text only: never a link, never HTML', async () => {
    const service = statusService();
    const payload = '<img src=x onerror="window.__refusedXss=1">';
    service.answers.status = () =>
      json(
        statusBody({
          framing: [{ origin: payload, count: 1, lastAt: minutesAgo(2) }],
          cors: [{ origin: 'javascript:alert(1)', count: 1, lastAt: minutesAgo(3) }],
        }),
      );
    const { el } = await signedInAdmin(service);
    expect($$(el, '[part="refused-origins"] img')).to.have.length(0);
    expect($$(el, '[part="refused-origins"] a')).to.have.length(0);
    expect($$(el, '[part="refused-origin"]').map((o) => o.textContent)).to.deep.equal([payload, 'javascript:alert(1)']);
    expect((window as unknown as { __refusedXss?: number }).__refusedXss).to.equal(undefined);
  });

  it('when only one kind has refusals then the other says none', async () => {
    const service = statusService();
    service.answers.status = () => json(statusBody({ framing: [], cors: refusedOrigins().cors }));
    const { el } = await signedInAdmin(service);
    expect($(el, '[part="refused-table"][data-kind="framing"]')).to.equal(null);
    expect(textOf($(el, '[part="refused-none"][data-kind="framing"]'))).to.equal('None in the last 24 hours.');
    expect(refusedRows(el, 'cors')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('when nothing was refused then it says so, without tables', async () => {
    const service = statusService();
    service.answers.status = () => json(statusBody({ framing: [], cors: [] }));
    const { el } = await signedInAdmin(service);
    expect(textOf($(el, '[part="refused-empty"]'))).to.equal('No refused origins in the last 24 hours.');
    expect($$(el, '[part="refused-table"]')).to.have.length(0);
    expect($(el, '[part="refused-how-to-allow"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('while the first answer is on its way the section is busy and says it is loading', async () => {
    const service = statusService();
    let answer: (r: Response) => void = () => undefined;
    service.answers.status = new Promise<Response>((resolve) => (answer = resolve));
    const el = await mountAdmin(service);
    await submitKey(el, KEY);
    await waitUntil(() => $(el, '[part="refused-origins"]'), 'no section');
    const section = $(el, '[part="refused-origins"]')!;
    expect(section.getAttribute('aria-busy')).to.equal('true');
    expect(textOf(section.querySelector('[part="loading"]'))).to.equal('Loading…');
    await expect(el).to.be.accessible();
    answer(json(statusBody()));
    await waitUntil(() => section.getAttribute('aria-busy') === 'false' && $(el, '[part="refused-table"]'), 'no list');
  });

  it('when the service fails then the section shows an error with Retry, and Retry recovers', async () => {
    const service = statusService();
    service.answers.status = json(errorBody('internal_error', 'Something went wrong in the service'), 500);
    const { el } = await signedInAdmin(service);
    const error = $(el, '[part="refused-origins"] [part="error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(textOf(error)).to.contain('The service ran into an error.');
    expect(textOf(error)).to.contain('Something went wrong in the service');
    expect($(el, '[part="index-state"]')?.dataset.state).to.equal('ready');
    await expect(el).to.be.accessible();
    service.answers.status = () => json(statusBody());
    $<HTMLButtonElement>(el, '[part="refused-origins"] [part="retry-button"]')!.click();
    await waitUntil(() => $(el, '[part="refused-table"]'), 'no list after Retry');
    expect(statusRequests(service)).to.have.length(2);
  });

  it('when the status has no refused origins of the expected shape then the section says it does not understand', async () => {
    const service = statusService();
    const { refusedOrigins: _omitted, ...older } = statusBody();
    service.answers.status = () => json({ ...older, refusedOrigins: { framing: [{ origin: 'https://a.example', count: '3' }], cors: [] } });
    const { el } = await signedInAdmin(service);
    expect(textOf($(el, '[part="refused-origins"] [part="error"]'))).to.contain('does not understand');
    service.answers.status = () => json(older);
    $<HTMLButtonElement>(el, '[part="refused-origins"] [part="retry-button"]')!.click();
    const message = 'The refused origins do not have the expected shape';
    await waitUntil(() => textOf($(el, '[part="refused-origins"] [part="error"]')).includes(message), 'no error for a status without them');
    expect(statusRequests(service)).to.have.length(2);
  });

  it('when the status answers 401 then the page returns to the prompt', async () => {
    const service = statusService();
    service.answers.status = json(errorBody('unauthorized'), 401);
    const el = await mountAdmin(service);
    await submitKey(el, KEY);
    await waitUntil(() => $(el, '[part="key-error"]'), 'no prompt');
    expect(pageText(el)).to.contain('This key was refused');
  });

  it('Refresh fetches them again; the automatic status refresh does not (GET status also asks AFAS)', async () => {
    setVisibility('visible');
    const service = statusService();
    service.answers.status = () => json(statusBody({ framing: [], cors: [] }));
    const el = await mountAdmin(service, 'en', 0.05);
    await signIn(el);
    await waitUntil(() => service.count('index') >= 3, 'no automatic refresh', { timeout: 2000 });
    expect(statusRequests(service)).to.have.length(1);
    expect($(el, '[part="refused-empty"]')).not.to.equal(null);
    service.answers.status = () => json(statusBody());
    $<HTMLButtonElement>(el, '[part="refresh-button"]')!.click();
    await waitUntil(() => $(el, '[part="refused-table"]'), 'the list was not fetched again');
    expect(statusRequests(service)).to.have.length(2);
    expect(refusedRows(el, 'cors')[0][0]).to.equal('https://other.example');
    el.remove();
  });

  it('in Dutch: titles, counts, times and how to allow one are Dutch, and the section is accessible', async () => {
    const { el } = await signedInAdmin(statusService(), 'nl');
    expect(textOf($(el, '#refused-title'))).to.equal('Geweigerde websites');
    expect(textOf($(el, '[part="refused-table"][data-kind="framing"] caption'))).to.equal(
      'Pagina’s die het bellerpaneel in een frame probeerden te tonen',
    );
    expect(textOf($(el, '[part="refused-table"][data-kind="cors"] caption'))).to.equal(
      'Pagina’s die de opzoekdienst probeerden aan te roepen',
    );
    expect(refusedRows(el, 'cors')).to.deep.equal([['https://other.example', '1.250', '1 minuut geleden']]);
    expect(refusedRows(el, 'framing')[0][2]).to.equal('5 minuten geleden');
    expect(textOf($(el, '[part="refused-how-to-allow"]'))).to.contain('voeg de origin toe aan CRM_ALLOWED_ORIGINS');
    await expect(el).to.be.accessible();
  });

  it('in Dutch: the empty state is Dutch', async () => {
    const service = statusService();
    service.answers.status = () => json(statusBody({ framing: [], cors: [] }));
    const { el } = await signedInAdmin(service, 'nl');
    expect(textOf($(el, '[part="refused-empty"]'))).to.equal('Geen geweigerde websites in de laatste 24 uur.');
    await expect(el).to.be.accessible();
  });

  it('in French: titles, counts, times and how to allow one are French, and the section is accessible', async () => {
    const { el } = await signedInAdmin(statusService(), 'fr');
    expect(textOf($(el, '#refused-title'))).to.equal('Origines refusées');
    expect(textOf($(el, '[part="refused-table"][data-kind="framing"] caption'))).to.equal(
      'Pages qui ont tenté d’afficher le panneau de l’appelant dans un cadre',
    );
    expect(textOf($(el, '[part="refused-table"][data-kind="cors"] caption'))).to.equal(
      'Pages qui ont tenté d’appeler le service de recherche',
    );
    // fr-BE groups digits with a narrow no-break space (textOf collapses it to a space).
    expect(refusedRows(el, 'cors')).to.deep.equal([['https://other.example', '1 250', 'il y a 1 minute']]);
    expect(textOf($(el, '[part="refused-how-to-allow"]'))).to.contain('ajoutez son origine à CRM_ALLOWED_ORIGINS');
    await expect(el).to.be.accessible();
  });

  it('in French: the empty and error states are French', async () => {
    const service = statusService();
    service.answers.status = () => json(statusBody({ framing: [], cors: [] }));
    const { el } = await signedInAdmin(service, 'fr');
    expect(textOf($(el, '[part="refused-empty"]'))).to.equal('Aucune origine refusée au cours des dernières 24 heures.');
    service.answers.status = () => Promise.reject(new TypeError('Failed to fetch'));
    await el.refresh();
    await el.updateComplete;
    expect(textOf($(el, '[part="refused-origins"] [part="error"]'))).to.contain('Le service est injoignable.');
    await expect(el).to.be.accessible();
  });
});
