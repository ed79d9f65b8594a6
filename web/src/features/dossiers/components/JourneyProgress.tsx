import { Text } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { JOURNEY_STEPS } from '../journey';
import classes from './Dossiers.module.css';

/** "Bước 2/5 — Điền tờ khai" with a bar, and the list of steps for those who want it. */
export function JourneyProgress({ step }: { step: number }) {
  const { t } = useI18n();
  const names = t.dossiers.steps;
  return (
    <nav aria-label={t.dossiers.stepsLabel} className={classes.progress}>
      <Text fw={700} size="sm" c="blue.9" data-testid="journey-step">
        {t.dossiers.stepOf(step, JOURNEY_STEPS)} — {names[step - 1]}
      </Text>
      <div className={classes.bar} aria-hidden="true">
        <div className={classes.barFill} style={{ width: `${(step / JOURNEY_STEPS) * 100}%` }} />
      </div>
      <ol className={classes.stepList}>
        {names.map((name, i) => (
          <li key={name} aria-current={i + 1 === step ? 'step' : undefined} className={i + 1 === step ? classes.stepCurrent : i + 1 < step ? classes.stepDone : undefined}>
            {name}
          </li>
        ))}
      </ol>
    </nav>
  );
}
