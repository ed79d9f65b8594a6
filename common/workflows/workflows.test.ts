import { describe, expect, it } from 'vitest';
import {
  availableActions,
  nextStep,
  resumeWorkflow,
  startWorkflow,
  validateWorkflow,
  workingMinutesOf,
  type Workflow,
  type WorkflowState,
} from './workflows.js';

/** reception → appraisal → signing, with a coordination branch and the side exits. */
const wf: Workflow = {
  code: 'THU',
  name: 'Quy trình thử',
  steps: [
    {
      id: 'recv', name: 'Tiếp nhận', role: 'ONE_STOP_OFFICER', unit: 'RECEIVING', allowance: { amount: 4, unit: 'WORKING_HOUR' },
      actions: [
        { action: 'forward', kind: 'FORWARD', to: 'appraise', label: 'Chuyển xử lý' },
        { action: 'supplement', kind: 'REQUEST_SUPPLEMENT', to: 'recv', label: 'Yêu cầu bổ sung' },
        { action: 'stop', kind: 'STOP', label: 'Dừng xử lý' },
      ],
    },
    {
      id: 'appraise', name: 'Thẩm định', role: 'SPECIALIST', unit: 'PROCESSING', allowance: { amount: 2, unit: 'WORKING_DAY' },
      actions: [
        { action: 'forward', kind: 'FORWARD', to: 'sign', label: 'Trình ký' },
        { action: 'ask_province', kind: 'COORDINATE', to: 'appraise', agency: 'EXT.UBND_TINH', label: 'Lấy ý kiến UBND tỉnh' },
        { action: 'back', kind: 'SEND_BACK', to: 'recv', label: 'Trả lại một cửa' },
        { action: 'fee', kind: 'PAYMENT', to: 'sign', label: 'Yêu cầu nộp phí thẩm định' },
      ],
    },
    {
      id: 'sign', name: 'Ký duyệt', role: 'LEADER', unit: 'PROCESSING', allowance: { amount: 1, unit: 'WORKING_DAY' },
      actions: [
        { action: 'approve', kind: 'FORWARD', to: 'return', effect: 'SIGN_RESULT', label: 'Ký duyệt' },
        { action: 'back', kind: 'SEND_BACK', to: 'appraise', label: 'Trả lại chuyên viên' },
      ],
    },
    {
      id: 'return', name: 'Trả kết quả', role: 'ONE_STOP_OFFICER', unit: 'RECEIVING', allowance: { amount: 4, unit: 'WORKING_HOUR' },
      actions: [{ action: 'finish', kind: 'FINISH', label: 'Trả kết quả' }],
    },
  ],
};

const clone = (): Workflow => structuredClone(wf);
const active = (stepId: string): WorkflowState => ({ stepId, status: 'ACTIVE' });

