import { Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { groupDigest } from '../file-check';
import { vnDay, vnMoment } from '../format';
import { formatVnd } from '../../../lib/format';
import type { DocumentVerification } from '../types';
import classes from './Verification.module.css';
import termsClasses from '../../../components/Terms.module.css';

/** What the verification API answers about a signed document, as a description list. */
export function VerificationFacts({ data }: { data: DocumentVerification }) {
  const { t, lang } = useI18n();
  const v = t.verification;
  const issued = data.status === 'ISSUED';
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="verify-facts">
        <Title order={2} size="h4" id="verify-facts" mb="sm">
          {v.factsTitle}
        </Title>
        <dl className={termsClasses.terms}>
          <dt>{v.document}</dt>
          <dd>
            <Text fw={700} span>
              {data.title}
            </Text>
            <Text size="sm" c="gray.8">
              {v.kinds[data.kind] ?? data.kind}
            </Text>
          </dd>
          <dt>{v.status}</dt>
          <dd>
            <Badge color={issued ? 'green.9' : 'orange.9'} variant="filled" size="lg" radius="sm">
              {issued ? v.statusIssued : v.statusSigned}
            </Badge>
            {issued ? null : (
              <Text size="sm" c="gray.8" mt={4}>
                {v.statusSignedHint}
              </Text>
            )}
          </dd>
          {data.number ? (
            <>
              <dt>{v.number}</dt>
              <dd>{data.number}</dd>
            </>
          ) : null}
          {data.issuedAt ? (
            <>
              <dt>{v.issuedAt}</dt>
              <dd>{vnDay(data.issuedAt)}</dd>
            </>
          ) : null}
          <dt>{v.signer}</dt>
          <dd>{data.signer?.commonName ?? v.noSigner}</dd>
          {data.signedAt ? (
            <>
              <dt>{v.signedAt}</dt>
              <dd>{vnMoment(data.signedAt)}</dd>
            </>
          ) : null}
          {data.agencyName ? (
            <>
              <dt>{v.agency}</dt>
              <dd>{data.agencyName}</dd>
            </>
          ) : null}
          {data.receipt?.status === 'CANCELLED' ? (
            <>
              <dt>{v.receiptCancelled}</dt>
              <dd>
                <Badge color="red.9" variant="filled" size="lg" radius="sm">{v.receiptCancelled}</Badge>
                <Text size="sm" c="gray.8" mt={4} lang="vi">{v.receiptCancelledHint(data.receipt.cancelledAt ? vnMoment(data.receipt.cancelledAt) : '', data.receipt.cancelReason ?? '')}</Text>
              </dd>
            </>
          ) : null}
          {data.receipt && data.receipt.status !== 'CANCELLED' && data.receipt.refundedAmount > 0 ? (
            <>
              <dt>{v.receiptRefunded}</dt>
              <dd>{v.receiptRefundedValue(formatVnd(data.receipt.refundedAmount, lang), vnMoment(data.receipt.refunds.at(-1)?.at ?? data.receipt.paidAt))}</dd>
            </>
          ) : null}
          {data.receipt ? (
            <>
              <dt>{v.receiptForm}</dt>
              <dd>{data.receipt.formCode}</dd>
              <dt>{v.receiptAmount}</dt>
              <dd><Text fw={700} span>{formatVnd(data.receipt.amount, lang)}</Text></dd>
              <dt>{v.receiptAmountInWords}</dt>
              <dd lang="vi">{data.receipt.amountInWords}</dd>
              <dt>{v.receiptItems}</dt>
              <dd lang="vi">{data.receipt.items.map((i) => `${i.name}: ${formatVnd(i.amount, lang)}`).join('; ')}</dd>
              <dt>{v.receiptPaidAt}</dt>
              <dd>{vnMoment(data.receipt.paidAt)}</dd>
            </>
          ) : null}
          <dt>{v.procedure}</dt>
          <dd>{data.procedureName}</dd>
          {data.dossierCode ? (
            <>
              <dt>{v.dossierCode}</dt>
              <dd>{data.dossierCode}</dd>
            </>
          ) : null}
          <dt>{v.documentId}</dt>
          <dd>{data.documentId}</dd>
        </dl>
      </Paper>

      {data.signer ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="verify-certificate">
          <Title order={2} size="h4" id="verify-certificate" mb="sm">
            {v.certificateTitle}
          </Title>
          <dl className={termsClasses.terms}>
            <dt>{v.certificateSubject}</dt>
            <dd>{data.signer.subject}</dd>
            <dt>{v.certificateSerial}</dt>
            <dd className={classes.digest}>{data.signer.serialNumber}</dd>
            <dt>{v.certificateIssuer}</dt>
            <dd>{data.signer.issuer}</dd>
          </dl>
        </Paper>
      ) : null}

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="verify-digest">
        <Title order={2} size="h4" id="verify-digest" mb="xs">
          {v.sha256}
        </Title>
        <Text className={classes.digest} data-testid="original-sha256">
          {groupDigest(data.sha256)}
        </Text>
        <Text size="sm" c="gray.8" mt="xs">
          {v.sha256Hint}
        </Text>
      </Paper>
    </Stack>
  );
}
