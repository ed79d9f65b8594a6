/**
 * npm run bench, part web (BENCH_ONLY=web): the JavaScript each citizen page loads, gzip, beside
 * the 150 KB target. Builds the web app, then reads web/dist/.vite/manifest.json: a page loads the
 * entry (index.html) and its own route file, each with every file they import statically. Files a
 * page only imports dynamically (the e-form engine, a dialog) are listed apart: they arrive later,
 * when used. The parts of the texts a page is loaded with (web/src/router.tsx, `page(…, texts)`)
 * count as the page's: they arrive with it. So does the part of the page it always shows (`parts`:
 * the journey's current step, each step measured as a page of its own). Run alone: `npx tsx bench/web.ts` (WEB_BENCH_NO_BUILD=1 measures the existing build).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const WEB_JS_TARGET_KB = 150;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'web', 'dist');

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The dossier pages' texts (web/src/i18n/language.ts, part `dossiers`): every page but home, search and procedure. */
const DOSSIER_TEXTS = ['src/i18n/dossiers.vi.ts'];
/** The sections of them the citizen's dossier pages load (parts `dossierJourney`, `dossierDone`, `dossierList`, `dossierTracking`). */
const dossierSections = (section: string) => ['src/i18n/dossiers-common.vi.ts', `src/i18n/dossiers-${section}.vi.ts`];

/** A page: name, an example address, the route file (none: the entry alone), the text parts and the parts of the page (lazy, but always shown) loaded with it. */
export interface PageRoute {
  name: string;
  url: string;
  src?: string;
  texts?: string[];
  parts?: string[];
}

const JOURNEY = 'src/features/dossiers/pages/JourneyPage.tsx';

/** The citizen's pages. */
export const CITIZEN_ROUTES: PageRoute[] = [
  { name: 'home', url: '/' },
  { name: 'search', url: '/thu-tuc?q=…', src: 'src/features/procedures/pages/ResultsPage.tsx' },
  { name: 'procedure', url: '/thu-tuc/:code', src: 'src/features/procedures/pages/ProcedurePage.tsx' },
  { name: 'journey: start', url: '/nop-ho-so', src: 'src/features/dossiers/pages/StartPage.tsx', texts: dossierSections('journey') },
  { name: 'journey: form step', url: '/nop-ho-so/:id?buoc=2', src: JOURNEY, texts: [...dossierSections('journey'), 'src/i18n/dossiers-journey-form.vi.ts'], parts: ['src/features/dossiers/pages/JourneyFormStep.tsx'] },
  { name: 'journey: review step', url: '/nop-ho-so/:id?buoc=3', src: JOURNEY, texts: ['src/i18n/dossiers-common.vi.ts', 'src/i18n/dossiers-journey-review.vi.ts'], parts: ['src/features/dossiers/pages/JourneyReviewStep.tsx'] },
  { name: 'journey: submitted', url: '/nop-ho-so/:id/da-nop', src: 'src/features/dossiers/pages/DonePage.tsx', texts: dossierSections('done') },
  { name: 'my dossiers', url: '/ho-so-cua-toi', src: 'src/features/dossiers/pages/MyDossiersPage.tsx', texts: dossierSections('list') },
  { name: 'tracking', url: '/tra-cuu', src: 'src/features/dossiers/pages/TrackingPage.tsx', texts: dossierSections('tracking') },
];

/** Pages outside the target, printed for comparison. */
const STAFF_TEXTS = ['src/i18n/staff.vi.ts', ...DOSSIER_TEXTS];
const OTHER_ROUTES: PageRoute[] = [
  { name: 'back office inbox', url: '/can-bo/ho-so', src: 'src/features/backoffice/pages/InboxPage.tsx', texts: STAFF_TEXTS },
  { name: 'statistics', url: '/can-bo/thong-ke', src: 'src/features/statistics/pages/StatisticsDashboardPage.tsx', texts: [...STAFF_TEXTS, 'src/i18n/statistics.vi.ts'] },
  { name: 'catalogue editor', url: '/bien-tap-thu-tuc/:id', src: 'src/features/catalogue-editor/pages/DraftPage.tsx', texts: STAFF_TEXTS },
  { name: 'administration', url: '/quan-tri', src: 'src/features/admin/pages/AdminPage.tsx', texts: STAFF_TEXTS },
];

