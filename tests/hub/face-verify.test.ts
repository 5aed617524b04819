import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubClient } from '../../offline-queue/hub-client';
import { checkWithHub, templateToWire } from '../../main/face/verification/holder-check';
import { VERIFY_THRESHOLD } from '../../common/face/decision-policy';
import { REPO_ROOT } from '../../testing/repo-root';
import { middayClock } from '../helpers/midday-clock';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';
import { templateMaker } from '../helpers/templates-near';
import { tempDir } from '../offline-queue/helpers';

const CATALOG_FILE = path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json');
const SECRET = 'secret-one-0123456789';
const SUBJECT = 'fs1_citizen-with-a-reference';
const clock = middayClock();
const { randomTemplate, near } = templateMaker(seededRandom(testSeed('FACE_VERIFY_SEED')));

/**
 * 人证核验 by the hub (POST v1/faces/verify, docs/hub-protocol.md): a real reference hub on loopback
 * deciding from the reference it holds, and a loopback server answering what a broken hub might;
 * the terminal's side is the real HubClient and checkWithHub.
 */
describe('POST v1/faces/verify', () => {
  let hub: ReferenceHub;
  let client: HubClient;
  let cleanup: () => void;
  const reference = randomTemplate();

  beforeAll(async () => {
    const d = tempDir('hub-face-verify-');
    cleanup = d.cleanup;
    hub = await startReferenceHub({ dataDir: d.dir, catalogFile: CATALOG_FILE, terminals: [{ id: 'T-0001', secret: SECRET }], clock });
    hub.store.faceReferences.put(SUBJECT, reference, clock.now());
    client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000, clock });
  });
  afterAll(async () => {
    client?.close();
    await hub?.stop();
    cleanup?.();
  });

  it('answers match within the verify threshold and no-match beyond it', async () => {
    expect(await checkWithHub(client, SUBJECT, near(reference, VERIFY_THRESHOLD * 0.8))).toMatchObject({ check: 'match' });
    expect(await checkWithHub(client, SUBJECT, near(reference, VERIFY_THRESHOLD * 1.2))).toMatchObject({ check: 'no-match' });
    expect(await checkWithHub(client, SUBJECT, randomTemplate())).toMatchObject({ check: 'no-match' });
  });

  it('answers unavailable for a subject it holds no reference for', async () => {
    expect(await checkWithHub(client, 'fs1_nobody-it-knows', reference)).toMatchObject({ check: 'unavailable' });
    const raw = await client.verifyFace('fs1_nobody-it-knows', templateToWire(reference));
    expect(raw).toMatchObject({ kind: 'ok', status: 200, body: { result: 'unavailable' } });
  });

  it('refuses a template that is not 128 float32 with 400 naming it; the terminal reads that as unavailable', async () => {
    const short = await client.verifyFace(SUBJECT, Buffer.alloc(100).toString('base64'));
    expect(short).toMatchObject({ kind: 'http-error', status: 400, code: 'bad-request' });
    expect((short as { message: string }).message).toMatch(/template: a template is 512 bytes, got 100/);
    const notBase64 = await client.post('v1/faces/verify', { subject: SUBJECT, template: '%%%' });
    expect(notBase64).toMatchObject({ kind: 'http-error', status: 400 });
    expect((notBase64 as { message: string }).message).toMatch(/template must be base64/);
    expect(await client.post('v1/faces/verify', { subject: 'x', template: templateToWire(reference) })).toMatchObject({ kind: 'http-error', status: 400 });
  });

  it('is unavailable on an http error and on a timeout', async () => {
    hub.setFaults({ forced: [{ status: 503, path: 'v1/faces/verify' }] });
    expect(await checkWithHub(client, SUBJECT, reference)).toMatchObject({ check: 'unavailable', detail: expect.stringMatching(/HTTP 503/) });
    hub.setFaults({ latencyMs: 1500 });
    const impatient = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 300, clock });
    expect(await checkWithHub(impatient, SUBJECT, reference)).toMatchObject({ check: 'unavailable', detail: expect.stringMatching(/no answer within 300 ms/) });
    impatient.close();
    hub.setFaults({});
    expect(await checkWithHub(client, SUBJECT, reference)).toMatchObject({ check: 'match' });
  });

  it('keeps the references sealed in hub.db and counts them in the dump', () => {
    expect(hub.store.dump().faceReferences).toBe(1);
    const row = hub.store.db.prepare('SELECT template FROM face_references WHERE subject = ?').get(SUBJECT) as { template: Buffer };
    const clear = Buffer.from(Float32Array.from(reference).buffer);
    expect(row.template.includes(clear.subarray(0, 16))).toBe(false);
  });

  describe('a malformed answer', () => {
    let server: http.Server;
    let answer: { status: number; body: string };
    let broken: HubClient;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(answer.body);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      broken = new HubClient({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        terminalId: 'T-0001',
        secret: SECRET,
        timeoutMs: 5000,
        clock,
      });
    });
    afterAll(async () => {
      broken?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    it('is unavailable: a result not in the protocol, none, the wrong type, not JSON', async () => {
      for (const body of ['{"result":"maybe"}', '{}', '{"result":true}', '{"match":true}', 'null', 'match', '']) {
        answer = { status: 200, body };
        expect(await checkWithHub(broken, SUBJECT, reference), body).toMatchObject({ check: 'unavailable' });
      }
    });

    it('reads a well-formed answer, ignoring fields it does not know', async () => {
      answer = { status: 200, body: '{"result":"match","distance":0.1}' };
      expect(await checkWithHub(broken, SUBJECT, reference)).toMatchObject({ check: 'match' });
      answer = { status: 200, body: '{"result":"no-match"}' };
      expect(await checkWithHub(broken, SUBJECT, reference)).toMatchObject({ check: 'no-match' });
    });
  });
});
