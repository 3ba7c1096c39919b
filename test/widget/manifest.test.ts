/**
 * The shipped custom-elements manifest (dist/widget/custom-elements.json, written by `vite build` from the component's
 * JSDoc) against two independent sources: the component itself (its observed attributes, reactive properties,
 * exported event classes, rendered parts and the custom properties its styles read) and the README's sections
 * "Attributes and properties", "Events", "Parts" and "Custom properties". Build first: `npx vite build`.
 */
import { expect, oneEvent } from '@open-wc/testing';
import * as entry from '../../widget/src/index.js';
import { CrmCallerPanel } from '../../widget/src/index.js';
import { held, json, noContent, restoreFetch, stubFetch, stubRoutes } from './support/fetch-stub.js';
import {
  ambiguous,
  anonymous,
  cached,
  casesFailed,
  errorBody,
  none,
  noneWithNewContact,
  pendingCases,
  rememberedAmbiguous,
  searchJansen,
} from './support/fixtures.js';
import { $, idlePanel, lookUp, panelWith, searchFor, searchPart, shadow } from './support/panel.js';
import { afterEach, describe, it } from './support/mocha.js';

interface Named {
  name: string;
}
interface ManifestAttribute extends Named {
  fieldName?: string;
}
interface ManifestMember extends Named {
  kind: 'field' | 'method';
  static?: boolean;
  privacy?: string;
}
interface ElementDeclaration extends Named {
  tagName?: string;
  customElement?: boolean;
  attributes?: ManifestAttribute[];
  members?: ManifestMember[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: { path: string; declarations?: ElementDeclaration[]; exports?: { kind: string; name: string; declaration: Named }[] }[];
}

afterEach(restoreFetch);

async function fetchText(url: string, hint: string): Promise<string> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}. ${hint}`);
  return res.text();
}

let manifestFile: Promise<Manifest> | undefined;
const manifest = (): Promise<Manifest> =>
  (manifestFile ??= fetchText('/dist/widget/custom-elements.json', 'Run `npx vite build` first: it writes the manifest.').then(
    (t) => JSON.parse(t) as Manifest,
  ));

async function panelDeclaration(): Promise<ElementDeclaration> {
  const decl = (await manifest()).modules
    .flatMap((m) => m.declarations ?? [])
    .find((d) => d.customElement && d.tagName === 'crm-caller-panel');
  if (!decl) throw new Error('the manifest declares no <crm-caller-panel>');
  return decl;
}

const names = (list: Named[] | undefined): string[] => (list ?? []).map((x) => x.name).sort();
const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** One `### Title` section of the README's caller-panel chapter. */
async function readmeSection(title: string): Promise<string> {
  const readme = await fetchText('/README.md', '');
  const chapter = readme.slice(readme.indexOf('## The caller panel'));
  const start = chapter.indexOf(`### ${title}\n`);
  if (start < 0) throw new Error(`README has no "### ${title}" in the caller panel chapter`);
  const end = chapter.indexOf('\n#', start + 4);
  return chapter.slice(start, end < 0 ? undefined : end);
}

/** The cells of a Markdown table's body rows. */
const tableRows = (section: string): string[][] =>
  section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );

const codeSpans = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

let partsOfAllStates: Promise<Set<string>> | undefined;
/** Every part the panel renders, over all of its states (collected once per test file). */
const renderedParts = (): Promise<Set<string>> => (partsOfAllStates ??= collectParts());

async function collectParts(): Promise<Set<string>> {
  const parts = new Set<string>();
  /** The panel's parts, and those its inner elements export to it (`exportparts`: the search box's). */
  const collect = (el: CrmCallerPanel): void => {
    for (const node of shadow(el).querySelectorAll('[part]')) for (const p of node.part) parts.add(p);
    for (const inner of shadow(el).querySelectorAll('[exportparts]')) {
      const exported = (inner.getAttribute('exportparts') ?? '').split(',').map((p) => p.trim());
      for (const node of inner.shadowRoot?.querySelectorAll('[part]') ?? [])
        for (const p of node.part) if (exported.includes(p)) parts.add(p);
    }
  };

  collect(await idlePanel());

  stubFetch((_url, init) => held(init).promise);
  const loading = await idlePanel();
  loading.phone = '0612345678';
  await loading.updateComplete;
  collect(loading);
  loading.remove();

  for (const response of [cached, none, noneWithNewContact, anonymous, casesFailed, rememberedAmbiguous])
    collect((await panelWith(response)).el);

  // Cases that follow the contact: "Loading cases…" while their request runs.
  stubRoutes({ 'GET /api/v1/lookup': () => json(pendingCases), 'GET /api/v1/cases': (_url, init) => held(init).promise });
  const pending = await idlePanel();
  await lookUp(pending, { phone: '0612345678' });
  collect(pending);
  pending.remove();

  const { el: picker } = await panelWith(ambiguous);
  collect(picker);
  $(picker, '[part="picker-option"]')?.click();
  await picker.updateComplete;
  collect(picker);

  // A search with results, a result chosen, and the team remembering it.
  stubRoutes({ 'GET /api/v1/lookup': () => json(none), 'GET /api/v1/search': () => json(searchJansen), 'PUT /api/v1/picks': noContent });
  const searching = await idlePanel();
  await lookUp(searching, { phone: none.query.input });
  await searchFor(searching, 'Jansen', '3 contacts found for “Jansen”');
  collect(searching);
  const remembered = oneEvent(searching, 'crm-pick-remembered');
  searchPart(searching, 'search-option')?.click();
  await searching.updateComplete;
  collect(searching);
  $(searching, '[part="remember-button"]')?.click();
  await remembered;
  collect(searching);

  stubFetch(() => json(errorBody('upstream_unavailable', 'REF-1'), 503));
  const failed = await idlePanel();
  await lookUp(failed, { phone: '0612345678' });
  collect(failed);
  return parts;
}

