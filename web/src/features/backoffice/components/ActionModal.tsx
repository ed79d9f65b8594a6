import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/Modal.css';
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import 'dayjs/locale/vi';
import { useState } from 'react';
import { useI18n } from '../../../i18n/context';
import { ErrorSummary, type SummaryItem } from '../../account/components/ErrorSummary';
import {
  actionBody, actionFieldIds, actionFormShape, checkAction, emptyActionValues, serverActionErrors,
  type ActionField, type ActionValues,
} from '../action-form';
import { vnToday } from '../format';
import type { ActionBody, AvailableAction } from '../types';

export interface ActionModalProps {
  action: AvailableAction;
  /** Officials who may be chosen for the step the action leads to (or, for `assign`, the current one). */
  candidates?: { id: string; fullName: string }[];
  /** The dossier's components, for a supplement request. */
  components: { id: string; name: string }[];
  opened: boolean;
  onClose: () => void;
  /** Sends the action; rejects with the server's problem. */
  onSubmit: (body: ActionBody) => Promise<unknown>;
  /** Problem of the last attempt (shown at once, e.g. in a render). */
  initialError?: unknown;
}

const order: ActionField[] = ['assignee', 'components', 'reason', 'appointment', 'collectedName', 'collectedId', 'comment'];

/** The form of one action, in a modal titled with the action's name. */
export function ActionModal({ opened, onClose, ...form }: ActionModalProps) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={<span lang="vi">{form.action.label}</span>} size="lg" centered closeButtonProps={{ 'aria-label': t.backoffice.close }}>
      <ActionForm {...form} onCancel={onClose} />
    </Modal>
  );
}

export type ActionFormProps = Omit<ActionModalProps, 'opened' | 'onClose'> & { onCancel: () => void };

/** Exactly the fields the action needs, checked before sending; the server's problems beside their fields and in a summary. */
export function ActionForm({ action, candidates, components, onCancel, onSubmit, initialError }: ActionFormProps) {
  const { t, lang } = useI18n();
  const b = t.backoffice;
  const shape = actionFormShape(action, candidates);
  const initial = initialError ? serverActionErrors(initialError, shape) : { fields: {}, other: [] };
  const [values, setValues] = useState<ActionValues>(emptyActionValues);
  const [errors, setErrors] = useState<Partial<Record<ActionField, string>>>(initial.fields);
  const [other, setOther] = useState<string[]>(initial.other);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const has = (f: ActionField) => shape.fields.includes(f);
  const set = <K extends keyof ActionValues>(key: K) => (value: ActionValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const tomorrow = new Date(`${vnToday()}T12:00:00+07:00`);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);

  const summary: SummaryItem[] = [
    ...order.filter((f) => errors[f]).map((f) => ({ message: errors[f]!, fieldId: actionFieldIds[f] })),
    ...other.map((message) => ({ message })),
  ];

  async function submit() {
    const found = checkAction(shape, values, b);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setOther([]);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await onSubmit(actionBody(shape, values));
      setValues(emptyActionValues);
      setErrors({});
      setOther([]);
    } catch (error) {
      const split = serverActionErrors(error, shape);
      setErrors(split.fields);
      setOther(split.other);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <ErrorSummary items={summary} attempt={attempt} />
        {action.effect === 'SIGN_RESULT' ? <Alert color="blue" variant="light"><Text size="sm">{b.effectSign}</Text></Alert> : null}
        {action.kind === 'PAYMENT' ? <Alert color="blue" variant="light"><Text size="sm">{b.kindPayment}</Text></Alert> : null}
        {action.effect === 'ISSUE_RESULT' ? <Alert color="blue" variant="light"><Text size="sm">{b.effectIssue}</Text></Alert> : null}
        {has('assignee') ? (
          <NativeSelect
            id={actionFieldIds.assignee}
            label={action.action === 'assign' ? b.assignToLabel : b.assigneeLabel}
            description={shape.assigneeRequired ? undefined : b.assigneeOptional}
            required={shape.assigneeRequired}
            data={[{ value: '', label: shape.assigneeRequired ? b.assigneePlaceholder : '—' }, ...(candidates ?? []).map((c) => ({ value: c.id, label: c.fullName }))]}
            value={values.assigneeId}
            onChange={(e) => set('assigneeId')(e.currentTarget.value)}
            error={errors.assignee}
          />
        ) : null}
        {has('components') ? (
          <Checkbox.Group id={actionFieldIds.components} label={b.supplementComponents} required value={values.components} onChange={set('components')} error={errors.components}>
            <Stack gap={6} mt="xs">
              {components.map((c) => <Checkbox key={c.id} value={c.id} label={<span lang="vi">{c.name}</span>} />)}
            </Stack>
          </Checkbox.Group>
        ) : null}
        {has('reason') ? (
          <Textarea id={actionFieldIds.reason} label={b.supplementReason} description={b.supplementReasonHint} required autosize minRows={3} value={values.reason} onChange={(e) => set('reason')(e.currentTarget.value)} error={errors.reason} />
        ) : null}
        {has('appointment') ? (
          <DatesProvider settings={{ locale: lang === 'en' ? 'en' : 'vi' }}>
            <DatePickerInput
              id={actionFieldIds.appointment}
              label={b.newAppointmentLabel}
              required
              valueFormat="DD/MM/YYYY"
              minDate={tomorrow}
              value={values.appointment || null}
              onChange={(v) => set('appointment')(typeof v === 'string' ? v : '')}
              error={errors.appointment}
              popoverProps={{ withinPortal: true }}
            />
          </DatesProvider>
        ) : null}
        {has('collectedName') ? (
          <TextInput id={actionFieldIds.collectedName} label={b.collectedName} required autoComplete="off" value={values.collectedName} onChange={(e) => set('collectedName')(e.currentTarget.value)} error={errors.collectedName} />
        ) : null}
        {has('collectedId') ? (
          <TextInput id={actionFieldIds.collectedId} label={b.collectedId} description={b.collectedIdHint} inputMode="numeric" autoComplete="off" value={values.collectedId} onChange={(e) => set('collectedId')(e.currentTarget.value)} error={errors.collectedId} />
        ) : null}
        {has('comment') ? (
          <Textarea
            id={actionFieldIds.comment}
            label={b.commentLabel}
            description={action.action === 'apologise' ? b.apologyReasonHint : undefined}
            required
            autosize
            minRows={3}
            value={values.comment}
            onChange={(e) => set('comment')(e.currentTarget.value)}
            error={errors.comment}
          />
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>{b.cancel}</Button>
          <Button type="submit" loading={busy}>{b.confirm}</Button>
        </Group>
      </Stack>
    </form>
  );
}
