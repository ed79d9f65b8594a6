import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { serverFieldErrors, splitContact } from './form-errors';

describe('server field errors', () => {
  it('maps body paths to the form fields and keeps the rest for the summary', () => {
    const error = new ApiError({
      status: 400,
      code: 'request.invalid',
      title: 'Dữ liệu không hợp lệ',
      errors: [
        { path: 'body.email', message: 'Địa chỉ thư điện tử không hợp lệ' },
        { path: 'body.phone', message: 'Số điện thoại không hợp lệ' },
        { path: 'body.password', message: 'Mật khẩu phải có ít nhất 10 ký tự' },
        { path: 'body', message: 'Thiếu dữ liệu' },
      ],
    });
    const { fields, other } = serverFieldErrors(error, { email: 'contact', phone: 'contact', password: 'password' });
    expect(fields).toEqual({ contact: 'Địa chỉ thư điện tử không hợp lệ', password: 'Mật khẩu phải có ít nhất 10 ký tự' });
    expect(other).toEqual(['Thiếu dữ liệu']);
  });

  it('ignores errors that are not API problems', () => {
    expect(serverFieldErrors(new Error('x'), { a: 'a' })).toEqual({ fields: {}, other: [] });
  });
});

describe('contact field', () => {
  it('tells an e-mail address from a phone number', () => {
    expect(splitContact(' an@example.vn ')).toEqual({ email: 'an@example.vn' });
    expect(splitContact('0912 345 678')).toEqual({ phone: '0912345678' });
    expect(splitContact('  ')).toEqual({});
  });
});
