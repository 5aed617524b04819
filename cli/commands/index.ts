import type { RegisterCommand } from '../command-registry';
import { registerConfigCommands } from './config';
import { registerPrinterCommands } from './printer';

/** Every kioskctl command module, in the order `--help` lists them. */
export const commandModules: RegisterCommand[] = [
  registerConfigCommands,
  registerPrinterCommands,
];
