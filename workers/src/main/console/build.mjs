// Bundles the console into one static folder (index.html, app.js, app.css, fonts, licences) that the
// application serves from its jar: no CDN at run time.
//
//   node build.mjs [--outdir=DIR] [--sourcemap]     default DIR: dist/ (Maven passes target/classes/static)
//
// The production build (Maven's) has no source map: the console's sources are not served. --sourcemap writes
// app.js.map next to the bundle, for debugging a local build.
//
// Before bundling it checks the licence of every package that ends up in the bundle (npm's lock file)
// against an allow list and fails the build on anything else, so a new dependency's licence is a decision.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.find((a) => a.startsWith('--outdir='));
const outdir = resolve(outArg ? outArg.slice('--outdir='.length) : join(here, 'dist'));
const sourcemap = process.argv.includes('--sourcemap') ? 'linked' : false;

// MIT, Apache-2.0 and the permissive family are fine. bpmn-js and form-js use the "bpmn.io license": MIT plus one
// condition — the bpmn.io watermark on rendered diagrams and forms must stay visible (the console keeps it).
const ALLOWED = new Set(['MIT', 'Apache-2.0', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', '(MPL-2.0 OR Apache-2.0)']);
const BPMN_IO_LICENSE = new Set(['bpmn-js', '@bpmn-io/form-js-viewer']);
const BUILD_ONLY = /^(esbuild|@esbuild\/)/;

function checkLicences() {
  const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));
  const notices = [];
  const refused = [];
  for (const [path, meta] of Object.entries(lock.packages)) {
    if (!path) continue;
    const name = path.replace(/^.*node_modules\//, '');
    if (BUILD_ONLY.test(name)) continue;
    const licence = meta.license ?? 'UNKNOWN';
    const ok = ALLOWED.has(licence) || (BPMN_IO_LICENSE.has(name) && licence === 'SEE LICENSE IN LICENSE');
    if (!ok) refused.push(`${name}@${meta.version}: ${licence}`);
    notices.push({ name, version: meta.version, licence, dir: join(here, path) });
  }
  if (refused.length) {
    console.error('console build: licences not on the allow list (see build.mjs):\n  ' + refused.join('\n  '));
    process.exit(1);
  }
  return notices;
}

function licenceText(dir) {
  for (const file of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE', 'COPYING']) {
    const path = join(dir, file);
    if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  }
  return '(no licence file in the package)';
}

const notices = checkLicences();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

await build({
  // the modeller (bpmn-js Modeler, properties panel) is loaded on first use: app.js imports it dynamically, so it
  // lands in its own chunk; its styles are their own file, modeller.css, linked by the modeller when it opens
  entryPoints: { app: join(here, 'src/main.js'), modeller: join(here, 'src/modeller.css') },
  bundle: true,
  minify: true,
  sourcemap,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  target: ['chrome110', 'firefox115', 'safari16'],
  outdir,
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  assetNames: 'assets/[name]-[hash]',
  legalComments: 'none', // the full licence texts go to THIRD-PARTY-LICENSES.txt below
  logLevel: 'warning',
});

cpSync(join(here, 'src/index.html'), join(outdir, 'index.html'));
writeFileSync(
  join(outdir, 'THIRD-PARTY-LICENSES.txt'),
  'Third-party packages bundled into the CivicFlow console (from package-lock.json)\n\n' +
    notices.map((n) => `== ${n.name}@${n.version} (${n.licence})\n\n${licenceText(n.dir)}\n`).join('\n'),
);
console.log(`console build: ${notices.length} packages bundled into ${outdir}`);
