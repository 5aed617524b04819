// After the final drain: what the terminal's outbox wrote against what the hub stored, entry by
// entry (by key), and the tickets citizens were given against the hub's ticket register.
import type { Outbox } from '../../offline-queue/outbox';
import type { ReferenceHub } from '../../hub/reference-hub';
import { DEFAULT_HALL_TIME_ZONE, hallDayKey } from '../../common/time/hall-clock';

export interface Reconciliation {
  written: number;
  byKind: Record<string, number>;
  byState: Record<string, number>;
  hubItems: number;
  hubDuplicateKeys: number;
  missingAtHub: string[];
  unknownAtHub: string[];
  citizenTickets: number;
  hubTickets: number;
  hubCancelled: number;
  /** Numbers given to two citizens on the same day for the same service. */
  duplicateNumbers: string[];
  /** Numbers a citizen holds that the hub's register lacks (or holds cancelled). */
  ticketsNotAtHub: string[];
  /** Live tickets in the hub's register that no citizen holds (phantoms). */
  phantomTickets: string[];
  formsSubmitted: number;
  hubSubmissions: number;
  ratings: number;
  hubEvaluations: number;
}

interface HubDump {
  items: { key: string; terminalId: string; kind: string }[];
  tickets: { key: string; terminalId: string; serviceCode: string; day: string; display: string; cancelled: boolean }[];
}

export function reconcile(o: { outbox: Outbox; hub: ReferenceHub; terminalId: string; tickets: string[]; forms: number; ratings: number }): Reconciliation {
  const rows = o.outbox.db.prepare('SELECT key, kind, state FROM outbox').all() as { key: string; kind: string; state: string }[];
  const byKind: Record<string, number> = {};
  const byState: Record<string, number> = {};
  for (const r of rows) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    byState[r.state] = (byState[r.state] ?? 0) + 1;
  }
  const dump = o.hub.store.dump() as unknown as HubDump;
  const items = dump.items.filter((i) => i.terminalId === o.terminalId);
  const hubKeys = new Set(items.map((i) => i.key));
  const outboxKeys = new Set(rows.map((r) => r.key));

  const given = new Map<string, number>();
  for (const t of o.tickets) {
    const [service, number, issuedAt] = t.split(' ');
    const id = `${service} ${hallDayKey(Date.parse(issuedAt!), DEFAULT_HALL_TIME_ZONE)} ${number}`;
    given.set(id, (given.get(id) ?? 0) + 1);
  }
  const hubTickets = dump.tickets.filter((t) => t.terminalId === o.terminalId);
  const live = new Set(hubTickets.filter((t) => !t.cancelled).map((t) => `${t.serviceCode} ${t.day} ${t.display}`));
  return {
    written: rows.length,
    byKind,
    byState,
    hubItems: items.length,
    hubDuplicateKeys: items.length - hubKeys.size,
    missingAtHub: [...outboxKeys].filter((k) => !hubKeys.has(k)),
    unknownAtHub: [...hubKeys].filter((k) => !outboxKeys.has(k)),
    citizenTickets: o.tickets.length,
    hubTickets: hubTickets.length,
    hubCancelled: hubTickets.filter((t) => t.cancelled).length,
    duplicateNumbers: [...given].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`),
    ticketsNotAtHub: [...given.keys()].filter((id) => !live.has(id)),
    phantomTickets: [...live].filter((id) => !given.has(id)),
    formsSubmitted: o.forms,
    hubSubmissions: items.filter((i) => i.kind === 'submission.created').length,
    ratings: o.ratings,
    hubEvaluations: items.filter((i) => i.kind === 'evaluation.created').length,
  };
}

/** The reconciliation's verdicts: each line a check, with what failed it. */
export function reconciliationProblems(r: Reconciliation): string[] {
  const problems: string[] = [];
  const acknowledged = r.byState['acknowledged'] ?? 0;
  if (acknowledged !== r.written) problems.push(`${r.written - acknowledged} outbox entries not acknowledged (${JSON.stringify(r.byState)})`);
  if (r.missingAtHub.length) problems.push(`${r.missingAtHub.length} outbox keys not stored at the hub`);
  if (r.unknownAtHub.length) problems.push(`${r.unknownAtHub.length} hub items with keys the outbox never wrote`);
  if (r.hubDuplicateKeys) problems.push(`${r.hubDuplicateKeys} duplicate keys at the hub`);
  if (r.duplicateNumbers.length) problems.push(`ticket numbers given twice: ${r.duplicateNumbers.slice(0, 5).join(', ')}`);
  if (r.ticketsNotAtHub.length) problems.push(`${r.ticketsNotAtHub.length} citizens' tickets not live at the hub: ${r.ticketsNotAtHub.slice(0, 5).join(', ')}`);
  if (r.phantomTickets.length) problems.push(`${r.phantomTickets.length} live hub tickets no citizen holds: ${r.phantomTickets.slice(0, 5).join(', ')}`);
  if (r.hubSubmissions !== r.formsSubmitted) problems.push(`forms accepted ${r.formsSubmitted}, submissions at the hub ${r.hubSubmissions}`);
  if (r.hubEvaluations !== r.ratings) problems.push(`ratings accepted ${r.ratings}, evaluations at the hub ${r.hubEvaluations}`);
  return problems;
}
