import type { DiagnosticsSection } from '../technician/diagnostics';
import { ESPEAK_VOICE } from './espeak-voices';
import { probeEspeakVoices } from './voice-probe';
import { spawnPiped } from './spawn-process';

/**
 * `kioskctl diag` and the technician bundle: which espeak-ng voice would speak each language. On
 * Linux, where no Web Speech voice is to be expected, a language the hall offers with no voice
 * (voice on) needs attention: its prompts would be silent.
 */
export const voiceDiagnostics: DiagnosticsSection = {
  name: 'voice',
  async collect(_dataDir, config) {
    const probed = await probeEspeakVoices(spawnPiped);
    const data = { engine: 'espeak-ng', problem: probed.problem, voices: Object.fromEntries(probed.voices.map((v) => [v.language, v.voice ?? 'none'])) };
    if (!config.ui.voice || process.platform !== 'linux') return { data, attention: [] };
    if (probed.problem) return { data, attention: [`voice: ${probed.problem}; prompts are silent unless the screen has a voice of its own`] };
    const silent = probed.voices.filter((v) => v.voice === null && config.ui.languages.includes(v.language));
    return { data, attention: silent.map((v) => `voice: no espeak-ng voice ${ESPEAK_VOICE[v.language]} for ${v.language} (apt-get install espeak-ng-data)`) };
  },
};
