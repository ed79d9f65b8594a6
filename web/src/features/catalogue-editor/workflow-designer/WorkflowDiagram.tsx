/** The workflow as a diagram (@xyflow/react): steps as nodes, transitions as labelled edges. Loaded only with the designer page. */
import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { FINISH_NODE, layout, STOP_NODE, type DesignModel, type Selection } from './model';

export interface DiagramTexts {
  label: string;
  finishNode: string;
  stopNode: string;
  roles: Record<string, string>;
  units: Record<string, string>;
  kinds: Record<string, string>;
  problemsOn: (n: number) => string;
}

const kindColor: Record<string, string> = {
  FORWARD: '#1c5fa8', SEND_BACK: '#8a4b00', REQUEST_SUPPLEMENT: '#6b3fa0', COORDINATE: '#0b6e4f', PAYMENT: '#7a5c00', STOP: '#a61b1b', FINISH: '#2b6a00',
};

export function WorkflowDiagram({ model, selection, problemCounts, onSelect, texts }: {
  model: DesignModel;
  selection: Selection;
  problemCounts: Map<number, number>;
  onSelect: (s: Selection) => void;
  texts: DiagramTexts;
}) {
  const { nodes, edges } = useMemo(() => {
    const at = layout(model.steps);
    const nodes: Node[] = model.steps.map((s, i) => {
      const problems = problemCounts.get(i) ?? 0;
      const selected = selection?.kind === 'step' && selection.step === i;
      return {
        id: `step:${i}`,
        position: at.get(s.id) ?? { x: 0, y: 0 },
        data: { label: (
          <div data-testid={`node-${s.id}`}>
            <strong>{s.name || s.id}</strong>
            <div style={{ fontSize: 11 }}>{texts.roles[s.role] ?? s.role} · {s.allowance.amount} {texts.units[s.allowance.unit] ?? s.allowance.unit}</div>
            {problems ? <div style={{ fontSize: 11, color: '#a61b1b', fontWeight: 700 }}>⚠ {texts.problemsOn(problems)}</div> : null}
          </div>
        ) },
        style: {
          border: `2px solid ${problems ? '#a61b1b' : selected ? '#1c5fa8' : '#5c6670'}`,
          background: problems ? '#fff0f0' : selected ? '#e8f1fb' : '#ffffff',
          color: '#1a1a1a', width: 200, borderRadius: 6, padding: 8,
        },
      };
    });
    const ends = (kind: string) => model.steps.some((s) => s.actions.some((a) => a.kind === kind));
    if (ends('FINISH')) nodes.push({ id: FINISH_NODE, position: at.get(FINISH_NODE)!, data: { label: texts.finishNode }, selectable: false, style: { background: '#e9f5e1', border: '2px solid #2b6a00', color: '#1a1a1a', borderRadius: 20 } });
    if (ends('STOP')) nodes.push({ id: STOP_NODE, position: at.get(STOP_NODE)!, data: { label: texts.stopNode }, selectable: false, style: { background: '#fbeaea', border: '2px solid #a61b1b', color: '#1a1a1a', borderRadius: 20 } });
    const index = new Map(model.steps.map((s, i) => [s.id, i]));
    const edges: Edge[] = model.steps.flatMap((s, i) => s.actions.flatMap((a, j) => {
      const target = a.kind === 'FINISH' ? FINISH_NODE : a.kind === 'STOP' ? STOP_NODE : a.to && index.has(a.to) ? `step:${index.get(a.to)}` : null;
      if (!target) return [];
      const selected = selection?.kind === 'action' && selection.step === i && selection.action === j;
      const color = kindColor[a.kind] ?? '#333';
      return [{
        id: `action:${i}:${j}`,
        source: `step:${i}`,
        target,
        label: `${a.label} (${texts.kinds[a.kind] ?? a.kind})`,
        type: target === `step:${i}` ? 'default' : 'smoothstep',
        animated: a.kind === 'COORDINATE',
        markerEnd: { type: MarkerType.ArrowClosed, color },
        style: { stroke: color, strokeWidth: selected ? 3 : 1.5, strokeDasharray: a.kind === 'SEND_BACK' ? '6 4' : undefined },
        labelStyle: { fill: '#1a1a1a', fontSize: 11, fontWeight: selected ? 700 : 400 },
        labelBgStyle: { fill: '#ffffff' },
      } satisfies Edge];
    }));
    return { nodes, edges };
  }, [model, selection, problemCounts, texts]);

  return (
    <div style={{ height: 460, border: '1px solid #ced4da', borderRadius: 6 }} role="group" aria-label={texts.label}>
      <ReactFlow
        key={model.steps.length}
        nodes={nodes}
        edges={edges}
        fitView
        maxZoom={1}
        nodesDraggable={false}
        nodesConnectable={false}
        onNodeClick={(_, node) => { if (node.id.startsWith('step:')) onSelect({ kind: 'step', step: Number(node.id.slice(5)) }); }}
        onEdgeClick={(_, edge) => { const [, i, j] = edge.id.split(':'); onSelect({ kind: 'action', step: Number(i), action: Number(j) }); }}
        proOptions={{ hideAttribution: false }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
