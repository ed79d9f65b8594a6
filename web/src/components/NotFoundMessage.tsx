import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../i18n/context';

export function NotFoundMessage({ title, text }: { title: string; text: string }) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack gap="md">
        <Title order={1}>{title}</Title>
        <Text>{text}</Text>
        <Group gap="lg">
          <Anchor component={Link} to="/thu-tuc" underline="always">
            {t.errors.searchInstead}
          </Anchor>
          <Anchor component={Link} to="/" underline="always">
            {t.errors.backHome}
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}
