import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { localName } from '../procedure-view';
import { RESULTS_PATH, resultsHref } from '../search-state';
import type { ProcedureDetail } from '../types';
import { LevelBadge } from './LevelBadge';

/** `action`: the primary action shown right under the facts (on a phone, "Nộp hồ sơ trực tuyến"). */
export function ProcedureHeader({ procedure, action }: { procedure: ProcedureDetail; action?: ReactNode }) {
  const { t, lang } = useI18n();
  return (
    <Stack gap="sm">
      <nav aria-label={t.procedure.breadcrumb}>
        <Breadcrumbs separator="›" separatorMargin={6} styles={{ root: { flexWrap: 'wrap', rowGap: 4 } }}>
          <Anchor component={Link} to="/" size="sm">
            {t.layout.navHome}
          </Anchor>
          <Anchor component={Link} to={RESULTS_PATH} size="sm">
            {t.layout.navProcedures}
          </Anchor>
          <Anchor component={Link} to={resultsHref({ field: procedure.field.code })} size="sm">
            {localName(procedure.field, lang)}
          </Anchor>
        </Breadcrumbs>
      </nav>
      <Title order={1} lang={lang === 'en' && procedure.nameEn ? 'en' : 'vi'}>
        {localName(procedure, lang)}
      </Title>
      {lang === 'en' && procedure.nameEn ? (
        <Text lang="vi" c="dimmed">
          {procedure.name}
        </Text>
      ) : null}
      <Group gap="md" wrap="wrap">
        <LevelBadge level={procedure.onlineLevel} />
        <Text size="sm">
          {t.procedure.code}: <strong>{procedure.code}</strong>
        </Text>
        <Text size="sm">
          {t.procedure.field}: <strong>{localName(procedure.field, lang)}</strong>
        </Text>
      </Group>
      {action}
      {procedure.description ? <Text lang="vi">{procedure.description}</Text> : null}
    </Stack>
  );
}
