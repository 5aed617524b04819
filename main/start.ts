import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedElectronBinary } from './electron/installed-electron';

/**
 * `npm start`: the Electron shell when Electron's binary is installed; otherwise one line saying
 * so, then the web shell (which opens Debian's chromium in kiosk mode when it can).
 */
function electronBinary(): string | null {
  try {
    // Never require('electron') here: since Electron 42 that downloads a missing binary.
    return installedElectronBinary(path.dirname(createRequire(import.meta.url).resolve('electron/package.json')));
  } catch {
    return null;
  }
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The embedded defaults' device emulators run on socat ptys: install it where we can, else say so. */
function ensureSocat(): void {
  if (process.platform === 'win32' || has('socat')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && has('apt-get')) {
    console.log('Installing socat (apt-get) for the emulated devices of the embedded defaults.');
    const r = spawnSync('sh', ['-c', 'apt-get install -y -qq socat >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq socat >/dev/null)'], {
      stdio: 'inherit',
    });
    if (r.status === 0) return;
  }
  console.log('socat is not installed: the emulated ID card reader, printer and scanner are off (sudo apt-get install socat).');
}

const here = path.dirname(fileURLToPath(import.meta.url));
const appRoot = path.resolve(here, '..');
const args = process.argv.slice(2);
const electron = electronBinary();
ensureSocat();

const child = electron
  ? spawn(electron, [appRoot, ...args], { stdio: 'inherit' })
  : (console.log("Electron's binary is not installed here: starting the web shell in Chromium instead."),
    spawn(process.execPath, [path.join(here, 'web-shell', 'main.js'), ...args], { stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
