import type { RegisterCommand } from '../command-registry';
import { registerConfigCommands } from './config';
import { registerFaceCommands } from './face';
import { registerIdCardCommands } from './idcard';
import { registerPrinterCommands } from './printer';

/** Every kioskctl command module, in the order `--help` lists them. */
export const commandModules: RegisterCommand[] = [
  registerConfigCommands,
  registerFaceCommands,
  registerIdCardCommands,
  registerPrinterCommands,
];
