import { Text } from '@mantine/core';
import { useId, useMemo } from 'react';
import { renderAnswers, type AnswerNode } from '../../../../../common/forms/answers';
import type { JsonSchema } from '../../../../../common/forms/schema-walk';
import { useI18n } from '../../../i18n/context';
import type { Dossier } from '../types';
import termsClasses from '../../../components/Terms.module.css';
import classes from './AnswersReview.module.css';

/**
 * The answers of the e-form as the form shows them (one renderer, `renderAnswers` in common/forms,
 * shared with the server's documents): form order, titles, option titles, each row a labelled group.
 */
export function AnswersReview({ dossier }: { dossier: Pick<Dossier, 'form' | 'answers'> }) {
  const { lang } = useI18n();
  const nodes = useMemo(
    () => renderAnswers(dossier.form.schema as JsonSchema, dossier.form.uiSchema as JsonSchema | undefined, dossier.answers, { locale: lang === 'en' ? 'en' : 'vi' }),
    [dossier.form.schema, dossier.form.uiSchema, dossier.answers, lang],
  );
  if (nodes.length === 0) return <Text size="sm">—</Text>;
  return (
    <div lang="vi" data-testid="answers">
      <AnswerList nodes={nodes} />
    </div>
  );
}

/** Consecutive fields share one definition list; sections and rows are labelled groups. */
function AnswerList({ nodes }: { nodes: ReadonlyArray<AnswerNode> }) {
  const runs: Array<AnswerNode[]> = [];
  for (const n of nodes) {
    const last = runs[runs.length - 1];
    if (n.kind === 'field' && last?.[0]?.kind === 'field') last.push(n);
    else runs.push([n]);
  }
  return (
    <>
      {runs.map((run) =>
        run[0]!.kind === 'field' ? (
          <dl key={run[0]!.path} className={termsClasses.terms}>
            {run.map((f) =>
              f.kind === 'field' ? (
                <div key={f.path} style={{ display: 'contents' }}>
                  <dt>{f.label}</dt>
                  <dd>{f.text}</dd>
                </div>
              ) : null,
            )}
          </dl>
        ) : (
          <AnswerGroup key={run[0]!.path} node={run[0]!} />
        ),
      )}
    </>
  );
}

function AnswerGroup({ node }: { node: AnswerNode }) {
  const id = useId();
  if (node.kind === 'field') return null;
  return (
    <div role="group" aria-labelledby={id} className={classes.group}>
      <p id={id} className={classes.groupTitle}>{node.label}</p>
      <div className={classes.groupBody}>
        {node.kind === 'group' ? <AnswerList nodes={node.children} /> : node.rows.map((r) => <AnswerGroup key={r.path} node={r} />)}
      </div>
    </div>
  );
}
