import { Anchor, Button, Container, Group, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import { useDocumentTitle } from '../../../lib/use-document-title';
import type { Me } from '../../account/types';
import { RequireUser } from '../../dossiers/components/RequireUser';
import { formatNotificationTime, notificationHref } from '../notification-view';
import { notificationsQuery, useMarkAllRead, useMarkRead } from '../queries';
import type { Notification } from '../types';
import classes from './NotificationsPage.module.css';

/** /thong-bao: the signed-in person's notifications, newest first. */
export function NotificationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t.notifications.title);
  return <RequireUser>{(me) => <Notifications me={me} />}</RequireUser>;
}

function Notifications({ me }: { me: Me }) {
  const { t } = useI18n();
  const n = t.notifications;
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('chua-doc') === '1';
  const page = Math.max(1, Number(params.get('trang')) || 1);
  const list = useQuery(notificationsQuery(page, unreadOnly));
  const markAll = useMarkAllRead();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;

  return (
    <Container size="md" py="lg" px="md">
      <Stack gap="md">
        <Title order={1} ref={headingRef} tabIndex={-1}>{n.title}</Title>
        <Group justify="space-between" align="center" gap="sm">
          <Group gap={4} role="group" aria-label={n.filterLabel}>
            <Button size="sm" variant={unreadOnly ? 'default' : 'filled'} aria-pressed={!unreadOnly} onClick={() => setParams({})}>
              {n.showAll}
            </Button>
            <Button size="sm" variant={unreadOnly ? 'filled' : 'default'} aria-pressed={unreadOnly} onClick={() => setParams({ 'chua-doc': '1' })}>
              {n.showUnread}
            </Button>
          </Group>
          {list.data && list.data.unread > 0 ? (
            <Button variant="light" loading={markAll.isPending} onClick={() => markAll.mutate(undefined, { onSuccess: () => headingRef.current?.focus() })}>
              {n.markAllRead}
            </Button>
          ) : null}
        </Group>
        {list.data ? <Text size="sm" role="status">{n.unreadSummary(list.data.unread)}</Text> : null}
        {markAll.isError ? <Text size="sm" c="red.9" role="alert">{n.markFailed}</Text> : null}
        {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.isPending ? <Text aria-busy="true">{n.loading}</Text> : null}
        {list.data && list.data.items.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text>{unreadOnly && list.data.unread === 0 && page === 1 ? n.emptyUnread : n.empty}</Text>
          </Paper>
        ) : null}
        {list.data && list.data.items.length > 0 ? (
          <ul className={classes.list} aria-label={n.listLabel}>
            {list.data.items.map((item) => (
              <li key={item.id}>
                <NotificationItem item={item} userKind={me.kind} onGone={() => headingRef.current?.focus()} />
              </li>
            ))}
          </ul>
        ) : null}
        {list.data && pages > 1 ? (
          <Group justify="center">
            <Pagination
              total={pages}
              value={page}
              onChange={(p) => setParams({ ...(unreadOnly ? { 'chua-doc': '1' } : {}), trang: String(p) })}
              getControlProps={(control) => ({ 'aria-label': control === 'next' ? n.nextPage : control === 'previous' ? n.previousPage : control })}
              getItemProps={(p) => ({ 'aria-label': n.page(p, pages) })}
            />
          </Group>
        ) : null}
      </Stack>
    </Container>
  );
}

function NotificationItem({ item, userKind, onGone }: { item: Notification; userKind: Me['kind']; onGone: () => void }) {
  const { t } = useI18n();
  const n = t.notifications;
  const markRead = useMarkRead();
  const ref = useRef<HTMLElement>(null);
  const href = notificationHref(item, userKind);
  const unread = item.readAt === null;
  const titleId = `notification-${item.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="article" ref={ref} tabIndex={-1} aria-labelledby={titleId} className={unread ? classes.unread : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          {/* Titles and bodies are written by the server in Vietnamese. */}
          <Title order={2} size="h4" id={titleId} lang="vi">{item.title}</Title>
          {unread ? <span className={classes.badge}>{n.unreadBadge}</span> : null}
        </Group>
        <Text lang="vi" className={classes.body}>{item.body}</Text>
        <Text size="sm" c="gray.8">
          <time dateTime={item.createdAt}>{n.receivedAt(formatNotificationTime(item.createdAt))}</time>
        </Text>
        <Group gap="md">
          {href ? (
            <Anchor component={Link} to={href} underline="always" fw={600} aria-label={n.openOf(item.title)} onClick={() => unread && markRead.mutate(item.id)}>
              {n.open}
            </Anchor>
          ) : null}
          {unread ? (
            <Button
              variant="subtle"
              size="compact-sm"
              loading={markRead.isPending}
              aria-label={n.markReadOf(item.title)}
              onClick={() => markRead.mutate(item.id, { onSuccess: () => (ref.current?.isConnected ? ref.current.focus() : onGone()) })}
            >
              {n.markRead}
            </Button>
          ) : null}
        </Group>
        {markRead.isError ? <Text size="sm" c="red.9" role="alert">{n.markFailed}</Text> : null}
      </Stack>
    </Paper>
  );
}
