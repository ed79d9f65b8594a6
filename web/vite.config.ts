import path from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import postcssSimpleVars from 'postcss-simple-vars';

const webDir = import.meta.dirname;

const config: UserConfig = {
  root: webDir,
  plugins: [react()],
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
