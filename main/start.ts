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

/** Installs Debian packages for a part of the embedded defaults where we can (root with apt), else says in one line how. */
function ensurePackages(present: () => boolean, packages: string, what: string): void {
  if (process.platform === 'win32' || present()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && has('apt-get')) {
    console.log(`Installing ${packages} (apt-get) for ${what}.`);
    const install = `DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages} >/dev/null 2>&1`;
    const r = spawnSync('sh', ['-c', `${install} || (apt-get update -qq && ${install})`], { stdio: 'inherit' });
    if (r.status === 0) return;
  }
  console.log(`${packages} not installed: ${what} are off (sudo apt-get install ${packages}).`);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const appRoot = path.resolve(here, '..');
const args = process.argv.slice(2);
const electron = electronBinary();
ensurePackages(() => has('socat'), 'socat', 'the emulated ID card reader, printer and scanner');
// The kiosk adds its cups-pdf queue itself when it starts (devices/document-printer/cups-queue).
ensurePackages(() => has('lpadmin') && has('cupsd'), 'cups printer-driver-cups-pdf', 'the embedded A4 printer (a cups-pdf queue) and 证明打印');
// The core's voice where the screen has none (Linux): espeak-ng's Mandarin, Cantonese and English voices.
ensurePackages(() => has('espeak-ng'), 'espeak-ng espeak-ng-data', 'spoken prompts (the core speaks them with espeak-ng when the screen has no voice)');

const child = electron
  ? spawn(electron, [appRoot, ...args], { stdio: 'inherit' })
  : (console.log("Electron's binary is not installed here: starting the web shell in Chromium instead."),
    spawn(process.execPath, [path.join(here, 'web-shell', 'main.js'), ...args], { stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
