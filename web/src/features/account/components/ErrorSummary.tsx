import { Alert, List, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../../i18n/context';
import classes from './ErrorSummary.module.css';

export interface SummaryItem {
  message: string;
  /** The id of the field to move to; none for problems of the whole form. */
  fieldId?: string;
}

/**
 * The error summary at the top of a form (GOV.UK pattern): takes focus when it appears so
 * screen-reader users hear it, and links each problem to its field.
 */
export function ErrorSummary({ items, attempt }: { items: SummaryItem[]; attempt: number }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // Focus again on each failed submission, not on each keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  if (items.length === 0) return null;
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="red"
      variant="outline"
      title={t.account.errorSummary}
      role="alert"
      className={classes.summary}
      styles={{ title: { fontSize: 'var(--mantine-font-size-lg)' } }}
      classNames={{ label: classes.label }}
    >
      <List spacing={4} size="sm">
        {items.map((item) => (
          <List.Item key={`${item.fieldId ?? ''}${item.message}`}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                className={classes.link}
                onClick={(event) => {
                  event.preventDefault();
                  // Composite widgets (dates, choices) give the id a suffix: take the first match.
                  const target = document.getElementById(item.fieldId!) ?? document.querySelector<HTMLElement>(`[id^="${CSS.escape(item.fieldId!)}"]`);
                  target?.scrollIntoView({ block: 'center' });
                  target?.focus();
                }}
              >
                {item.message}
              </a>
            ) : (
              <Text size="sm" component="span" c="red.9" fw={600}>
                {item.message}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
