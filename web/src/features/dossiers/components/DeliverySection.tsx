import { Alert, Anchor, InputBase, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { useQuery } from '@tanstack/react-query';
import type { ChangeEvent } from 'react';
import { useI18n } from '../../../i18n/context';
import { formatVnd } from '../../../lib/format';
import { vnDate, vnDateTime } from '../journey';
import { receiptsQuery } from '../queries';
import type { DeliveryMethod, Dossier } from '../types';
import termsClasses from '../../../components/Terms.module.css';
import classes from './Dossiers.module.css';

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

/** The chosen delivery on the dossier page, with the tracking number and delivery once recorded. */
export function DeliveryBox({ dossier }: { dossier: Dossier }) {
  const { t, lang } = useI18n();
  const d = t.dossiers.delivery;
  const v = dossier.delivery;
  if (!v.method) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="delivery-title">
      <Title order={2} size="h4" id="delivery-title" mb="xs">{d.title}</Title>
      <dl className={termsClasses.terms}>
        <dt>{d.method}</dt><dd>{d.methodsShort[v.method]}</dd>
        {v.address ? (<><dt>{d.sendTo}</dt><dd lang="vi">{v.address.recipientName}, {v.address.phone}<br />{v.address.address}</dd></>) : null}
        {v.fee ? (<><dt>{d.fee}</dt><dd>{formatVnd(v.fee, lang)}</dd></>) : null}
        {v.carrier ? (<><dt>{d.carrier}</dt><dd lang="vi">{v.carrier}</dd></>) : null}
        {v.trackingNumber ? (<><dt>{d.trackingNumber}</dt><dd><strong>{v.trackingNumber}</strong></dd></>) : null}
        {v.shippedAt ? (<><dt>{d.shippedAt}</dt><dd><time dateTime={v.shippedAt}>{vnDateTime(v.shippedAt)}</time></dd></>) : null}
        {v.deliveredAt ? (<><dt>{d.deliveredAt}</dt><dd><time dateTime={v.deliveredAt}>{vnDateTime(v.deliveredAt)}</time></dd></>) : null}
      </dl>
      {v.method === 'POSTAL' && !v.trackingNumber && dossier.status !== 'RESULT_RETURNED' ? <Text size="sm" mt="xs">{d.waitingShipment}</Text> : null}
      {v.onlineLevel === 'FULL' ? <Text size="sm" mt="xs" c="green.9" fw={600}>{d.fullyOnline}</Text> : null}
    </Paper>
  );
}

/** The dossier's electronic fee receipts with their downloads (nothing when none). */
export function ReceiptsBox({ dossierId }: { dossierId: string }) {
  const { t, lang } = useI18n();
  const r = t.dossiers.receipts;
  const receipts = useQuery(receiptsQuery(dossierId));
  const items = receipts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="receipts-title">
      <Title order={2} size="h4" id="receipts-title" mb="xs">{r.title}</Title>
      <ul className={classes.list}>
        {items.map((item) => (
          <li key={item.id}>
            <Text size="sm" fw={600}>{formatVnd(item.amount, lang)} — {r.number(item.symbol, item.number)}</Text>
            <Text size="sm" lang="vi">{item.items.map((i) => i.name).join('; ')}</Text>
            <Text size="sm" c="gray.8">{r.paidAt}: <time dateTime={item.paidAt}>{vnDateTime(item.paidAt)}</time></Text>
            {item.status === 'CANCELLED' ? (
              <Alert color="red" variant="light" mt={4} p="xs"><Text size="sm">{r.cancelled(item.cancelledAt ? vnDateTime(item.cancelledAt) : '', item.cancelReason ?? '')}</Text></Alert>
            ) : item.refundedAmount > 0 ? (
              <Alert color="yellow" variant="light" mt={4} p="xs"><Text size="sm">{r.refunded(formatVnd(item.refundedAmount, lang))}</Text></Alert>
            ) : null}
            {item.sha256 ? (
              <Stack gap={2} mt={4}>
                <Anchor href={item.receiptUrl} target="_blank" rel="noopener" underline="always" size="sm" fw={600}>{r.download(item.symbol, item.number)}</Anchor>
                <Anchor href={`/xac-minh/${encodeURIComponent(item.id)}`} underline="always" size="sm">{r.verify}{item.issuedAt ? ` (${vnDate(item.issuedAt)})` : ''}</Anchor>
              </Stack>
            ) : (
              <Alert color="blue" variant="light" mt={4} p="xs"><Text size="sm">{r.pending}</Text></Alert>
            )}
          </li>
        ))}
      </ul>
    </Paper>
  );
}
