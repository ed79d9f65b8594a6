/**
 * Server-side render of DossierForm under Node (no browser): @rjsf/mantine imports
 * `dayjs/plugin/customParseFormat` without an extension, which Node's ESM loader refuses, so the
 * package is bundled by Vite here instead of loaded by Node. The root config cannot do this for
 * one file. Run: npx vitest run --config web/src/features/dossiers/form/vitest.render.config.ts
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: new URL('../../../../../', import.meta.url).pathname,
  test: {
    include: ['web/src/features/dossiers/form/*.render.spec.ts'],
    server: { deps: { inline: ['@rjsf/mantine', '@mantine/dates'] } },
    css: false,
  },
});
