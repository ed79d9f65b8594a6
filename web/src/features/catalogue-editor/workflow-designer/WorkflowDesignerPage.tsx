import { Alert, Anchor, Badge, Button, Container, Grid, Group, List, Loader, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { actionEffects, allowanceUnits, transitionKinds, workflowRoles, type ActionEffect, type TransitionKind, type WorkflowAction, type WorkflowStep } from '../../../../../common/workflows';
import { isApiError } from '../../../api/problem';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n/context';
import type { Me } from '../../account/types';
import { RequireUser } from '../../dossiers/components/RequireUser';
import { isCatalogueStaff } from '../pages/EditorHomePage';
import { liveProblems, newAction, newStep, renameStep, stepOfPath, type DesignModel, type Selection } from './model';
import { usePublishWorkflow, useRequestPublish, useSaveWorkflowDraft, workflowDraftQuery, type WorkflowDraft } from './queries';
import { DESIGNER_PATH, isProcessDesigner } from './WorkflowsPage';

const WorkflowDiagram = lazy(async () => ({ default: (await import('./WorkflowDiagram')).WorkflowDiagram }));

/** /bien-tap-thu-tuc/quy-trinh/:draftId: the workflow as a diagram and as a table, a side panel to edit, save, request publish, publish. */
export function WorkflowDesignerPage() {
  const { t } = useI18n();
  return (
    <RequireUser>
      {(me) => (isCatalogueStaff(me) ? <Designer me={me} /> : <Container size="sm" py="xl"><Text role="alert">{t.workflowDesigner.noRole}</Text></Container>)}
    </RequireUser>
  );
}

function Designer({ me }: { me: Me }) {
  const { draftId = '' } = useParams();
  const { t } = useI18n();
  const draft = useQuery(workflowDraftQuery(draftId));
  if (draft.isPending) return <Container py="xl"><Loader size="sm" aria-label={t.dossiers.loading} /></Container>;
  if (draft.isError) return <Container py="xl"><ErrorState error={draft.error} onRetry={() => void draft.refetch()} /></Container>;
  return <DesignerBody key={draft.data.id} me={me} draft={draft.data} />;
}

const toModel = (d: WorkflowDraft): DesignModel => ({ name: d.name, steps: structuredClone(d.steps) as unknown as WorkflowStep[] });

function DesignerBody({ me, draft }: { me: Me; draft: WorkflowDraft }) {
  const { t } = useI18n();
  const m = t.workflowDesigner;
  const [model, setModel] = useState<DesignModel>(() => toModel(draft));
  const [selection, setSelection] = useState<Selection>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const save = useSaveWorkflowDraft(draft.id);
  const request = useRequestPublish(draft.id);
  const publish = usePublishWorkflow(draft.id);
  useEffect(() => setModel(toModel(draft)), [draft]);

  const editable = draft.status === 'DRAFT' && isProcessDesigner(me);
  const dirty = JSON.stringify(model) !== JSON.stringify(toModel(draft));
  const problems = useMemo(() => (dirty ? liveProblems(draft.workflowCode, model) : draft.problems), [dirty, model, draft]);
  const problemCounts = useMemo(() => {
    const counts = new Map<number, number>();
    for (const p of problems) {
      const i = stepOfPath(p.path);
      if (i !== null) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    return counts;
  }, [problems]);

  const setSteps = (steps: WorkflowStep[]) => setModel({ ...model, steps });
  const updateStep = (i: number, patch: Partial<WorkflowStep>) => setSteps(model.steps.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const updateAction = (i: number, j: number, patch: Partial<WorkflowAction>) => updateStep(i, {
    actions: model.steps[i]!.actions.map((a, k) => {
      if (k !== j) return a;
      const next = { ...a, ...patch };
      if (next.kind === 'STOP' || next.kind === 'FINISH') delete next.to;
      if (next.kind !== 'COORDINATE') delete next.agency;
      if (next.kind !== 'FORWARD') delete next.effect;
      return next;
    }),
  });
  const addStep = () => {
    const step = newStep(model.steps);
    setSteps([...model.steps, step]);
    setSelection({ kind: 'step', step: model.steps.length });
  };
  const deleteStep = (i: number) => {
    const id = model.steps[i]!.id;
    setSteps(model.steps.filter((_, k) => k !== i).map((s) => ({ ...s, actions: s.actions.filter((a) => a.to !== id) })));
    setSelection(null);
  };
  const addAction = (i: number) => {
    const step = model.steps[i]!;
    updateStep(i, { actions: [...step.actions, newAction(step, model.steps)] });
    setSelection({ kind: 'action', step: i, action: step.actions.length });
  };
  const deleteAction = (i: number, j: number) => {
    updateStep(i, { actions: model.steps[i]!.actions.filter((_, k) => k !== j) });
    setSelection({ kind: 'step', step: i });
  };

  const failed = (e: unknown) => setMessage({ kind: 'error', text: isApiError(e) ? (e.errors[0]?.message ?? e.title) : m.saveFailed });
  const onSave = () => {
    setMessage(null);
    save.mutate({ name: model.name, steps: model.steps as unknown as Record<string, unknown>[] }, { onSuccess: () => setMessage({ kind: 'ok', text: m.saved }), onError: failed });
  };
  const onRequest = () => {
    setMessage(null);
    request.mutate(undefined, { onSuccess: () => setMessage({ kind: 'ok', text: m.requested }), onError: failed });
  };
  const onPublish = () => {
    setMessage(null);
    publish.mutate(undefined, { onSuccess: () => setMessage({ kind: 'ok', text: m.published }), onError: failed });
  };
  const editedByMe = draft.editorUserIds.includes(me.id);

  const texts = useMemo(() => ({ label: m.diagram, finishNode: m.finishNode, stopNode: m.stopNode, roles: m.roles, units: m.units, kinds: m.kinds, problemsOn: m.problemsOn }), [m]);
  const stepOptions = model.steps.map((s) => ({ value: s.id, label: `${s.name} (${s.id})` }));

  return (
    <Container size="xl" py="xl">
      <Stack gap="md">
        <Anchor component={Link} to={DESIGNER_PATH}>← {m.back}</Anchor>
        <Group justify="space-between" wrap="wrap">
          <Title order={1}>{m.title}: {draft.workflowCode}</Title>
          <Badge size="lg" color={draft.status === 'PUBLISHED' ? 'green.9' : 'blue.9'}>{m.status[draft.status]}{draft.versionNo ? ` · v${draft.versionNo}` : ''}</Badge>
        </Group>
        {draft.baseVersionNo ? <Text>{m.basedOn(draft.baseVersionNo)}</Text> : null}
        {draft.versionNo ? <Text>{m.publishedAs(draft.versionNo)}</Text> : null}
        {draft.cases.length ? (
          <div>
            <Text>{m.usedBy}</Text>
            <List size="sm">{draft.cases.map((c) => <List.Item key={c.caseId}>{c.procedureCode} v{c.versionNo} · {c.caseCode}: {c.caseName}</List.Item>)}</List>
          </div>
        ) : <Text>{m.unused}</Text>}
        {draft.status !== 'DRAFT' ? <Text>{m.readOnly}</Text> : null}

        {draft.status === 'DRAFT' ? (
          <Alert color={problems.length ? 'orange' : 'green'} role="status" aria-live="polite">
            <Text fw={600}>{problems.length ? `${m.problems} (${problems.length})` : m.noProblems}</Text>
            {problems.length ? (
              <List size="sm" data-testid="workflow-problems">
                {problems.map((p, k) => <List.Item key={`${p.path}-${k}`}>{p.message}</List.Item>)}
              </List>
            ) : null}
          </Alert>
        ) : null}

        <TextInput label={m.name} value={model.name} readOnly={!editable} onChange={(e) => setModel({ ...model, name: e.currentTarget.value })} maw={640} />

        <Grid>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="xs">
              <Title order={2} size="h3">{m.diagram}</Title>
              <Text size="sm">{m.diagramHelp}</Text>
              <Suspense fallback={<Loader size="sm" aria-label={t.dossiers.loading} />}>
                <WorkflowDiagram model={model} selection={selection} problemCounts={problemCounts} onSelect={setSelection} texts={texts} />
              </Suspense>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="panel-title">
              <SidePanel
                model={model} selection={selection} editable={editable} stepOptions={stepOptions}
                updateStep={updateStep} updateAction={updateAction} deleteStep={deleteStep} deleteAction={deleteAction} addAction={addAction}
                renameStep={(i, id) => setSteps(renameStep(model.steps, i, id))}
              />
            </Paper>
          </Grid.Col>
        </Grid>

        <section aria-labelledby="steps-table-title">
          <Group justify="space-between" wrap="wrap" mb="xs">
            <Title order={2} size="h3" id="steps-table-title">{m.table}</Title>
            {editable ? <Button variant="light" onClick={addStep}>{m.addStep}</Button> : null}
          </Group>
          <Table layout="fixed" style={{ wordBreak: 'break-word' }}>
            <Table.Thead>
              <Table.Tr><Table.Th>{m.stepName}</Table.Th><Table.Th>{m.role}</Table.Th><Table.Th>{m.allowance}</Table.Th><Table.Th>{m.transitions}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {model.steps.map((s, i) => (
                <Table.Tr key={i} data-testid={`row-${s.id}`}>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" h="auto" py={2} onClick={() => setSelection({ kind: 'step', step: i })} aria-label={`${m.edit} ${m.stepPanel.toLowerCase()} ${s.name}`} styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}>{s.name || s.id}</Button>
                    {problemCounts.get(i) ? <Text size="xs" c="red.9" fw={700}>⚠ {m.problemsOn(problemCounts.get(i)!)}</Text> : null}
                  </Table.Td>
                  <Table.Td>{m.roles[s.role] ?? s.role} · {s.unit}</Table.Td>
                  <Table.Td>{s.allowance.amount} {m.units[s.allowance.unit] ?? s.allowance.unit}</Table.Td>
                  <Table.Td>
                    {s.actions.length === 0 ? <Text size="sm">{m.noTransitions}</Text> : (
                      <Stack gap={2}>
                        {s.actions.map((a, j) => (
                          <Button key={j} variant="subtle" size="compact-sm" h="auto" py={2} onClick={() => setSelection({ kind: 'action', step: i, action: j })} styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}>
                            {a.label} — {m.kinds[a.kind] ?? a.kind}{a.to ? ` → ${model.steps.find((x) => x.id === a.to)?.name ?? a.to}` : ''}{a.effect ? ` · ${m.effects[a.effect]}` : ''}
                          </Button>
                        ))}
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>

        {message ? <Alert color={message.kind === 'ok' ? 'green' : 'red'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</Alert> : null}
        {draft.status === 'DRAFT' ? (
          <Group wrap="wrap">
            {editable ? <Button onClick={onSave} loading={save.isPending}>{m.save}</Button> : null}
            {dirty ? <Text size="sm">{m.unsaved}</Text> : null}
            {editable && !draft.publishRequestedAt ? <Button variant="light" onClick={onRequest} loading={request.isPending} disabled={dirty || draft.problems.length > 0}>{m.requestPublish}</Button> : null}
            {draft.publishRequestedAt ? <Badge color="orange.9" size="lg">{m.awaitingPublish}</Badge> : null}
            {isProcessDesigner(me) && draft.publishRequestedAt ? (
              editedByMe ? <Text size="sm">{m.secondPerson}</Text> : <Button color="green.9" onClick={onPublish} loading={publish.isPending}>{m.publish}</Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Container>
  );
}

function SidePanel({ model, selection, editable, stepOptions, updateStep, updateAction, deleteStep, deleteAction, addAction, renameStep }: {
  model: DesignModel;
  selection: Selection;
  editable: boolean;
  stepOptions: { value: string; label: string }[];
  updateStep: (i: number, patch: Partial<WorkflowStep>) => void;
  updateAction: (i: number, j: number, patch: Partial<WorkflowAction>) => void;
  deleteStep: (i: number) => void;
  deleteAction: (i: number, j: number) => void;
  addAction: (i: number) => void;
  renameStep: (i: number, id: string) => void;
}) {
  const { t } = useI18n();
  const m = t.workflowDesigner;
  const step = selection ? model.steps[selection.step] : undefined;
  if (!selection || !step) return <><Title order={2} size="h3" id="panel-title">{m.stepPanel}</Title><Text size="sm">{m.selectHint}</Text></>;
  const ro = !editable;
  if (selection.kind === 'step') {
    const i = selection.step;
    return (
      <Stack gap="sm">
        <Title order={2} size="h3" id="panel-title">{m.stepPanel}: {step.name}</Title>
        <TextInput label={m.stepId} value={step.id} readOnly={ro} onChange={(e) => renameStep(i, e.currentTarget.value)} />
        <TextInput label={m.stepName} value={step.name} readOnly={ro} onChange={(e) => updateStep(i, { name: e.currentTarget.value })} />
        <NativeSelect label={m.role} value={step.role} disabled={ro} data={workflowRoles.map((r) => ({ value: r, label: m.roles[r] ?? r }))} onChange={(e) => updateStep(i, { role: e.currentTarget.value })} />
        <TextInput label={m.unit} description={m.unitHelp} value={step.unit} readOnly={ro} onChange={(e) => updateStep(i, { unit: e.currentTarget.value })} />
        <Group grow align="flex-start">
          <NumberInput label={m.allowance} value={step.allowance.amount} readOnly={ro} min={0} decimalScale={1} onChange={(v) => updateStep(i, { allowance: { ...step.allowance, amount: typeof v === 'number' ? v : Number(v) || 0 } })} />
          <NativeSelect label={m.allowanceUnit} value={step.allowance.unit} disabled={ro} data={allowanceUnits.map((u) => ({ value: u, label: m.units[u] ?? u }))} onChange={(e) => updateStep(i, { allowance: { ...step.allowance, unit: e.currentTarget.value as WorkflowStep['allowance']['unit'] } })} />
        </Group>
        {editable ? (
          <Group wrap="wrap">
            <Button size="xs" variant="light" onClick={() => addAction(i)}>{m.addTransition}</Button>
            <Button size="xs" variant="outline" color="red.9" onClick={() => deleteStep(i)}>{m.deleteStep}</Button>
          </Group>
        ) : null}
      </Stack>
    );
  }
  const j = selection.action;
  const a = step.actions[j];
  if (!a) return <Text size="sm">{m.selectHint}</Text>;
  const i = selection.step;
  return (
    <Stack gap="sm">
      <Title order={2} size="h3" id="panel-title">{m.transitionPanel}: {a.label}</Title>
      <Text size="sm">{m.from}: {step.name}</Text>
      <NativeSelect label={m.kind} value={a.kind} disabled={ro} data={transitionKinds.map((k) => ({ value: k, label: m.kinds[k] ?? k }))} onChange={(e) => updateAction(i, j, { kind: e.currentTarget.value as TransitionKind })} />
      <TextInput label={m.label} value={a.label} readOnly={ro} onChange={(e) => updateAction(i, j, { label: e.currentTarget.value })} />
      <TextInput label={m.action} value={a.action} readOnly={ro} onChange={(e) => updateAction(i, j, { action: e.currentTarget.value })} />
      {a.kind !== 'STOP' && a.kind !== 'FINISH' ? (
        <NativeSelect label={m.to} value={a.to ?? ''} disabled={ro} data={[{ value: '', label: '—' }, ...stepOptions]} onChange={(e) => updateAction(i, j, { to: e.currentTarget.value || undefined })} />
      ) : null}
      {a.kind === 'COORDINATE' ? <TextInput label={m.agency} description={m.agencyHelp} value={a.agency ?? ''} readOnly={ro} onChange={(e) => updateAction(i, j, { agency: e.currentTarget.value || undefined })} /> : null}
      {a.kind === 'FORWARD' ? (
        <NativeSelect label={m.effect} value={a.effect ?? ''} disabled={ro}
          data={[{ value: '', label: m.noEffect }, ...actionEffects.map((e) => ({ value: e, label: m.effects[e] ?? e }))]}
          onChange={(e) => updateAction(i, j, { effect: e.currentTarget.value ? (e.currentTarget.value as ActionEffect) : undefined })} />
      ) : null}
      {editable ? <Group><Button size="xs" variant="outline" color="red.9" onClick={() => deleteAction(i, j)}>{m.deleteTransition}</Button></Group> : null}
    </Stack>
  );
}
