import { useI18n } from '../../../i18n/context';
import { fileKind, formatBytes } from '../../../lib/format';
import type { TemplateFile } from '../types';
import classes from './TemplateLink.module.css';

/** A real download link; the server names the file in Vietnamese (Content-Disposition). */
export function TemplateLink({ template }: { template: TemplateFile }) {
  const { t, lang } = useI18n();
  return (
    <a href={template.url} download={template.fileName} className={classes.link}>
      <span aria-hidden="true" className={classes.icon}>
        ⤓
      </span>
      <span>
        {t.procedure.downloadTemplate}: {template.title}{' '}
        <span className={classes.meta}>
          ({fileKind(template.mediaType, template.fileName)}, {formatBytes(template.sizeBytes, lang)})
        </span>
      </span>
    </a>
  );
}
