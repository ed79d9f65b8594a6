import { Alert, Button, Paper, Text, Title } from '@mantine/core';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ComponentProps } from 'react';
import { Link } from 'react-router';
import { PageLoading } from '../../../components/PageLoading';
import { useI18n } from '../../../i18n/context';
import type { Me } from '../../account/types';
import { ApplicantChoice } from '../components/ApplicantChoice';
import { AutosaveStatus } from '../components/AutosaveStatus';
import classes from '../components/Dossiers.module.css';
import { componentCardId, FILES_ANCHOR, missingComponents } from '../journey';
import type { Dossier } from '../types';
import type { useAutosave } from '../use-autosave';

// The e-form engine (rjsf, Ajv, date pickers) is its own file, fetched when the form step opens.
const DossierForm = lazy(() => import('../form/DossierForm').then((m) => ({ default: m.DossierForm })));
// The documents come under the e-form, which arrives after the step: their upload code (ComponentFiles)
// is fetched beside it, when the step opens, not with the step's file.
const ComponentFiles = lazy(() => import('../components/ComponentFiles').then((m) => ({ default: m.ComponentFiles })));

/**
 * The e-form, then the documents it needs (FormSG style, one page): "Tiếp tục" checks both at
 * once, marks each missing document in place, and goes on only when nothing is missing.
 */
export function FormStep({ me, dossier, autosave, onNext }: { me: Me; dossier: Dossier; autosave: ReturnType<typeof useAutosave>; onNext: () => void }) {
  const { t } = useI18n();
  const d = t.dossiers;
  const schema = dossier.form.schema as ComponentProps<typeof DossierForm>['schema'];
  const uiSchema = dossier.form.uiSchema as ComponentProps<typeof DossierForm>['uiSchema'];
  const missing = missingComponents(dossier);
  const [tried, setTried] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // "Tiếp tục" checks the form: it waits until the form and its validators are on the page.
  const [formReady, setFormReady] = useState(false);
  const onFormReady = useCallback(() => setFormReady(true), []);
  const alertRef = useRef<HTMLDivElement>(null);
  // The form is complete but documents are missing: bring the applicant to the list of them.
  useEffect(() => {
    if (attempt === 0) return;
    alertRef.current?.scrollIntoView({ block: 'start' });
    alertRef.current?.focus();
  }, [attempt]);
  // Opened from a link to the documents (the review's "Sửa"): start there.
  useEffect(() => {
    if (window.location.hash === `#${FILES_ANCHOR}`) document.getElementById(FILES_ANCHOR)?.scrollIntoView({ block: 'start' });
  }, []);
  const goToComponent = (componentId: string) => {
    const card = document.getElementById(componentCardId(componentId));
    card?.scrollIntoView({ block: 'center' });
    card?.querySelector<HTMLElement>('button')?.focus();
  };
  return (
    <>
      <ApplicantChoice me={me} dossier={dossier} onChange={autosave.changeApplicant} />
      <Text size="sm">{d.formHint}</Text>
      <Paper withBorder radius="md" p="sm" className={classes.autosaveBar}>
        <AutosaveStatus state={autosave.state} savedAt={autosave.savedAt} updatedAt={dossier.updatedAt} />
      </Paper>
      <Suspense fallback={<PageLoading />}>
        <DossierForm validatorUrl={dossier.form.validator ?? null} id="dossier-form" onReady={onFormReady} schema={schema} uiSchema={uiSchema} answers={autosave.answers} onChange={autosave.setAnswers} onSubmit={() => (missing.length > 0 ? setAttempt((n) => n + 1) : onNext())}>
          <></>
        </DossierForm>
      </Suspense>
      {dossier.components.length > 0 ? (
        <div role="region" aria-labelledby={`${FILES_ANCHOR}-title`} id={FILES_ANCHOR}>
          <Title order={2} size="h3" id={`${FILES_ANCHOR}-title`} mb={4}>{d.attachTitle}</Title>
          <Text size="sm" mb="sm">{d.attachHint}</Text>
          {attempt > 0 && missing.length > 0 ? (
            <Alert color="red" variant="outline" role="alert" ref={alertRef} tabIndex={-1} mb="sm">
              <Text size="sm" fw={600}>{d.missingMandatory(missing.length)}</Text>
              <ul>
                {missing.map((c) => (
                  <li key={c.id} lang="vi">
                    <a
                      href={`#${componentCardId(c.id)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        goToComponent(c.id);
                      }}
                    >
                      {c.name}
                    </a>
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <Suspense fallback={<Text size="sm" aria-busy="true">{d.loading}</Text>}>
            <ComponentFiles dossier={dossier} flagMissing={tried} headingLevel={3} />
          </Suspense>
        </div>
      ) : null}
      <div className={classes.actions}>
        <Button component={Link} to={`/thu-tuc/${encodeURIComponent(dossier.procedure.code)}`} variant="default" size="md">
          {d.back}
        </Button>
        <Button type="submit" form="dossier-form" size="md" disabled={!formReady} onClick={() => setTried(true)}>
          {d.next}
        </Button>
      </div>
    </>
  );
}

