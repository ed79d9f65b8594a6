import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { Logger } from 'pino';

const root = path.resolve(import.meta.dirname, '../../..');
const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'common'].map((p) => path.join(root, p));

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
}

/**
 * Builds the web app with Vite when its build is missing or older than any source file.
 * Always a production build: the server's own NODE_ENV (test, development) must not give
 * browsers React's development bundle.
 */
export async function ensureWebBuild({ distDir, log }: { distDir: string; log: Logger }) {
  const index = path.join(distDir, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const vite = path.join(root, 'node_modules/.bin/vite');
  if (!fs.existsSync(path.join(root, 'web/vite.config.ts'))) return;
  if (built >= Math.max(...sources.map(newestMtime))) return;
  if (!fs.existsSync(vite)) {
    log.warn('web build is missing or stale and Vite is not installed; run `npm ci` then `npm run build`');
    return;
  }
  log.info('building the web app (missing or older than its sources)…');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(vite, ['build', '--config', 'web/vite.config.ts', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed with exit code ${code}`))));
    child.on('error', reject);
  });
  log.info({ ms: Date.now() - started }, 'web app built');
}
