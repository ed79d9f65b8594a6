import { Group, Stack, Text } from '@mantine/core';
import { RequirementBadge } from '../../../components/RequirementBadge';
import { useI18n } from '../../../i18n/context';
import type { CaseComponent } from '../types';
import classes from './DocumentItem.module.css';
import { TemplateLink } from './TemplateLink';

export function DocumentItem({ component }: { component: CaseComponent }) {
  const { t } = useI18n();
  const quantity = t.procedure.quantity(component.originals, component.copies);
  return (
    <Stack gap={6} className={classes.item}>
      <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
        <Text fw={600} lang="vi">
          {component.name}
        </Text>
        <RequirementBadge mandatory={component.mandatory} />
      </Group>
      {component.description ? <Text size="sm" lang="vi">{component.description}</Text> : null}
      {component.filledByForm ? <Text size="sm">{t.procedure.filledByFormNote}</Text> : null}
      {quantity ? (
        <Text size="sm" c="dimmed">
          {quantity}
        </Text>
      ) : null}
      {component.templates.length > 0 ? (
        <ul className={classes.templates}>
          {component.templates.map((tpl) => (
            <li key={tpl.id}>
              <TemplateLink template={tpl} />
            </li>
          ))}
        </ul>
      ) : null}
    </Stack>
  );
}
