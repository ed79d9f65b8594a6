import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../api/problem';
import { useI18n } from '../../../i18n/context';
import { isStale, needsForm } from '../action-form';
import { useTakeAction } from '../queries';
import type { ActionBody, AvailableAction, ProcessingView } from '../types';
import { backofficePaths } from '../urls';
import { ActionModal } from './ActionModal';
import classes from './Backoffice.module.css';

const variants: Record<AvailableAction['kind'], string> = {
  FORWARD: 'filled',
  FINISH: 'filled',
  OFFICE: 'outline',
  SEND_BACK: 'outline',
  REQUEST_SUPPLEMENT: 'outline',
  COORDINATE: 'outline',
  PAYMENT: 'outline',
  STOP: 'outline',
};

/**
 * The actions the API lists for the signed-in official, as buttons, and nothing else. An action
 * that needs something opens its form; after it, a notice, and a way back to the inbox when the
 * dossier has left the official's hands.
 */
export function ActionPanel({ dossierId, processing, components }: { dossierId: string; processing: ProcessingView; components: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const b = t.backoffice;
  const take = useTakeAction(dossierId);
  const [open, setOpen] = useState<AvailableAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const left = done !== null && processing.actions.length === 0;

  async function send(action: AvailableAction, body: ActionBody) {
    setProblem(null);
    setDone(null);
    try {
      await take.mutateAsync({ action: action.action, body });
      setOpen(null);
      setDone(b.actionDone(action.label));
    } catch (error) {
      if (isStale(error)) {
        setOpen(null);
        setProblem(`${isApiError(error) ? error.title : ''} ${b.staleAction}`.trim());
        return;
      }
      throw error;
    }
  }

  async function direct(action: AvailableAction) {
    setPending(action.action);
    try {
      await send(action, {});
    } catch (error) {
      setProblem(isApiError(error) ? (error.errors[0]?.message ?? error.title) : t.errors.network);
    } finally {
      setPending(null);
    }
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="actions-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="actions-title">{b.actionsTitle}</Title>
        {done ? (
          <Alert color="green" variant="light" role="status">
            <Text fw={600} lang="vi">{done}</Text>
            {left ? (
              <Text size="sm" mt={4}>
                {b.leftHands}{' '}
                <Anchor component={Link} to={backofficePaths.inbox} underline="always" fw={600}>{b.backToInbox}</Anchor>
              </Text>
            ) : null}
          </Alert>
        ) : null}
        {problem ? (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm" lang="vi">{problem}</Text>
          </Alert>
        ) : null}
        {processing.actions.length === 0 ? (
          done ? null : <Text size="sm">{b.noActions}</Text>
        ) : (
          <div className={classes.actions}>
            {processing.actions.map((a) => {
              const candidates = processing.candidates[a.action];
              const form = needsForm(a, candidates);
              return (
                <Button
                  key={a.action}
                  variant={variants[a.kind]}
                  color={a.kind === 'STOP' ? 'red.9' : undefined}
                  loading={pending === a.action}
                  aria-haspopup={form ? 'dialog' : undefined}
                  onClick={() => (form ? setOpen(a) : void direct(a))}
                >
                  <span lang="vi">{a.label}</span>
                </Button>
              );
            })}
          </div>
        )}
      </Stack>
      {open ? (
        <ActionModal
          key={open.action}
          action={open}
          candidates={processing.candidates[open.action]}
          components={components}
          opened
          onClose={() => setOpen(null)}
          onSubmit={(body) => send(open, body)}
        />
      ) : null}
    </Paper>
  );
}
