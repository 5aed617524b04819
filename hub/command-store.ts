import { randomUUID } from 'node:crypto';
import type { HubDb } from './hub-db';

export interface HubCommand {
  id: string;
  type: string;
  args: Record<string, unknown>;
}

export const COMMAND_TYPES = ['reload-config', 'reload-catalog', 'purge-subject'] as const;

/** Each terminal's last heartbeat, and the commands waiting for it (delivered in answer to a heartbeat). */
export class HubCommands {
  constructor(private readonly db: HubDb) {}

  recordHeartbeat(terminalId: string, body: unknown, now: number): HubCommand[] {
    return this.db
      .transaction(() => {
        this.db
          .prepare(
            'INSERT INTO heartbeats (terminal_id, received_at, body) VALUES (?, ?, ?) ON CONFLICT(terminal_id) DO UPDATE SET received_at = excluded.received_at, body = excluded.body',
          )
          .run(terminalId, now, JSON.stringify(body));
        const rows = this.db
          .prepare('SELECT id, type, args FROM commands WHERE terminal_id = ? AND delivered_at IS NULL ORDER BY created_at, id')
          .all(terminalId) as { id: string; type: string; args: string }[];
        return rows.map((r) => ({ id: r.id, type: r.type, args: JSON.parse(r.args) as Record<string, unknown> }));
      })
      .immediate();
  }

  markDelivered(ids: string[], now: number): void {
    const stmt = this.db.prepare('UPDATE commands SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL');
    this.db.transaction(() => ids.forEach((id) => stmt.run(now, id))).immediate();
  }

  enqueueCommand(terminalId: string, type: string, args: Record<string, unknown>, now: number): string {
    if (!(COMMAND_TYPES as readonly string[]).includes(type)) throw new Error(`unknown command type "${type}"; expected ${COMMAND_TYPES.join(', ')}`);
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO commands (id, terminal_id, type, args, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, terminalId, type, JSON.stringify(args), now);
    return id;
  }
}
