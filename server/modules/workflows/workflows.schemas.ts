/** HTTP contract of the workflows (common/workflows): Zod schemas that validate, serialise and document. */
import { z } from 'zod';
import { actionEffects, allowanceUnits, transitionKinds } from '../../../common/workflows/index.js';

const text = (what: string, max: number) => z.string({ message: `Thiếu ${what}` }).trim().max(max, `${what} dài tối đa ${max} ký tự`);

export const workflowActionSchema = z.object({
  action: text('tên thao tác', 64).meta({ description: 'Stable name of the action at this step.' }),
  to: text('bước tiếp theo', 64).nullable().optional().meta({ description: 'Target step id; absent for STOP and FINISH.' }),
  label: text('nhãn thao tác', 200),
  kind: z.enum(transitionKinds, { message: `Loại chuyển phải là một trong: ${transitionKinds.join(', ')}` })
    .meta({ description: 'FORWARD / SEND_BACK move to `to`; REQUEST_SUPPLEMENT waits for the applicant, then resumes at `to`; COORDINATE waits at `to` for `agency`; PAYMENT asks the applicant for the fees due after appraisal (a payment request; the dossier awaits payment) and resumes at `to` once paid; STOP and FINISH end the workflow.' }),
  agency: text('cơ quan phối hợp', 64).optional().meta({ description: 'COORDINATE only: the agency asked (unit code).' }),
  effect: z.enum(actionEffects, { message: `Tác động phải là một trong: ${actionEffects.join(', ')}` }).optional()
    .meta({ description: 'FORWARD only: SIGN_RESULT (approve and digitally sign the drafted result) or ISSUE_RESULT (number, date and issue it).' }),
});

export const workflowStepSchema = z.object({
  id: text('mã bước', 64),
  name: text('tên bước', 300),
  role: text('vai trò', 64).meta({ description: 'The official role that acts at this step.' }),
  unit: text('đơn vị', 64).meta({ description: 'RECEIVING (the one-stop section that received the dossier), PROCESSING (the processing unit) or a unit code.' }),
  allowance: z.object({
    amount: z.number({ message: 'Thời gian phải là số' }).max(3650, 'Thời gian tối đa 3650'),
    unit: z.enum(allowanceUnits, { message: 'Đơn vị thời gian phải là WORKING_DAY, WORKING_HOUR hoặc CALENDAR_DAY' }),
  }).meta({ description: 'Time allowance of the step on the working calendar.' }),
  actions: z.array(workflowActionSchema).max(20, 'Tối đa 20 thao tác mỗi bước'),
});

export const workflowDefinitionSchema = z.object({
  code: text('mã quy trình', 64),
  name: text('tên quy trình', 300),
  steps: z.array(workflowStepSchema).max(50, 'Tối đa 50 bước'),
}).meta({ id: 'WorkflowDefinition', description: 'The first step is where a received dossier starts.' });

export const workflowCodeParamsSchema = z.object({
  code: z.string().max(64).regex(/^[A-Z0-9_.-]+$/, 'Mã quy trình gồm chữ in hoa, chữ số và các dấu _ . -'),
});

export const saveWorkflowBodySchema = workflowDefinitionSchema.omit({ code: true });

const caseRefSchema = z.object({
  caseId: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  versionNo: z.number().int(),
  caseCode: z.string(),
  caseName: z.string(),
});

const summarySchema = z.object({
  code: z.string(),
  name: z.string(),
  hash: z.string().meta({ description: 'SHA-256 of the canonical definition.' }),
  isDefault: z.boolean().meta({ description: 'Used by every case that has no workflow of its own.' }),
  stepCount: z.number().int(),
  caseCount: z.number().int().meta({ description: 'Procedure cases assigned this workflow.' }),
  editedAt: z.string().nullable().meta({ description: 'When an administrator last saved it; null while it is as seeded.' }),
});

export const workflowListSchema = z.object({ items: z.array(summarySchema.meta({ id: 'WorkflowSummary' })) });

export const workflowDetailSchema = summarySchema.extend({
  definition: workflowDefinitionSchema,
  cases: z.array(caseRefSchema),
}).meta({ id: 'WorkflowDetail' });
