import { useState } from 'react';

/**
 * A value kept in the address bar arrives a moment after the click (router updates run as
 * transitions). This shows the chosen value at once and follows the source when it changes.
 */
export function usePendingValue<T>(source: T): [T, (next: T) => void] {
  const [value, setValue] = useState(source);
  const [previousSource, setPreviousSource] = useState(source);
  if (!Object.is(source, previousSource)) {
    setPreviousSource(source);
    setValue(source);
  }
  return [value, setValue];
}
