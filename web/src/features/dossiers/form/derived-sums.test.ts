import { describe, expect, it } from 'vitest';
import { sumRules, withSums } from './derived-sums';

const ui = { abstraction: { wells: { items: { 'ui:order': ['code', 'flow'] } }, flow: { 'ui:options': { sumOf: 'wells.flow' } } } };
const rules = sumRules(ui);
const works = (wells: Array<{ flow?: number }>, flow?: number) => ({ abstraction: { wells, ...(flow === undefined ? {} : { flow }) } });

describe('a field offered the sum of rows', () => {
  it('finds the rule beside its array', () => {
    expect(rules).toEqual([{ path: 'abstraction.flow', array: 'abstraction.wells', field: 'flow' }]);
  });

  it('fills the empty field with the sum of the wells, and follows them while untouched', () => {
    const one = withSums(rules, works([{}]), works([{ flow: 3500 }]));
    expect(one.abstraction).toMatchObject({ flow: 3500 });
    const two = withSums(rules, one, works([{ flow: 3500 }, { flow: 1200.5 }], 3500));
    expect(two.abstraction).toMatchObject({ flow: 4700.5 });
  });

  it('keeps a value the applicant typed', () => {
    const typed = withSums(rules, works([{ flow: 3500 }], 3500), works([{ flow: 3500 }], 3000));
    expect(typed.abstraction).toMatchObject({ flow: 3000 });
    const later = withSums(rules, typed, works([{ flow: 3500 }, { flow: 100 }], 3000));
    expect(later.abstraction).toMatchObject({ flow: 3000 });
  });

  it('leaves the field alone when no well has a flow', () => {
    expect(withSums(rules, works([{}]), works([{}]))).toEqual(works([{}]));
  });
});
