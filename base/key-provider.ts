/**
 * Supplies a 32-byte key for sealed-box.ts (AES-256-GCM): from a key file, from the operating
 * system's key store, or a fixed one. Users of a key depend on this, never on where it comes from.
 */
export interface KeyProvider {
  readonly description: string;
  getKey(): Buffer;
}

/** A fixed key (tests, tools that are handed a key). */
export class StaticKeyProvider implements KeyProvider {
  readonly description = 'static key';
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error(`a data key must be 32 bytes, got ${key.length}`);
  }
  getKey(): Buffer {
    return this.key;
  }
}
