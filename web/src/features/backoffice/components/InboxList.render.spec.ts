import { MantineProvider } from '@mantine/core';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { I18nContext } from '../../../i18n/context';
import { vi as messages } from '../../../i18n/vi';
import type { InboxItem } from '../types';
import { InboxList } from './InboxList';

const render = (element: ReactElement) => {
  const router = createMemoryRouter([{ path: '*', element }]);
  return renderToString(
    createElement(MantineProvider, null,
      createElement(I18nContext.Provider, { value: { lang: 'vi', t: messages, setLang: () => {} } }, createElement(RouterProvider, { router }))),
  );
};

const item = (over: Partial<InboxItem>): InboxItem => ({
  id: 'dos_1', code: '000.00.01.G99-261128-0001', procedureCode: '1.012601', procedureName: 'Cấp giấy phép khai thác, sử dụng nước mặt', caseName: 'Cấp mới',
  fieldCode: 'TAI_NGUYEN_NUOC', applicantName: 'Nguyễn Văn An', filedByName: null, channel: 'ONLINE', origin: 'OPENDVC', status: 'IN_PROGRESS', statusLabel: 'Đang xử lý',
  stepId: 'tham_dinh', stepName: 'Chuyên viên thẩm định', currentRole: 'SPECIALIST', assignee: { id: 'u1', fullName: 'Hoàng Văn Em' },
  receivedAt: '2026-11-27T02:00:00Z', dueAt: '2026-11-28T03:42:00Z', stepDueAt: '2026-11-27T09:00:00Z', appointmentAt: '2026-11-28T03:42:00Z', deadlineState: 'OVERDUE',
  ...over,
});

describe('InboxList renders the inbox page on Mantine 9', () => {
  it('shows a table row per dossier with a link to its workspace, the due date in Viet Nam time and the deadline in words', () => {
    const html = render(createElement(InboxList, {
      label: 'Danh sách hồ sơ chờ xử lý',
      items: [
        item({}),
        item({ id: 'dos_2', code: '000.00.01.G99-261128-0002', assignee: null, deadlineState: 'DUE_SOON' }),
        item({ id: 'dos_3', code: '000.00.01.G99-261128-0003', deadlineState: 'PAUSED' }),
        item({ id: 'dos_4', code: '000.00.01.G99-261128-0004', deadlineState: 'ON_TRACK', dueAt: null }),
      ],
    }));
    expect(html).toContain('<table');
    expect(html).toContain('aria-label="Danh sách hồ sơ chờ xử lý"');
    for (const col of ['Mã hồ sơ', 'Thủ tục', 'Người nộp', 'Bước xử lý', 'Người xử lý', 'Hạn trả kết quả', 'Tình trạng hạn']) expect(html).toContain(`>${col}</th>`);
    expect(html).toContain('href="/can-bo/ho-so/dos_1"');
    expect(html).toContain('28/11/2026 10:42');
    expect(html).toContain('Chưa phân công');
    expect(html).toContain('Chưa có hạn');
    for (const words of ['Quá hạn', 'Sắp đến hạn', 'Tạm dừng', 'Còn hạn']) expect(html).toContain(`>${words}<`);
    // The same dossiers as cards for phones (one of the two is hidden by the stylesheet).
    expect(html.split('href="/can-bo/ho-so/dos_2"').length - 1).toBe(2);
    expect(html).toMatch(/<article[^>]*aria-label="000.00.01.G99-261128-0003"/);
  });

  it('labels a dossier filed through the National Single Window with its source', () => {
    const html = render(createElement(InboxList, { label: 'Hồ sơ', items: [item({}), item({ id: 'dos_nsw', code: '000.00.01.G99-261128-0009', origin: 'NSW' })] }));
    // One label in the table row and one on the phone card of the NSW dossier; none for the portal's.
    expect(html.match(/Nguồn: Một cửa quốc gia/g)).toHaveLength(2);
  });
});
