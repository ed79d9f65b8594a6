/**
 * Bulk dossiers for the inbox bench: a few `INSERT … SELECT … FROM generate_series` statements in
 * a migrated and seeded PostgreSQL database (catalogue, demo officials and units), never row by row.
 *
 * Shape of the data (deterministic: the random generator is seeded):
 *   - 50 receiving units: the catalogue's 000.00.01–07.G99 plus bench agencies 000.00.08–50.G99;
 *     the demo unit 000.00.01.G99 gets `demoUnitShare` of the dossiers (default 2 %), the rest is even;
 *   - procedures, versions and cases drawn from the catalogue (skewed: a few cases are frequent);
 *   - statuses: 70 % RESULT_RETURNED, ~10 % other finished or not yet received (refused, withdrawn,
 *     stopped, submitted, draft), ~20 % in the back office (RECEIVED, IN_PROGRESS, SUPPLEMENT_REQUESTED,
 *     RESULT_READY, AWAITING_PAYMENT) with current_unit_id / current_role / step set;
 *   - in the demo unit, part of the open steps is assigned to the demo official holding the role;
 *   - open dossiers fall due within ±30 days of now; finished ones over the past year;
 *   - 60 % filed online by one of 20,000 bench applicant accounts, the rest at the counter or by post.
 * Finishes with VACUUM (ANALYZE) of dossiers and ANALYZE of every table, so that the planner and the
 * visibility map look like a settled database (autovacuum may be off on a test server).
 *
 * Standalone: DATABASE_URL=postgres://… tsx bench/generate-dossiers.ts [count]
 */
import pg from 'pg';

export const DEMO_UNIT_CODE = '000.00.01.G99';
const UNITS = 50;
const BENCH_APPLICANTS = 20_000;

export interface GenerateOptions {
  count: number;
  /** Share of the dossiers received by the demo unit (0–1). */
  demoUnitShare?: number;
  log?: (line: string) => void;
}

export interface GenerateSummary {
  dossiers: number;
  ms: { setup: number; insert: number; vacuumAnalyze: number; total: number };
  demoUnitDossiers: number;
  /** Open dossiers per role in the demo unit (what the demo officials' inboxes hold). */
  demoUnitOpenByRole: Record<string, number>;
  assignedToDemoSpecialist: number;
}

