import { Container, Grid, Skeleton, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { EmptyResults } from '../components/EmptyResults';
import { ResultsFilters } from '../components/ResultsFilters';
import { ResultsList } from '../components/ResultsList';
import { ResultsPagination } from '../components/ResultsPagination';
import { ResultsSkeleton } from '../components/ResultsSkeleton';
import { ResultsSummary } from '../components/ResultsSummary';
import { SearchForm } from '../components/SearchForm';
import { useSearchState } from '../hooks/useSearchState';
import { procedureSearchQuery } from '../queries';
import { activeFilterCount, pageCount } from '../search-state';

export function ResultsPage() {
  const { t } = useI18n();
  const { state, update } = useSearchState();
  const search = useQuery(procedureSearchQuery(state));
  const summaryRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(t.results.documentTitle(state.q));

  const handlePageChange = (page: number) => {
    update({ page });
    summaryRef.current?.scrollIntoView({ block: 'start' });
    summaryRef.current?.focus({ preventScroll: true });
  };
  const clearFilters = () => update({ field: undefined, level: undefined });
  const data = search.data;
  const pages = data ? pageCount(data.total, data.pageSize) : 1;

  return (
    <Container size="lg" py="lg">
      <Stack gap="lg">
        <Title order={1}>{t.results.title}</Title>
        <SearchForm query={state.q} onSearch={(q) => update({ q })} />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 4 }}>
            {data ? (
              <ResultsFilters state={state} facets={data.facets} onChange={update} />
            ) : (
              <Skeleton height={220} radius="md" />
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              {search.isError ? <ErrorState error={search.error} onRetry={() => void search.refetch()} /> : null}
              {!data && !search.isError ? <ResultsSkeleton /> : null}
              {data ? (
                <>
                  <div ref={summaryRef} tabIndex={-1} style={{ outline: 'none' }}>
                    <ResultsSummary total={data.total} query={state.q} page={state.page} pages={pages} />
                  </div>
                  {data.items.length === 0 ? (
                    <EmptyResults hasFilters={activeFilterCount(state) > 0} onClearFilters={clearFilters} />
                  ) : (
                    <ResultsList items={data.items} query={state.q} busy={search.isPlaceholderData} />
                  )}
                  <ResultsPagination page={state.page} pages={pages} onChange={handlePageChange} />
                </>
              ) : null}
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </Container>
  );
}
