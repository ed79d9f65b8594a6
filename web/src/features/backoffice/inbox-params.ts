/**
 * The inbox filters live in the address (so a filtered list can be bookmarked, shared and reloaded):
 * Vietnamese parameter names and values, mapped to the API's query and back. Pure.
 */
import type { InboxQuery } from './types';

export type Scope = 'mine' | 'unit';
export type DeadlineFilter = 'overdue' | 'due_soon' | 'on_track';
export type InboxStatus = 'RECEIVED' | 'IN_PROGRESS' | 'SUPPLEMENT_REQUESTED' | 'AWAITING_PAYMENT' | 'RESULT_READY';

/** Statuses a dossier can have while officials work on it (the status filter's options). */
export const inboxStatuses: readonly InboxStatus[] = ['RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT', 'RESULT_READY'];

export interface InboxFilters {
  scope: Scope;
  status?: InboxStatus;
  deadline?: DeadlineFilter;
  procedureCode?: string;
  unassigned: boolean;
  page: number;
}

export const PAGE_SIZE = 20;

const scopeSlugs: Record<Scope, string> = { mine: 'cua-toi', unit: 'don-vi' };
const deadlineSlugs: Record<DeadlineFilter, string> = { overdue: 'qua-han', due_soon: 'sap-den-han', on_track: 'con-han' };

const fromSlug = <K extends string>(slugs: Record<K, string>, value: string | null): K | undefined =>
  (Object.keys(slugs) as K[]).find((k) => slugs[k] === value);

/** Reads the filters from the address; anything unknown falls back to its default. */
export function readInboxFilters(params: URLSearchParams, defaults: { scope: Scope } = { scope: 'mine' }): InboxFilters {
  const status = inboxStatuses.find((s) => s === params.get('trang-thai'));
  const code = params.get('thu-tuc')?.trim().slice(0, 60);
  const page = Number(params.get('trang'));
  return {
    scope: fromSlug(scopeSlugs, params.get('pham-vi')) ?? defaults.scope,
    status,
    deadline: fromSlug(deadlineSlugs, params.get('han')),
    procedureCode: code || undefined,
    unassigned: params.get('chua-phan-cong') === 'co',
    page: Number.isInteger(page) && page >= 1 && page <= 10000 ? page : 1,
  };
}

/** The address query for the filters (defaults left out, so the plain page has a plain address). */
export function writeInboxFilters(filters: InboxFilters, defaults: { scope: Scope } = { scope: 'mine' }): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.scope !== defaults.scope) params.set('pham-vi', scopeSlugs[filters.scope]);
  if (filters.status) params.set('trang-thai', filters.status);
  if (filters.deadline) params.set('han', deadlineSlugs[filters.deadline]);
  if (filters.procedureCode) params.set('thu-tuc', filters.procedureCode);
  if (filters.unassigned) params.set('chua-phan-cong', 'co');
  if (filters.page > 1) params.set('trang', String(filters.page));
  return params;
}

/** The API query for the filters; `role` narrows the list to one role's queue (LEADER: signing). */
export function inboxApiQuery(filters: InboxFilters, role?: InboxQuery['role']): InboxQuery {
  return {
    scope: filters.scope,
    ...(role ? { role } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.deadline ? { deadline: filters.deadline } : {}),
    ...(filters.procedureCode ? { procedureCode: filters.procedureCode } : {}),
    ...(filters.unassigned ? { assigned: 'unassigned' as const } : {}),
    page: filters.page,
    pageSize: PAGE_SIZE,
  };
}

/** Filters other than the scope and the page: how many are on. */
export function activeFilterCount(filters: InboxFilters): number {
  return [filters.status, filters.deadline, filters.procedureCode, filters.unassigned || undefined].filter(Boolean).length;
}