export interface RouteSize {
  name: string;
  url: string;
  files: number;
  jsGzipKb: number;
  cssGzipKb: number;
  /** Loaded later, only when the page uses it (dynamic imports of the page's own files). */
  laterGzipKb: number;
}

const gzipKb = (file: string) => gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length / 1024;

/** Every manifest key a chunk pulls in statically, itself included. */
function staticClosure(manifest: Manifest, keys: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...keys];
  for (let i = 0; i < queue.length && i < 10_000; i++) {
    const key = queue[i]!;
    if (seen.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no ${key}`);
    seen.add(key);
    queue.push(...(chunk.imports ?? []));
  }
  return seen;
}

/** The manifest keys a page starts from: the entry, its route file, its text parts and the parts it always shows. */
export function pageRoots(route: PageRoute): string[] {
  return [...(route.src ? ['index.html', route.src] : ['index.html']), ...(route.texts ?? []), ...(route.parts ?? [])];
}

export function measureRoutes(manifest: Manifest, routes: PageRoute[]): RouteSize[] {
  return routes.map((route) => {
    if (route.src && !manifest[route.src]) throw new Error(`manifest has no route file ${route.src}: is the page still loaded lazily?`);
    for (const t of route.texts ?? []) if (!manifest[t]) throw new Error(`manifest has no text part ${t}`);
    for (const p of route.parts ?? []) if (!manifest[p]) throw new Error(`manifest has no page part ${p}`);
    const loaded = staticClosure(manifest, pageRoots(route));
    const later = new Set<string>();
    for (const key of loaded) for (const d of manifest[key]!.dynamicImports ?? []) if (key !== 'index.html') for (const k of staticClosure(manifest, [d])) if (!loaded.has(k)) later.add(k);
    const files = [...loaded].map((k) => manifest[k]!.file);
    const css = new Set([...loaded].flatMap((k) => manifest[k]!.css ?? []));
    return {
      name: route.name,
      url: route.url,
      files: files.length,
      jsGzipKb: files.reduce((sum, f) => sum + gzipKb(f), 0),
      cssGzipKb: [...css].reduce((sum, f) => sum + gzipKb(f), 0),
      laterGzipKb: [...later].reduce((sum, k) => sum + gzipKb(manifest[k]!.file), 0),
    };
  });
}

/** Builds the web app and prints each page's JavaScript beside the target; returns the citizen pages' sizes. */
export function benchWeb(options: { build?: boolean } = {}): RouteSize[] {
  if (options.build ?? true) execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const citizen = measureRoutes(manifest, CITIZEN_ROUTES);
  const others = measureRoutes(manifest, OTHER_ROUTES);
  console.log(`\nWeb: JavaScript per page, gzip level 9, static imports from the Vite manifest (target ≤ ${WEB_JS_TARGET_KB} KB on the citizen's pages)`);
  console.log('| page | address | files | JS gzip KB | CSS gzip KB | loaded later when used, KB | target |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | --- |');
  for (const r of citizen) console.log(`| ${r.name} | ${r.url} | ${r.files} | ${r.jsGzipKb.toFixed(1)} | ${r.cssGzipKb.toFixed(1)} | ${r.laterGzipKb.toFixed(1)} | ${r.jsGzipKb <= WEB_JS_TARGET_KB ? 'PASS' : 'MISS'} |`);
  for (const r of others) console.log(`| ${r.name} | ${r.url} | ${r.files} | ${r.jsGzipKb.toFixed(1)} | ${r.cssGzipKb.toFixed(1)} | ${r.laterGzipKb.toFixed(1)} | (not a citizen page) |`);
  return citizen;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = benchWeb({ build: process.env.WEB_BENCH_NO_BUILD !== '1' });
  if (sizes.some((r) => r.jsGzipKb > WEB_JS_TARGET_KB)) process.exitCode = 1;
}
