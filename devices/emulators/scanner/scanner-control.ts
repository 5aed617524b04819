import { z } from 'zod';
import type { ScannerEmulator } from './scanner-emulator';

/**
 * Commands of the scanner emulator, as JSON on its control socket or as text lines on stdin:
 *   {"cmd":"scan","code":"APPT-1234"}   scan APPT-1234   (a line that is not a command is scanned as is)
 *   {"cmd":"unplug"} / {"cmd":"replug"} unplug / replug
 *   {"cmd":"status"}                    status
 */
export const scannerCommandSchema = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('scan'), code: z.string().min(1).max(4096) }),
  z.object({ cmd: z.literal('unplug') }),
  z.object({ cmd: z.literal('replug') }),
  z.object({ cmd: z.literal('status') }),
]);
export type ScannerCommand = z.infer<typeof scannerCommandSchema>;

export function parseScannerLine(line: string): ScannerCommand {
  const text = line.trim();
  if (text === 'unplug' || text === 'replug' || text === 'status') return { cmd: text };
  const code = text.startsWith('scan ') ? text.slice(5).trim() : text;
  return { cmd: 'scan', code };
}

export async function executeScannerCommand(emulator: ScannerEmulator, message: unknown): Promise<object> {
  const parsed = scannerCommandSchema.safeParse(message);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `invalid command: ${issue?.path.join('.') || 'cmd'}: ${issue?.message ?? 'invalid'}` };
  }
  const command = parsed.data;
  try {
    if (command.cmd === 'scan') await emulator.scan(command.code);
    else if (command.cmd === 'unplug') await emulator.unplug();
    else if (command.cmd === 'replug') await emulator.replug();
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  return { ok: true, status: { plugged: emulator.plugged, scans: emulator.scans } };
}
