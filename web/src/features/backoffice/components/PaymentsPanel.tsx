import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/NumberInput.css';
import '@mantine/core/styles/Table.css';
import { Alert, Anchor, Button, Group, Modal, NativeSelect, NumberInput, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { feesDue, channelFees, totalOf } from '../../../../../common/payments/fees';
import { api, unwrap } from '../../../api/client';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { formatVnd } from '../../../lib/format';
import { dossierKeys } from '../../dossiers/keys';
import type { Dossier } from '../../dossiers/types';
import { procedureDetailQuery } from '../../procedures/queries';
import { backofficeKeys } from '../keys';

type Kind = 'PHI' | 'LE_PHI' | 'OTHER';
interface ItemDraft { name: string; kind: Kind; amount: number | string }

const paymentsKey = (dossierId: string) => ['dossiers', dossierId, 'payments'] as const;
const when = (iso: string) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));

/**
 * The official's view of the dossier's payment requests (items, total, status, receipt) and the
 * "Yêu cầu nộp phí" action (request_payment) while the dossier is being processed: the items
 * come from the catalogue's after-appraisal fees and the official may change them.
 */
export function PaymentsPanel({ dossier }: { dossier: Dossier }) {
  const { t, lang } = useI18n();
  const p = t.payments;
  const payments = useQuery({
    queryKey: paymentsKey(dossier.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/dossiers/{dossierId}/payments', { params: { path: { dossierId: dossier.id } }, signal })),
  });
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const mayRequest = dossier.status === 'IN_PROGRESS';
  const items = payments.data?.items ?? [];
  const money = (n: number) => formatVnd(n, lang);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="official-payments-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="official-payments-title">{p.officialTitle}</Title>
        {done ? <Alert color="green" variant="light" role="status"><Text size="sm" fw={600}>{done}</Text></Alert> : null}
        {items.length === 0 ? <Text size="sm">{p.officialNone}</Text> : (
          <ul style={{ margin: 0, padding: 0, listStyle: 'none' }} aria-label={p.officialTitle}>
            {items.map((pay) => (
              <li key={pay.id} style={{ paddingBlock: 6, borderBottom: '1px dashed var(--mantine-color-gray-4)' }}>
                <Group justify="space-between" wrap="wrap" gap={4}>
                  <Text size="sm" fw={600}>{p.stage[pay.stage]}</Text>
                  <Text size="sm" fw={700} data-testid="official-payment-status">{p.status[pay.status]}</Text>
                </Group>
                <Table fz="sm" verticalSpacing={2}>
                  <Table.Tbody>
                    {pay.items.map((i) => (
                      <Table.Tr key={i.code}><Table.Td lang="vi">{i.name}</Table.Td><Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{money(i.amount)}</Table.Td></Table.Tr>
                    ))}
                    <Table.Tr><Table.Th scope="row">{p.total}</Table.Th><Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>{money(pay.amount)}</Table.Th></Table.Tr>
                  </Table.Tbody>
                </Table>
                <Text size="xs" c="gray.8">{p.reference}: {pay.reference}</Text>
                {pay.paidAt ? <Text size="xs" c="gray.8">{p.paidAt(when(pay.paidAt))}{pay.provider ? ` · ${p.paidWith(p.providers[pay.provider] ?? pay.provider)}` : ''}</Text> : null}
                {pay.receiptUrl ? <Anchor href={pay.receiptUrl} target="_blank" rel="noopener" size="sm" underline="always">{p.receipt}</Anchor> : null}
              </li>
            ))}
          </ul>
        )}
        {mayRequest ? <div><Button variant="outline" aria-haspopup="dialog" onClick={() => { setDone(null); setOpen(true); }}>{p.requestAction}</Button></div> : null}
      </Stack>
      {open ? (
        <Modal opened onClose={() => setOpen(false)} title={p.requestAction} size="lg" centered closeButtonProps={{ 'aria-label': p.close }}>
          <RequestPaymentForm dossier={dossier} onCancel={() => setOpen(false)} onDone={(amount) => { setOpen(false); setDone(p.requested(money(amount))); }} />
        </Modal>
      ) : null}
    </Paper>
  );
}

