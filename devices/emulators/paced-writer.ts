/**
 * Writes bytes no faster than a serial line of the given baud rate would carry them (10 bits a
 * byte for 8N1), in small bursts: each burst is handed over when its last byte would have arrived
 * on a real wire, so a receiver never sees data earlier than a real reader could send it.
 */
export interface PacedWriterOptions {
  baudRate: number;
  burstBytes?: number;
}

export function wireTimeMs(bytes: number, baudRate: number): number {
  return (bytes * 10 * 1000) / baudRate;
}

async function sleepUntil(due: number): Promise<void> {
  for (;;) {
    const remaining = due - performance.now();
    if (remaining <= 0) return;
    if (remaining > 2) await new Promise((r) => setTimeout(r, remaining - 1.5));
    else await new Promise((r) => setImmediate(r));
  }
}

export class PacedWriter {
  private readonly burst: number;

  constructor(
    private readonly write: (chunk: Buffer) => Promise<void>,
    private readonly options: PacedWriterOptions,
  ) {
    this.burst = options.burstBytes ?? 32;
  }

  /** Sends `bytes` in bursts of `burstBytes` (or `chunkBytes` when given, e.g. a chunking fault). */
  async send(bytes: Buffer, chunkBytes = this.burst, extraGapMs = 0): Promise<void> {
    let due = performance.now();
    for (let off = 0; off < bytes.length; off += chunkBytes) {
      const chunk = bytes.subarray(off, off + chunkBytes);
      due += wireTimeMs(chunk.length, this.options.baudRate) + extraGapMs;
      await sleepUntil(due);
      await this.write(chunk);
    }
  }

  /** Waits the time `bytes` take to arrive over the wire (commands coming in). */
  async receiveDelay(bytes: number): Promise<void> {
    await sleepUntil(performance.now() + wireTimeMs(bytes, this.options.baudRate));
  }
}
