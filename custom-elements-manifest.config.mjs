// The caller panel's custom-elements manifest (custom-elements.json), made by @custom-elements-manifest/analyzer
// from the component's JSDoc and Lit decorators. `vite build` runs it (vite.config.ts) and ships the file with the
// bundle as dist/widget/custom-elements.json, which the service serves at {base}/widget/custom-elements.json and
// package.json's `customElements` points at. `npx cem analyze` on its own writes the same file.

/** The bundle's entry: importing it registers every element (through define()). */
const entry = 'widget/src/index.ts';

/** Keeps the manifest to the public API: no private or protected members, no event the analyzer could not name. */
function publicApiOnly() {
  return {
    name: 'crm-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.members) decl.members = decl.members.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected');
          if (decl.events) decl.events = decl.events.filter((e) => e.name);
        }
      }
    },
  };
}

/**
 * Tags are registered by define(tag = 'crm-caller-panel', element = CrmCallerPanel), which the analyzer reads as a
 * definition of a tag named "tag". Those are dropped; each element with a `@tagname` is defined by the entry instead.
 */
function definitionsFromTagNames() {
  return {
    name: 'crm-definitions-from-tag-names',
    packageLinkPhase({ customElementsManifest }) {
      const { modules } = customElementsManifest;
      const elements = modules.flatMap((m) =>
        (m.declarations ?? [])
          .filter((d) => d.customElement && d.tagName)
          .map((d) => ({ name: d.name, tagName: d.tagName, module: m.path })),
      );
      const isElement = (e) => elements.some((x) => x.tagName === e.name && x.name === e.declaration?.name);
      for (const mod of modules) mod.exports = mod.exports?.filter((e) => e.kind !== 'custom-element-definition' || isElement(e));
      const main = modules.find((m) => m.path === entry);
      if (!main) throw new Error(`${entry} is not in the manifest's globs`);
      for (const el of elements) {
        if (modules.some((m) => m.exports?.some((e) => e.kind === 'custom-element-definition' && e.name === el.tagName))) continue;
        (main.exports ??= []).push({
          kind: 'custom-element-definition',
          name: el.tagName,
          declaration: { name: el.name, module: el.module },
        });
      }
    },
  };
}

export default {
  // The public surface only: the bundle's entry (what it exports), the registration, the element and its events.
  // Views, strings, styles and the API client are internal and stay out of the shipped file.
  globs: [entry, 'widget/src/define.ts', 'widget/src/components/caller-panel/caller-panel.ts', 'widget/src/events/*.ts'],
  outdir: 'dist/widget',
  litelement: true,
  // package.json's `customElements` is set by hand (to dist/widget/custom-elements.json); the analyzer must not rewrite it.
  packagejson: false,
  plugins: [publicApiOnly(), definitionsFromTagNames()],
};
