import { describe, expect, it } from 'vitest';
import { badgeCount, formatNotificationTime, notificationHref } from './notification-view';
import { notificationsEn } from '../../i18n/notifications.en';
import { notificationsVi } from '../../i18n/notifications.vi';

describe('notificationHref', () => {
  it('keeps a path of this site', () => {
    expect(notificationHref({ link: '/can-bo/ho-so/dos_1', dossierId: 'dos_1' }, 'OFFICIAL')).toBe('/can-bo/ho-so/dos_1');
  });
  it('never follows another origin or a script URL; falls back to the dossier page', () => {
    expect(notificationHref({ link: '//evil.example/x', dossierId: 'dos_1' }, 'APPLICANT')).toBe('/ho-so-cua-toi/dos_1');
    expect(notificationHref({ link: '/\\evil.example', dossierId: null }, 'APPLICANT')).toBeNull();
    expect(notificationHref({ link: 'javascript:alert(1)', dossierId: 'dos 2' }, 'OFFICIAL')).toBe('/can-bo/ho-so/dos%202');
    expect(notificationHref({ link: 'https://evil.example', dossierId: null }, 'OFFICIAL')).toBeNull();
    expect(notificationHref({ link: null, dossierId: null }, 'APPLICANT')).toBeNull();
  });
});

describe('bell', () => {
  it('names the unread count for screen readers', () => {
    expect(notificationsVi.bellLabel(3)).toBe('Thông báo, 3 chưa đọc');
    expect(notificationsVi.bellLabel(0)).toBe('Thông báo, không có thông báo chưa đọc');
    expect(notificationsEn.bellLabel(1)).toBe('Notifications, 1 unread');
  });
  it('caps the badge', () => {
    expect(badgeCount(7)).toBe('7');
    expect(badgeCount(150)).toBe('99+');
  });
});

describe('formatNotificationTime', () => {
  it('shows Viet Nam time', () => {
    expect(formatNotificationTime('2026-11-28T07:05:00Z')).toBe('14:05 28/11/2026');
    expect(formatNotificationTime('2026-12-31T17:30:00.000Z')).toBe('00:30 01/01/2027');
  });
});
