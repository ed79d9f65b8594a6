import { Radio, Stack } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { usePendingValue } from '../../../lib/use-pending-value';
import type { ProcedureCase } from '../types';
import classes from './CaseChooser.module.css';

interface CaseChooserProps {
  cases: ProcedureCase[];
  value: string;
  onChange: (code: string) => void;
}

/** Shown only when a procedure has several cases: documents, times and fees follow the choice. */
export function CaseChooser({ cases, value, onChange }: CaseChooserProps) {
  const { t } = useI18n();
  const [selected, setSelected] = usePendingValue(value);
  if (cases.length <= 1) return null;
  const handleChange = (next: string) => {
    setSelected(next);
    onChange(next);
  };
  return (
    <div className={classes.box}>
      <Radio.Group label={t.procedure.caseChoice} description={t.procedure.caseChoiceHint} value={selected} onChange={handleChange} classNames={{ label: classes.label }}>
        <Stack gap="xs" mt="sm">
          {cases.map((c) => (
            <Radio key={c.code} value={c.code} label={<span lang="vi">{c.name}</span>} />
          ))}
        </Stack>
      </Radio.Group>
    </div>
  );
}
