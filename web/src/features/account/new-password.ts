import type { Messages } from '../../i18n/vi';
import { MIN_PASSWORD_LENGTH } from './pages/RegisterPage';

/** What the account forms check of a new password and its confirmation before sending them. */
export function newPasswordErrors(t: Messages, password: string, confirm: string): { password?: string; confirm?: string } {
  const errors: { password?: string; confirm?: string } = {};
  if (!password) errors.password = t.account.passwordRequired;
  else if (password.length < MIN_PASSWORD_LENGTH) errors.password = t.account.passwordTooShort;
  if (!confirm) errors.confirm = t.account.confirmRequired;
  else if (password && confirm !== password) errors.confirm = t.account.passwordMismatch;
  return errors;
}
