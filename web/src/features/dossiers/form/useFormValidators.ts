/**
 * Loads a form's precompiled validators (ADR 0021) from our origin with a dynamic `import()`: the
 * module is Ajv standalone code generated on the server, so the page needs no 'unsafe-eval'.
 * The URL names the content, so a loaded module is kept for the session.
 */
import { useQuery } from '@tanstack/react-query';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { instantiatePrecompiled, type PrecompiledFactory } from '../../../../../common/forms/precompiled';

export async function loadFormValidators(url: string): Promise<Record<string, ValidateFunction>> {
  const mod = (await import(/* @vite-ignore */ url)) as { default: PrecompiledFactory };
  return instantiatePrecompiled(mod.default);
}

export const formValidatorsKey = (url: string | undefined) => ['form-validators', url] as const;

export function useFormValidators(url: string | undefined) {
  return useQuery({
    queryKey: formValidatorsKey(url),
    queryFn: () => loadFormValidators(url!),
    enabled: Boolean(url),
    staleTime: Infinity,
    gcTime: 30 * 60_000,
    retry: 2,
  });
}
