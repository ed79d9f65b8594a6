/** Pure helpers that turn a procedure from the API into what its page displays. */
import type { Messages } from '../../i18n/vi';
import type { Lang } from '../../i18n/language';
import { dayBefore, formatIsoDate, formatNumber, formatVnd } from '../../lib/format';
import type { Channel, ChannelTerms, FeeItem, ProcedureAgency, ProcedureDetail, TimePhase } from './types';

/** "10 ngày làm việc", "42 ngày", "8 giờ". */
export function phaseDuration(phase: TimePhase, t: Messages, lang: Lang): string {
  return t.units[phase.unit](formatNumber(phase.amount, lang));
}

/**
 * The whole time limit of a channel when it has several phases, summed per unit:
 * ["3 ngày làm việc", "42 ngày"]; empty for a single phase (its own line says it all).
 */
export function totalDuration(phases: TimePhase[], t: Messages, lang: Lang): string[] {
  if (phases.length < 2) return [];
  const sums = new Map<TimePhase['unit'], number>();
  for (const p of phases) sums.set(p.unit, (sums.get(p.unit) ?? 0) + p.amount);
  return [...sums].map(([unit, amount]) => t.units[unit](formatNumber(amount, lang)));
}

/** "Không tính thời gian người nộp bổ sung, hoàn thiện hồ sơ." or '' when nothing is excluded. */
export function excludedTime(phases: TimePhase[], t: Messages): string {
  const kinds = [...new Set(phases.flatMap((p) => p.excludes ?? []))];
  if (kinds.length === 0) return '';
  return t.procedure.excludesNote(kinds.map((k) => t.excludes[k]));
}

export interface ChannelGroup {
  /** Channels sharing the same terms; empty means every channel of the case. */
  channels: Channel[];
  terms: ChannelTerms;
}

/**
 * Channels whose terms look the same (by `signature`) are shown once: a single group with no
 * channel names when every channel agrees, otherwise one group per distinct set of terms.
 */
function groupChannels(channels: ChannelTerms[], signature: (c: ChannelTerms) => string): ChannelGroup[] {
  const groups = new Map<string, ChannelGroup>();
  for (const c of channels) {
    const key = signature(c);
    const group = groups.get(key);
    if (group) group.channels.push(c.channel);
    else groups.set(key, { channels: [c.channel], terms: c });
  }
  const list = [...groups.values()];
  return list.length === 1 && list[0] ? [{ channels: [], terms: list[0].terms }] : list;
}

export function groupFees(channels: ChannelTerms[]): ChannelGroup[] {
  return groupChannels(channels, (c) => JSON.stringify((c.fees ?? []).map((f) => [f.kind, f.name, f.amountVnd ?? null, f.description ?? '', f.stage ?? 'FILING', f.tiers ?? null, f.illustrative ?? false, f.payLater ?? false])));
}

export function groupTimeLimits(channels: ChannelTerms[]): ChannelGroup[] {
  return groupChannels(channels, (c) => JSON.stringify([c.phases.map((p) => [p.name, p.amount, p.unit, p.excludes ?? []]), c.note ?? '']));
}

export function feeAmount(fee: FeeItem, t: Messages, lang: Lang): string {
  if (fee.amountVnd === undefined) return t.procedure.feeDependsOnCase;
  return fee.amountVnd === 0 ? t.procedure.noFee : formatVnd(fee.amountVnd, lang);
}

const roleOrder = ['IMPLEMENTING', 'COMPETENT', 'DELEGATED', 'COORDINATING'];

export interface AgencyGroup {
  role: string;
  agencies: ProcedureAgency[];
}

export function agenciesByRole(agencies: ProcedureAgency[]): AgencyGroup[] {
  const roles = [...new Set(agencies.map((a) => a.role))].sort(
    (a, b) => (roleOrder.indexOf(a) + 1 || 99) - (roleOrder.indexOf(b) + 1 || 99),
  );
  return roles.map((role) => ({ role, agencies: agencies.filter((a) => a.role === role) }));
}

export function implementingAgency(p: ProcedureDetail): ProcedureAgency | undefined {
  return p.agencies.find((a) => a.role === 'IMPLEMENTING') ?? p.agencies[0];
}

/** "Áp dụng từ 01/07/2024" or "Áp dụng từ 01/01/2024 đến hết ngày 31/12/2024". */
export function validityText(version: ProcedureDetail['version'], t: Messages): string {
  const from = t.procedure.validFrom(formatIsoDate(version.validFrom));
  return version.validTo ? `${from} ${t.procedure.validTo(formatIsoDate(dayBefore(version.validTo)))}` : from;
}

/** The name to show: the English name when there is one and the page is in English. */
export function localName(item: { name: string; nameEn?: string | null }, lang: Lang): string {
  return lang === 'en' && item.nameEn ? item.nameEn : item.name;
}
