import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import postcssSimpleVars from 'postcss-simple-vars';

const webDir = import.meta.dirname;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Each text file of the build (scripts, styles, index.html, the emblem) of 1 KB or more also as
 * `.br` (Brotli at its best quality, 11) and `.gz` (gzip level 9), written once at build time. The
 * server sends these as they are (@fastify/static `preCompressed`) instead of compressing every
 * response again at the low quality it can afford per request (Brotli 4): fewer bytes to a phone
 * and no compression work per request.
 */
function precompress(): Plugin {
  return {
    name: 'opendvc-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? path.join(webDir, 'dist');
      const files = Object.keys(bundle).filter((f) => /\.(js|mjs|css|html|svg|json)$/.test(f) && !f.startsWith('.vite/'));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(dir, file);
          const data = await fs.readFile(full);
          if (data.length < 1024) return;
          const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length };
          const [br, gz] = await Promise.all([brotli(data, { params }), gzip(data, { level: 9 })]);
          await Promise.all([fs.writeFile(`${full}.br`, br), fs.writeFile(`${full}.gz`, gz)]);
        }),
      );
    },
  };
}

/**
 * The modules the entry loads at start go into one file ("start"): the app's own modules that
 * main.tsx imports statically, React, the router, TanStack Query, the API client and Mantine's base
 * (`@mantine/core/esm/core`, which every component needs). The bundler would otherwise split them
 * into a dozen small files, because the pages' own files import them too, and each small file
 * compresses worse on its own, beside costing a request. Mantine's components are left to the
 * bundler: the package's index names them all, so following it would bring every component used
 * anywhere into the start file.
 */
const START_PACKAGES = /\/node_modules\/(react|react-dom|scheduler|react-router|@tanstack\/query-core|@tanstack\/react-query|openapi-fetch|clsx|@mantine\/core\/esm\/core)\//;
const startModules = new Set<string>();
function noteStartModules(): Plugin {
  return {
    name: 'opendvc-start-modules',
    apply: 'build',
    buildEnd() {
      startModules.clear();
      const queue = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      while (queue.length > 0) {
        const id = queue.pop()!;
        if (startModules.has(id)) continue;
        startModules.add(id);
        queue.push(...(this.getModuleInfo(id)?.importedIds ?? []).filter((next) => !next.includes('/node_modules/') || START_PACKAGES.test(next)));
      }
    },
  };
}

const config: UserConfig = {
  root: webDir,
  plugins: [react(), noteStartModules(), precompress()],
  resolve: {
    // The bare package only (its lib/createPrecompiledValidator.js is used): see no-test-validator.ts.
    alias: [{ find: /^@rjsf\/validator-ajv8$/, replacement: path.join(webDir, 'src/features/dossiers/form/no-test-validator.ts') }],
  },
  css: {
    postcss: {
      plugins: [
        postcssPresetMantine(),
        postcssSimpleVars({
          variables: {
            'mantine-breakpoint-xs': '36em',
            'mantine-breakpoint-sm': '48em',
            'mantine-breakpoint-md': '62em',
            'mantine-breakpoint-lg': '75em',
            'mantine-breakpoint-xl': '88em',
          },
        }),
      ],
    },
  },
  build: {
    outDir: path.join(webDir, 'dist'),
    emptyOutDir: true,
    // web/dist/.vite/manifest.json: which files each page pulls in (read by `npm run bench`, part web).
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'start', test: (id) => startModules.has(id), priority: 100 },
            // What every citizen's dossier page loads (queries, journey helpers, keys, sign-in gate,
            // progress): one file instead of five small ones.
            { name: 'dossier-base', test: /\/src\/features\/dossiers\/(queries\.ts|journey\.ts|keys\.ts|components\/(RequireUser|JourneyProgress)\.tsx|components\/Dossiers\.module\.css)/, priority: 50 },
          ],
        },
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` next to `npm start` (port 3000) for hot reload.
    proxy: { '/api': 'http://localhost:3000' },
  },
};

/** The citizen portal: built into web/dist, which the Fastify server serves with the API. */
export default defineConfig(({ command }) => {
  // `npm start` builds under whatever NODE_ENV the server runs with (test, development), and Vite
  // would then emit React's development build. What the server serves is always a production build.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
