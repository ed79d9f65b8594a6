import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { KEEP_SCROLL } from '../../../lib/use-scroll-on-navigate';
import type { ProcedureCase, ProcedureDetail } from '../types';

/** Which case (trường hợp) the person is reading about; kept in `?case=` so links share it. */
export function useSelectedCase(procedure: ProcedureDetail): { selected: ProcedureCase | undefined; select: (code: string) => void } {
  const [params, setParams] = useSearchParams();
  const code = params.get('case');
  const selected = procedure.cases.find((c) => c.code === code) ?? procedure.cases[0];
  const select = useCallback(
    (next: string) => {
      const updated = new URLSearchParams(params);
      updated.set('case', next);
      setParams(updated, { replace: true, state: KEEP_SCROLL });
    },
    [params, setParams],
  );
  return { selected, select };
}
