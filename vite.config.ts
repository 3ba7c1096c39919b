// Builds the embeddable caller panel into dist/widget/: one minified ES module with Lit inside
// (crm-caller-panel.js), the embeddable page's tiny script (embed.js), its page (index.html) and stylesheet, and the
// component's custom-elements manifest (custom-elements.json, from its JSDoc), then enforces the gzip budget with
// scripts/check-bundle-size.mjs (the build fails past it).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const outDir = here('./dist/widget');
const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };

/** Copies the embeddable page and its stylesheet next to the scripts. */
function embedPage(): Plugin {
  return {
    name: 'crm-embed-page',
    generateBundle() {
      for (const fileName of ['index.html', 'embed.css']) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(here(`./widget/src/embed/${fileName}`), 'utf8') });
      }
    },
  };
}

/** CRM data must only ever reach the DOM as text: the build fails if widget code uses an HTML sink. */
function noHtmlSinks(): Plugin {
  const widgetSrc = here('./widget/src/');
  const sinks = /\b(unsafeHTML|unsafeStatic|unsafeSVG|innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval|new Function)\b/;
  return {
    name: 'crm-no-html-sinks',
    transform(code, id) {
      if (!id.startsWith(widgetSrc)) return null;
      const hit = sinks.exec(code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''));
      if (hit) this.error(`${path.relative(here('.'), id)} uses ${hit[1]}: render CRM data through Lit text bindings only.`);
      return null;
    },
  };
}

/** A build step on the written output: `step` gets the output folder; throwing fails the build. */
function afterWrite(name: string, step: (dir: string) => void): Plugin {
  let dir = outDir;
  return {
    name,
    apply: 'build',
    configResolved(config) {
      dir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      step(dir);
    },
  };
}

/**
 * Writes custom-elements.json next to the bundle with @custom-elements-manifest/analyzer, configured by
 * custom-elements-manifest.config.mjs (the same file `npx cem analyze` reads). The build fails without it.
 */
const customElementsManifest = (): Plugin =>
  afterWrite('crm-custom-elements-manifest', (dir) => {
    const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
    const root = here('.');
    const r = spawnSync(process.execPath, [cem, 'analyze', '--quiet', '--outdir', path.relative(root, dir)], {
      cwd: root,
      stdio: 'inherit',
    });
    const file = path.join(dir, 'custom-elements.json');
    if (r.status !== 0 || !existsSync(file) || !readFileSync(file, 'utf8').includes('"tagName": "crm-caller-panel"')) {
      throw new Error('The custom-elements manifest was not written (see custom-elements-manifest.config.mjs).');
    }
  });

/** Runs the size check on what was just written; a bundle past the budget fails the build. */
const bundleBudget = (): Plugin =>
  afterWrite('crm-bundle-budget', (dir) => {
    const r = spawnSync(process.execPath, [here('./scripts/check-bundle-size.mjs'), dir], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('The widget bundle is over its gzip budget (see scripts/check-bundle-size.mjs).');
  });

export default defineConfig({
  publicDir: false,
  define: { __CRM_WIDGET_VERSION__: JSON.stringify(pkg.version) },
  plugins: [noHtmlSinks(), embedPage(), customElementsManifest(), bundleBudget()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    minify: 'oxc',
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: { 'crm-caller-panel': here('./widget/src/index.ts'), embed: here('./widget/src/embed/embed.ts') },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      output: { minify: true, comments: false },
    },
  },
});
