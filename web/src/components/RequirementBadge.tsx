import { useI18n } from '../i18n/context';
import classes from './RequirementBadge.module.css';

/** Whether a document (or section) is required: "Bắt buộc" or "Nếu có", the same badge everywhere. */
export function RequirementBadge({ mandatory }: { mandatory: boolean }) {
  const { t } = useI18n();
  return (
    <span className={classes.badge} data-mandatory={mandatory} data-testid="requirement-badge">
      {mandatory ? t.procedure.mandatory : t.procedure.optional}
    </span>
  );
}