describe('nextStep', () => {
  const cases: { name: string; state: WorkflowState; action: string; roles: string[]; expect: WorkflowState | string }[] = [
    { name: 'forward from reception', state: active('recv'), action: 'forward', roles: ['ONE_STOP_OFFICER'], expect: active('appraise') },
    { name: 'send back to reception', state: active('appraise'), action: 'back', roles: ['SPECIALIST'], expect: active('recv') },
    { name: 'request a supplement waits for the applicant', state: active('recv'), action: 'supplement', roles: ['ONE_STOP_OFFICER'], expect: { stepId: 'recv', status: 'AWAITING_APPLICANT' } },
    { name: 'coordinate waits for the agency', state: active('appraise'), action: 'ask_province', roles: ['SPECIALIST'], expect: { stepId: 'appraise', status: 'AWAITING_AGENCY', agency: 'EXT.UBND_TINH' } },
    { name: 'the reply is recorded while awaiting the agency', state: { stepId: 'appraise', status: 'AWAITING_AGENCY', agency: 'EXT.UBND_TINH' }, action: 'forward', roles: ['SPECIALIST'], expect: active('sign') },
    { name: 'a payment request waits for the applicant at its target', state: active('appraise'), action: 'fee', roles: ['SPECIALIST'], expect: { stepId: 'sign', status: 'AWAITING_APPLICANT' } },
    { name: 'stop', state: active('recv'), action: 'stop', roles: ['ONE_STOP_OFFICER'], expect: { stepId: 'recv', status: 'STOPPED' } },
    { name: 'sign and forward', state: active('sign'), action: 'approve', roles: ['LEADER'], expect: active('return') },
    { name: 'finish', state: active('return'), action: 'finish', roles: ['ONE_STOP_OFFICER'], expect: { stepId: 'return', status: 'FINISHED' } },
    { name: 'one of several roles suffices', state: active('sign'), action: 'back', roles: ['SPECIALIST', 'LEADER'], expect: active('appraise') },
    { name: 'action of another step', state: active('recv'), action: 'finish', roles: ['ONE_STOP_OFFICER'], expect: 'action_not_allowed' },
    { name: 'unknown action', state: active('appraise'), action: 'nope', roles: ['SPECIALIST'], expect: 'action_not_allowed' },
    { name: 'wrong role', state: active('return'), action: 'finish', roles: ['SPECIALIST'], expect: 'wrong_role' },
    { name: 'no role at all', state: active('recv'), action: 'forward', roles: [], expect: 'wrong_role' },
    { name: 'awaiting the applicant', state: { stepId: 'recv', status: 'AWAITING_APPLICANT' }, action: 'forward', roles: ['ONE_STOP_OFFICER'], expect: 'not_active' },
    { name: 'finished', state: { stepId: 'sign', status: 'FINISHED' }, action: 'back', roles: ['LEADER'], expect: 'not_active' },
    { name: 'stopped', state: { stepId: 'recv', status: 'STOPPED' }, action: 'forward', roles: ['ONE_STOP_OFFICER'], expect: 'not_active' },
    { name: 'unknown step', state: active('gone'), action: 'forward', roles: ['ONE_STOP_OFFICER'], expect: 'unknown_step' },
  ];
  it.each(cases)('$name', ({ state, action, roles, expect: expected }) => {
    const result = nextStep(wf, state, action, { roles });
    if (typeof expected === 'string') {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.refusal.code).toBe(expected);
        expect(result.refusal.message).toMatch(/[à-ỹ]/);
      }
    } else {
      expect(result).toMatchObject({ ok: true, state: expected, action });
    }
  });

  it('does not change the state it is given', () => {
    const state = active('recv');
    nextStep(wf, state, 'forward', { roles: ['ONE_STOP_OFFICER'] });
    expect(state).toEqual(active('recv'));
  });

  it('starts at the first step and resumes after a supplement', () => {
    expect(startWorkflow(wf)).toEqual(active('recv'));
    expect(resumeWorkflow({ stepId: 'recv', status: 'AWAITING_APPLICANT' })).toEqual(active('recv'));
    expect(resumeWorkflow({ stepId: 'sign', status: 'FINISHED' })).toEqual({ stepId: 'sign', status: 'FINISHED' });
  });
});

describe('availableActions', () => {
  const cases: { name: string; state: WorkflowState; roles: string[]; expect: string[] }[] = [
    { name: 'the role of the step', state: active('recv'), roles: ['ONE_STOP_OFFICER'], expect: ['forward', 'supplement', 'stop'] },
    { name: 'another role', state: active('recv'), roles: ['SPECIALIST'], expect: [] },
    { name: 'awaiting an agency', state: { stepId: 'appraise', status: 'AWAITING_AGENCY' }, roles: ['SPECIALIST'], expect: ['forward', 'ask_province', 'back', 'fee'] },
    { name: 'awaiting the applicant', state: { stepId: 'recv', status: 'AWAITING_APPLICANT' }, roles: ['ONE_STOP_OFFICER'], expect: [] },
    { name: 'finished', state: { stepId: 'sign', status: 'FINISHED' }, roles: ['LEADER'], expect: [] },
    { name: 'unknown step', state: active('gone'), roles: ['LEADER'], expect: [] },
  ];
  it.each(cases)('$name', ({ state, roles, expect: expected }) => {
    expect(availableActions(wf, state, roles).map((a) => a.action)).toEqual(expected);
  });

  it('offers exactly the actions nextStep accepts', () => {
    for (const step of wf.steps) {
      for (const role of ['ONE_STOP_OFFICER', 'SPECIALIST', 'LEADER']) {
        const offered = availableActions(wf, active(step.id), [role]).map((a) => a.action);
        const accepted = ['forward', 'supplement', 'stop', 'ask_province', 'back', 'fee', 'approve', 'finish'].filter((a) => nextStep(wf, active(step.id), a, { roles: [role] }).ok);
        expect(offered.sort()).toEqual(accepted.sort());
      }
    }
  });
});

