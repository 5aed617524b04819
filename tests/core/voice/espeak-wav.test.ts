import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { espeakArgs } from '../../../main/core/voice/espeak-args';
import { spokenSentences } from '../../../renderer/src/voice/sentences/spoken-sentences';
import type { Language } from '../../../common/i18n/languages';
import { wavFigures } from './wav';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-voice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Renders what the kiosk would say to a WAV file with the real espeak-ng: the same arguments, `-w` in front. */
function render(language: Language, text: string, elder = false): Promise<Buffer> {
  const file = path.join(dir, `${language}-${elder ? 'elder' : 'normal'}.wav`);
  return new Promise((resolve, reject) => {
    const child = spawn('espeak-ng', ['-w', file, ...espeakArgs({ parts: [text], language, elder })], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(readFileSync(file)) : reject(new Error(`espeak-ng ${code}: ${stderr}`))));
  });
}

/** The sentences said, rendered by espeak-ng (apt espeak-ng espeak-ng-data; scripts/system-deps.mjs installs them). */
describe('the ticket sentence spoken by espeak-ng', () => {
  it.each(['zh-CN', 'zh-HK'] as const)('%s: lasts over a second and is not silence', async (language) => {
    const wav = wavFigures(await render(language, spokenSentences(language).ticketIssued('C023', null)));
    expect(wav.seconds).toBeGreaterThan(1);
    expect(wav.rms).toBeGreaterThan(300);
  });

  it('takes longer in 长辈版', async () => {
    const text = spokenSentences('zh-CN').ticketIssued('C023', null);
    const normal = wavFigures(await render('zh-CN', text));
    const elder = wavFigures(await render('zh-CN', text, true));
    expect(elder.seconds).toBeGreaterThan(normal.seconds * 1.1);
  });
});
