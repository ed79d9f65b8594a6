import { Anchor, Text } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import { formatIsoDate } from '../../../lib/format';
import type { LegalDoc } from '../types';

/** "28/2023/QH15 — Luật Tài nguyên nước (Quốc hội, ban hành ngày 27/11/2023)", linked when a URL is known. */
export function LegalDocLine({ doc }: { doc: LegalDoc }) {
  const { t } = useI18n();
  const issued = t.procedure.issued(doc.issuer, doc.issuedOn ? formatIsoDate(doc.issuedOn) : undefined);
  const label = `${doc.number} — ${doc.title}`;
  return (
    <>
      {doc.url ? (
        <Anchor href={doc.url} underline="always" rel="noopener noreferrer">
          {label}
        </Anchor>
      ) : (
        <Text component="span">{label}</Text>
      )}
      {issued ? (
        <Text component="span" size="sm" c="dimmed">
          {' '}
          ({issued})
        </Text>
      ) : null}
    </>
  );
}
