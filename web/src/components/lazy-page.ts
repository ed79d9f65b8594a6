import { lazy, type ComponentType } from 'react';
import { loadStaffTexts } from '../i18n/language';

/**
 * A page loaded on first visit: `page(() => import('./x/FooPage'), 'FooPage')`.
 * The module keeps its named export; React.lazy wants a default one.
 */
export function page<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): ComponentType {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

/**
 * An officials' page (back office, administration, catalogue editor): loaded with the officials'
 * texts, which the citizen's pages do not carry (i18n/staff.vi.ts).
 */
export function staffPage<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): ComponentType {
  return page(async () => (await Promise.all([load(), loadStaffTexts()]))[0], name);
}