function RequestPaymentForm({ dossier, onCancel, onDone }: { dossier: Dossier; onCancel: () => void; onDone: (amount: number) => void }) {
  const { t, lang } = useI18n();
  const p = t.payments;
  const queryClient = useQueryClient();
  const procedure = useQuery(procedureDetailQuery(dossier.procedure.code));
  const kase = procedure.data?.cases.find((c) => c.code === dossier.case.code);
  const suggested = kase ? feesDue(channelFees(kase.channels, dossier.channel), dossier.answers, 'AFTER_APPRAISAL') : [];
  const [items, setItems] = useState<ItemDraft[] | null>(null);
  const rows: ItemDraft[] = items ?? (suggested.length ? suggested.map((i) => ({ name: i.name, kind: i.kind, amount: i.amount })) : [{ name: '', kind: 'LE_PHI', amount: '' }]);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const request = useMutation({
    mutationFn: (body: { comment?: string; items: { name: string; kind: Kind; amount: number }[] }) =>
      unwrap(api.POST('/api/v1/dossiers/{dossierId}/payments', { params: { path: { dossierId: dossier.id } }, body })),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: paymentsKey(dossier.id) });
      void queryClient.invalidateQueries({ queryKey: dossierKeys.one(dossier.id) });
      void queryClient.invalidateQueries({ queryKey: dossierKeys.events(dossier.id) });
      void queryClient.invalidateQueries({ queryKey: backofficeKeys.processing(dossier.id) });
      onDone(created.amount);
    },
  });
  const update = (i: number, patch: Partial<ItemDraft>) => setItems(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const amounts = rows.map((r) => (typeof r.amount === 'number' ? r.amount : 0));
  const serverProblem = request.error ? (isApiError(request.error) ? [request.error.title, ...request.error.errors.map((e) => e.message)] : [String(request.error)]) : [];

  function submit() {
    const found: Record<string, string> = {};
    rows.forEach((r, i) => {
      if (r.name.trim().length < 2) found[`name-${i}`] = p.itemNameError;
      if (typeof r.amount !== 'number' || !Number.isInteger(r.amount) || r.amount < 1000) found[`amount-${i}`] = p.itemAmountError;
    });
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(Object.keys(found)[0]!.replace(/^(name|amount)-/, 'payment-item-$1-'))?.focus();
      return;
    }
    request.mutate({ comment: comment.trim() || undefined, items: rows.map((r) => ({ name: r.name.trim(), kind: r.kind, amount: r.amount as number })) });
  }

  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <Stack gap="sm">
        <Text size="sm">{p.requestIntro}</Text>
        {suggested.length ? <Text size="sm" c="gray.8">{p.catalogueHint}</Text> : null}
        {serverProblem.length ? <Alert color="red" variant="outline" role="alert">{serverProblem.map((m) => <Text key={m} size="sm" lang="vi">{m}</Text>)}</Alert> : null}
        {rows.map((r, i) => (
          <Stack key={i} gap={6} p="xs" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }}>
            <TextInput id={`payment-item-name-${i}`} label={p.itemName(i + 1)} value={r.name} onChange={(e) => update(i, { name: e.currentTarget.value })} error={errors[`name-${i}`]} required maxLength={300} lang="vi" />
            <Group gap="sm" align="flex-start" wrap="wrap">
              <NativeSelect id={`payment-item-kind-${i}`} label={p.itemKind(i + 1)} value={r.kind} onChange={(e) => update(i, { kind: e.currentTarget.value as Kind })} data={(['PHI', 'LE_PHI', 'OTHER'] as const).map((k) => ({ value: k, label: p.kinds[k]! }))} w={140} />
              <NumberInput id={`payment-item-amount-${i}`} label={p.itemAmount(i + 1)} value={r.amount} onChange={(v) => update(i, { amount: v })} error={errors[`amount-${i}`]} required min={0} step={1000} allowDecimal={false} allowNegative={false} thousandSeparator="." decimalSeparator="," w={200} />
            </Group>
            {rows.length > 1 ? (
              <div><Button variant="outline" color="red.9" size="xs" onClick={() => setItems(rows.filter((_, n) => n !== i))}>{p.removeItem(i + 1)}</Button></div>
            ) : null}
          </Stack>
        ))}
        {rows.length < 20 ? <div><Button variant="default" size="xs" onClick={() => setItems([...rows, { name: '', kind: 'PHI', amount: '' }])}>{p.addItem}</Button></div> : null}
        <Text fw={700} data-testid="request-total">{p.total}: {formatVnd(totalOf(amounts.map((amount) => ({ amount }))), lang)}</Text>
        <Textarea id="payment-comment" label={p.comment} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{p.cancel}</Button>
          <Button type="submit" loading={request.isPending}>{p.sendRequest}</Button>
        </Group>
      </Stack>
    </form>
  );
}

