import { lazy, type ComponentType } from 'react';

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
