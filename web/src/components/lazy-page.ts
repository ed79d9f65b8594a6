import { lazy, type ComponentType } from 'react';
import { loadTexts, type TextPart } from '../i18n/language';

/**
 * A page loaded on first visit: `page(() => import('./x/FooPage'), 'FooPage')`.
 * The module keeps its named export; React.lazy wants a default one. `texts`: the parts of the
 * texts the page reads beyond the citizen's (i18n/language.ts), fetched with it.
 */
export function page<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
  texts: readonly TextPart[] = [],
): ComponentType {
  return lazy(async () => {
    const [module] = await Promise.all([load(), texts.length > 0 ? loadTexts(texts) : undefined]);
    return { default: module[name] as ComponentType };
  });
}

/**
 * An officials' page (back office, administration, catalogue editor): loaded with the officials'
 * texts, which the citizen's pages do not carry (i18n/staff.vi.ts).
 */
export function staffPage<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): ComponentType {
  return page(load, name, ['staff']);
}
