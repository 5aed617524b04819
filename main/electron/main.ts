// Electron main process entry (bundled to dist/electron/main.cjs): the real Electron modules in,
// everything else in shell.ts.
import * as electron from 'electron';
import { runElectronShell } from './shell';

runElectronShell(electron);
