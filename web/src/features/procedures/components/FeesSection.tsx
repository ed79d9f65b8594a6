import { Stack, Text } from '@mantine/core';
import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { feeAmount, groupFees } from '../procedure-view';
import { sectionTitle } from '../sections';
import type { ProcedureCase } from '../types';
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
