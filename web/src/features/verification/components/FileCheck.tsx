import { Alert, Button, FileButton, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../../i18n/context';
import { checkFile, groupDigest, type Digest, type FileCheckResult } from '../file-check';
import classes from './Verification.module.css';

/**
 * "Kiểm tra tệp bạn đang có": the visitor picks a file, its SHA-256 is computed in the browser
 * and compared with the original's. The verdict is announced (role="status").
 */
export function FileCheck({ expectedSha256, digest, initial = { state: 'idle' } }: { expectedSha256: string; digest: Digest | undefined; initial?: FileCheckResult }) {
  const { t } = useI18n();
  const v = t.verification;
  const [result, setResult] = useState<FileCheckResult>(initial);

  async function onFile(file: File | null) {
    if (!file || !digest) return;
    setResult({ state: 'checking', fileName: file.name });
    setResult(await checkFile(file, expectedSha256, digest));
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="verify-check">
      <Stack gap="sm">
        <Title order={2} size="h4" id="verify-check">
          {v.checkTitle}
        </Title>
        <Text>{v.checkLead}</Text>
        {digest ? (
          <FileButton onChange={(file) => void onFile(file)} accept="application/pdf,.pdf">
            {(props) => (
              <Button {...props} size="md" variant={result.state === 'done' ? 'default' : 'filled'} loading={result.state === 'checking'} style={{ alignSelf: 'flex-start' }}>
                {result.state === 'done' || result.state === 'failed' ? v.chooseAnother : v.chooseFile}
              </Button>
            )}
          </FileButton>
        ) : (
          <Alert color="yellow" variant="light">
            {v.unsupported}
          </Alert>
        )}
        <div role="status" aria-live="polite">
          {result.state === 'checking' ? <Text size="sm">{v.checking(result.fileName)}</Text> : null}
          {result.state === 'failed' ? (
            <Alert color="red" variant="light" title={v.readFailed}>
              {result.fileName}
            </Alert>
          ) : null}
          {result.state === 'done' ? (
            <Alert color={result.match ? 'green' : 'red'} variant="light" title={result.match ? v.match : v.noMatch} data-testid="file-check-verdict">
              <Stack gap={4}>
                <Text size="sm">{result.match ? v.matchDetail(result.fileName) : v.noMatchDetail(result.fileName)}</Text>
                <Text size="sm" fw={600}>
                  {v.fileDigest}:
                </Text>
                <Text size="sm" className={classes.digest}>
                  {groupDigest(result.digest)}
                </Text>
              </Stack>
            </Alert>
          ) : null}
        </div>
      </Stack>
    </Paper>
  );
}
