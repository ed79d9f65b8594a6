import { Stack, Text } from '@mantine/core';
import { PageSection } from '../../../components/PageSection';
import { useI18n } from '../../../i18n/context';
import { excludedTime, groupTimeLimits, phaseDuration, totalDuration } from '../procedure-view';
import { sectionTitle } from '../sections';
import type { ProcedureCase } from '../types';
import { ChannelGroupHeading } from './ChannelGroupHeading';
import classes from './TimeLimitsSection.module.css';

/** Time limits per way of applying, phase by phase, with the waiting time that does not count. */
export function TimeLimitsSection({ procedureCase }: { procedureCase: ProcedureCase }) {
  const { t, lang } = useI18n();
  return (
    <PageSection id="thoi-han" title={sectionTitle(t, 'thoi-han')}>
      <Stack gap="md">
        {groupTimeLimits(procedureCase.channels).map((group) => {
          const excluded = excludedTime(group.terms.phases, t);
          const total = totalDuration(group.terms.phases, t, lang);
          return (
            <div key={group.channels.join('-') || 'all'} className={classes.channel}>
              <ChannelGroupHeading group={group} channels={procedureCase.channels.map((c) => c.channel)} />
              {total.length > 0 ? <Text fw={600}>{t.procedure.totalTime(total)}</Text> : null}
              <ul className={classes.phases}>
                {group.terms.phases.map((phase, i) => (
                  <li key={i}>
                    <strong className={classes.duration}>{phaseDuration(phase, t, lang)}</strong>
                    <span lang="vi">{phase.name}</span>
                  </li>
                ))}
              </ul>
              {excluded ? (
                <Text size="sm" c="dimmed" mt={6}>
                  {excluded}
                </Text>
              ) : null}
              {group.terms.note ? (
                <Text size="sm" mt={4} lang="vi">
                  {group.terms.note}
                </Text>
              ) : null}
            </div>
          );
        })}
      </Stack>
    </PageSection>
  );
}
