/** The designer's working copy of a workflow: pure helpers (layout, problems per step). */
import { validateWorkflow, type Workflow, type WorkflowAction, type WorkflowStep } from '../../../../../common/workflows';

export interface DesignModel {
  name: string;
  steps: WorkflowStep[];
}

export type Selection = { kind: 'step'; step: number } | { kind: 'action'; step: number; action: number } | null;

export const FINISH_NODE = '__finish';
export const STOP_NODE = '__stop';

/** Columns by distance from the first step (unreachable steps in a last column), rows in order. */
export function layout(steps: WorkflowStep[]): Map<string, { x: number; y: number }> {
  const depth = new Map<string, number>();
  if (steps[0]) {
    depth.set(steps[0].id, 0);
    const queue = [steps[0]];
    while (queue.length) {
      const s = queue.shift()!;
      for (const a of s.actions) {
        const next = steps.find((x) => x.id === a.to);
        if (next && !depth.has(next.id)) { depth.set(next.id, depth.get(s.id)! + 1); queue.push(next); }
      }
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  const rows = new Map<number, number>();
  const out = new Map<string, { x: number; y: number }>();
  for (const s of steps) {
    const d = depth.get(s.id) ?? maxDepth + 1;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    out.set(s.id, { x: d * 260, y: row * 150 });
  }
  const endColumn = (Math.max(0, ...[...out.values()].map((p) => p.x)) + 260);
  out.set(FINISH_NODE, { x: endColumn, y: 0 });
  out.set(STOP_NODE, { x: endColumn, y: 150 });
  return out;
}

/** The checks the server runs, without the time limits and units (the server adds those on saving). */
export function liveProblems(code: string, model: DesignModel) {
  return validateWorkflow({ code, name: model.name, steps: model.steps } satisfies Workflow);
}

/** Index of the step a problem path (`steps.2.actions.0.to`) is about. */
export function stepOfPath(path: string): number | null {
  const m = /^steps\.(\d+)/.exec(path);
  return m ? Number(m[1]) : null;
}

export function newStep(steps: WorkflowStep[]): WorkflowStep {
  let n = steps.length + 1;
  while (steps.some((s) => s.id === `buoc_${n}`)) n++;
  return { id: `buoc_${n}`, name: `Bước ${n}`, role: 'SPECIALIST', unit: 'PROCESSING', allowance: { amount: 1, unit: 'WORKING_DAY' }, actions: [] };
}

export function newAction(step: WorkflowStep, steps: WorkflowStep[]): WorkflowAction {
  let n = step.actions.length + 1;
  while (step.actions.some((a) => a.action === `thao_tac_${n}`)) n++;
  const target = steps.find((s) => s.id !== step.id) ?? step;
  return { action: `thao_tac_${n}`, kind: 'FORWARD', to: target.id, label: `Chuyển ${target.name}` };
}

/** Renames a step id everywhere it is a target. */
export function renameStep(steps: WorkflowStep[], index: number, id: string): WorkflowStep[] {
  const old = steps[index]!.id;
  return steps.map((s, i) => ({
    ...(i === index ? { ...s, id } : s),
    actions: s.actions.map((a) => (a.to === old ? { ...a, to: id } : a)),
  }));
}
