/** HTTP contract of one's own notifications (Zod → OpenAPI). */
import { z } from 'zod';

const isoDateTime = z.string().meta({ format: 'date-time' });

export const notificationListQuerySchema = z.object({
  page: z.coerce.number({ message: 'Số trang phải là số' }).int('Số trang phải là số nguyên').min(1, 'Số trang bắt đầu từ 1').max(10000, 'Số trang tối đa là 10000').default(1),
  pageSize: z.coerce.number({ message: 'Số mục mỗi trang phải là số' }).int('Số mục mỗi trang phải là số nguyên').min(1, 'Số mục mỗi trang từ 1 đến 100').max(100, 'Số mục mỗi trang từ 1 đến 100').default(20),
  unread: z.enum(['true', 'false'], { message: 'unread phải là true hoặc false' }).optional().transform((v) => v === 'true')
    .meta({ description: '`true`: only notifications not yet read.' }),
});

export const notificationParamsSchema = z.object({ notificationId: z.string().min(1, 'Thiếu mã thông báo').max(100, 'Mã thông báo quá dài') });

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string().meta({ description: 'e.g. `dossier.received`, `deadline.step_approaching`.' }),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().meta({ description: 'A portal path to open, e.g. `/ho-so/{id}`.' }),
  dossierId: z.string().nullable(),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
}).meta({ id: 'Notification' });

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().meta({ description: 'Notifications matching the filter.' }),
  unread: z.number().int().meta({ description: 'All of the caller\'s unread notifications (the bell\'s count).' }),
}).meta({ id: 'NotificationPage' });
