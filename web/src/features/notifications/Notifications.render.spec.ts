import { describe, expect, it, vi } from 'vitest';
import { createElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { I18nContext } from '../../i18n/context';
import { vi as messages } from '../../i18n/vi';
import { accountKeys } from '../account/keys';
import type { Me } from '../account/types';
import { NotificationBell } from './components/NotificationBell';
import { notificationKeys } from './keys';
import { NotificationsPage } from './pages/NotificationsPage';
import type { NotificationPage } from './types';

// The API client reads the page's origin when it is imported.
vi.hoisted(() => {
  (globalThis as { window?: unknown }).window ??= { location: { origin: 'http://localhost' } };
});

const me = { id: 'usr_1', kind: 'APPLICANT', fullName: 'Nguyễn Văn An', grants: [] } as unknown as Me;

function render(node: ReactNode, seed: (qc: QueryClient) => void, url = '/thong-bao') {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  qc.setQueryData(accountKeys.me(), me);
  seed(qc);
  return renderToString(
    createElement(QueryClientProvider, { client: qc },
      createElement(MantineProvider, null,
        createElement(I18nContext.Provider, { value: { lang: 'vi', t: messages, setLang: () => {} } },
          createElement(MemoryRouter, { initialEntries: [url] }, node)))),
  );
}

const page = (items: NotificationPage['items'], unread: number): NotificationPage => ({ items, page: 1, pageSize: 20, total: items.length, unread });

describe('notification bell', () => {
  it('links to /thong-bao and names the unread count', () => {
    const html = render(createElement(NotificationBell), (qc) => qc.setQueryData(notificationKeys.unreadCount(), 3));
    expect(html).toContain('href="/thong-bao"');
    expect(html).toContain('aria-label="Thông báo, 3 chưa đọc"');
    expect(html).toMatch(/aria-hidden="true"[^>]*>3</);
  });
  it('is absent for a visitor who is not signed in', () => {
    const html = render(createElement(NotificationBell), (qc) => qc.setQueryData(accountKeys.me(), null));
    expect(html).not.toContain('/thong-bao');
  });
});

describe('/thong-bao', () => {
  it('says so when there is nothing', () => {
    const html = render(createElement(NotificationsPage), (qc) => qc.setQueryData(notificationKeys.list(1, false), page([], 0)));
    expect(html).toContain('Bạn chưa có thông báo nào.');
    expect(html).not.toContain('Đánh dấu tất cả đã đọc');
  });
  it('lists notifications with their dossier link and the read buttons', () => {
    const html = render(createElement(NotificationsPage), (qc) => qc.setQueryData(notificationKeys.list(1, false), page([
      { id: 'ntf_1', kind: 'dossier.received', title: 'Hồ sơ đã được tiếp nhận', body: 'Hồ sơ của bạn đã được tiếp nhận.', link: '/ho-so-cua-toi/dos_1', dossierId: 'dos_1', createdAt: '2026-11-28T07:05:00Z', readAt: null },
      { id: 'ntf_2', kind: 'dossier.result_ready', title: 'Đã có kết quả', body: 'Mời bạn nhận kết quả.', link: null, dossierId: 'dos_2', createdAt: '2026-11-27T07:05:00Z', readAt: '2026-11-27T08:00:00Z' },
    ], 1)));
    expect(html).toContain('Đánh dấu tất cả đã đọc');
    expect(html).toContain('aria-label="Đánh dấu đã đọc: Hồ sơ đã được tiếp nhận"');
    expect(html).not.toContain('Đánh dấu đã đọc: Đã có kết quả');
    expect(html).toContain('href="/ho-so-cua-toi/dos_1"');
    expect(html).toContain('href="/ho-so-cua-toi/dos_2"');
    expect(html).toContain('Lúc 14:05 28/11/2026');
    expect(html).toContain('1 thông báo chưa đọc');
  });
});
