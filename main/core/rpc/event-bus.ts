import { rpcEvents, type RpcEvent, type RpcEventPayload } from '../../../common/rpc/contract';
import type { Logger } from '../../logging/logger';

export type EventListener = (event: RpcEvent, payload: unknown) => void;

/**
 * Events from the core to every connected renderer. Payloads are checked against the contract
 * before they leave, so a service cannot leak a field the contract does not allow (zod strips
 * unknown keys), e.g. a full ID number where a masked one is expected.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly logger: Logger) {}

  publish<E extends RpcEvent>(event: E, payload: RpcEventPayload<E>): void {
    const checked = rpcEvents[event].safeParse(payload);
    if (!checked.success) {
      this.logger.error({ event, issues: checked.error.issues.map((i) => i.path.join('.')) }, 'event payload breaks the contract; not sent');
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(event, checked.data);
      } catch (err) {
        this.logger.warn({ event, err }, 'event listener failed');
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
