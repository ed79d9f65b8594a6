import { useI18n } from '../i18n/context';
import classes from './RequirementBadge.module.css';

/**
 * Whether a document (or section) is required: "Bắt buộc" or "Nếu có", the same badge everywhere;
 * "Tờ khai điện tử" for the document the e-form stands for (filled online, not uploaded).
 */
export function RequirementBadge({ mandatory, filledByForm = false }: { mandatory: boolean; filledByForm?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={classes.badge} data-mandatory={filledByForm ? 'form' : mandatory} data-testid="requirement-badge">
      {filledByForm ? t.procedure.filledByForm : mandatory ? t.procedure.mandatory : t.procedure.optional}
    </span>
  );
}
