import { Button, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { usePendingValue } from '../../../lib/use-pending-value';
import { procedureSuggestionsQuery } from '../queries';
import classes from './SearchForm.module.css';

interface SearchFormProps {
  /** The query in the address; the box follows it when it changes (back button, links). */
  query?: string;
  size?: 'md' | 'lg';
  onSearch: (q: string) => void;
  /**
   * Offer procedures as the user types (a combobox, GOV.UK's accessible-autocomplete pattern):
   * picking one opens its page, so the results page is not a step on the way.
   */
  suggest?: boolean;
}

/** Words shorter than this bring no suggestion (too many procedures match). */
const SUGGEST_MIN_CHARS = 3;
/** Typing pauses this long before the catalogue is asked. */
const SUGGEST_DELAY_MS = 200;

/** The catalogue search box. Focus stays in it after a search, so the next one is quick. */
export function SearchForm({ query = '', size = 'md', onSearch, suggest = false }: SearchFormProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [value, setValue] = usePendingValue(query);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;

  // The words asked for settle a moment after the last key press.
  const [asked, setAsked] = useState('');
  useEffect(() => {
    if (!suggest) return;
    const handle = setTimeout(() => setAsked(value.trim()), SUGGEST_DELAY_MS);
    return () => clearTimeout(handle);
  }, [suggest, value]);
  const suggestions = useQuery({ ...procedureSuggestionsQuery(asked), enabled: suggest && asked.length >= SUGGEST_MIN_CHARS });
  const items = suggest && asked.length >= SUGGEST_MIN_CHARS && value.trim() === asked ? (suggestions.data?.items ?? []) : [];
  const expanded = open && items.length > 0;

  const openProcedure = (code: string) => void navigate(`/thu-tuc/${encodeURIComponent(code)}`);
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (expanded && active >= 0 && items[active]) return openProcedure(items[active].code);
    onSearch(value.trim());
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!suggest) return;
    if (event.key === 'ArrowDown' && items.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % items.length);
    } else if (event.key === 'ArrowUp' && items.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i <= 0 ? items.length - 1 : i - 1));
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const comboboxProps = suggest
    ? {
        role: 'combobox',
        'aria-autocomplete': 'list' as const,
        'aria-expanded': expanded,
        'aria-controls': listId,
        'aria-activedescendant': expanded && active >= 0 ? optionId(active) : undefined,
        onKeyDown: handleKeyDown,
        onFocus: () => setOpen(true),
        onBlur: () => setOpen(false),
      }
    : {};

  return (
    <form role="search" onSubmit={handleSubmit} className={classes.form}>
      <div className={classes.field}>
        <TextInput
          className={classes.input}
          type="search"
          name="q"
          label={t.search.label}
          description={suggest ? t.search.suggestHint : t.search.hint}
          placeholder={t.search.placeholder}
          value={value}
          onChange={(event) => {
            setValue(event.currentTarget.value);
            setOpen(true);
            setActive(-1);
          }}
          size={size}
          maxLength={200}
          autoComplete="off"
          enterKeyHint="search"
          {...comboboxProps}
        />
        {suggest ? (
          <>
            <ul id={listId} role="listbox" aria-label={t.search.suggestions} className={classes.suggestions} hidden={!expanded}>
              {items.map((item, i) => (
                <li
                  key={item.code}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={classes.option}
                  lang="vi"
                  // Keeps focus in the box until the pick is done (a blur would close the list first).
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => openProcedure(item.code)}
                >
                  {item.name}
                </li>
              ))}
            </ul>
            <div className="visually-hidden" role="status" aria-live="polite">
              {expanded ? t.search.suggestionCount(items.length) : ''}
            </div>
          </>
        ) : null}
      </div>
      <Button type="submit" size={size} className={classes.button}>
        {t.search.submit}
      </Button>
    </form>
  );
}
