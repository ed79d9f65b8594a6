import { Stack, Text } from '@mantine/core';
import { formatVnd } from '../../../lib/format';
import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { feeAmount, groupFees } from '../procedure-view';
import { sectionTitle } from '../sections';
import type { FeeItem, ProcedureCase } from '../types';
import { ChannelGroupHeading } from './ChannelGroupHeading';
import classes from './FeesSection.module.css';

/** Fees and charges in VND; listed once when every way of applying costs the same. */
export function FeesSection({ procedureCase }: { procedureCase: ProcedureCase }) {
  const { t, lang } = useI18n();
  return (
    <PageSection id="le-phi" title={sectionTitle(t, 'le-phi')}>
      <Stack gap="md">
        {groupFees(procedureCase.channels).map((group) => {
          const fees = group.terms.fees ?? [];
          return (
            <div key={group.channels.join('-') || 'all'}>
              {procedureCase.channels.length > 1 ? <ChannelGroupHeading group={group} channels={procedureCase.channels.map((c) => c.channel)} /> : null}
              {fees.length === 0 ? (
                <Text fw={600}>{t.procedure.noFee}</Text>
              ) : (
                <ul className={classes.fees}>
                  {fees.map((fee, i) => (
                    <li key={i} className={classes.fee}>
                      <span lang="vi">
                        {fee.name} <span className={classes.kind}>({t.feeKinds[fee.kind]})</span>
                      </span>
                      <strong className={fee.amountVnd !== undefined ? classes.amount : undefined}>{feeAmount(fee, t, lang)}</strong>
                      {fee.description ? (
                        <Text size="sm" c="dimmed" className={classes.note} lang="vi">
                          {fee.description}
                        </Text>
                      ) : null}
                      <FeeTerms fee={fee} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </Stack>
    </PageSection>
  );
}

/** When the fee is paid, and how a tiered amount follows an answer of the e-form. */
function FeeTerms({ fee }: { fee: FeeItem }) {
  const { t, lang } = useI18n();
  const p = t.payments;
  const num = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const rows = fee.tiers?.table ?? [];
  return (
    <div className={classes.note}>
      <Text size="sm" data-testid="fee-stage">{p.stageNote[fee.stage ?? 'FILING']}{fee.payLater ? ` ${p.payLaterNote}` : ''}</Text>
      {fee.tiers ? (
        // A plain table: Mantine's Table would bring its scroll container (and floating-ui) to every procedure page.
        <table className={classes.tiers}>
          <caption lang="vi">{p.tiersTitle(fee.tiers.label ?? p.defaultTierLabel)}</caption>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td>{row.upTo !== undefined ? p.tierUpTo(num.format(row.upTo)) : p.tierAbove(num.format(rows[i - 1]?.upTo ?? 0))}</td>
                <td className={classes.tierAmount}>{formatVnd(row.amountVnd, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {fee.illustrative ? <Text size="sm" c="gray.8" fs="italic">{p.illustrative}</Text> : null}
    </div>
  );
}
