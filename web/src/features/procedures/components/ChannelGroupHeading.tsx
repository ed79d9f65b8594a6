import { Text, Title } from '@mantine/core';
import { useI18n } from '../../../i18n/context';
import type { ChannelGroup } from '../procedure-view';
import type { Channel } from '../types';

/** Names the ways of applying a group of terms covers, or says they apply to all of them. */
export function ChannelGroupHeading({ group, channels }: { group: ChannelGroup; channels: Channel[] }) {
  const { t } = useI18n();
  if (group.channels.length === 0) {
    if (channels.length <= 1) {
      const only = group.terms.channel;
      return (
        <Title order={3} size="h5" mb={4}>
          {t.channels[only]}
        </Title>
      );
    }
    return (
      <Text size="sm" c="dimmed" mb={4}>
        {t.procedure.sameForAllChannels(channels.map((c) => t.channelWays[c]))}
      </Text>
    );
  }
  return (
    <Title order={3} size="h5" mb={4}>
      {group.channels.map((c) => t.channels[c]).join(' · ')}
    </Title>
  );
}