describe('custom-elements manifest', () => {
  it('defines <crm-caller-panel> as CrmCallerPanel, registered by the bundle entry', async () => {
    const decl = await panelDeclaration();
    expect(decl.name).to.equal(CrmCallerPanel.name);
    const definitions = (await manifest()).modules.flatMap((m) =>
      (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => ({ path: m.path, e })),
    );
    expect(definitions.map(({ path, e }) => `${path} ${e.name} ${e.declaration.name}`)).to.deep.equal([
      'widget/src/index.ts crm-caller-panel CrmCallerPanel',
    ]);
  });

  it("lists exactly the element's attributes and reactive properties, and no private member", async () => {
    const decl = await panelDeclaration();
    expect(names(decl.attributes)).to.deep.equal(sorted(CrmCallerPanel.observedAttributes));
    const reactive = [...CrmCallerPanel.elementProperties].filter(([, options]) => !options.state).map(([name]) => String(name));
    const fields = (decl.members ?? []).filter((m) => m.kind === 'field' && !m.static);
    expect(names(fields)).to.deep.equal(sorted(reactive));
    expect((decl.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected')).to.deep.equal([]);
    for (const a of decl.attributes ?? []) {
      const options = CrmCallerPanel.elementProperties.get(a.fieldName as keyof CrmCallerPanel);
      const attribute = typeof options?.attribute === 'string' ? options.attribute : a.fieldName?.toLowerCase();
      expect(attribute, `${a.fieldName}`).to.equal(a.name);
    }
  });

  it('lists exactly the events the bundle exports a class for', async () => {
    const exported = (Object.values(entry) as unknown[]).flatMap((v) =>
      typeof v === 'function' && v.prototype instanceof Event ? [String((v as { type?: unknown }).type)] : [],
    );
    expect(exported.length).to.be.greaterThan(0);
    expect(names((await panelDeclaration()).events)).to.deep.equal(sorted(exported));
  });

  it('lists exactly the custom properties the styles read', async () => {
    const css = CrmCallerPanel.elementStyles
      .map((s) => ('cssText' in s ? s.cssText : [...s.cssRules].map((r) => r.cssText).join('\n')))
      .join('\n');
    const read = [...css.matchAll(/var\(\s*(--crm-[\w-]+)/g)].map((m) => m[1] ?? '');
    expect(read.length).to.be.greaterThan(0);
    expect(names((await panelDeclaration()).cssProperties)).to.deep.equal(sorted(read));
  });

  it('lists exactly the parts the panel renders in its states', async () => {
    const rendered = await renderedParts();
    expect(names((await panelDeclaration()).cssParts)).to.deep.equal(sorted(rendered));
  });
});

describe('custom-elements manifest and the README', () => {
  it('"Attributes and properties": the same attributes, each with its property, and the documented methods', async () => {
    const decl = await panelDeclaration();
    const section = await readmeSection('Attributes and properties');
    const rows = tableRows(section).map(([attribute = '', property = '']) => ({
      attribute: codeSpans(attribute)[0] ?? '',
      property: codeSpans(property)[0] ?? '',
    }));
    expect(sorted(rows.map((r) => r.attribute))).to.deep.equal(names(decl.attributes));
    for (const { attribute, property } of rows) {
      const field = decl.attributes?.find((a) => a.name === attribute)?.fieldName;
      // `lang` is the element's own (HTMLElement) property: it sets the attribute the panel's `language` reads.
      const native = property === attribute && property in HTMLElement.prototype;
      expect(field === property || native, `${attribute} → ${property} (manifest: ${field})`).to.equal(true);
    }
    const methods = codeSpans(section)
      .filter((c) => c.endsWith('()'))
      .map((c) => c.slice(0, -2));
    expect(methods.length).to.be.greaterThan(0);
    const listed = (decl.members ?? []).filter((m) => m.kind === 'method').map((m) => m.name);
    expect(listed).to.include.members(methods);
  });

  it('"Events": the same events', async () => {
    const documented = tableRows(await readmeSection('Events')).map(([event = '']) => codeSpans(event)[0] ?? '');
    expect(sorted(documented)).to.deep.equal(names((await panelDeclaration()).events));
  });

  it('"Parts": every documented part is in the manifest, and every manifest part is documented', async () => {
    const listed = names((await panelDeclaration()).cssParts);
    const documented = codeSpans(await readmeSection('Parts'));
    expect(documented).to.include.members(listed);
    // The prose names elements too ("`base` (the `section`)"): a word the manifest does not list must be the name of
    // an HTML element (no hyphen, not unknown to the browser) that the panel does not render as a part.
    const rendered = await renderedParts();
    for (const word of documented.filter((d) => !listed.includes(d))) {
      const htmlElement = !word.includes('-') && !(document.createElement(word) instanceof HTMLUnknownElement);
      expect(htmlElement && !rendered.has(word), `README part "${word}" is not in the manifest`).to.equal(true);
    }
  });

  it('"Custom properties": the same custom properties', async () => {
    const documented: string[] = [];
    for (const [cell = ''] of tableRows(await readmeSection('Custom properties'))) {
      let previous = '';
      for (const code of codeSpans(cell)) {
        // "`--crm-status-new-background` / `-color`" is shorthand for --crm-status-new-color.
        const name = code.startsWith('--') ? code : previous.replace(/-[a-z]+$/, code);
        documented.push(name);
        previous = name;
      }
    }
    expect(sorted(documented)).to.deep.equal(names((await panelDeclaration()).cssProperties));
  });
});
