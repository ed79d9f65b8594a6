import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import { executorForHandle, quietWhenStopping } from './sql-executor.js';

describe('quietWhenStopping (pg-boss statements after the queue stopped)', () => {
  it('passes statements and their failures through while the queue runs, and answers no rows for a failure once it is stopping', async () => {
    const database = await createTestDatabase();
    let stopping = false;
    const dropped: unknown[] = [];
    const executor = quietWhenStopping(executorForHandle(database), () => stopping, (err) => dropped.push(err));

    const open = await executor.executeSql('SELECT $1::int AS n', [7]);
    expect(open.rows).toEqual([{ n: 7 }]);
    // A real failure before stop reaches pg-boss.
    await expect(executor.executeSql('SELECT * FROM no_such_table_here', [])).rejects.toThrow();
    expect(dropped).toEqual([]);

    // Shutdown: the queue stops, then the database closes while a statement of pg-boss's own is still to come.
    stopping = true;
    expect((await executor.executeSql('SELECT $1::int AS n', [8])).rows).toEqual([{ n: 8 }]);
    await database.close();
    await expect(executorForHandle(database).executeSql('SELECT $1::int AS n', [9])).rejects.toThrow();
    const late = await executor.executeSql('SELECT $1::int AS n', [9]);
    expect(late.rows).toEqual([]);
    expect(dropped).toHaveLength(1);
  });
});
