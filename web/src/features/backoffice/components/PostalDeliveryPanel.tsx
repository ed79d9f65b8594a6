import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { isApiError, errorTitle } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { DeliveryBox } from '../../dossiers/components/DeliverySection';
import { useConfirmDelivery, useRecordShipment } from '../../dossiers/queries-office';
import type { Dossier } from '../../dossiers/types';

function problemText(error: unknown) {
  if (!error) return null;
  if (isApiError(error)) return [error.title, ...error.errors.map((e) => e.message)].filter((m, i, all) => all.indexOf(m) === i);
  return [errorTitle(error)];
}

/**
 * The officials' side of a result sent by post: the delivery chosen at filing, then — once the
 * result is issued — the carrier's tracking number, then the delivery confirmation.
 */
export function PostalDeliveryPanel({ dossier }: { dossier: Dossier }) {
  const { t } = useI18n();
  const d = t.dossiers.deliveryRecord;
  const ship = useRecordShipment();
  const confirm = useConfirmDelivery();
  const [carrier, setCarrier] = useState(dossier.delivery.carrier ?? 'Bưu điện Việt Nam (VNPost)');
  const [tracking, setTracking] = useState(dossier.delivery.trackingNumber ?? '');
  const [receivedBy, setReceivedBy] = useState(dossier.delivery.address?.recipientName ?? '');
  const [done, setDone] = useState<string | null>(null);
  const v = dossier.delivery;
  const open = v.method === 'POSTAL' && dossier.status === 'RESULT_READY' && dossier.result !== null;
  const shipErrors = problemText(ship.error);
  const confirmErrors = problemText(confirm.error);
  return (
    <Stack gap="md">
      <DeliveryBox dossier={dossier} />
      {done ? <Alert color="green" variant="light" role="status">{done}</Alert> : null}
      {open ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="shipment-title">
          <Title order={2} size="h4" id="shipment-title" mb="xs">{d.recordShipment}</Title>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              setDone(null);
              ship.mutate({ id: dossier.id, carrier: carrier.trim(), trackingNumber: tracking.trim() }, { onSuccess: () => setDone(d.shipped) });
            }}
          >
            <Stack gap="sm">
              {shipErrors ? <Alert color="red" variant="outline" role="alert">{shipErrors.map((m) => <Text key={m} size="sm" lang="vi">{m}</Text>)}</Alert> : null}
              <TextInput id="shipment-carrier" label={d.carrier} value={carrier} onChange={(e) => setCarrier(e.currentTarget.value)} required maxLength={100} />
              <TextInput id="shipment-tracking" label={d.trackingNumber} value={tracking} onChange={(e) => setTracking(e.currentTarget.value)} required maxLength={40} autoCapitalize="characters" />
              <div><Button type="submit" loading={ship.isPending}>{d.recordShipmentSubmit}</Button></div>
            </Stack>
          </form>
        </Paper>
      ) : null}
      {open && v.trackingNumber ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="confirm-title">
          <Title order={2} size="h4" id="confirm-title" mb="xs">{d.confirmDelivery}</Title>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              setDone(null);
              confirm.mutate({ id: dossier.id, receivedBy: receivedBy.trim() || undefined }, { onSuccess: () => setDone(d.delivered) });
            }}
          >
            <Stack gap="sm">
              {confirmErrors ? <Alert color="red" variant="outline" role="alert">{confirmErrors.map((m) => <Text key={m} size="sm" lang="vi">{m}</Text>)}</Alert> : null}
              <TextInput id="confirm-received-by" label={d.receivedBy} value={receivedBy} onChange={(e) => setReceivedBy(e.currentTarget.value)} maxLength={200} />
              <div><Button type="submit" loading={confirm.isPending}>{d.confirmDeliverySubmit}</Button></div>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Stack>
  );
}