describe('validateWorkflow', () => {
  it('accepts a sound workflow', () => {
    expect(validateWorkflow(wf, { units: ['EXT.UBND_TINH'], timeLimits: [{ label: 'trực tuyến', phases: [{ amount: 5, unit: 'WORKING_DAY' }] }] })).toEqual([]);
  });

  const cases: { name: string; change: (w: Workflow) => void; expect: { path: string; message: RegExp }[] }[] = [
    { name: 'unknown target', change: (w) => { w.steps[0]!.actions[0]!.to = 'nowhere'; }, expect: [
      { path: 'steps.0.actions.0.to', message: /bước "nowhere" không tồn tại/ },
      { path: 'steps.1', message: /không thể tới được/ },
      { path: 'steps.2', message: /không thể tới được/ },
      { path: 'steps.3', message: /không thể tới được/ },
    ] },
    { name: 'unreachable step', change: (w) => { w.steps.push({ id: 'orphan', name: 'Mồ côi', role: 'LEADER', unit: 'PROCESSING', allowance: { amount: 1, unit: 'WORKING_HOUR' }, actions: [{ action: 'f', kind: 'FINISH', label: 'Xong' }] }); }, expect: [
      { path: 'steps.4', message: /"orphan" không thể tới được từ bước đầu tiên/ },
    ] },
    { name: 'no finishing step', change: (w) => { w.steps[3]!.actions = [{ action: 'back', kind: 'SEND_BACK', to: 'appraise', label: 'Trả lại' }]; }, expect: [
      { path: 'steps', message: /không có bước nào kết thúc/ },
    ] },
    { name: 'a step with no path to the end', change: (w) => { w.steps[1]!.actions.push({ action: 'loop', kind: 'FORWARD', to: 'trap', label: 'Bẫy' }); w.steps.push({ id: 'trap', name: 'Bẫy', role: 'LEADER', unit: 'PROCESSING', allowance: { amount: 1, unit: 'WORKING_HOUR' }, actions: [{ action: 'again', kind: 'FORWARD', to: 'trap', label: 'Lặp' }] }); }, expect: [
      { path: 'steps.4', message: /Từ bước "trap" không có đường tới trả kết quả hoặc dừng xử lý: .*vòng lặp không có lối ra/ },
    ] },
    { name: 'duplicate step id', change: (w) => { w.steps[2]!.id = 'appraise'; }, expect: [
      { path: 'steps.2.id', message: /"appraise" bị trùng với bước thứ 2/ },
      { path: 'steps.1.actions.0.to', message: /bước "sign" không tồn tại/ },
      { path: 'steps.1.actions.3.to', message: /bước "sign" không tồn tại/ },
    ] },
    { name: 'unknown role', change: (w) => { w.steps[1]!.role = 'JANITOR'; }, expect: [
      { path: 'steps.1.role', message: /Vai trò "JANITOR" của bước "appraise" không tồn tại/ },
    ] },
    { name: 'unknown unit and agency', change: (w) => { w.steps[1]!.unit = 'XYZ'; w.steps[1]!.actions[1]!.agency = 'EXT.NONE'; }, expect: [
      { path: 'steps.1.unit', message: /Đơn vị "XYZ"/ },
      { path: 'steps.1.actions.1.agency', message: /Cơ quan phối hợp "EXT.NONE"/ },
    ] },
    { name: 'target on FINISH, none on FORWARD, no agency on COORDINATE', change: (w) => { w.steps[3]!.actions[0]!.to = 'recv'; w.steps[1]!.actions[2]!.to = null; delete w.steps[1]!.actions[1]!.agency; }, expect: [
      { path: 'steps.1.actions.2.to', message: /phải chỉ ra bước tiếp theo/ },
      { path: 'steps.1.actions.1.agency', message: /phải chỉ ra cơ quan phối hợp/ },
      { path: 'steps.3.actions.0.to', message: /không có bước tiếp theo/ },
    ] },
    { name: 'duplicate action and bad allowance', change: (w) => { w.steps[0]!.actions[1]!.action = 'forward'; w.steps[0]!.allowance = { amount: 0, unit: 'WORKING_HOUR' }; }, expect: [
      { path: 'steps.0.allowance.amount', message: /phải lớn hơn 0/ },
      { path: 'steps.0.actions.1.action', message: /"forward" bị trùng/ },
    ] },
    { name: 'allowances over the time limit', change: (w) => { w.steps[1]!.allowance = { amount: 10, unit: 'WORKING_DAY' }; }, expect: [
      { path: 'steps', message: /Tổng thời gian các bước \(12 ngày làm việc\) vượt thời hạn giải quyết của trực tuyến \(10 ngày làm việc\)/ },
    ] },
  ];
  it.each(cases)('$name', ({ change, expect: expected }) => {
    const w = clone();
    change(w);
    const problems = validateWorkflow(w, { units: ['EXT.UBND_TINH'], timeLimits: [{ label: 'trực tuyến', phases: [{ amount: 3, unit: 'WORKING_DAY' }, { amount: 7, unit: 'WORKING_DAY' }] }] });
    expect(problems).toHaveLength(expected.length);
    for (const e of expected) expect(problems).toContainEqual({ path: e.path, message: expect.stringMatching(e.message) });
  });

  it('lists every problem at once', () => {
    const w = clone();
    w.steps[1]!.role = 'NOBODY';
    w.steps[0]!.actions[0]!.to = 'x';
    w.steps[2]!.id = 'recv';
    expect(validateWorkflow(w).length).toBeGreaterThanOrEqual(3);
  });

  describe('every path ends in a result or a refusal', () => {
    const step = (id: string, actions: Workflow['steps'][number]['actions'], role = 'SPECIALIST') =>
      ({ id, name: id, role, unit: 'PROCESSING', allowance: { amount: 1, unit: 'WORKING_HOUR' as const }, actions });

    it('a branch that only refuses (stop) is a proper end', () => {
      const w = clone();
      w.steps[1]!.actions.push({ action: 'refuse', kind: 'FORWARD', to: 'refusal', label: 'Đề xuất từ chối' });
      w.steps.push(step('refusal', [{ action: 'stop', kind: 'STOP', label: 'Từ chối giải quyết' }, { action: 'back', kind: 'SEND_BACK', to: 'appraise', label: 'Trả lại' }], 'LEADER'));
      expect(validateWorkflow(w)).toEqual([]);
    });

    it('a finish reached without a signed or issued result is named, with what to do', () => {
      const w = clone();
      w.steps[1]!.actions.push({ action: 'shortcut', kind: 'FORWARD', to: 'return', label: 'Trả kết quả ngay' });
      expect(validateWorkflow(w)).toEqual([{
        path: 'steps.3.actions.0',
        message: expect.stringMatching(/^Thao tác kết thúc "finish" của bước "return" có thể trả hồ sơ khi kết quả chưa được ký số hay ban hành: .*"Ký số kết quả" hoặc "Ban hành kết quả".*"Dừng xử lý"\.$/),
      }]);
    });

    it('a finish at the first step is a finish without a result', () => {
      const w = clone();
      w.steps[0]!.actions.push({ action: 'done', kind: 'FINISH', label: 'Xong' });
      expect(validateWorkflow(w).map((p) => p.path)).toEqual(['steps.0.actions.3']);
    });

    it('sending back after signing does not undo the result (the document stays signed)', () => {
      const w = clone();
      w.steps[3]!.actions.push({ action: 'back', kind: 'SEND_BACK', to: 'sign', label: 'Trả lại lãnh đạo' });
      expect(validateWorkflow(w)).toEqual([]);
    });

    it('a cycle without exit names each of its steps; a step leading only into it is a dead end', () => {
      const w = clone();
      w.steps[1]!.actions.push({ action: 'to_loop', kind: 'FORWARD', to: 'entry', label: 'Vào vòng' });
      w.steps.push(
        step('entry', [{ action: 'go', kind: 'FORWARD', to: 'a', label: 'Đi' }]),
        step('a', [{ action: 'go', kind: 'FORWARD', to: 'b', label: 'Đi' }]),
        step('b', [{ action: 'go', kind: 'SEND_BACK', to: 'a', label: 'Lại' }, { action: 'ask', kind: 'COORDINATE', to: 'b', agency: 'EXT.UBND_TINH', label: 'Hỏi' }]),
      );
      const problems = validateWorkflow(w, { units: ['EXT.UBND_TINH'] });
      expect(problems).toEqual([
        { path: 'steps.4', message: 'Từ bước "entry" không có đường tới trả kết quả hoặc dừng xử lý.' },
        { path: 'steps.5', message: expect.stringContaining('Từ bước "a" không có đường tới trả kết quả hoặc dừng xử lý: hồ sơ sẽ quay vòng mãi') },
        { path: 'steps.6', message: expect.stringContaining('vòng lặp không có lối ra') },
      ]);
    });

    it('a payment must name where work resumes, and its target counts as a path', () => {
      const w = clone();
      w.steps[1]!.actions[3]!.to = null;
      expect(validateWorkflow(w)).toEqual([{ path: 'steps.1.actions.3.to', message: 'Thao tác "fee" của bước "appraise" phải chỉ ra bước tiếp theo.' }]);
      const only = clone();
      only.steps[1]!.actions = [{ action: 'fee', kind: 'PAYMENT', to: 'sign', label: 'Yêu cầu nộp phí' }];
      expect(validateWorkflow(only)).toEqual([]);
      only.steps[1]!.actions[0]!.effect = 'SIGN_RESULT';
      expect(validateWorkflow(only).map((p) => p.path)).toEqual(['steps.1.actions.0.effect']);
    });

    it('a supplement loop does not count as an exit', () => {
      const w = clone();
      w.steps[1]!.actions.push({ action: 'wait', kind: 'FORWARD', to: 'waiting', label: 'Chờ' });
      w.steps.push(step('waiting', [{ action: 'again', kind: 'REQUEST_SUPPLEMENT', to: 'waiting', label: 'Bổ sung' }]));
      expect(validateWorkflow(w).map((p) => p.path)).toEqual(['steps.4']);
    });
  });

  it('an empty workflow', () => {
    expect(validateWorkflow({ code: ' ', name: '', steps: [] }).map((p) => p.path)).toEqual(['code', 'name', 'steps']);
  });
});

describe('workingMinutesOf', () => {
  it.each([
    [{ amount: 1, unit: 'WORKING_DAY' as const }, 480],
    [{ amount: 3, unit: 'WORKING_HOUR' as const }, 180],
    [{ amount: 8, unit: 'HOUR' as const }, 480],
    [{ amount: 7, unit: 'CALENDAR_DAY' as const }, 5 * 480],
    [{ amount: 45, unit: 'CALENDAR_DAY' as const }, 32 * 480],
  ])('%o → %i', (d, minutes) => expect(workingMinutesOf(d)).toBe(minutes));
});
