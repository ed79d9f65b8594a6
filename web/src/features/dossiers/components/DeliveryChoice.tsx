import { InputBase, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { ChangeEvent } from 'react';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { useI18n } from '../../../i18n/context';
import { formatVnd } from '../../../lib/format';
import type { DeliveryMethod, Dossier } from '../types';
import classes from './Dossiers.module.css';

/* The review step's delivery question; the delivery and receipts shown after submission are in DeliverySection.tsx. */

export interface DeliveryDraft {
  method: DeliveryMethod | null;
  recipientName: string;
  phone: string;
  address: string;
}

export type DeliveryErrors = Partial<Record<'method' | 'recipientName' | 'phone' | 'address', string>>;

export function deliveryDraftOf(dossier: Dossier): DeliveryDraft {
  const a = dossier.delivery.address;
  // Nothing chosen yet: the counter, as before online delivery existed (the applicant may change it).
  const options = dossier.delivery.options;
  const preset = options.length === 1 ? options[0]! : options.includes('COUNTER') ? 'COUNTER' : null;
  return { method: dossier.delivery.method ?? preset, recipientName: a?.recipientName ?? dossier.applicant.fullName, phone: a?.phone ?? dossier.applicant.phone ?? '', address: a?.address ?? dossier.applicant.address ?? '' };
}

/** The question asked before submission: how the applicant receives the result (and where, by post). */
export function DeliveryChoice({ dossier, value, onChange, errors, postalFee }: { dossier: Dossier; value: DeliveryDraft; onChange: (v: DeliveryDraft) => void; errors: DeliveryErrors; postalFee: number | null }) {
  const { t, lang } = useI18n();
  const d = t.dossiers.delivery;
  const options = dossier.delivery.options;
  if (options.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="delivery-title">
      <Title order={2} size="h4" id="delivery-title" mb="xs">{d.title}</Title>
      <Stack gap="sm">
        <ChoiceGroup
          legend={d.legend}
          value={value.method}
          onChange={(m) => onChange({ ...value, method: m as DeliveryMethod })}
          error={errors.method}
          required
          gap={8}
          options={options.map((m, i) => ({ value: m, id: i === 0 ? 'delivery-method' : undefined, label: d.methods[m] }))}
        />
        {value.method === 'POSTAL' ? (
          <Stack gap="sm">
            <TextInput id="delivery-recipient" label={d.recipientName} value={value.recipientName} onChange={(e) => onChange({ ...value, recipientName: e.currentTarget.value })} error={errors.recipientName} required autoComplete="name" maxLength={200} />
            <TextInput id="delivery-phone" label={d.phone} value={value.phone} onChange={(e) => onChange({ ...value, phone: e.currentTarget.value })} error={errors.phone} required type="tel" inputMode="tel" autoComplete="tel" maxLength={11} />
            {/* Mantine's input base as a textarea (label, hint, error and their aria-describedby as Textarea does); it grows with the text by CSS, not Textarea's autosize script. */}
            <InputBase component="textarea" multiline classNames={{ input: classes.growingTextarea }} rows={2} id="delivery-address" label={d.address} description={d.addressHint} value={value.address} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onChange({ ...value, address: e.currentTarget.value })} error={errors.address} required maxLength={500} autoComplete="street-address" />
            {postalFee ? <Text size="sm">{d.postalFee(formatVnd(postalFee, lang))}</Text> : null}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
