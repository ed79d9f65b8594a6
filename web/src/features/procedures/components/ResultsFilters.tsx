import { Button, Stack, Title } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { fieldOptions, levelOptions } from '../facets';
import { activeFilterCount, type SearchState } from '../search-state';
import type { OnlineLevel, SearchResult } from '../types';
import { FilterRadioGroup } from './FilterRadioGroup';
import { FiltersDisclosure } from './FiltersDisclosure';
import classes from './ResultsFilters.module.css';

interface ResultsFiltersProps {
  state: SearchState;
  facets: SearchResult['facets'];
  onChange: (patch: Partial<SearchState>) => void;
}

export function ResultsFilters({ state, facets, onChange }: ResultsFiltersProps) {
  const { t, lang } = useI18n();
  const active = activeFilterCount(state);
  return (
    <FiltersDisclosure summary={t.results.showFilters(active)}>
      <section aria-labelledby="filters-title" className={classes.panel}>
        <Title order={2} id="filters-title" className={classes.title}>
          {t.results.filters}
        </Title>
        <Stack gap="lg">
          <FilterRadioGroup
            label={t.results.fieldFilter}
            value={state.field ?? ''}
            options={fieldOptions(facets, state.field, t, lang)}
            onChange={(v) => onChange({ field: v || undefined })}
          />
          <FilterRadioGroup
            label={t.results.levelFilter}
            value={state.level ?? ''}
            options={levelOptions(facets, state.level, t)}
            onChange={(v) => onChange({ level: (v || undefined) as OnlineLevel | undefined })}
          />
          {active > 0 ? (
            <Button variant="outline" onClick={() => onChange({ field: undefined, level: undefined })}>
              {t.results.clearFilters}
            </Button>
          ) : null}
        </Stack>
      </section>
    </FiltersDisclosure>
  );
}
