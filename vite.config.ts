// Builds the embeddable caller panel into dist/widget/: one minified ES module with Lit inside
// (crm-caller-panel.js), the embeddable page's tiny script (embed.js), its page (index.html) and stylesheet, and the
// component's custom-elements manifest (custom-elements.json, from its JSDoc), then enforces the gzip budget with
// scripts/check-bundle-size.mjs (the build fails past it). After it, a second build writes the admin page into
// dist/widget/admin/ (index.html, crm-admin-page.js, admin.css): its own bundle, outside the panel's and its budget.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const outDir = here('./dist/widget');
const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };

/** Copies a page and its stylesheet from `widget/src/<folder>/` next to the scripts. */
function staticPage(folder: string, fileNames: readonly string[]): Plugin {
  return {
    name: `crm-${folder}-page`,
    generateBundle() {
      for (const fileName of fileNames) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(here(`./widget/src/${folder}/${fileName}`), 'utf8') });
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

/**
 * Drops the indentation, and the CSS comments that fill whole lines, from the emitted code. In the minified panel,
 * lines only continue inside template literals, which are Lit's html and css templates, where a newline is whitespace
 * either way; indentation and comments cost bytes on every page load (about 0.5 KB gzipped) and mean nothing there.
 */
function dropTemplateWhitespace(): Plugin {
  const cssCommentLines = /\n[ \t]*\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/(?=\n)/g;
  return {
    name: 'crm-drop-template-whitespace',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = chunk.code.replace(cssCommentLines, '').replace(/\n[ \t]+/g, '\n');
      }
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

/** The admin page's build: one ES module with Lit inside, its page and stylesheet, in `<outDir>/admin/`. */
const adminPageConfig = (outDir: string, logLevel: InlineConfig['logLevel']): InlineConfig => ({
  configFile: false,
  logLevel,
  publicDir: false,
  plugins: [noHtmlSinks(), staticPage('admin', ['index.html', 'admin.css'])],
  build: {
    outDir: path.join(outDir, 'admin'),
    emptyOutDir: true,
    target: 'es2022',
    minify: 'oxc',
    sourcemap: false,
    reportCompressedSize: false,
    lib: { entry: { 'crm-admin-page': here('./widget/src/admin/index.ts') }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    rolldownOptions: { output: { minify: true, comments: false } },
  },
});

/** Runs the admin page's build once the panel's is written (one Vite config builds one library bundle). */
function adminPage(): Plugin {
  let config: InlineConfig = {};
  return {
    name: 'crm-admin-page-build',
    apply: 'build',
    configResolved(resolved) {
      config = adminPageConfig(path.resolve(resolved.root, resolved.build.outDir), resolved.logLevel);
    },
    async closeBundle() {
      await build(config);
    },
  };
}

export default defineConfig({
  publicDir: false,
  define: { __CRM_WIDGET_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    noHtmlSinks(),
    dropTemplateWhitespace(),
    staticPage('embed', ['index.html', 'embed.css']),
    customElementsManifest(),
    bundleBudget(),
    adminPage(),
  ],
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
      // Lets the code the lazily loaded modules share with the panel (Lit) stay in crm-caller-panel.js, which has
      // loaded it already, instead of a third file every page must fetch: the entry may export more than its own API.
      preserveEntrySignatures: 'allow-extension',
      output: { minify: true, comments: false, chunkFileNames: '[name]-[hash].js' },
    },
  },
});
