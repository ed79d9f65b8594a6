import { Group, Pagination } from '@mantine/core';
import { useI18n } from '../../../i18n/context';

interface ResultsPaginationProps {
  page: number;
  pages: number;
  onChange: (page: number) => void;
}

/** Server-side pages; each button says which page it opens. */
export function ResultsPagination({ page, pages, onChange }: ResultsPaginationProps) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t.results.pagination}>
      <Group justify="center">
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onChange}
          siblings={1}
          boundaries={1}
          getItemProps={(p) => ({ 'aria-label': t.results.page(p), 'aria-current': p === page ? 'page' : undefined })}
          getControlProps={(control) => {
            if (control === 'previous') return { 'aria-label': t.results.previousPage };
            if (control === 'next') return { 'aria-label': t.results.nextPage };
            return {};
          }}
        />
      </Group>
    </nav>
  );
}
