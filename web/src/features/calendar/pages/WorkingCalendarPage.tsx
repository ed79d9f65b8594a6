import { Alert, Button, Container, Group, Loader, NativeSelect, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { formatIsoDate } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorSummary, type SummaryItem } from '../../account/components/ErrorSummary';
import { serverFieldErrors, type FieldErrors } from '../../account/form-errors';
import { meQuery } from '../../account/queries';
import { loginHref } from '../../account/redirect';
import { useFormState } from '../../account/use-form-state';
import { canEditCalendar, isEditableDate, weekdayOf, yearFromParam, yearOptions } from '../calendar-view';
import { calendarYearQuery, useClearCalendarDay, useSetCalendarDay } from '../queries';
import type { CalendarDayKind, CalendarYear } from '../types';
import classes from './WorkingCalendarPage.module.css';

export const WORKING_CALENDAR_PATH = '/quan-tri/lich-lam-viec';

/** Administrators: the year's holidays and the overrides decided for it (make-up Saturdays, extra days off). */
export function WorkingCalendarPage() {
  const { t } = useI18n();
  useDocumentTitle(t.workingCalendar.title);
  const me = useQuery(meQuery());

  let body;
  if (me.isPending) {
    body = (
      <Group gap="sm" aria-busy="true">
        <Loader size="sm" aria-hidden="true" />
        <Text>{t.workingCalendar.loading}</Text>
      </Group>
    );
  } else if (me.isError) {
    body = <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  } else if (!me.data) {
    return <Navigate to={loginHref(WORKING_CALENDAR_PATH)} replace />;
  } else if (!canEditCalendar(me.data)) {
    body = (
      <Alert color="red" variant="light" role="alert">
        {t.workingCalendar.notAllowed}
      </Alert>
    );
  } else {
    body = <CalendarEditor />;
  }
  return (
    <Container size="md" py="xl" px="md">
      <Stack gap="lg">
        <Title order={1}>{t.workingCalendar.title}</Title>
        <Text>{t.workingCalendar.lead}</Text>
        {body}
      </Stack>
    </Container>
  );
}

function CalendarEditor() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = yearFromParam(params.get('nam'));
  const current = yearFromParam(null);
  const calendar = useQuery(calendarYearQuery(year));
  const [status, setStatus] = useState<string>();

  const showYear = (y: number) => setParams(y === current ? {} : { nam: String(y) }, { replace: true });

  return (
    <Stack gap="xl">
      <NativeSelect
        label={t.workingCalendar.year}
        value={String(year)}
        data={yearOptions(year, current).map(String)}
        onChange={(e) => {
          setStatus(undefined);
          showYear(Number(e.currentTarget.value));
        }}
        w={160}
      />
      {status && (
        <Alert color="green" variant="light" role="status">
          {status}
        </Alert>
      )}
      {calendar.isPending ? (
        <Group gap="sm" aria-busy="true">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t.workingCalendar.loading}</Text>
        </Group>
      ) : calendar.isError ? (
        <ErrorState error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : (
        <YearView data={calendar.data} onStatus={setStatus} />
      )}
      <AddOverrideForm
        onSaved={(date) => {
          setStatus(t.workingCalendar.saved(formatIsoDate(date)));
          const savedYear = Number(date.slice(0, 4));
          if (savedYear !== year) showYear(savedYear);
        }}
      />
    </Stack>
  );
}

