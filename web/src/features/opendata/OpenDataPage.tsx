import { Anchor, Badge, Container, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { useI18n } from '../../i18n/context';
import { useDocumentTitle } from '../../lib/use-document-title';

interface Distribution { 'dct:title': string; 'dcat:downloadURL': string; 'dcat:mediaType': string; 'dct:conformsTo': string }
interface Dataset {
  '@id': string;
  'dct:identifier': string;
  'dct:title': { vi: string; en: string };
  'dct:description': { vi: string; en: string };
  'adms:status': 'completed' | 'planned';
  'dcat:distribution': Distribution[];
}

const pathOf = (url: string) => { try { return new URL(url).pathname; } catch { return url; } };

/** /du-lieu-mo: the open datasets (DCAT-AP catalogue), their files, schemas and licence. */
export function OpenDataPage() {
  const { t, lang } = useI18n();
  const m = t.openData;
  useDocumentTitle(m.title);
  const catalog = useQuery({
    queryKey: ['open-data', 'catalog'],
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/open-data/catalog.json', { signal }))) as unknown as { 'dct:license': string; 'dcat:dataset': Dataset[] },
  });

  return (
    <Container size="md" py="xl" px="md">
      <Stack gap="lg">
        <Title order={1}>{m.title}</Title>
        <Text>{m.lead}</Text>
        <Text>
          {m.licence}: <Anchor href="https://creativecommons.org/licenses/by/4.0/deed.vi" rel="license">CC BY 4.0</Anchor>
          {' · '}
          <Anchor href="/api/v1/open-data/catalog.json">{m.catalogLink}</Anchor>
        </Text>
        {catalog.isPending ? <Text role="status">…</Text> : catalog.isError ? <ErrorState error={catalog.error} onRetry={() => void catalog.refetch()} /> : (
          <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {catalog.data['dcat:dataset'].map((d) => (
              <li key={d['@id']}>
                <Paper withBorder radius="md" p="md">
                  <Stack gap="xs">
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>{d['dct:title'][lang === 'en' ? 'en' : 'vi']}</Title>
                      {d['adms:status'] === 'planned' ? <Badge color="orange.9" variant="outline">{m.coming}</Badge> : null}
                    </Group>
                    <Text>{d['dct:description'][lang === 'en' ? 'en' : 'vi']}</Text>
                    {d['dcat:distribution'].length ? (
                      <List spacing={4}>
                        {d['dcat:distribution'].map((f) => (
                          <List.Item key={f['dcat:downloadURL']}>
                            <Anchor href={pathOf(f['dcat:downloadURL'])}>{m.download(f['dct:title'])}</Anchor>
                            {' · '}
                            <Anchor href={pathOf(f['dct:conformsTo'])}>{m.schema} ({f['dct:title']})</Anchor>
                          </List.Item>
                        ))}
                      </List>
                    ) : null}
                  </Stack>
                </Paper>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Container>
  );
}
