import { statusRequest, type StatusRequest } from './escpos';
import { decodeStatus, type PrinterStatus, type StatusBytes, type StatusReplyParser } from './status';

export interface StatusChannel {
  write(data: Uint8Array): Promise<void>;
  /** Emits one number per status reply byte (a StatusReplyParser). */
  replies: StatusReplyParser;
}

export type StatusQueryResult =
  { responding: true; bytes: StatusBytes; status: PrinterStatus } | { responding: false; unansweredRequest: StatusRequest; timeoutMs: number };

function nextReply(replies: StatusReplyParser, timeoutMs: number): { reply: Promise<number | null>; cancel: () => void } {
  let cancel = () => undefined as void;
  const reply = new Promise<number | null>((resolve) => {
    const onData = (byte: number) => {
      cleanup();
      resolve(byte);
    };
    const timer = setTimeout(() => {
      cleanup();
      resolve(null);
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      replies.off('data', onData);
    };
    cancel = () => {
      cleanup();
      resolve(null);
    };
    replies.on('data', onData);
  });
  return { reply, cancel };
}

/**
 * Asks `DLE EOT 1..4` in turn, each answered within `timeoutMs`; a request left unanswered means
 * the printer is offline (switched off, unplugged, or its buffer is full).
 */
export async function queryStatus(channel: StatusChannel, timeoutMs: number): Promise<StatusQueryResult> {
  const bytes: Partial<StatusBytes> = {};
  for (const n of [1, 2, 3, 4] as const) {
    const pending = nextReply(channel.replies, timeoutMs);
    try {
      await channel.write(statusRequest(n));
    } catch (err) {
      pending.cancel();
      throw err;
    }
    const byte = await pending.reply;
    if (byte === null) return { responding: false, unansweredRequest: n, timeoutMs };
    bytes[n] = byte;
  }
  const full = bytes as StatusBytes;
  return { responding: true, bytes: full, status: decodeStatus(full) };
}
