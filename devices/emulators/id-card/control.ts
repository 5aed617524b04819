import type { Server } from 'node:net';
import { z } from 'zod';
import { EMULATOR_FAULTS, isEmulatorFault } from './reader-emulator';
import type { HostSnapshot, IdCardEmulatorHost } from './emulator-host';
import { listenJsonLines } from '../json-line-socket';

/**
 * Commands that script the emulator, from stdin (text lines) or the control socket (JSON lines).
 *
 *   text                    JSON
 *   place <cardId>          {"cmd":"place","card":"resident"}
 *   remove                  {"cmd":"remove"}
 *   fault <name>            {"cmd":"fault","name":"chunked"}     names: chunked noise corrupt-checksum read-failure slow lost-reply sam-fault
 *   clear                   {"cmd":"clear"}                      clears pending faults and sam-fault
 *   unplug / replug         {"cmd":"unplug"} / {"cmd":"replug"}   the port goes away / comes back
 *   status                  {"cmd":"status"}
 *
 * Every command answers `{"ok":true,"status":{...}}` or `{"ok":false,"error":"..."}`.
 */
export const controlCommandSchema = z.discriminatedUnion('cmd', [
  z.object({ cmd: z.literal('place'), card: z.string().min(1) }),
  z.object({ cmd: z.literal('remove') }),
  z.object({ cmd: z.literal('fault'), name: z.enum(EMULATOR_FAULTS) }),
  z.object({ cmd: z.literal('clear') }),
  z.object({ cmd: z.literal('unplug') }),
  z.object({ cmd: z.literal('replug') }),
  z.object({ cmd: z.literal('status') }),
]);

export type ControlCommand = z.infer<typeof controlCommandSchema>;
export type ControlReply = { ok: true; status: HostSnapshot } | { ok: false; error: string };

export class ControlCommandError extends Error {
  override name = 'ControlCommandError';
}

export function parseControlLine(line: string): ControlCommand {
  const [verb = '', ...args] = line.trim().split(/\s+/);
  switch (verb) {
    case 'place':
      if (!args[0]) throw new ControlCommandError('place needs a card id');
      return { cmd: 'place', card: args[0] };
    case 'fault':
      if (!args[0] || !isEmulatorFault(args[0])) throw new ControlCommandError(`fault needs one of: ${EMULATOR_FAULTS.join(', ')}`);
      return { cmd: 'fault', name: args[0] };
    case 'remove':
    case 'clear':
    case 'unplug':
    case 'replug':
    case 'status':
      return { cmd: verb };
    default:
      throw new ControlCommandError(`unknown command ${JSON.stringify(verb)} (place, remove, fault, clear, unplug, replug, status)`);
  }
}

export function parseControlJson(line: string): ControlCommand {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new ControlCommandError('not a JSON line');
  }
  return parseControlObject(json);
}

export function parseControlObject(json: unknown): ControlCommand {
  const result = controlCommandSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ControlCommandError(`invalid command: ${issue?.path.join('.') || 'cmd'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

export async function executeControl(host: IdCardEmulatorHost, command: ControlCommand): Promise<ControlReply> {
  try {
    switch (command.cmd) {
      case 'place':
        host.emulator.place(command.card);
        break;
      case 'remove':
        host.emulator.remove();
        break;
      case 'fault':
        host.emulator.fault(command.name);
        break;
      case 'clear':
        host.emulator.clearFaults();
        break;
      case 'unplug':
        await host.unplug();
        break;
      case 'replug':
        await host.replug();
        break;
      case 'status':
        break;
    }
    return { ok: true, status: host.snapshot() };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** A unix socket taking one JSON command per line and answering one JSON line each. */
/** The emulator's control socket (`LINK.ctl`): one JSON command per line, one reply per line. */
export function startControlServer(socketPath: string, host: IdCardEmulatorHost): Promise<Server> {
  return listenJsonLines(socketPath, async (message): Promise<ControlReply> => {
    try {
      return await executeControl(host, parseControlObject(message));
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  });
}
