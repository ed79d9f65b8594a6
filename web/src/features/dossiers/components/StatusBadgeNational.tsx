import { Badge } from '@mantine/core';

const colours: Record<number, string> = { 1: 'blue', 2: 'teal', 3: 'red', 4: 'teal', 5: 'orange', 6: 'orange', 7: 'gray', 8: 'red', 9: 'green', 10: 'green' };

/** A national status (1–10) with its Vietnamese label as the server gives it. */
export function StatusBadgeNational({ code, label }: { code: number; label: string }) {
  return (
    <Badge color={`${colours[code] ?? 'gray'}.9`} variant="light" radius="sm" tt="none" size="lg" lang="vi" styles={{ root: { height: 'auto' }, label: { whiteSpace: 'normal' } }}>
      {label}
    </Badge>
  );
}
