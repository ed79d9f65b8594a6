import { Text } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import classes from './HowItWorks.module.css';

/** Find → prepare → submit → follow → receive, as a numbered list. */
export function HowItWorks() {
  const { t } = useI18n();
  return (
    <ol className={classes.list}>
      {t.home.howSteps.map((step, i) => (
        <li key={step.title} className={classes.step}>
          <span className={classes.number} aria-hidden="true">
            {i + 1}
          </span>
          <span className={classes.body}>
            <Text component="span" fw={600} className={classes.title}>
              {step.title}
            </Text>
            <Text component="span" size="sm">
              {step.text}
            </Text>
          </span>
        </li>
      ))}
    </ol>
  );
}
