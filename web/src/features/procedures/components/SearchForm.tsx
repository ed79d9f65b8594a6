import { Button, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useI18n } from '../../../i18n/context';
import { usePendingValue } from '../../../lib/use-pending-value';
import classes from './SearchForm.module.css';

interface SearchFormProps {
  /** The query in the address; the box follows it when it changes (back button, links). */
  query?: string;
  size?: 'md' | 'lg';
  onSearch: (q: string) => void;
}

/** The catalogue search box. Focus stays in it after a search, so the next one is quick. */
export function SearchForm({ query = '', size = 'md', onSearch }: SearchFormProps) {
  const { t } = useI18n();
  const [value, setValue] = usePendingValue(query);
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(value.trim());
  };
  return (
    <form role="search" onSubmit={handleSubmit} className={classes.form}>
      <TextInput
        className={classes.input}
        type="search"
        name="q"
        label={t.search.label}
        description={t.search.hint}
        placeholder={t.search.placeholder}
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        size={size}
        maxLength={200}
        autoComplete="off"
        enterKeyHint="search"
      />
      <Button type="submit" size={size} className={classes.button}>
        {t.search.submit}
      </Button>
    </form>
  );
}
