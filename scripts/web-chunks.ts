/**
 * What each citizen page's JavaScript is made of: builds the web app into a temporary folder with a
 * small plugin that notes every chunk's modules, then prints, for each page of bench/web.ts, the
 * files it loads (gzip) and their biggest modules (node_modules grouped by package; sizes are the
 * module's code after minification, before gzip).
 *   npx tsx scripts/web-chunks.ts            all citizen pages
 *   npx tsx scripts/web-chunks.ts procedure  the pages whose name contains "procedure"
 *   WEB_CHUNKS_TOP (default 12): modules listed per file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { CITIZEN_ROUTES, pageRoots } from '../bench/web.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const top = Number(process.env.WEB_CHUNKS_TOP ?? 12);
const filter = process.argv[2] ?? '';

interface ChunkInfo {
  modules: { id: string; length: number }[];
}
const chunks = new Map<string, ChunkInfo>();

const collect: Plugin = {
  name: 'opendvc-chunk-modules',
  generateBundle(_options, bundle) {
    for (const out of Object.values(bundle)) {
      if (out.type !== 'chunk') continue;
      const modules = Object.entries(out.modules).map(([id, m]) => ({ id, length: m.renderedLength }));
      chunks.set(out.fileName, { modules });
    }
  },
};

/** `react-dom`, `@mantine/core`, or the path inside the repository. */
function label(id: string): string {
  const clean = id.replace(/\?.*$/, '').replace(/^\0/, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return path.relative(ROOT, clean);
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opendvc-web-chunks-'));
try {
  await build({ configFile: path.join(ROOT, 'web/vite.config.ts'), logLevel: 'warn', plugins: [collect], build: { outDir, emptyOutDir: true } });
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string; imports?: string[] }>;
  const closure = (keys: string[]) => {
    const seen = new Set<string>();
    const queue = [...keys];
    while (queue.length) {
      const k = queue.shift()!;
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push(...(manifest[k]?.imports ?? []));
    }
    return [...seen];
  };
  const gz = (file: string) => gzipSync(fs.readFileSync(path.join(outDir, file)), { level: 9 }).length / 1024;
  for (const route of CITIZEN_ROUTES.filter((r) => r.name.includes(filter))) {
    const keys = closure(pageRoots(route));
    const files = keys.map((k) => manifest[k]!.file);
    const total = files.reduce((s, f) => s + gz(f), 0);
    console.log(`\n## ${route.name} ${route.url}: ${total.toFixed(1)} KB gzip in ${files.length} files`);
    for (const file of files.sort((a, b) => gz(b) - gz(a))) {
      console.log(`  ${file}  ${gz(file).toFixed(1)} KB gzip`);
      const grouped = new Map<string, number>();
      for (const m of chunks.get(file)?.modules ?? []) grouped.set(label(m.id), (grouped.get(label(m.id)) ?? 0) + m.length);
      for (const [name, length] of [...grouped].sort((a, b) => b[1] - a[1]).slice(0, top)) if (length > 0) console.log(`      ${(length / 1024).toFixed(1).padStart(6)} KB  ${name}`);
    }
  }
} finally {
  fs.rmSync(outDir, { recursive: true, force: true });
}
