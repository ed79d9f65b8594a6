/**
 * Checks the seeded e-forms in `seed/forms/`:
 *  - every procedure case that can be filed online (level 3 or 4) in seed/catalog.json has a form,
 *    and every form belongs to such a case of the procedure's latest version;
 *  - each file has the expected shape and equals what scripts/generate-forms.ts writes;
 *  - every form passes validateFormDefinition (Ajv strict, Vietnamese titles, uiSchema names);
 *  - the example answers of each form (one per conditional branch) validate;
 *  - an empty answer set fails, with Vietnamese messages naming the fields.
 * Prints each problem and exits 1 when there is any.
 *
 * Usage: node_modules/.bin/tsx scripts/check-forms.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateAnswers, validateFormDefinition } from '../common/forms/validate.js';
import { buildForms, isOnlineCase, latestVersion, type FormFile } from './forms/definitions.js';
import { FORMS_DIR, formFileText, readCatalogProcedures } from './generate-forms.js';

export interface FormCheckSummary { problems: string[]; files: number; cases: number; examples: number }

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

export function checkForms(formsDir = FORMS_DIR): FormCheckSummary {
  const problems: string[] = [];
  const procedures = readCatalogProcedures();
  const { files: expected, examples } = buildForms(procedures);
  const expectedByCode = new Map(expected.map((f) => [f.procedureCode, f]));
  let files = 0;
  let cases = 0;
  let exampleCount = 0;

  for (const p of procedures) {
    const version = latestVersion(p);
    const online = version.cases.filter(isOnlineCase);
    if (online.length === 0) continue;
    const file = path.join(formsDir, `${p.code}.json`);
    if (!existsSync(file)) {
      problems.push(`${p.code}: thiếu tệp biểu mẫu ${path.basename(file)}`);
      continue;
    }
    files++;
    const text = readFileSync(file, 'utf8');
    let form: FormFile;
    try {
      form = JSON.parse(text) as FormFile;
    } catch (e) {
      problems.push(`${p.code}: JSON không hợp lệ (${(e as Error).message})`);
      continue;
    }
    const wanted = expectedByCode.get(p.code);
    if (wanted && text !== formFileText(wanted)) problems.push(`${p.code}: tệp khác với kết quả của scripts/generate-forms.ts (chạy lại trình sinh)`);
    if (form.procedureCode !== p.code) problems.push(`${p.code}: procedureCode là "${form.procedureCode}"`);
    if (form.versionNo !== version.versionNo) problems.push(`${p.code}: versionNo ${form.versionNo}, phiên bản mới nhất là ${version.versionNo}`);
    const keys = Object.keys(form).sort().join(',');
    if (keys !== 'cases,procedureCode,versionNo') problems.push(`${p.code}: khóa cấp gốc không đúng (${keys})`);
    const byCase = new Map((form.cases ?? []).map((c) => [c.caseCode, c]));
    for (const c of form.cases ?? []) if (!online.some((o) => o.code === c.caseCode)) problems.push(`${p.code}/${c.caseCode}: không phải trường hợp nộp trực tuyến của phiên bản mới nhất`);
    for (const c of online) {
      const fc = byCase.get(c.code);
      const where = `${p.code}/${c.code}`;
      if (!fc) {
        problems.push(`${where}: thiếu biểu mẫu`);
        continue;
      }
      cases++;
      const def = validateFormDefinition(fc.schema, fc.uiSchema);
      if (!def.valid) for (const pr of def.problems) problems.push(`${where}: ${pr}`);
      for (const [i, answers] of (examples[p.code]?.[c.code] ?? []).entries()) {
        exampleCount++;
        const r = validateAnswers(fc.schema, answers);
        if (!r.valid) problems.push(`${where}: ví dụ #${i + 1} không hợp lệ: ${r.errors.map((e) => `${e.path} — ${e.message}`).join('; ')}`);
      }
      const empty = validateAnswers(fc.schema, {});
      if (empty.valid) problems.push(`${where}: bộ trả lời rỗng lại hợp lệ`);
      else {
        for (const e of empty.errors) {
          if (!e.path || !/: /.test(e.message) || !VIETNAMESE.test(e.message)) problems.push(`${where}: thông báo lỗi chưa nêu tên trường bằng tiếng Việt: "${e.message}"`);
        }
      }
    }
  }
  const known = new Set(expected.map((f) => `${f.procedureCode}.json`));
  if (existsSync(formsDir)) for (const name of readdirSync(formsDir)) if (name.endsWith('.json') && !known.has(name)) problems.push(`${name}: không ứng với thủ tục nộp trực tuyến nào`);
  return { problems, files, cases, examples: exampleCount };
}

if (process.argv[1]?.endsWith('check-forms.ts')) {
  const r = checkForms();
  for (const p of r.problems) console.error(`✗ ${p}`);
  console.log(`${r.files} tệp, ${r.cases} trường hợp, ${r.examples} bộ trả lời mẫu; ${r.problems.length} vấn đề`);
  process.exit(r.problems.length ? 1 : 0);
}
