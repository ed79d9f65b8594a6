import { Button, Menu } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { meQuery, useLogout } from '../queries';
import { ACCOUNT_PATH, LOGIN_PATH } from '../redirect';
import classes from './AccountMenu.module.css';

/** The header's account corner: "Đăng nhập", or the user's name opening a menu. */
export function AccountMenu() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = useQuery(meQuery());
  const logout = useLogout();

  // Until the server has answered, keep the place without claiming either state.
  if (me.isPending) return <span className={classes.placeholder} />;

  if (!me.data) {
    return (
      <Button component={Link} to={LOGIN_PATH} variant="white" size="sm" className={classes.signIn}>
        {t.account.signIn}
      </Button>
    );
  }

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="white" size="sm" aria-label={t.account.userMenu(me.data.fullName)} classNames={{ root: classes.user, label: classes.userLabel }}>
          {me.data.fullName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to={ACCOUNT_PATH}>
          {t.account.myAccount}
        </Menu.Item>
        <Menu.Item onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/') })}>{t.account.signOut}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
