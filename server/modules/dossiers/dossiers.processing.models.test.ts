import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, fromLocal } from '../../../common/calendar/index.js';
import type { Workflow } from '../../../common/workflows/index.js';
import { actionsFor, deadlineState, resumeDeadlines, startOfLocalDay, statusAfter, statusOnResume, stepById, withinDeadline, type ActorPosition } from './dossiers.processing.models.js';

const workflow = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../seed/workflows/mot-cua-mac-dinh.json'), 'utf8')) as { workflow: Workflow }).workflow;
const calendar = createWorkingCalendar();
const at = (date: string, hhmm = '09:00') => fromLocal(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));

describe('statusAfter', () => {
  it.each([
    ['FORWARD', 'tham_dinh', 'IN_PROGRESS'],
    ['SEND_BACK', 'tiep_nhan', 'IN_PROGRESS'],
    ['FORWARD', 'tra_ket_qua', 'RESULT_READY'],
    ['REQUEST_SUPPLEMENT', 'tham_dinh', 'SUPPLEMENT_REQUESTED'],
    ['COORDINATE', 'tham_dinh', 'IN_PROGRESS'],
    ['STOP', null, 'STOPPED'],
    ['FINISH', null, 'RESULT_RETURNED'],
  ] as const)('%s into %s → %s', (kind, to, expected) => {
    expect(statusAfter(kind, stepById(workflow, to))).toBe(expected);
  });

  it('resumes at the first step as received, later steps in progress, the return step with the result ready', () => {
    expect(statusOnResume(workflow, 'tiep_nhan')).toBe('RECEIVED');
    expect(statusOnResume(workflow, 'tham_dinh')).toBe('IN_PROGRESS');
    expect(statusOnResume(workflow, 'tra_ket_qua')).toBe('RESULT_READY');
  });
});

describe('actionsFor', () => {
  const pos = (p: Partial<ActorPosition>): ActorPosition => ({ holdsStepRole: false, mayAssign: false, isAssignee: false, unassigned: false, ...p });
  const dossier = { status: 'IN_PROGRESS' as const, dueAt: at('2026-12-31') };
  const now = at('2026-12-01');
  const names = (p: ActorPosition, state = { stepId: 'tham_dinh', status: 'ACTIVE' as const }, d = dossier) => actionsFor({ workflow, state, dossier: d, position: p, now }).map((a) => a.action);
  it.each([
    ['the assignee', pos({ holdsStepRole: true, isAssignee: true }), ['trinh_lanh_dao_phong', 'yeu_cau_bo_sung', 'tra_mot_cua', 'apologise']],
    ['a role holder, nobody assigned', pos({ holdsStepRole: true, unassigned: true }), ['claim', 'trinh_lanh_dao_phong', 'yeu_cau_bo_sung', 'tra_mot_cua']],
    ['a role holder, someone else assigned', pos({ holdsStepRole: true }), []],
    ['the unit head', pos({ mayAssign: true }), ['assign', 'apologise']],
    ['anyone else', pos({}), []],
  ])('%s', (_name, p, expected) => {
    expect(names(p)).toEqual(expected);
  });

  it('offers nothing but assignment and apology while the applicant supplements, and nothing once ended', () => {
    const waiting = { stepId: 'tham_dinh', status: 'AWAITING_APPLICANT' as const };
    expect(names(pos({ holdsStepRole: true, isAssignee: true }), waiting as never)).toEqual(['apologise']);
    expect(names(pos({ mayAssign: true }), waiting as never)).toEqual(['assign', 'apologise']);
    expect(names(pos({ holdsStepRole: true, isAssignee: true }), { stepId: 'tra_ket_qua', status: 'FINISHED' } as never, { status: 'RESULT_RETURNED', dueAt: dossier.dueAt } as never)).toEqual([]);
  });

  it('offers the apology letter only until the due date has passed (by local date)', () => {
    const assignee = pos({ holdsStepRole: true, isAssignee: true });
    const dueToday = { status: 'IN_PROGRESS' as const, dueAt: at('2026-12-01', '08:00') };
    expect(names(assignee, undefined, dueToday)).toContain('apologise');
    const dueYesterday = { status: 'IN_PROGRESS' as const, dueAt: at('2026-11-30', '16:00') };
    expect(names(assignee, undefined, dueYesterday)).not.toContain('apologise');
  });
});

describe('deadlines', () => {
  it('moves every deadline by the working time the clock was stopped, holidays excluded', () => {
    // Stopped Friday 13/02/2026 09:00, resumed Monday 23/02/2026 09:00: Tết 14–22/02 is off, so one working day (8 h) passed.
    const moved = resumeDeadlines({ dueAt: at('2026-02-25'), stepDueAt: at('2026-02-24'), appointmentAt: at('2026-02-25') }, at('2026-02-13'), at('2026-02-23'), calendar);
    expect(moved.pausedMinutes).toBe(8 * 60);
    expect(moved.dueAt).toEqual(at('2026-02-26'));
    expect(moved.stepDueAt).toEqual(at('2026-02-25'));
  });

  it.each([
    ['due tomorrow, far from the warning', at('2026-12-10'), 'ON_TRACK'],
    ['due within the warning window', at('2026-12-01', '15:00'), 'DUE_SOON'],
    ['due earlier today: still within by date', at('2026-12-01', '07:30'), 'DUE_SOON'],
    ['due yesterday', at('2026-11-30'), 'OVERDUE'],
  ])('%s → %s', (_name, dueAt, expected) => {
    const now = at('2026-12-01', '10:00');
    expect(deadlineState({ dueAt, clockStoppedAt: null }, now, at('2026-12-02', '10:00'))).toBe(expected);
  });

  it('states overdue exactly when the timeliness rule says the deadline has passed, around local midnight too', () => {
    const now = at('2026-12-01', '00:00');
    const soon = at('2026-12-02', '10:00');
    for (const nowAt of [now, new Date(now.getTime() - 1), new Date(now.getTime() + 1), at('2026-12-01', '23:59')]) {
      for (let minutes = -3000; minutes <= 3000; minutes += 7) {
        const dueAt = new Date(nowAt.getTime() + minutes * 60_000 + (minutes % 2) * 999);
        expect(deadlineState({ dueAt, clockStoppedAt: null }, nowAt, soon, startOfLocalDay(nowAt)) === 'OVERDUE').toBe(!withinDeadline(dueAt, nowAt));
      }
    }
  });

  it('reads a stopped clock as paused, and no due date as none', () => {
    expect(deadlineState({ dueAt: at('2026-12-10'), clockStoppedAt: at('2026-12-01') }, at('2026-12-01', '10:00'), at('2026-12-02'))).toBe('PAUSED');
    expect(deadlineState({ dueAt: null, clockStoppedAt: null }, at('2026-12-01'), at('2026-12-02'))).toBe('NONE');
    expect(withinDeadline(null, at('2026-12-01'))).toBe(false);
  });
});
