import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VoiceService } from '../../../main/core/voice/voice-service';
import type { SpawnProcess } from '../../../main/core/voice/spawn-process';
import { spawnPiped } from '../../../main/core/voice/spawn-process';
import { EventBus } from '../../../main/core/rpc/event-bus';
import { silentLogger } from '../../../main/logging/logger';
import { systemClock } from '../../../base/clock';
import { nextEvent } from '../../helpers/next-event';
import { wavFigures } from './wav';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-voice-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real espeak-ng, each utterance written to a WAV file instead of the sound card (none here); every run's arguments recorded. */
function espeakToFiles() {
  const runs: string[][] = [];
  const files = mkdtempSync(path.join(dir, 'run-'));
  let n = 0;
  const run: SpawnProcess = (command, args) => {
    runs.push([command, ...args]);
    return args[0] === '--voices' ? spawnPiped(command, args) : spawnPiped(command, ['-w', path.join(files, `said-${++n}.wav`), ...args]);
  };
  return { run, runs, wav: (i: number) => path.join(files, `said-${i}.wav`) };
}

function voiceService(spawnProcess: SpawnProcess, options: { enabled?: boolean; program?: string } = {}) {
  const events = new EventBus(silentLogger());
  const service = new VoiceService({
    spawn: spawnProcess,
    logger: silentLogger(),
    clock: systemClock,
    events,
    enabled: () => options.enabled ?? true,
    ...(options.program ? { program: options.program } : {}),
  });
  return { service, events };
}

describe('the core voice (espeak-ng)', () => {
  it('finds the voice that serves each language, by name', async () => {
    const { service } = voiceService(espeakToFiles().run);
    await service.start();
    expect(await service.status()).toEqual({
      engine: 'espeak-ng',
      problem: null,
      lastFailure: null,
      voices: [
        { language: 'zh-CN', voice: 'cmn-latn-pinyin', name: 'Chinese (Mandarin, latin as Pinyin)' },
        { language: 'zh-HK', voice: 'yue', name: 'Chinese (Cantonese)' },
        { language: 'en', voice: 'en', name: 'English (Great Britain)' },
      ],
    });
  });

  it('says that it cannot speak when espeak-ng is not installed, and says nothing', async () => {
    const { service } = voiceService(spawnPiped, { program: 'espeak-ng-not-installed' });
    const status = await service.status();
    expect(status.problem).toBe('espeak-ng-not-installed is not installed (apt-get install espeak-ng espeak-ng-data)');
    expect(status.voices.map((v) => v.voice)).toEqual([null, null, null]);
    expect(await service.speak({ parts: ['请选择要办理的事项'], language: 'zh-CN', elder: false })).toEqual({ id: null, voice: null });
  });

  it('speaks a sentence with the language’s voice and tells when it was said', async () => {
    const espeak = espeakToFiles();
    const { service, events } = voiceService(espeak.run);
    const said = nextEvent(events, 'voice.said');
    const answer = await service.speak({ parts: ['您的号码是 C 零二三，请取走凭条，留意叫号'], language: 'zh-CN', elder: true });
    expect(answer).toEqual({ id: 'u1', voice: 'cmn-latn-pinyin' });
    expect(await said).toEqual({
      id: 'u1',
      language: 'zh-CN',
      voice: 'cmn-latn-pinyin',
      text: '您的号码是 C 零二三，请取走凭条，留意叫号。',
      wordsPerMinute: 115,
      outcome: 'spoken',
    });
    expect(espeak.runs.at(-1)).toEqual(['espeak-ng', '-v', 'cmn-latn-pinyin', '-s', '115', '--', '您的号码是 xi1 零二三，请取走凭条，留意叫号。']);
    expect(wavFigures(readFileSync(espeak.wav(1))).seconds).toBeGreaterThan(1);
  });

  it('says nothing when staff switched voice off', async () => {
    const espeak = espeakToFiles();
    const { service } = voiceService(espeak.run, { enabled: false });
    expect(await service.speak({ parts: ['Please choose a service'], language: 'en', elder: false })).toEqual({ id: null, voice: 'en' });
    expect(espeak.runs.map((r) => r[1])).toEqual(['--voices']);
    expect(existsSync(espeak.wav(1))).toBe(false);
  });

  it('stops an utterance when asked, and when the next one starts', async () => {
    // A voice that speaks for a long time: `sleep` stands in for espeak-ng at its run.
    const long: SpawnProcess = (command, args) =>
      args[0] === '--voices' ? spawnPiped(command, args) : spawn('sleep', ['30'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const { service, events } = voiceService(long);
    const first = nextEvent(events, 'voice.said', (p) => p.id === 'u1');
    await service.speak({ parts: ['第一句'], language: 'zh-CN', elder: false });
    await service.speak({ parts: ['第二句'], language: 'zh-CN', elder: false });
    expect(await first).toMatchObject({ id: 'u1', outcome: 'stopped' });
    const second = nextEvent(events, 'voice.said', (p) => p.id === 'u2');
    service.stopUtterance({ id: 'u1' }); // no longer being said: left alone
    service.stopUtterance({ id: 'u2' });
    expect(await second).toMatchObject({ id: 'u2', outcome: 'stopped' });
  });

  it('reports an utterance that could not be played (no sound card), for the technician', async () => {
    const noAudio: SpawnProcess = (command, args) =>
      args[0] === '--voices'
        ? spawnPiped(command, args)
        : spawn('sh', ['-c', 'echo "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default" >&2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const { service, events } = voiceService(noAudio);
    const said = nextEvent(events, 'voice.said');
    await service.speak({ parts: ['請揀你要辦嘅事項'], language: 'zh-HK', elder: false });
    const problem = 'no audio output: no sound card or sound server (ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default)';
    expect(await said).toMatchObject({ outcome: 'failed', voice: 'yue', problem });
    expect((await service.status()).lastFailure?.message).toBe(problem);
  });
});
