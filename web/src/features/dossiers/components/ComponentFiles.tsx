import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { isApiError, errorTitle } from '../../../api/problem';
import { RequirementBadge } from '../../../components/RequirementBadge';
import { useI18n } from '../../../i18n/context';
import { formatBytes } from '../../../lib/format';
import { acceptAttribute, componentCardId, typeNames } from '../journey';
import { dossierKeys } from '../keys';
import type { Dossier, DossierAttachment, DossierComponent } from '../types';
import { removeAttachment, uploadAttachment } from '../upload';
import { dossierFiles } from '../urls';
import classes from './Dossiers.module.css';

/**
 * The files of each component: choose, watch the upload, replace or remove; server errors in words.
 * With `flagMissing`, each required component without a file is marked in place.
 */
export function ComponentFiles({ dossier, editable, headingLevel = 2, flagMissing = false }: { dossier: Dossier; editable?: (component: DossierComponent) => boolean; headingLevel?: 2 | 3; flagMissing?: boolean }) {
  return (
    <ul className={classes.list}>
      {dossier.components.map((component) => (
        <li key={component.id}>
          <ComponentCard dossier={dossier} component={component} editable={editable ? editable(component) : true} headingLevel={headingLevel} flagMissing={flagMissing} />
        </li>
      ))}
    </ul>
  );
}

function ComponentCard({ dossier, component, editable, headingLevel, flagMissing }: { dossier: Dossier; component: DossierComponent; editable: boolean; headingLevel: 2 | 3; flagMissing: boolean }) {
  const { t, lang } = useI18n();
  const d = t.dossiers;
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const errorId = useId();
  const missingId = useId();
  const byForm = component.filledByForm && component.attachments.length === 0;
  const missing = flagMissing && component.mandatory && !component.filledByForm && component.attachments.length === 0;
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const current = component.attachments.filter((a) => a.supplementRound === (dossier.supplementRequest && !dossier.supplementRequest.answeredAt ? dossier.supplementRequest.round : a.supplementRound));
  const earlier = component.attachments.filter((a) => !current.includes(a));

  const refresh = () => queryClient.invalidateQueries({ queryKey: dossierKeys.one(dossier.id) });

  async function onFile(file: File | undefined) {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      // Replacing: the new file goes up first, the old one is removed once it is safe.
      const replaced = current[0];
      const added = await uploadAttachment(dossier.id, component.id, file, setProgress);
      if (replaced) await removeAttachment(dossier.id, replaced.id).catch(() => undefined);
      setAnnounce(d.uploaded(added.fileName));
    } catch (e) {
      setError(isApiError(e) ? (e.errors[0]?.message && e.errors[0].message !== e.title ? `${e.title} ${e.errors[0].message}` : e.title) : errorTitle(e));
    } finally {
      setProgress(null);
      if (inputRef.current) inputRef.current.value = '';
      await refresh();
    }
  }

  async function onRemove(attachment: DossierAttachment) {
    setError(null);
    try {
      await removeAttachment(dossier.id, attachment.id);
    } catch (e) {
      setError(errorTitle(e));
    }
    await refresh();
  }

  return (
    <Paper withBorder radius="md" p="md" aria-labelledby={titleId} component="section" id={componentCardId(component.id)} className={missing ? classes.missing : undefined} data-missing={missing || undefined}>
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
          <Title order={headingLevel} size="h5" id={titleId} lang="vi" style={{ overflowWrap: 'anywhere' }}>
            {component.name}
          </Title>
          <RequirementBadge mandatory={component.mandatory} filledByForm={byForm} />
        </Group>
        {component.description ? <Text size="sm">{component.description}</Text> : null}
        {/* The component the e-form stands for takes no file: no upload limits for it. */}
        {byForm ? null : (
          <Text size="sm" c="gray.8">
            {d.allowed(typeNames(component.allowedTypes), formatBytes(component.maxBytes, lang), component.maxFiles)}
            {d.quantity(component.originals, component.copies) ? ` · ${d.quantity(component.originals, component.copies)}` : ''}
          </Text>
        )}
        {earlier.map((a) => (
          <FileLine key={a.id} dossierId={dossier.id} attachment={a} />
        ))}
        {byForm ? (
          <Text size="sm" c="gray.8">
            {d.filledByFormHere}
          </Text>
        ) : null}
        {current.length === 0 && earlier.length === 0 && !missing && !byForm ? (
          <Text size="sm" fs="italic" c="gray.8">
            {d.noFile}
          </Text>
        ) : null}
        {current.map((a) => (
          <FileLine key={a.id} dossierId={dossier.id} attachment={a} onRemove={editable ? () => void onRemove(a) : undefined} />
        ))}
        {missing ? (
          <Text size="sm" c="red.9" fw={600} id={missingId}>
            {d.missingHere}
          </Text>
        ) : null}
        {progress !== null ? (
          <div>
            <Text size="sm">{d.uploading(progress)}</Text>
            <progress className={classes.upload} value={progress} max={100} aria-label={d.uploading(progress)} />
          </div>
        ) : null}
        {error ? (
          <Alert color="red" variant="light" role="alert" id={errorId} p="xs">
            <Text size="sm" c="red.9" fw={600}>
              {error}
            </Text>
          </Alert>
        ) : null}
        <span className="visually-hidden" role="status">
          {announce}
        </span>
        {editable && !byForm ? (
          <>
            <input
              ref={inputRef}
              type="file"
              className="visually-hidden"
              accept={acceptAttribute(component.allowedTypes)}
              aria-label={d.chooseFileFor(component.name)}
              aria-describedby={error ? errorId : undefined}
              data-component-id={component.id}
              tabIndex={-1}
              onChange={(e) => void onFile(e.currentTarget.files?.[0])}
            />
            <Button variant={current.length ? 'default' : 'outline'} onClick={() => inputRef.current?.click()} loading={progress !== null} aria-label={`${current.length ? d.replaceFile : d.chooseFile}: ${component.name}`} aria-describedby={missing ? missingId : undefined}>
              {current.length ? d.replaceFile : d.chooseFile}
            </Button>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

function FileLine({ dossierId, attachment, onRemove }: { dossierId: string; attachment: DossierAttachment; onRemove?: () => void }) {
  const { t, lang } = useI18n();
  const d = t.dossiers;
  return (
    <Group gap="xs" justify="space-between" wrap="nowrap">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {attachment.scanStatus === 'CLEAN' ? (
          <Anchor href={dossierFiles.attachment(dossierId, attachment.id)} target="_blank" rel="noopener" underline="always">
            {attachment.fileName}
          </Anchor>
        ) : (
          <>
            {attachment.fileName}{' '}
            <Text span size="xs" c={attachment.scanStatus === 'INFECTED' ? 'red.9' : 'orange.9'}>
              ({attachment.scanMessage ?? d.scanPending})
            </Text>
          </>
        )}{' '}
        <Text span size="xs" c="gray.8">
          {formatBytes(attachment.sizeBytes, lang)}
        </Text>
      </Text>
      {onRemove ? (
        <Button variant="subtle" color="red" c="red.9" size="compact-sm" onClick={onRemove} aria-label={d.removeFileNamed(attachment.fileName)}>
          {d.removeFile}
        </Button>
      ) : null}
    </Group>
  );
}
