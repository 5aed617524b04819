import type { RegisterCommand } from '../command-registry';
import { registerConfigCommands } from './config';
import { registerDevicesCommands } from './devices';
import { registerDiagCommands } from './diag';
import { registerDocumentCommands } from './document';
import { registerCoreCommands } from './core';
import { registerHubCommands } from './hub';
import { registerHubFaceCommands } from './hub-face';
import { registerQueueCommands } from './queue';
import { registerFaceCommands } from './face';
import { registerIdCardCommands } from './idcard';
import { registerPrinterCommands } from './printer';
import { registerScannerCommands } from './scanner';

/** Every kioskctl command module, in the order `--help` lists them. */
export const commandModules: RegisterCommand[] = [
  registerConfigCommands,
  registerDevicesCommands,
  registerDiagCommands,
  registerCoreCommands,
  registerQueueCommands,
  registerHubCommands,
  registerHubFaceCommands,
  registerFaceCommands,
  registerIdCardCommands,
  registerPrinterCommands,
  registerDocumentCommands,
  registerScannerCommands,
];
