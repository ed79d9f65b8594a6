import { Drawer } from '@mantine/core';
import type { ReactNode } from 'react';

export interface MenuDrawerProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  closeLabel: string;
  bodyClassName?: string;
  children: ReactNode;
}

/**
 * The phone menu's drawer (SiteHeader): its own file, fetched the first time the menu is opened,
 * so that pages do not carry the drawer's code (overlay, focus trap, transitions, portal) until then.
 */
export function MenuDrawer({ opened, onClose, title, closeLabel, bodyClassName, children }: MenuDrawerProps) {
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      returnFocus={false}
      size="xs"
      title={title}
      closeButtonProps={{ 'aria-label': closeLabel }}
      classNames={{ body: bodyClassName }}
    >
      {children}
    </Drawer>
  );
}
