import { Radio, Stack } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { localeOf } from '../../../i18n/language';
import { usePendingValue } from '../../../lib/use-pending-value';
import type { FilterOption } from '../facets';
import classes from './FilterRadioGroup.module.css';

interface FilterRadioGroupProps {
  label: string;
  value: string;
  options: FilterOption[];
  onChange: (value: string) => void;
}

/** One facet as a radio group: each option says how many results it would give. */
export function FilterRadioGroup({ label, value, options, onChange }: FilterRadioGroupProps) {
  const { lang } = useI18n();
  const number = new Intl.NumberFormat(localeOf(lang));
  const [selected, setSelected] = usePendingValue(value);
  const handleChange = (next: string) => {
    setSelected(next);
    onChange(next);
  };
  return (
    <Radio.Group label={label} value={selected} onChange={handleChange} classNames={{ label: classes.legend }}>
      <Stack gap={10} mt="xs">
        {options.map((o) => (
          <Radio
            key={o.value || 'all'}
            value={o.value}
            classNames={{ label: classes.optionLabel, body: classes.body, labelWrapper: classes.labelWrapper }}
            label={
              <>
                <span>{o.label}</span>
                <span className={classes.count}>({number.format(o.count)})</span>
              </>
            }
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
