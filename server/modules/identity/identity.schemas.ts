/** HTTP contract of accounts and sessions. */
import { z } from 'zod';
import { isValidPersonalIdNumber, normalizePhone } from './identity.models.js';
import { MIN_PASSWORD_LENGTH } from './identity.passwords.js';
import { officialRoles, userKinds } from './identity.tables.js';

const emailSchema = z.email({ message: 'Địa chỉ thư điện tử không hợp lệ' }).max(254, 'Địa chỉ thư điện tử quá dài');
const phoneSchema = z.string().max(20, 'Số điện thoại không hợp lệ').refine((v) => normalizePhone(v) !== undefined, 'Số điện thoại phải là số di động Việt Nam gồm 10 chữ số, ví dụ 0912345678');
const newPasswordSchema = z
  .string({ message: 'Vui lòng nhập mật khẩu' })
  .min(MIN_PASSWORD_LENGTH, `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự`)
  .max(200, 'Mật khẩu dài tối đa 200 ký tự');
const fullNameSchema = z
  .string({ message: 'Vui lòng nhập họ và tên' })
  .trim()
  .min(2, 'Họ và tên phải có ít nhất 2 ký tự')
  .max(150, 'Họ và tên dài tối đa 150 ký tự');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

/** An address by administrative units in force, as e-forms store it. */
export const unitAddressSchema = z.object({
  provinceCode: z.string(),
  provinceName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  detail: z.string().optional(),
}).meta({ id: 'UnitAddress' });

/** An address chosen from the list of administrative units: codes (the names come from the list) and the street line. */
export const unitAddressInputSchema = z.object({
  provinceCode: z.string().regex(/^\d{2}$/, 'Vui lòng chọn tỉnh, thành phố trong danh sách'),
  communeCode: z.string().regex(/^\d{5}$/, 'Vui lòng chọn xã, phường, đặc khu trong danh sách'),
  detail: z.string().trim().max(300, 'Số nhà, đường phố dài tối đa 300 ký tự').optional(),
});

export const registerBodySchema = z
  .object({
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    password: newPasswordSchema,
    fullName: fullNameSchema,
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'Cần nhập địa chỉ thư điện tử hoặc số điện thoại' });
  })
  .meta({ description: 'E-mail address or phone number (or both), a password of at least 10 characters and the full name.' });

export const messageSchema = z.object({ message: z.string() });

const phoneCodeSchema = z.string({ message: 'Vui lòng nhập mã xác thực' }).trim().regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số');
export const verifyPhoneBodySchema = z.object({ phone: phoneSchema, code: phoneCodeSchema });
export const resendPhoneCodeBodySchema = z.object({ phone: phoneSchema });
export const phoneCodeBodySchema = z.object({ code: phoneCodeSchema });

export const verifyEmailQuerySchema = z.object({ token: z.string().min(10, 'Liên kết không hợp lệ').max(200, 'Liên kết không hợp lệ') });

export const loginBodySchema = z.object({
  login: z.string({ message: 'Vui lòng nhập thư điện tử hoặc số điện thoại' }).trim().min(1, 'Vui lòng nhập thư điện tử hoặc số điện thoại').max(254),
  password: z.string({ message: 'Vui lòng nhập mật khẩu' }).min(1, 'Vui lòng nhập mật khẩu').max(1000),
  otp: z.string().trim().max(20).optional().meta({ description: 'Officials: the 6-digit code from the authenticator app, or a recovery code.' }),
  newPassword: newPasswordSchema.optional().meta({ description: 'With a temporary password (answer `auth.password_change_required`): the new password to set; the temporary one then stops working.' }),
});

export const forgotPasswordBodySchema = z.object({ email: emailSchema });
export const resetPasswordBodySchema = z.object({ token: z.string().min(10, 'Liên kết không hợp lệ').max(200), password: newPasswordSchema });
export const csrfResponseSchema = z.object({ csrfToken: z.string().meta({ description: 'Send it back in the X-CSRF-Token header.' }) });
export const logoutEverywhereResponseSchema = z.object({ sessionsEnded: z.number().int() });

