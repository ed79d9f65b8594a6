import { useI18n } from '../../../i18n/context';
import type { OnlineLevel } from '../types';
import classes from './LevelBadge.module.css';

/** Decree 42/2022 online level, said as what the citizen can do online (never colour alone). */
export function LevelBadge({ level }: { level: OnlineLevel }) {
  const { t } = useI18n();
  return (
    <span className={classes.badge} data-level={level}>
      {t.levelBadges[level]}
    </span>
  );
}