function YearView({ data, onStatus }: { data: CalendarYear; onStatus: (message: string) => void }) {
  const { t } = useI18n();
  const clear = useClearCalendarDay();
  const weekday = (date: string) => t.workingCalendar.weekdays[weekdayOf(date)];
  const sessions = data.workingHours.map((s) => `${s.start}–${s.end}`).join(', ');

  return (
    <>
      <section aria-labelledby="calendar-summary">
        <Title order={2} id="calendar-summary" mb="sm">
          {t.workingCalendar.summaryTitle}
        </Title>
        <Text>{t.workingCalendar.workingDays(data.workingDays)}</Text>
        <Text>{t.workingCalendar.workingHours(sessions)}</Text>
      </section>

      <section aria-labelledby="calendar-holidays">
        <Title order={2} id="calendar-holidays" mb="sm">
          {t.workingCalendar.holidaysTitle}
        </Title>
        <div className={classes.scroll} role="region" aria-labelledby="calendar-holidays" tabIndex={0}>
          <table className={classes.table}>
            <caption>{t.workingCalendar.holidaysCaption(data.year)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.workingCalendar.date}</th>
                <th scope="col">{t.workingCalendar.weekday}</th>
                <th scope="col">{t.workingCalendar.name}</th>
                <th scope="col">{t.workingCalendar.state}</th>
              </tr>
            </thead>
            <tbody>
              {data.holidays.map((h) => (
                <tr key={h.date}>
                  <td>{formatIsoDate(h.date)}</td>
                  <td>{weekday(h.date)}</td>
                  <td lang="vi">{h.name}</td>
                  <td>{h.working ? t.workingCalendar.workingByOverride : t.workingCalendar.dayOff}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="calendar-overrides">
        <Title order={2} id="calendar-overrides" mb="sm">
          {t.workingCalendar.overridesTitle}
        </Title>
        {data.overrides.length === 0 ? (
          <Text>{t.workingCalendar.noOverrides}</Text>
        ) : (
          <div className={classes.scroll} role="region" aria-labelledby="calendar-overrides" tabIndex={0}>
            <table className={classes.table}>
              <caption>{t.workingCalendar.overridesCaption(data.year)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.workingCalendar.date}</th>
                  <th scope="col">{t.workingCalendar.weekday}</th>
                  <th scope="col">{t.workingCalendar.kind}</th>
                  <th scope="col">{t.workingCalendar.note}</th>
                  <th scope="col">{t.workingCalendar.actions}</th>
                </tr>
              </thead>
              <tbody>
                {data.overrides.map((o) => (
                  <tr key={o.date}>
                    <td>{formatIsoDate(o.date)}</td>
                    <td>{weekday(o.date)}</td>
                    <td>{o.kind === 'WORKING' ? t.workingCalendar.kindWorking : t.workingCalendar.kindDayOff}</td>
                    <td lang="vi">{o.note}</td>
                    <td>
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        aria-label={t.workingCalendar.removeLabel(formatIsoDate(o.date))}
                        loading={clear.isPending && clear.variables === o.date}
                        onClick={() => clear.mutate(o.date, { onSuccess: () => onStatus(t.workingCalendar.removed(formatIsoDate(o.date))) })}
                      >
                        {t.workingCalendar.remove}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {clear.isError && <ErrorState error={clear.error} onRetry={() => clear.reset()} />}
      </section>
    </>
  );
}

type Field = 'date' | 'kind' | 'note';
const order: Field[] = ['date', 'kind', 'note'];
// The date travels in the path: its problems come back as `params.date`.
const apiFields: Record<string, Field> = { params: 'date', kind: 'kind', note: 'note' };

function AddOverrideForm({ onSaved }: { onSaved: (date: string) => void }) {
  const { t } = useI18n();
  const form = useFormState<Field>({ date: '', kind: 'WORKING', note: '' });
  const save = useSetCalendarDay();

  const summary: SummaryItem[] = [
    ...order.filter((f) => form.errors[f]).map((f) => ({ message: form.errors[f]!, fieldId: f === 'kind' ? 'kind-WORKING' : f })),
    ...(form.formError ? [{ message: form.formError }] : []),
  ];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors: FieldErrors<Field> = {};
    if (!isEditableDate(form.values.date)) errors.date = t.workingCalendar.dateRequired;
    if (form.values.kind !== 'WORKING' && form.values.kind !== 'DAY_OFF') errors.kind = t.workingCalendar.kindRequired;
    if (Object.keys(errors).length > 0) return form.fail(errors);
    const date = form.values.date;
    save.mutate(
      { date, body: { kind: form.values.kind as CalendarDayKind, note: form.values.note.trim() } },
      {
        onSuccess: () => {
          form.clearErrors();
          form.setValues({ date: '', kind: form.values.kind, note: '' });
          onSaved(date);
        },
        onError: (error) => {
          const { fields, other } = serverFieldErrors(error, apiFields);
          const whole = isApiError(error) && error.code !== 'network' ? error.title : t.errors.network;
          form.fail(fields, other[0] ?? (Object.keys(fields).length === 0 ? whole : undefined));
        },
      },
    );
  }

  return (
    <Paper component="section" withBorder p="md" aria-labelledby="calendar-add">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Title order={2} id="calendar-add">
            {t.workingCalendar.addTitle}
          </Title>
          <Text size="sm">{t.workingCalendar.addLead}</Text>
          <ErrorSummary items={summary} attempt={form.attempt} />
          <TextInput {...form.bind('date')} type="date" label={t.workingCalendar.date} description={t.workingCalendar.dateHint} required w={{ base: '100%', xs: 240 }} />
          <Radio.Group
            label={t.workingCalendar.kind}
            value={form.values.kind}
            onChange={form.set('kind')}
            error={form.errors.kind}
            required
          >
            <Stack gap="xs" mt="xs">
              <Radio id="kind-WORKING" value="WORKING" label={t.workingCalendar.kindWorking} />
              <Radio id="kind-DAY_OFF" value="DAY_OFF" label={t.workingCalendar.kindDayOff} />
            </Stack>
          </Radio.Group>
          <TextInput {...form.bind('note')} label={t.workingCalendar.note} placeholder={t.workingCalendar.notePlaceholder} maxLength={300} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t.workingCalendar.save}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
