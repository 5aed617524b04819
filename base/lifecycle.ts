/** A part of the core with something to start and stop (a device driver, the sync loop, a timer). */
export interface CoreService {
  readonly name: string;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
}
