import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { VERIFY_NO_MATCH_LIMIT, VERIFY_WINDOW_MS } from '../../hub/face-verify';
import { HubClient } from '../../offline-queue/hub-client';
import { checkWithHub, templateToWire } from '../../main/face/verification/holder-check';
import { IDENTIFY_THRESHOLD, VERIFY_THRESHOLD } from '../../common/face/decision-policy';
import { BINDING_HOLDER_POLICY } from '../../common/face/decision-policy';
import { REPO_ROOT } from '../../testing/repo-root';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';
import { templateMaker } from '../helpers/templates-near';
import { tempDir } from '../offline-queue/helpers';

const CATALOG_FILE = path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json');
const SECRET = 'secret-one-0123456789';
const { randomTemplate, near } = templateMaker(seededRandom(testSeed('FACE_VERIFY_LIMIT_SEED')));

/**
 * POST v1/faces/verify decides a binding: at the binding threshold (stricter than 1:1 verify), and
 * at most VERIFY_NO_MATCH_LIMIT no-match answers per subject within a day, whichever terminal
 * asks. A real reference hub on loopback with a clock the test moves; the terminal's side is the
 * real HubClient and checkWithHub.
 */
describe('POST v1/faces/verify at binding', () => {
  let hub: ReferenceHub;
  let clientA: HubClient;
  let clientB: HubClient;
  let cleanup: () => void;
  let now = Date.parse('2026-03-10T04:00:00Z');
  const clock = { now: () => now };
  const reference = randomTemplate();
  const other = randomTemplate();

  beforeAll(async () => {
    const d = tempDir('hub-face-verify-limit-');
    cleanup = d.cleanup;
    hub = await startReferenceHub({
      dataDir: d.dir,
      catalogFile: CATALOG_FILE,
      terminals: [
        { id: 'T-0001', secret: SECRET },
        { id: 'T-0002', secret: SECRET },
      ],
      clock,
    });
    for (const [subject, template] of [
      ['fs1_card-holder', reference],
      ['fs1_someone-else', other],
    ] as const)
      hub.store.faceReferences.put(subject, template, now);
    clientA = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000, clock });
    clientB = new HubClient({ url: hub.url, terminalId: 'T-0002', secret: SECRET, timeoutMs: 5000, clock });
  });
  afterAll(async () => {
    clientA?.close();
    clientB?.close();
    await hub?.stop();
    cleanup?.();
  });

  it('refuses a face the 1:1 verify threshold would accept: the set’s look-alikes lie between the two', async () => {
    expect(BINDING_HOLDER_POLICY.threshold).toBe(IDENTIFY_THRESHOLD);
    expect(BINDING_HOLDER_POLICY.threshold).toBeLessThan(VERIFY_THRESHOLD);
    // id11 against id12, the closest different people of ../shared/data/faces: 0.374 and 0.393.
    for (const distance of [0.374, 0.393])
      expect(await checkWithHub(clientA, 'fs1_card-holder', near(reference, distance)), String(distance)).toMatchObject({ check: 'no-match' });
    // The card holder's own faces of the evaluation part lie at most 0.28 from their template.
    expect(await checkWithHub(clientA, 'fs1_card-holder', near(reference, 0.3))).toMatchObject({ check: 'match' });
  });

  it('answers 429 for a subject after repeated no-match answers, from any terminal, until a day has passed', async () => {
    now += VERIFY_WINDOW_MS; // the previous test's no-matches are out of the window
    for (let i = 0; i < VERIFY_NO_MATCH_LIMIT; i++) {
      const client = i % 2 === 0 ? clientA : clientB;
      expect(await checkWithHub(client, 'fs1_card-holder', randomTemplate())).toMatchObject({ check: 'no-match' });
      now += 60_000;
    }
    // The holder's own face is refused too while the subject is blocked: nothing is compared.
    const blocked = await clientB.verifyFace('fs1_card-holder', templateToWire(near(reference, 0.1)));
    expect(blocked).toMatchObject({ kind: 'http-error', status: 429, code: 'too-many-attempts' });
    expect((blocked as { message: string }).message).toMatch(/did not match within 24 h/);
    expect(await checkWithHub(clientA, 'fs1_card-holder', near(reference, 0.1))).toMatchObject({ check: 'unavailable' });
    // Another card is not affected.
    expect(await checkWithHub(clientA, 'fs1_someone-else', near(other, 0.1))).toMatchObject({ check: 'match' });

    // A day after the first of them, one no-match has left the window: a check is made again.
    now += VERIFY_WINDOW_MS - VERIFY_NO_MATCH_LIMIT * 60_000;
    expect(await checkWithHub(clientA, 'fs1_card-holder', near(reference, 0.1))).toMatchObject({ check: 'match' });
  });
});
