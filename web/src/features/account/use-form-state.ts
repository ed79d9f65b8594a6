import { useState } from 'react';
import type { FieldErrors } from './form-errors';

/**
 * Values, field errors, the form-level message and an attempt counter (the error summary
 * takes focus again on each failed attempt) for the account forms.
 */
export function useFormState<F extends string>(initial: Record<F, string>) {
  const [values, setValues] = useState<Record<F, string>>(initial);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);

  /** A change handler for one field's text value. */
  const set = (field: F) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  /** Props binding an input to a field: id, value, change handler and error. */
  const bind = (field: F) => ({
    id: field,
    value: values[field],
    error: errors[field],
    onChange: (e: { currentTarget: { value: string } }) => set(field)(e.currentTarget.value),
  });

  /** Shows the errors of a failed attempt. */
  function fail(fieldErrors: FieldErrors<F>, message?: string) {
    setErrors(fieldErrors);
    setFormError(message);
    setAttempt((n) => n + 1);
  }

  /** Clears every error, e.g. when the form moves to its next step. */
  function clearErrors() {
    setErrors({});
    setFormError(undefined);
  }

  return { values, setValues, errors, formError, attempt, set, bind, fail, clearErrors };
}
