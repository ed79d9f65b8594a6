import '@mantine/core/styles/Progress.css';
import { Alert, Anchor, Button, Container, List, Loader, Progress, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { meQuery } from '../queries';
import { ACCOUNT_PATH, loginHref } from '../redirect';

export const PERSONAL_DATA_PATH = '/tai-khoan/du-lieu-ca-nhan';
const EXPORT_URL = '/api/v1/me/personal-data/export';

type State =
  | { kind: 'idle' }
  | { kind: 'preparing' }
  | { kind: 'downloading'; percent: number }
  | { kind: 'done'; size: number }
  | { kind: 'error'; message: string };

function fileNameOf(disposition: string | null) {
  const star = disposition ? /filename\*=UTF-8''([^;]+)/i.exec(disposition) : null;
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return plain?.[1] ?? 'du-lieu-ca-nhan.zip';
}

function sizeText(bytes: number) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** "Dữ liệu cá nhân của tôi": what is included, and a download of it all as one ZIP with its progress. */
export function PersonalDataPage() {
  const { t } = useI18n();
  const p = t.privacy;
  useDocumentTitle(p.title);
  const me = useQuery(meQuery());
  const [state, setState] = useState<State>({ kind: 'idle' });

  if (me.isPending) return <Container size="sm" py="xl" aria-busy="true"><Loader size="sm" aria-hidden="true" /></Container>;
  if (!me.data) return <Navigate to={loginHref(PERSONAL_DATA_PATH)} replace />;

  async function download() {
    setState({ kind: 'preparing' });
    try {
      const response = await fetch(EXPORT_URL, { credentials: 'same-origin', headers: { accept: 'application/zip' } });
      if (!response.ok || !response.body) {
        setState({ kind: 'error', message: response.status === 429 ? p.rateLimited : p.failed });
        return;
      }
      const total = Number(response.headers.get('content-length') ?? 0);
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      setState({ kind: 'downloading', percent: 0 });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        received += value.length;
        if (total > 0) setState({ kind: 'downloading', percent: Math.min(100, Math.round((received / total) * 100)) });
      }
      const url = URL.createObjectURL(new Blob(chunks, { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileNameOf(response.headers.get('content-disposition'));
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ kind: 'done', size: received });
    } catch {
      setState({ kind: 'error', message: p.failed });
    }
  }

  const busy = state.kind === 'preparing' || state.kind === 'downloading';
  return (
    <Container size="sm" py="xl" px="md">
      <Stack gap="lg">
        <Title order={1}>{p.title}</Title>
        <Text>{p.lead}</Text>
        <section aria-labelledby="included-title">
          <Title order={2} size="h3" id="included-title" mb="xs">{p.includedTitle}</Title>
          <List spacing="xs">
            {p.included.map((item) => <List.Item key={item}>{item}</List.Item>)}
          </List>
        </section>
        <Text size="sm">{p.excluded}</Text>
        <Text size="sm">{p.retention}</Text>
        <div>
          <Button size="md" onClick={() => void download()} loading={busy} disabled={busy}>{p.download}</Button>
        </div>
        <div aria-live="polite">
          {state.kind === 'preparing' ? <Text role="status">{p.preparing}</Text> : null}
          {state.kind === 'downloading' ? (
            <Stack gap={4}>
              <Text role="status">{p.progress(state.percent)}</Text>
              <Progress value={state.percent} aria-label={p.progressLabel} />
            </Stack>
          ) : null}
          {state.kind === 'done' ? <Alert color="green" variant="light" role="status">{p.done(sizeText(state.size))}</Alert> : null}
        </div>
        {state.kind === 'error' ? <Alert color="red" variant="light" role="alert">{state.message}</Alert> : null}
        <Anchor component={Link} to={ACCOUNT_PATH} underline="always">{p.back}</Anchor>
      </Stack>
    </Container>
  );
}
