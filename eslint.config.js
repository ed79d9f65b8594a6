import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import fs from 'node:fs';

/**
 * Layering (docs/ARCHITECTURE.md, "Layers"): the platform imports no module; a module imports
 * another module only through its `index.ts`. Tests may reach another module's fixtures.
 */
const moduleNames = fs.readdirSync(new URL('./server/modules/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory()).map((d) => d.name);
const testFiles = ['**/*.test.ts', '**/e2e/**'];
const layeringRules = [
  {
    files: ['server/platform/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)modules/', message: 'server/platform/ imports no module: take what a module contributes as a parameter, wired in server/composition.ts.' }],
      }],
    },
  },
  ...moduleNames.flatMap((name) => {
    const others = moduleNames.filter((m) => m !== name).join('|');
    const rule = (allowed) => ({
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: `^(\\.\\./)+(${others})/(?!${allowed}$)`,
          message: "Import another module through its index.ts (its public surface), not its files.",
        }],
      }],
    });
    return [
      { files: [`server/modules/${name}/**/*.ts`], ignores: [...testFiles, '**/*.tables.ts'], rules: rule('index\\.js') },
      // Table files may reference another module's table file for foreign keys (drizzle-kit
      // loads the tables alone, without the modules' code).
      { files: [`server/modules/${name}/**/*.tables.ts`], rules: rule('(index|[a-z-]+\\.tables)\\.js') },
    ];
  }),
];

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', '.tmp', 'contracts/api.d.ts', 'test-results*', 'playwright-report*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-console': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  ...layeringRules,
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