const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const middleNames = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thu', 'Ngọc', 'Quang', 'Thanh', 'Xuân'];
const givenNames = ['An', 'Bình', 'Cường', 'Dung', 'Em', 'Giang', 'Hùng', 'Lan', 'Minh', 'Nam', 'Phương', 'Quân', 'Sơn', 'Trang', 'Tuấn', 'Yến', 'Hà', 'Khánh', 'Long', 'Mai'];
const streets = ['Tôn Thất Thuyết', 'Láng Hạ', 'Trần Duy Hưng', 'Nguyễn Chí Thanh', 'Lê Duẩn', 'Hai Bà Trưng', 'Điện Biên Phủ', 'Cầu Giấy'];
const cities = ['Hà Nội', 'TP. Hồ Chí Minh', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ', 'Thừa Thiên Huế'];

const arrayLiteral = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** A Vietnamese full name for row number `i` (SQL expression). */
const nameExpr = (i: string) =>
  `(${arrayLiteral(familyNames)})[1 + (${i} * 7) % ${familyNames.length}] || ' ' || (${arrayLiteral(middleNames)})[1 + (${i} / 3) % ${middleNames.length}] || ' ' || (${arrayLiteral(givenNames)})[1 + (${i} * 13 + ${i} / 7) % ${givenNames.length}]`;

export async function generateDossiers(client: pg.Client, { count, demoUnitShare = 0.02, log = console.log }: GenerateOptions): Promise<GenerateSummary> {
  const started = Date.now();
  const q = (text: string, values?: unknown[]) => client.query(text, values);

  // Bulk load of a throwaway database: no fsync wait per commit, and foreign keys are
  // satisfied by construction (every id below is read from the seeded tables), so their
  // per-row triggers are skipped.
  await q(`SET synchronous_commit = off`);
  await q(`SET maintenance_work_mem = '256MB'`);
  // Needs a superuser (the default PG_ADMIN_URL is one); otherwise the checks simply run.
  const skipTriggers = await q(`SET session_replication_role = replica`).then(() => true, () => false);
  await q(`SELECT setseed(0.2026)`);

  const [root] = (await q(`SELECT id FROM agencies WHERE code = '000.00.00.G99'`)).rows as { id: string }[];
  if (!root) throw new Error('the catalogue is not seeded (no agency 000.00.00.G99)');
  await q(`
    INSERT INTO agencies (id, code, name, parent_id)
    SELECT 'agc_bench_' || lpad(n::text, 2, '0'), '000.00.' || lpad(n::text, 2, '0') || '.G99', 'Đơn vị thử tải số ' || n, $1
    FROM generate_series(1, ${UNITS}) n
    ON CONFLICT (code) DO NOTHING`, [root.id]);
  await q(`
    INSERT INTO users (id, kind, full_name, status)
    SELECT 'usr_bench_' || n, 'APPLICANT', ${nameExpr('n')}, 'ACTIVE'
    FROM generate_series(0, ${BENCH_APPLICANTS - 1}) n
    ON CONFLICT (id) DO NOTHING`);

  // Lookup tables: units 0–49 (0 = demo unit), cases with their version and procedure, demo officials by role.
  await q(`DROP TABLE IF EXISTS bench_units, bench_cases, bench_officials`);
  await q(`
    CREATE TEMP TABLE bench_units AS
    SELECT (row_number() OVER (ORDER BY code) - 1)::int AS rn, id, code
    FROM agencies WHERE code ~ '^000\\.00\\.[0-9]{2}\\.G99$' AND code <> '000.00.00.G99'
    ORDER BY code LIMIT ${UNITS}`);
  await q(`
    CREATE TEMP TABLE bench_cases AS
    SELECT (row_number() OVER (ORDER BY pc.id) - 1)::int AS rn, pc.id AS case_id, pc.version_id, pv.procedure_id, cw.workflow_code
    FROM procedure_cases pc
    JOIN procedure_versions pv ON pv.id = pc.version_id
    LEFT JOIN case_workflows cw ON cw.case_id = pc.id`);
  await q(`
    CREATE TEMP TABLE bench_officials AS
    SELECT g.role, g.user_id FROM role_grants g JOIN agencies a ON a.id = g.unit_agency_id
    JOIN users u ON u.id = g.user_id AND u.email LIKE '%@demo.opendvc.vn'
    WHERE a.code = '${DEMO_UNIT_CODE}'`);
  await q(`ANALYZE bench_units; ANALYZE bench_cases; ANALYZE bench_officials`);
  const units = Number((await q(`SELECT count(*) FROM bench_units`)).rows[0].count);
  const cases = Number((await q(`SELECT count(*) FROM bench_cases`)).rows[0].count);
  const demo = (await q(`SELECT rn FROM bench_units WHERE code = '${DEMO_UNIT_CODE}'`)).rows[0] as { rn: number } | undefined;
  if (!demo || demo.rn !== 0) throw new Error(`demo unit ${DEMO_UNIT_CODE} missing from the bench units`);
  if (cases === 0) throw new Error('the catalogue has no procedure cases');
  const setupMs = Date.now() - started;
  log(`  setup: ${units} units, ${cases} procedure cases, ${BENCH_APPLICANTS} bench applicants (${setupMs} ms)`);

  // One statement per batch of a million rows keeps memory and WAL per statement bounded.
  const batch = 1_000_000;
  const insertStarted = Date.now();
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await q(`
      INSERT INTO dossiers (
        id, code, procedure_id, version_id, case_id, applicant_user_id, applicant, channel, status, answers,
        receiving_unit_id, processing_unit_id, submitted_at, received_at, appointment_at, due_at,
        workflow_code, step_id, workflow_status, current_unit_id, "current_role", assignee_user_id,
        step_started_at, step_due_at, clock_stopped_at, resolved_at, returned_at, return_method,
        draft_expires_at, version, created_at, updated_at)
      SELECT
        'dos_bench_' || lpad(s.i::text, 8, '0'),
        CASE WHEN s.status <> 'DRAFT' THEN u.code || '-' || to_char(s.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || lpad(s.i::text, 7, '0') END,
        c.procedure_id, c.version_id, c.case_id,
        CASE WHEN s.channel = 'ONLINE' THEN 'usr_bench_' || (s.i % ${BENCH_APPLICANTS}) END,
        jsonb_build_object(
          'fullName', ${nameExpr('s.i')},
          'personalIdNumber', '0' || lpad(((s.i::bigint * 7919) % 100000000000)::text, 11, '0'),
          'phone', '09' || lpad((s.i % 100000000)::text, 8, '0'),
          'address', 'Số ' || (1 + s.i % 200) || ' phố ' || (${arrayLiteral(streets)})[1 + s.i % ${streets.length}] || ', ' || (${arrayLiteral(cities)})[1 + (s.i / 11) % ${cities.length}]),
        s.channel, s.status,
        jsonb_build_object('tenDuAn', 'Dự án số ' || s.i, 'dienTichM2', 50 + s.i % 5000, 'ghiChu', 'Dữ liệu thử tải'),
        u.id,
        CASE WHEN s.submitted_at IS NOT NULL AND s.status NOT IN ('SUBMITTED', 'REFUSED', 'WITHDRAWN') THEN u.id END,
        s.submitted_at,
        CASE WHEN s.status NOT IN ('DRAFT', 'SUBMITTED', 'REFUSED', 'WITHDRAWN') THEN s.submitted_at + interval '3 hours' END,
        s.due_at, s.due_at,
        CASE WHEN s.role IS NOT NULL OR s.status IN ('RESULT_RETURNED', 'STOPPED') THEN coalesce(c.workflow_code, 'MOT_CUA_MAC_DINH') END,
        CASE s.role WHEN 'SPECIALIST' THEN 'tham_dinh' WHEN 'UNIT_HEAD' THEN 'xem_xet' WHEN 'LEADER' THEN 'phe_duyet' WHEN 'RECORDS_CLERK' THEN 'ban_hanh'
          WHEN 'ONE_STOP_OFFICER' THEN CASE WHEN s.status = 'RESULT_READY' THEN 'tra_ket_qua' ELSE 'tiep_nhan' END END,
        CASE WHEN s.status = 'SUPPLEMENT_REQUESTED' THEN 'AWAITING_APPLICANT' WHEN s.role IS NOT NULL THEN 'ACTIVE'
          WHEN s.status = 'RESULT_RETURNED' THEN 'FINISHED' WHEN s.status = 'STOPPED' THEN 'STOPPED' END,
        CASE WHEN s.role IS NOT NULL THEN u.id END,
        s.role,
        CASE WHEN s.role IS NOT NULL AND s.unit_rn = 0 AND s.r_assign < 0.4 THEN (SELECT o.user_id FROM bench_officials o WHERE o.role = s.role LIMIT 1) END,
        CASE WHEN s.role IS NOT NULL THEN s.submitted_at + interval '3 hours' + (now() - s.submitted_at - interval '3 hours') * s.r_time END,
        CASE WHEN s.role IS NOT NULL THEN s.submitted_at + interval '3 hours' + (now() - s.submitted_at - interval '3 hours') * s.r_time + interval '3 days' END,
        CASE WHEN s.status = 'SUPPLEMENT_REQUESTED' THEN now() - s.r_time * interval '5 days' END,
        CASE WHEN s.status IN ('RESULT_RETURNED', 'STOPPED') THEN s.due_at - s.r_time * interval '6 days' END,
        CASE WHEN s.status = 'RESULT_RETURNED' THEN s.due_at - s.r_time * interval '5 days' END,
        CASE WHEN s.status = 'RESULT_RETURNED' THEN CASE WHEN s.channel = 'ONLINE' THEN 'DOWNLOAD' WHEN s.channel = 'POSTAL' THEN 'POSTAL' ELSE 'COUNTER' END END,
        CASE WHEN s.status = 'DRAFT' THEN now() + interval '30 days' - s.r_time * interval '30 days' END,
        1 + (s.i % 7),
        coalesce(s.submitted_at, now() - s.r_time * interval '20 days') - interval '20 minutes',
        coalesce(s.submitted_at + interval '3 hours' + (now() - s.submitted_at - interval '3 hours') * s.r_time, now())
      FROM (
        SELECT t.*,
          CASE
            WHEN t.status = 'RECEIVED' THEN 'ONE_STOP_OFFICER'
            WHEN t.status = 'SUPPLEMENT_REQUESTED' AND t.r_role < 0.5 THEN 'ONE_STOP_OFFICER'
            WHEN t.status = 'SUPPLEMENT_REQUESTED' THEN 'SPECIALIST'
            WHEN t.status = 'RESULT_READY' THEN 'ONE_STOP_OFFICER'
            WHEN t.status = 'AWAITING_PAYMENT' THEN 'SPECIALIST'
            WHEN t.status <> 'IN_PROGRESS' THEN NULL
            WHEN t.r_role < 0.50 THEN 'SPECIALIST'
            WHEN t.r_role < 0.70 THEN 'UNIT_HEAD'
            WHEN t.r_role < 0.85 THEN 'LEADER'
            ELSE 'RECORDS_CLERK'
          END AS role,
          -- Open dossiers: due within ±30 days of now, filed 15 days before (never in the future);
          -- finished ones: over the past year.
          CASE WHEN t.status = 'DRAFT' THEN NULL
            WHEN t.status = 'SUBMITTED' THEN now() - t.r_time * interval '5 days'
            WHEN t.status IN ('RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'RESULT_READY', 'AWAITING_PAYMENT')
              THEN least(now() - interval '30 days' + t.r_due * interval '60 days' - interval '15 days', now() - interval '1 day' - t.r_time * interval '2 days')
            ELSE now() - t.r_due * interval '365 days' - interval '20 days' END AS submitted_at,
          CASE WHEN t.status IN ('DRAFT', 'SUBMITTED', 'REFUSED', 'WITHDRAWN') THEN NULL
            WHEN t.status IN ('RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'RESULT_READY', 'AWAITING_PAYMENT')
              THEN now() - interval '30 days' + t.r_due * interval '60 days'
            ELSE now() - t.r_due * interval '365 days' - interval '5 days' END AS due_at
        FROM (
          SELECT g.i,
            CASE WHEN g.r_unit < ${demoUnitShare} THEN 0 ELSE 1 + floor((g.r_unit - ${demoUnitShare}) / (1 - ${demoUnitShare}) * ${units - 1})::int END AS unit_rn,
            floor(power(g.r_case, 1.6) * ${cases})::int AS case_rn,
            CASE
              WHEN g.r_status < 0.700 THEN 'RESULT_RETURNED'
              WHEN g.r_status < 0.725 THEN 'REFUSED'
              WHEN g.r_status < 0.745 THEN 'WITHDRAWN'
              WHEN g.r_status < 0.765 THEN 'STOPPED'
              WHEN g.r_status < 0.785 THEN 'SUBMITTED'
              WHEN g.r_status < 0.800 THEN 'DRAFT'
              WHEN g.r_status < 0.850 THEN 'RECEIVED'
              WHEN g.r_status < 0.965 THEN 'IN_PROGRESS'
              WHEN g.r_status < 0.980 THEN 'SUPPLEMENT_REQUESTED'
              WHEN g.r_status < 0.990 THEN 'RESULT_READY'
              ELSE 'AWAITING_PAYMENT'
            END AS status,
            CASE WHEN g.r_channel < 0.60 THEN 'ONLINE' WHEN g.r_channel < 0.95 THEN 'IN_PERSON' ELSE 'POSTAL' END AS channel,
            g.r_role, g.r_assign, g.r_due, g.r_time
          FROM (
            SELECT i, random() AS r_unit, random() AS r_case, random() AS r_status, random() AS r_channel,
                   random() AS r_role, random() AS r_assign, random() AS r_due, random() AS r_time
            FROM generate_series(${from}, ${to}) i
          ) g
        ) t
      ) s
      JOIN bench_units u ON u.rn = s.unit_rn
      JOIN bench_cases c ON c.rn = least(s.case_rn, ${cases - 1})`);
    log(`  inserted dossiers ${from}–${to} (${((Date.now() - insertStarted) / 1000).toFixed(1)} s)`);
  }
  const insertMs = Date.now() - insertStarted;
  if (skipTriggers) await q(`SET session_replication_role = origin`);

  const vacuumStarted = Date.now();
  await q(`VACUUM (ANALYZE) dossiers`);
  // Every table, the seeded catalogue included: a server with autovacuum off (as the test
  // server is) would otherwise plan joins to never-analysed catalogue tables.
  await q(`ANALYZE`);
  const vacuumMs = Date.now() - vacuumStarted;

  await q(`DROP TABLE IF EXISTS bench_units, bench_cases, bench_officials`);
  const totalMs = Date.now() - started;
  return { ...(await describeDossiers(client)), ms: { setup: setupMs, insert: insertMs, vacuumAnalyze: vacuumMs, total: totalMs } };
}

