import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../i18n/context';
import { formatVnd } from '../../../lib/format';
import { vnDate, vnDateTime } from '../journey';
import { receiptsQuery } from '../queries-detail';
import type { Dossier } from '../types';
import termsClasses from '../../../components/Terms.module.css';
import classes from './Dossiers.module.css';

/** The chosen delivery on the dossier page, with the tracking number and delivery once recorded. */
export function DeliveryBox({ dossier }: { dossier: Dossier }) {
  const { t, lang } = useI18n();
  const d = t.dossiers.deliveryRecord;
  const v = dossier.delivery;
  if (!v.method) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="delivery-title">
      <Title order={2} size="h4" id="delivery-title" mb="xs">{t.dossiers.delivery.title}</Title>
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
