import { validateConfig, type KioskConfig } from '../../../common/config/schema';
import { RpcError } from '../../../common/rpc/errors';
import { maskSecret } from '../../../common/privacy/mask';
import type { ConfigStore } from '../../config/config-store';
import type { RpcOutput } from '../../../common/rpc/contract';
import type { Clock } from '../../../base/clock';
import type { ParsedInput } from '../rpc/parsed-input';
import type { StaffAuth } from './staff-auth';

export interface SettingChange {
  path: string;
  value: unknown;
}

export interface AuditEvent {
  actor: 'staff';
  action: 'config.change';
  field: string;
  oldValue: unknown;
  newValue: unknown;
  at: string;
}

/** Where audit records go: the outbox (`audit.event`) once it is composed in; the log always. */
export interface AuditSink {
  record(event: AuditEvent): void;
}

const SECRET_PATHS = new Set(['hub.terminalSecret']);

function getAt(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setAt(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let o = obj;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[path[path.length - 1]!] = value;
}

function hasPath(obj: unknown, path: string[]): boolean {
  let o = obj;
  for (const k of path) {
    if (o === null || typeof o !== 'object' || Array.isArray(o) || !Object.prototype.hasOwnProperty.call(o, k)) return false;
    o = (o as Record<string, unknown>)[k];
  }
  return true;
}

/** The configuration as staff screens see it: the terminal secret never leaves the core. */
export function staffView(config: KioskConfig): { config: KioskConfig; terminalSecretSet: boolean } {
  return { config: { ...config, hub: { ...config.hub, terminalSecret: null } }, terminalSecretSet: config.hub.terminalSecret !== null };
}

/**
 * Applies staff changes to the configuration: all of them or none. The candidate is validated by
 * the same schema the core loads; refused changes name each field. Every applied change is audited
 * with secrets masked. An empty terminal secret means "keep the current one".
 */
export interface SettingsServiceDeps {
  config: ConfigStore;
  audit: AuditSink;
  clock: Clock;
  staffAuth: Pick<StaffAuth, 'authorize'>;
}

export class SettingsService {
  constructor(private readonly deps: SettingsServiceDeps) {}

  /** The configuration for the staff settings screens. */
  read({ token }: ParsedInput<'staff.config.get'>): RpcOutput<'staff.config.get'> {
    this.deps.staffAuth.authorize(token);
    return staffView(this.deps.config.config);
  }

  /** Applies a staff member's changes (all or none) and answers with the configuration now in force. */
  update({ token, changes }: ParsedInput<'staff.config.update'>): RpcOutput<'staff.config.update'> {
    this.deps.staffAuth.authorize(token);
    const { changed } = this.apply(changes);
    return { changed, ...staffView(this.deps.config.config) };
  }

  apply(changes: SettingChange[]): { changed: string[] } {
    const current = this.deps.config.config;
    const candidate = structuredClone(current) as unknown as Record<string, unknown>;
    const unknownPaths = changes.filter((c) => !hasPath(current, c.path.split('.')));
    if (unknownPaths.length) {
      throw new RpcError('invalid-input', 'unknown setting', {
        issues: unknownPaths.map((c) => ({ path: c.path, message: 'no such setting' })),
      });
    }
    for (const change of changes) {
      if (SECRET_PATHS.has(change.path) && (change.value === '' || change.value === null)) continue;
      setAt(candidate, change.path.split('.'), change.value);
    }
    const result = validateConfig(candidate);
    if (!result.ok) {
      throw new RpcError('invalid-input', 'settings refused: ' + result.issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues: result.issues });
    }
    const changed = changes
      .map((c) => c.path)
      .filter((p, i, all) => all.indexOf(p) === i)
      .filter((p) => JSON.stringify(getAt(current, p.split('.'))) !== JSON.stringify(getAt(result.config, p.split('.'))));
    if (changed.length === 0) return { changed };
    this.deps.config.replace(result.config);
    const at = new Date(this.deps.clock.now()).toISOString();
    for (const field of changed) {
      const secret = SECRET_PATHS.has(field);
      const oldValue = getAt(current, field.split('.'));
      const newValue = getAt(result.config, field.split('.'));
      this.deps.audit.record({
        actor: 'staff',
        action: 'config.change',
        field,
        oldValue: secret ? maskSecret(oldValue as string | null) : oldValue,
        newValue: secret ? maskSecret(newValue as string | null) : newValue,
        at,
      });
    }
    return { changed };
  }
}
