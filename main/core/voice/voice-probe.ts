import type { CoreVoiceStatus } from '../../../common/rpc/contract';
import { LANGUAGES } from '../../../common/i18n/languages';
import { ESPEAK_VOICE, parseEspeakVoices } from './espeak-voices';
import type { SpawnProcess } from './spawn-process';

export type ProbedVoices = Pick<CoreVoiceStatus, 'problem' | 'voices'>;

/** Runs `program args` to its end: its output, or the error that kept it from starting. */
function run(spawn: SpawnProcess, program: string, args: string[]): Promise<{ stdout: string; code: number | null } | { error: Error }> {
  return new Promise((resolve) => {
    let stdout = '';
    const child = spawn(program, args);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', (error) => resolve({ error }));
    child.on('close', (code) => resolve({ stdout, code }));
  });
}

/**
 * Which espeak-ng voice serves each language here, from `espeak-ng --voices`: the voice of
 * ESPEAK_VOICE when it is listed, else none; `problem` when espeak-ng cannot be run at all.
 */
export async function probeEspeakVoices(spawn: SpawnProcess, program = 'espeak-ng'): Promise<ProbedVoices> {
  const none = LANGUAGES.map((language) => ({ language, voice: null, name: null }));
  const outcome = await run(spawn, program, ['--voices']);
  if ('error' in outcome) {
    const missing = (outcome.error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      problem: missing ? `${program} is not installed (apt-get install espeak-ng espeak-ng-data)` : `${program}: ${outcome.error.message}`,
      voices: none,
    };
  }
  if (outcome.code !== 0) return { problem: `${program} --voices ended with code ${outcome.code}`, voices: none };
  const listed = parseEspeakVoices(outcome.stdout);
  const voices = LANGUAGES.map((language) => {
    const found = listed.find((v) => v.id === ESPEAK_VOICE[language]);
    return { language, voice: found ? found.id : null, name: found ? found.name : null };
  });
  return { problem: null, voices };
}
