import { SAMPLE_CARDS } from '../../../devices/emulators/id-card/card-spec';
import { SubjectIdDeriver } from '../../../main/face/gallery/subject-id';
import { StaticKeyProvider } from '../../../base/key-provider';
import { hubAdmin } from './embedded-hub-admin';
import type { RunningWebShell } from '../../../testing/chromium/web-shell-process';

/** A fixed hall key for openKioskInChromium({ hallKey }): the kiosk's subject ids become known to the test. */
export const TEST_HALL_KEY = Buffer.alloc(32, 0x5a);

/** The pseudonymous subject id the kiosk derives for one of the emulator's sample cards under `hallKey`. */
export function cardSubject(hallKey: Buffer, card = 'resident'): string {
  const spec = SAMPLE_CARDS.find((c) => c.id === card);
  if (!spec) throw new Error(`no sample card "${card}"`);
  return new SubjectIdDeriver(new StaticKeyProvider(hallKey)).subjectFor(spec.idNumber);
}

export interface AddedResult {
  id: string;
  title: { 'zh-CN': string; 'zh-HK': string; en: string };
}

/**
 * Adds a ready, printable result for `subject` on the kiosk's embedded hub (POST admin/results),
 * so a results journey always has one to print whatever demo results the hub seeds beside it.
 */
export async function addPrintableResult(shell: RunningWebShell, subject: string): Promise<AddedResult> {
  const title = { 'zh-CN': '测试办结证明', 'zh-HK': '測試辦結證明', en: 'Test completion certificate' };
  const added = (await hubAdmin(shell, 'admin/results', { subject, title, status: 'ready', printable: true, body: { kind: 'certificate' } })) as {
    id?: unknown;
  };
  if (typeof added.id !== 'string') throw new Error(`admin/results answered without an id: ${JSON.stringify(added)}`);
  return { id: added.id, title };
}
