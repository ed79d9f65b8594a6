/** The layering rule of docs/ARCHITECTURE.md ("Layers") is enforced by ESLint: this shows it bites. */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });
const restricted = async (file: string, code: string) =>
  (await eslint.lintText(code, { filePath: path.join(root, file) }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);

describe('layering lint rule', () => {
  it('fails when the platform imports a module', async () => {
    expect(await restricted('server/platform/db/example.ts', "import { dossiersModule } from '../../modules/dossiers/index.js';\nexport const x = dossiersModule;\n")).toHaveLength(1);
  });

  it('fails when a module imports another module\'s file instead of its index.ts', async () => {
    expect(await restricted('server/modules/dossiers/example.ts', "import { usersTable } from '../identity/identity.tables.js';\nexport const x = usersTable;\n")).toHaveLength(1);
    expect(await restricted('server/modules/dossiers/documents/example.ts', "import { notify } from '../../notifications/notifications.usecases.js';\nexport const x = notify;\n")).toHaveLength(1);
  });

  it('allows a module\'s index.ts, its own files, and table files referencing table files', async () => {
    expect(await restricted('server/modules/dossiers/example.ts', "import { usersTable } from '../identity/index.js';\nimport { dossiersTable } from './dossiers.tables.js';\nexport const x = [usersTable, dossiersTable];\n")).toEqual([]);
    expect(await restricted('server/modules/dossiers/example.tables.ts', "import { usersTable } from '../identity/identity.tables.js';\nexport const x = usersTable;\n")).toEqual([]);
  });
});
