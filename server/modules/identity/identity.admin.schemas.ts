/** HTTP contract of the administrator's pages: units, officials and their role grants. */
import { z } from 'zod';
import { UNIT_CODE_PATTERN } from './identity.admin.usecases.js';
import { officialRoles } from './identity.tables.js';

const roleSchema = z.enum(officialRoles, { message: `Vai trò phải là một trong: ${officialRoles.join(', ')}` });
const unitIdSchema = z.string({ message: 'Vui lòng chọn đơn vị' }).trim().min(1, 'Vui lòng chọn đơn vị').max(64, 'Đơn vị không hợp lệ');
const unitNameSchema = z.string({ message: 'Vui lòng nhập tên đơn vị' }).trim().min(2, 'Tên đơn vị phải có ít nhất 2 ký tự').max(300, 'Tên đơn vị dài tối đa 300 ký tự');
const unitNameEnSchema = z.string().trim().max(300, 'Tên tiếng Anh dài tối đa 300 ký tự').nullable().optional();

export const unitSchema = z
  .object({
    id: z.string(),
    code: z.string().meta({ description: 'Electronic identification code (Decision 20/2020/QĐ-TTg).' }),
    name: z.string(),
    nameEn: z.string().nullable(),
    parentId: z.string().nullable(),
    officialCount: z.number().int().meta({ description: 'Officials holding a role at this unit.' }),
  })
  .meta({ id: 'AdminUnit' });

export const unitListSchema = z.object({
  items: z.array(unitSchema.extend({ depth: z.number().int() })).meta({ description: 'Tree order: each parent before its children, children by code; `depth` 0 for roots.' }),
});

export const createUnitBodySchema = z.object({
  parentId: unitIdSchema.meta({ description: 'The parent unit.' }),
  code: z
    .string({ message: 'Vui lòng nhập mã định danh điện tử' })
    .trim()
    .toUpperCase()
    .regex(UNIT_CODE_PATTERN, 'Mã định danh điện tử có dạng 000.00.01.G99 (4 nhóm 3, 2, 2 và 3 chữ hoặc số, cách nhau bằng dấu chấm)'),
  name: unitNameSchema,
  nameEn: unitNameEnSchema,
});

export const renameUnitBodySchema = z.object({ name: unitNameSchema, nameEn: unitNameEnSchema });
export const unitParamsSchema = z.object({ unitId: z.string().max(64) });

const grantSchema = z.object({
  id: z.string(),
  role: z.enum(officialRoles),
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  fieldCodes: z.array(z.string()).meta({ description: 'Empty: every field of the unit.' }),
});

export const officialSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    fullName: z.string(),
    status: z.enum(['ACTIVE', 'DISABLED']),
    totpEnabled: z.boolean(),
    locked: z.boolean().meta({ description: 'Locked after repeated failed sign-ins.' }),
    lockedUntil: z.string().nullable(),
    failedLoginCount: z.number().int(),
    grants: z.array(grantSchema),
  })
  .meta({ id: 'AdminOfficial' });

export const officialListQuerySchema = z.object({
  unitId: z.string().max(64).optional().meta({ description: 'Officials holding a role at this unit.' }),
  q: z.string().trim().max(100, 'Từ khóa dài tối đa 100 ký tự').optional().meta({ description: 'Part of the name (with or without diacritics) or of the e-mail address.' }),
  page: z.coerce.number({ message: 'Trang phải là số' }).int('Trang phải là số nguyên').min(1, 'Trang bắt đầu từ 1').max(10_000).default(1),
  pageSize: z.coerce.number({ message: 'Số dòng mỗi trang phải là số' }).int().min(1, 'Ít nhất 1 dòng mỗi trang').max(100, 'Tối đa 100 dòng mỗi trang').default(20),
});

export const officialListSchema = z.object({ items: z.array(officialSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const createOfficialBodySchema = z.object({
  email: z.email({ message: 'Địa chỉ thư điện tử không hợp lệ' }).max(254, 'Địa chỉ thư điện tử quá dài'),
  fullName: z.string({ message: 'Vui lòng nhập họ và tên' }).trim().min(2, 'Họ và tên phải có ít nhất 2 ký tự').max(150, 'Họ và tên dài tối đa 150 ký tự'),
  unitId: unitIdSchema,
  role: roleSchema,
});

const secondFactorHandover = {
  totpSecret: z.string().meta({ description: 'Base32 TOTP secret, shown once.' }),
  otpauthUri: z.string(),
  recoveryCodes: z.array(z.string()).meta({ description: 'One-time recovery codes, shown once.' }),
};

export const createdOfficialSchema = z.object({
  official: officialSchema,
  temporaryPassword: z.string().meta({ description: 'One-time password to hand over; shown once, never stored in clear. It works once, only to set a new password (sign-in with `newPassword`), and expires after `TEMP_PASSWORD_HOURS`.' }),
  ...secondFactorHandover,
});

export const totpResetSchema = z.object({ official: officialSchema, ...secondFactorHandover });

export const officialParamsSchema = z.object({ userId: z.string().max(64) });
export const grantParamsSchema = officialParamsSchema.extend({ grantId: z.string().max(64) });

export const addGrantBodySchema = z.object({
  role: roleSchema,
  unitId: unitIdSchema,
  fieldCodes: z.array(z.string().trim().min(1, 'Mã lĩnh vực không được để trống').max(80)).max(50, 'Tối đa 50 lĩnh vực').optional(),
});
