import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { channelFees, filingItems, filingPayLater, totalOf, unresolvedFilingItems } from '../../../../../common/payments/fees';
import { useI18n } from '../../../i18n/context';
import { formatVnd } from '../../../lib/format';
import { procedureDetailQuery } from '../../procedures/queries';
import type { Dossier } from '../types';
import tableClasses from './AmountTable.module.css';
import { FeesComputing, FeesFrame } from './FeesFrame';

/**
 * The review step's fee lines: what the applicant pays at filing for these answers and this
 * delivery choice, with the total. Computed by `filingItems` (common/payments/fees), the same
 * function the server uses for the payment request, so the total shown is the total requested.
 * `onShown` is called once the lines (or nothing, when the table could not be read) are shown.
 */
export function FeesDue({ dossier, deliveryMethod, onShown }: { dossier: Dossier; deliveryMethod: string | null; onShown?: () => void }) {
  const { t, lang } = useI18n();
  const p = t.payments;
  const procedure = useQuery(procedureDetailQuery(dossier.procedure.code));
  const kase = procedure.data?.cases.find((c) => c.code === dossier.case.code);
  const pending = procedure.isPending;
  useEffect(() => {
    if (!pending) onShown?.();
  }, [pending, onShown]);
  if (!procedure.data) {
    return pending ? <FeesComputing /> : null;
  }
  if (!kase) return null;
  const fees = channelFees(kase.channels, dossier.channel);
  const postalFee = deliveryMethod === 'POSTAL' ? dossier.delivery.postalFee : null;
  const items = filingItems(fees, dossier.answers, postalFee);
  const unresolved = unresolvedFilingItems(fees, dossier.answers);
  const later = fees.filter((f) => f.stage === 'AFTER_APPRAISAL');
  const money = (n: number) => formatVnd(n, lang);
  return (
    <FeesFrame title={p.dueTitle}>
      {items.length === 0 && unresolved.length === 0 ? <Text size="sm">{p.dueNone}</Text> : (
        <>
          <table className={tableClasses.table} data-testid="fees-due">
            <tbody>
              {items.map((i) => (
                <tr key={i.code}>
                  <td lang="vi">{i.name}</td>
                  <td className={tableClasses.amount}>{money(i.amount)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{p.total}</th>
                <th className={tableClasses.amount} data-testid="fees-total">{money(totalOf(items))}</th>
              </tr>
            </tbody>
          </table>
          {unresolved.map((f) => <Text key={f.name} size="sm" c="red.9" lang="vi">{p.dueUnresolved(f.name, f.tiers?.label ?? p.defaultTierLabel)}</Text>)}
          <Text size="sm" mt="xs">{filingPayLater(fees) ? p.dueLeadPayLater : p.dueLead}</Text>
        </>
      )}
      {later.length > 0 ? (
        <Text size="sm" mt="xs" c="gray.8" lang="vi">{p.dueLater} {later.map((f) => f.name).join('; ')}</Text>
      ) : null}
    </FeesFrame>
  );
}
