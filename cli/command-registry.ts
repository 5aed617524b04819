import type { Command } from 'commander';

/** What every kioskctl command module exports. */
export type RegisterCommand = (program: Command) => void;

/**
 * Returns the named sub-command group (e.g. `emulate`, `queue`), creating it once, so that
 * several modules can add sub-commands to the same group.
 */
export function commandGroup(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  return existing ?? program.command(name).description(description);
}

/** A CLI failure with the exit code the command documents. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