/** How many dossiers the database holds, and what the demo unit's inbox holds. */
export async function describeDossiers(client: pg.Client): Promise<Omit<GenerateSummary, 'ms'>> {
  const q = (text: string, values?: unknown[]) => client.query(text, values);
  const total = Number((await q(`SELECT count(*) FROM dossiers`)).rows[0].count);
  const demoUnitId = (await q(`SELECT id FROM agencies WHERE code = $1`, [DEMO_UNIT_CODE])).rows[0].id as string;
  const demoUnitDossiers = Number((await q(`SELECT count(*) FROM dossiers WHERE receiving_unit_id = $1`, [demoUnitId])).rows[0].count);
  const byRole = (await q(`SELECT "current_role" AS role, count(*)::int AS n FROM dossiers WHERE current_unit_id = $1 AND "current_role" IS NOT NULL GROUP BY 1 ORDER BY 1`, [demoUnitId])).rows as { role: string; n: number }[];
  const assigned = Number((await q(`SELECT count(*) FROM dossiers d JOIN users u ON u.id = d.assignee_user_id WHERE u.email = 'specialist@demo.opendvc.vn'`)).rows[0].count);
  return {
    dossiers: total,
    demoUnitDossiers,
    demoUnitOpenByRole: Object.fromEntries(byRole.map((r) => [r.role, r.n])),
    assignedToDemoSpecialist: assigned,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const summary = await generateDossiers(client, { count: Number(process.argv[2] ?? process.env.BENCH_DOSSIERS ?? 1_000_000) });
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await client.end();
  }
}
