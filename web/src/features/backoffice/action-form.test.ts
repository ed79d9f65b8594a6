import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { vi as messages } from '../../i18n/vi';
import { actionBody, actionFormShape, checkAction, emptyActionValues, isStale, needsForm, serverActionErrors } from './action-form';
import type { AvailableAction } from './types';

const forward: AvailableAction = { action: 'chuyen_tham_dinh', label: 'Chuyển đơn vị xử lý', kind: 'FORWARD', needs: [], to: 'tham_dinh' };
const sendBack: AvailableAction = { action: 'tra_mot_cua', label: 'Trả lại bộ phận một cửa', kind: 'SEND_BACK', needs: ['comment'], to: 'tiep_nhan' };
const supplement: AvailableAction = { action: 'yeu_cau_bo_sung', label: 'Yêu cầu bổ sung hồ sơ', kind: 'REQUEST_SUPPLEMENT', needs: ['supplement'], to: 'tham_dinh' };
const apologise: AvailableAction = { action: 'apologise', label: 'Gửi thư xin lỗi', kind: 'OFFICE', needs: ['comment', 'newAppointmentAt'] };
const finish: AvailableAction = { action: 'tra_ket_qua', label: 'Trả kết quả', kind: 'FINISH', needs: ['collectedBy'] };
const claim: AvailableAction = { action: 'claim', label: 'Nhận xử lý', kind: 'OFFICE', needs: [] };
const assign: AvailableAction = { action: 'assign', label: 'Phân công', kind: 'OFFICE', needs: ['assigneeId'] };
const sign: AvailableAction = { action: 'ky_duyet', label: 'Ký duyệt', kind: 'FORWARD', needs: [], effect: 'SIGN_RESULT', to: 'ban_hanh' };
const people = [{ id: 'u1', fullName: 'Hoàng Văn Em' }];
const b = messages.backoffice;

describe('action forms ask exactly what the action needs', () => {
  it('fields per action', () => {
    expect(actionFormShape(forward, people)).toEqual({ fields: ['assignee'], assigneeRequired: false });
    expect(actionFormShape(forward, [])).toEqual({ fields: [], assigneeRequired: false });
    expect(actionFormShape(sendBack, people).fields).toEqual(['assignee', 'comment']);
    expect(actionFormShape(supplement, people).fields).toEqual(['components', 'reason']);
    expect(actionFormShape(apologise, undefined).fields).toEqual(['appointment', 'comment']);
    expect(actionFormShape(finish, undefined).fields).toEqual(['collectedName', 'collectedId']);
    expect(actionFormShape(assign, people)).toEqual({ fields: ['assignee'], assigneeRequired: true });
  });

  it('claims at once; a signature is confirmed first', () => {
    expect(needsForm(claim, undefined)).toBe(false);
    expect(needsForm(forward, [])).toBe(false);
    expect(needsForm(sign, [])).toBe(true);
  });

  it('catches missing answers before sending', () => {
    expect(checkAction(actionFormShape(sendBack, people), emptyActionValues, b)).toEqual({ comment: b.commentRequired });
    expect(checkAction(actionFormShape(forward, people), emptyActionValues, b)).toEqual({});
    expect(checkAction(actionFormShape(assign, people), emptyActionValues, b)).toEqual({ assignee: b.assigneeRequired });
    expect(checkAction(actionFormShape(supplement, people), { ...emptyActionValues, reason: 'abc' }, b)).toEqual({ components: b.supplementComponentsRequired, reason: b.supplementReasonRequired });
    expect(checkAction(actionFormShape(finish, undefined), { ...emptyActionValues, collectedName: 'Nguyễn Văn An', collectedId: '1234' }, b)).toEqual({ collectedId: b.collectedIdInvalid });
    expect(checkAction(actionFormShape(apologise, undefined), { ...emptyActionValues, comment: 'Chờ ý kiến' }, b)).toEqual({ appointment: b.newAppointmentRequired });
  });

  it('sends only what the form asked', () => {
    expect(actionBody(actionFormShape(forward, people), { ...emptyActionValues, assigneeId: 'u1', comment: 'ignored' })).toEqual({ assigneeId: 'u1' });
    expect(actionBody(actionFormShape(forward, people), emptyActionValues)).toEqual({});
    expect(actionBody(actionFormShape(supplement, people), { ...emptyActionValues, components: ['c1'], reason: '  Thiếu bản vẽ  ' })).toEqual({ supplement: { components: ['c1'], fields: [], reason: 'Thiếu bản vẽ' } });
    expect(actionBody(actionFormShape(apologise, undefined), { ...emptyActionValues, comment: 'Chờ ý kiến', appointment: '2026-12-03' })).toEqual({ comment: 'Chờ ý kiến', newAppointmentAt: '2026-12-03T01:00:00.000Z' });
    expect(actionBody(actionFormShape(finish, undefined), { ...emptyActionValues, collectedName: 'Nguyễn Văn An', collectedId: '001090012345' })).toEqual({ collectedBy: { fullName: 'Nguyễn Văn An', personalIdNumber: '001090012345' } });
  });

  it('puts the server\'s problems beside their fields', () => {
    const error = new ApiError({ status: 422, code: 'dossiers.invalid_action_input', title: 'Thông tin kèm theo thao tác chưa đầy đủ.', errors: [
      { path: 'body.comment', message: 'Hãy ghi rõ lý do trả lại.' },
      { path: 'body.assigneeId', message: 'Người được chọn không giữ vai trò xử lý bước này.' },
      { path: 'body.collectedBy.fullName', message: 'Hãy ghi họ tên người nhận kết quả.' },
    ] });
    expect(serverActionErrors(error, actionFormShape(sendBack, people))).toEqual({
      fields: { comment: 'Hãy ghi rõ lý do trả lại.', assignee: 'Người được chọn không giữ vai trò xử lý bước này.' },
      other: ['Hãy ghi họ tên người nhận kết quả.'],
    });
    const conflict = new ApiError({ status: 409, code: 'dossiers.no_signing_certificate', title: 'Chưa có chứng thư số để ký văn bản này; liên hệ quản trị viên để được cấp.' });
    expect(serverActionErrors(conflict, actionFormShape(sign, []))).toEqual({ fields: {}, other: [conflict.title] });
    expect(isStale(conflict)).toBe(false);
    expect(isStale(new ApiError({ status: 409, code: 'dossiers.action_not_available', title: 'x' }))).toBe(true);
  });
});
