import { lazy, type ComponentType } from 'react';
import { loadTexts, type TextPart } from '../i18n/language';

/** A page whose file is fetched on first visit; `preload()` fetches it ahead (main.tsx, at start). */
export type LazyPage = ComponentType & { preload: () => Promise<unknown> };

/**
 * A page loaded on first visit: `page(() => import('./x/FooPage'), 'FooPage')`.
 * The module keeps its named export; React.lazy wants a default one. `texts`: the parts of the
 * texts the page reads beyond the citizen's (i18n/language.ts), fetched with it; by default the
 * dossier pages' texts, which only the search and procedure pages go without (`[]`).
 */
export function page<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
  texts: readonly TextPart[] = ['dossiers'],
): LazyPage {
  // One request, whether the page is preloaded at start or rendered first; a failed one may be asked again.
  let loading: Promise<{ default: ComponentType }> | undefined;
  const preload = () =>
    (loading ??= Promise.all([load(), texts.length > 0 ? loadTexts(texts) : undefined]).then(
      ([module]) => ({ default: module[name] as ComponentType }),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return Object.assign(lazy(preload), { preload });
}

/**
 * An officials' page (back office, administration, catalogue editor): loaded with the officials'
 * texts, which the citizen's pages do not carry (i18n/staff.vi.ts), and the dossier pages' texts.
 */
export function staffPage<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): LazyPage {
  return page(load, name, ['staff', 'dossiers']);
}
