import { useI18n } from '../../../i18n/context';
import type { DeadlineState, ProcessingDocument } from '../types';
import classes from './Backoffice.module.css';

const deadlineClass: Record<DeadlineState, string> = {
  OVERDUE: classes.badgeRed!,
  DUE_SOON: classes.badgeOrange!,
  ON_TRACK: classes.badgeGreen!,
  PAUSED: classes.badgeGray!,
  NONE: classes.badgeGray!,
};

/** The deadline state in words (never by colour alone): Quá hạn, Sắp đến hạn, Còn hạn, Tạm dừng. */
export function DeadlineBadge({ state }: { state: DeadlineState }) {
  const { t } = useI18n();
  return (
    <span className={`${classes.badge} ${deadlineClass[state]}`} data-deadline={state}>
      {t.backoffice.deadline[state]}
    </span>
  );
}

const documentClass: Record<ProcessingDocument['status'], string> = { DRAFT: classes.badgeGray!, SIGNED: classes.badgeBlue!, ISSUED: classes.badgeGreen! };

/** A document's status in words: Dự thảo, Đã ký, Đã ban hành. */
export function DocumentStatusBadge({ status }: { status: ProcessingDocument['status'] }) {
  const { t } = useI18n();
  return (
    <span className={`${classes.badge} ${documentClass[status]}`} data-document-status={status}>
      {t.backoffice.documentStatus[status]}
    </span>
  );
}