export const meSchema = z
  .object({
    id: z.string(),
    kind: z.enum(userKinds),
    email: z.string().nullable(),
    phone: z.string().nullable().meta({ description: 'The proven phone number (sign-in by phone uses it).' }),
    pendingPhone: z.string().nullable().meta({ description: 'A new number waiting for the code sent to it (`POST /me/phone/confirm`); it replaces `phone` only then.' }),
    emailVerified: z.boolean(),
    fullName: z.string(),
    totpEnabled: z.boolean(),
    profile: z.object({
      personalIdNumber: z.string().nullable(),
      personalIdVerified: z.boolean().meta({ description: 'The number was proven by a national sign-in; it cannot be changed.' }),
      dateOfBirth: z.string().nullable(),
      address: z.string().nullable().meta({ description: 'The address as one line: written from `addressUnits`, or free text typed before addresses were chosen from the list of administrative units.' }),
      addressUnits: unitAddressSchema.nullable().meta({ description: 'The address by administrative units in force since 1 July 2025 (codes plus names) and the street line; null for an address typed as free text before.' }),
    }),
    organisations: z.array(z.object({
      id: z.string(),
      taxCode: z.string(),
      name: z.string(),
      address: z.string().nullable(),
      addressUnits: unitAddressSchema.nullable().meta({ description: 'The head office by administrative units; null for one typed as free text before.' }),
      role: z.enum(['OWNER', 'MEMBER']),
      verificationStatus: z.enum(['UNVERIFIED', 'PENDING', 'VERIFIED', 'REFUSED']).meta({ description: 'Only a VERIFIED organisation may be the applicant of a dossier.' }),
      verified: z.boolean(),
      verificationLabel: z.string(),
      refusalReason: z.string().nullable(),
      proofFileName: z.string().nullable(),
    })),
    representations: z.array(z.object({
      id: z.string(),
      principalUserId: z.string().nullable(),
      principalOrganisationId: z.string().nullable(),
      principalName: z.string().meta({ description: 'The person or organisation the caller may act for.' }),
      principalTaxCode: z.string().nullable(),
      principalVerified: z.boolean().meta({ description: 'False for an organisation whose ownership is not proven yet: it cannot be an applicant.' }),
      scope: z.string(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      documentReference: z.string().nullable(),
    })),
    grants: z.array(z.object({ role: z.enum(officialRoles), unitCode: z.string(), unitName: z.string(), fieldCodes: z.array(z.string()) })),
  })
  .meta({ id: 'Me' });

export const updateProfileBodySchema = z.object({
  fullName: fullNameSchema.optional(),
  phone: phoneSchema.nullable().optional().meta({ description: 'A new number takes effect only once proven with the code sent to it (`pendingPhone`, `POST /me/phone/confirm`); null removes the number at once.' }),
  personalIdNumber: z
    .string()
    .refine(isValidPersonalIdNumber, 'Số định danh cá nhân phải gồm đúng 12 chữ số, bắt đầu bằng mã tỉnh (001–096)')
    .nullable()
    .optional(),
  dateOfBirth: isoDate
    .refine((d) => !Number.isNaN(Date.parse(d)) && d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), 'Ngày sinh không hợp lệ')
    .nullable()
    .optional(),
  address: z.string().trim().max(500, 'Địa chỉ dài tối đa 500 ký tự').nullable().optional()
    .meta({ description: 'Free text, for clients that do not choose units; it clears `addressUnits`. Prefer `addressUnits`.' }),
  addressUnits: unitAddressInputSchema.nullable().optional()
    .meta({ description: 'The address by units of the list (`GET /administrative-units`): the names are taken from the list; `address` becomes its one-line text. null clears the address.' }),
});

export const reauthenticationBodySchema = z
  .object({
    password: z.string().max(1000).optional().meta({ description: 'The current password.' }),
    code: z.string().trim().max(20).optional().meta({ description: 'Or a current code from the authenticator app, or a recovery code.' }),
  })
  .superRefine((v, ctx) => {
    if (!v.password && !v.code) ctx.addIssue({ code: 'custom', path: ['password'], message: 'Vui lòng nhập mật khẩu hiện tại hoặc mã xác thực' });
  })
  .meta({ description: 'Proof that the person at the keyboard is the account holder: the current password or a current second-factor code.' });

export const changePasswordBodySchema = z.object({
  currentPassword: z.string({ message: 'Vui lòng nhập mật khẩu hiện tại' }).min(1, 'Vui lòng nhập mật khẩu hiện tại').max(1000),
  newPassword: newPasswordSchema,
});
export const changePasswordResponseSchema = z.object({ message: z.string(), sessionsEnded: z.number().int().meta({ description: 'Other sessions ended (this one stays).' }) });

export const totpEnrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string().meta({ description: 'Show as a QR code for the authenticator app.' }) });
export const totpCodeBodySchema = z.object({ code: z.string().regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số') });
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()).meta({ description: 'Shown once; each works once instead of a code.' }) });
