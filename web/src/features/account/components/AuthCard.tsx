import { Container, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The narrow column of the sign-in and sign-up pages, with the page's one h1. */
export function AuthCard({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  return (
    <Container size="xs" py="xl" px="md">
      <Stack gap="md">
        <Title order={1}>{title}</Title>
        {lead ? <Text size="lg">{lead}</Text> : null}
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          {children}
        </Paper>
      </Stack>
    </Container>
  );
}
