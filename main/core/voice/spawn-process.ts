import { spawn, type ChildProcess } from 'node:child_process';

/** How the voice service starts a program (node's `spawn`; tests pass one that records or redirects). */
export type SpawnProcess = (command: string, args: readonly string[]) => ChildProcess;

/** node's `spawn` with stdin closed and stdout, stderr piped: what the voice service runs espeak-ng with. */
export const spawnPiped: SpawnProcess = (command, args) => spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
