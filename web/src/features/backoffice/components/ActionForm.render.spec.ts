import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/problem';
import { I18nContext } from '../../../i18n/context';
import { vi as messages } from '../../../i18n/vi';
import type { AvailableAction } from '../types';
import { ActionForm, type ActionFormProps } from './ActionModal';

const render = (props: Partial<ActionFormProps> & { action: AvailableAction }) =>
  renderToString(
    createElement(MantineProvider, null,
      createElement(I18nContext.Provider, { value: { lang: 'vi', t: messages, setLang: () => {} } },
        createElement(ActionForm, { components: [{ id: 'c1', name: 'Đề án khai thác' }, { id: 'c2', name: 'Bản đồ vị trí' }], onCancel: () => {}, onSubmit: async () => {}, ...props }))),
  );

const labelFor = (html: string, id: string) => new RegExp(`<label[^>]*for="${id}"[^>]*>`).test(html);

describe('ActionForm asks exactly what the action needs', () => {
  it('forward: an optional choice of the next handler from the candidates, nothing else', () => {
    const html = render({ action: { action: 'chuyen_tham_dinh', label: 'Chuyển đơn vị xử lý', kind: 'FORWARD', needs: [], to: 'tham_dinh' }, candidates: [{ id: 'u1', fullName: 'Hoàng Văn Em' }] });
    expect(html).toContain('Người xử lý tiếp theo');
    expect(labelFor(html, 'action-assignee')).toBe(true);
    expect(html).toContain('<option value="u1">Hoàng Văn Em</option>');
    expect(html).toContain('Không chọn: cán bộ của đơn vị tự nhận hồ sơ.');
    expect(html).not.toContain('Ý kiến xử lý');
    expect(html).not.toContain('Giấy tờ cần bổ sung');
  });

  it('send back: a required comment "Ý kiến xử lý"', () => {
    const html = render({ action: { action: 'tra_mot_cua', label: 'Trả lại', kind: 'SEND_BACK', needs: ['comment'], to: 'tiep_nhan' } });
    expect(html).toContain('Ý kiến xử lý');
    const textarea = /<textarea[^>]*id="action-comment"[^>]*>/.exec(html)?.[0] ?? '';
    expect(textarea).toMatch(/required/);
    expect(html).not.toContain('Người xử lý tiếp theo');
  });

  it('supplement: the dossier\'s components as checkboxes and the reason', () => {
    const html = render({ action: { action: 'yeu_cau_bo_sung', label: 'Yêu cầu bổ sung hồ sơ', kind: 'REQUEST_SUPPLEMENT', needs: ['supplement'] } });
    expect(html).toContain('Giấy tờ cần bổ sung');
    expect(html).toContain('Đề án khai thác');
    expect(html).toContain('Bản đồ vị trí');
    expect((html.match(/type="checkbox"/g) ?? []).length).toBe(2);
    expect(html).toContain('Nội dung cần bổ sung');
  });

  it('final return: who collected the result', () => {
    const html = render({ action: { action: 'tra_ket_qua', label: 'Trả kết quả cho người nộp', kind: 'FINISH', needs: ['collectedBy'] } });
    expect(html).toContain('Họ và tên người nhận kết quả');
    expect(html).toContain('Số CCCD/CMND của người nhận');
    expect(html).not.toContain('Ý kiến xử lý');
  });

  it('apology: a date picker for the new appointment and the reason', () => {
    const html = render({ action: { action: 'apologise', label: 'Gửi thư xin lỗi và hẹn lại ngày trả', kind: 'OFFICE', needs: ['comment', 'newAppointmentAt'] } });
    expect(html).toContain('Ngày hẹn trả kết quả mới');
    expect(html).toContain('Lý do chậm trả kết quả');
  });

  it('shows the server\'s problems beside their fields and in the summary', () => {
    const html = render({
      action: { action: 'tra_mot_cua', label: 'Trả lại', kind: 'SEND_BACK', needs: ['comment'], to: 'tiep_nhan' },
      initialError: new ApiError({ status: 422, code: 'dossiers.invalid_action_input', title: 'Thông tin kèm theo thao tác chưa đầy đủ.', errors: [{ path: 'body.comment', message: 'Hãy ghi rõ lý do trả lại.' }] }),
    });
    expect(html).toContain('Có lỗi cần sửa');
    expect(html).toContain('href="#action-comment"');
    expect(html.split('Hãy ghi rõ lý do trả lại.').length - 1).toBeGreaterThanOrEqual(2);
  });
});
