import { Button, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../../../i18n/context';
import { meQuery, useLogout } from '../queries';
import { ACCOUNT_PATH, loginHrefFrom } from '../redirect';
import classes from './AccountMenu.module.css';

/**
 * The name's initials for the header's button on a phone: the first letters of the family name and
 * of the given name (the last word, as Vietnamese names are written), "NA" for "Nguyễn Văn An".
 */
export function initialsOf(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0]!;
  const last = words.length > 1 ? [...words[words.length - 1]!][0]! : '';
  return (first + last).toLocaleUpperCase('vi');
}

/**
 * The header's account corner: "Đăng nhập", or the user's name opening a short list
 * (disclosure pattern: a button with aria-expanded, then ordinary links and buttons). On a phone
 * the button shows the name's initials and the list starts with the whole name; the button's
 * accessible name is the whole name at every width.
 */
export function AccountMenu() {
  const { t } = useI18n();
  const me = useQuery(meQuery());
  const logout = useLogout();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const { pathname, search } = useLocation();

  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  // Until the server has answered, keep the place without claiming either state.
  if (me.isPending) return <span className={classes.placeholder} />;

  if (!me.data) {
    return (
      <Button component={Link} to={loginHrefFrom(pathname, search)} variant="white" size="sm" className={classes.signIn}>
        {t.account.signIn}
      </Button>
    );
  }

  return (
    <div ref={rootRef} className={classes.root}>
      <Button
        ref={toggleRef}
        variant="white"
        size="sm"
        aria-label={t.account.userMenu(me.data.fullName)}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        classNames={{ root: classes.user, label: classes.userLabel }}
      >
        <span className={classes.fullName}>{me.data.fullName}</span>
        <span className={classes.initials} aria-hidden="true">
          {initialsOf(me.data.fullName)}
        </span>
      </Button>
      <ul id={panelId} className={classes.panel} hidden={!open}>
        <li className={classes.who}>
          <span className={classes.whoLabel}>{t.account.signedInAs}</span>
          <strong lang="vi">{me.data.fullName}</strong>
        </li>
        <li>
          <Link to={ACCOUNT_PATH} className={classes.item}>
            {t.account.myAccount}
          </Link>
        </li>
        <li>
          <UnstyledButton className={classes.item} onClick={() => logout.mutate()}>
            {t.account.signOut}
          </UnstyledButton>
        </li>
      </ul>
    </div>
  );
}
