import { Command, CommanderError } from 'commander';
import { commandModules } from './commands/index';
import { CliExit } from './command-registry';
import { APP_VERSION } from '../common/version';

export function buildProgram(): Command {
  const program = new Command('kioskctl')
    .description('Hall kiosk terminal: diagnostics, devices, queue and hub tools for technicians and operators')
    .version(APP_VERSION)
    .showHelpAfterError();
  for (const register of commandModules) register(program);
  return program;
}

export async function runKioskctl(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CliExit) {
      if (err.message) process.stderr.write(err.message.endsWith('\n') ? err.message : `${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`kioskctl: ${(err as Error).message}\n`);
    return 1;
  }
}

// Runs when executed directly (bin/kioskctl.js or tsx cli/kioskctl.ts), not when imported by tests.
const invokedPath = process.argv[1] ?? '';
if (/kioskctl(\.[cm]?[jt]s)?$/.test(invokedPath)) {
  runKioskctl(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`kioskctl: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
