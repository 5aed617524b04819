/** Fault injection of the reference hub (tests and demos); applies to the v1/ endpoints only. */
export interface ForcedStatus {
  status: number;
  /** How many requests get it; omitted: until faults are changed. */
  count?: number;
  /** Sent as Retry-After (seconds). */
  retryAfterS?: number;
  /** Only requests whose protocol path starts with this (e.g. `v1/batches`). */
  path?: string;
}

export interface HubFaults {
  /** Share of requests answered 503 without doing anything (0–1). */
  failRate?: number;
  /** Share of requests that are carried out (stored) but whose socket is destroyed before the answer (0–1). */
  dropResponseRate?: number;
  /** Delay before each request is handled. */
  latencyMs?: number;
  forced?: ForcedStatus[];
}

export type FaultDecision = { kind: 'none'; drop: boolean } | { kind: 'status'; status: number; retryAfterS?: number };

function checkRate(name: string, v: number | undefined): void {
  if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1)) throw new Error(`${name} must be a number from 0 to 1, got ${String(v)}`);
}

export function validateFaults(f: HubFaults): HubFaults {
  checkRate('failRate', f.failRate);
  checkRate('dropResponseRate', f.dropResponseRate);
  if (f.latencyMs !== undefined && !(Number.isInteger(f.latencyMs) && f.latencyMs >= 0 && f.latencyMs <= 600_000)) {
    throw new Error(`latencyMs must be an integer from 0 to 600000, got ${String(f.latencyMs)}`);
  }
  for (const s of f.forced ?? []) {
    if (!Number.isInteger(s.status) || s.status < 200 || s.status > 599) throw new Error(`forced status must be an HTTP status, got ${String(s.status)}`);
  }
  return { ...f, forced: (f.forced ?? []).map((s) => ({ ...s })) };
}

export class FaultInjector {
  private faults: HubFaults;
  constructor(
    faults: HubFaults,
    private readonly random: () => number,
  ) {
    this.faults = validateFaults(faults);
  }

  set(faults: HubFaults): void {
    this.faults = validateFaults(faults);
  }

  get current(): HubFaults {
    return this.faults;
  }

  get latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  decide(protocolPath: string): FaultDecision {
    const forced = this.faults.forced ?? [];
    const i = forced.findIndex((s) => !s.path || protocolPath.startsWith(s.path));
    if (i >= 0) {
      const s = forced[i]!;
      if (s.count !== undefined) {
        s.count -= 1;
        if (s.count <= 0) forced.splice(i, 1);
      }
      return { kind: 'status', status: s.status, ...(s.retryAfterS !== undefined ? { retryAfterS: s.retryAfterS } : {}) };
    }
    if ((this.faults.failRate ?? 0) > 0 && this.random() < this.faults.failRate!) return { kind: 'status', status: 503 };
    return { kind: 'none', drop: (this.faults.dropResponseRate ?? 0) > 0 && this.random() < this.faults.dropResponseRate! };
  }
}
