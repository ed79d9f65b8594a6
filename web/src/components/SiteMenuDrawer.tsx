import { Drawer } from '@mantine/core';
import { useI18n } from '../i18n/context';
import { LanguageSwitch } from './LanguageSwitch';
import { NavList } from './SiteHeader';
import classes from './SiteHeader.module.css';

/** The phone menu: the main navigation and the language switch in a drawer. Loaded on first use. */
export default function SiteMenuDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="xs"
      title={t.layout.menu}
      closeButtonProps={{ 'aria-label': t.layout.closeMenu }}
      classNames={{ body: classes.drawerBody }}
    >
      <nav aria-label={t.layout.mainNav}>
        <NavList drawer />
      </nav>
      <LanguageSwitch tone="light" />
    </Drawer>
  );
}
