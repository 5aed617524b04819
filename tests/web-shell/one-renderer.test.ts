import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RENDERER_REPLACED_CLOSE_CODE } from '../../common/rpc/web-socket-close-codes';
import { startWebShell, type WebShell } from '../../main/web-shell/web-shell';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';

type Frame =
  { type: 'result'; id: number; ok: boolean; output?: unknown; error?: { code: string; message: string } } | { type: 'event'; event: string; payload: unknown };

/** A renderer as the web shell sees it: a WebSocket with the launch token and the shell's Origin. */
class RendererClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => this.frames.push(JSON.parse(String(d)) as Frame));
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async connect(shell: WebShell): Promise<RendererClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/rpc?token=${shell.token}`, { origin: shell.origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new RendererClient(ws);
  }

  call(method: string, input: object): Promise<Frame & { type: 'result' }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const onMessage = (d: WebSocket.RawData) => {
        const frame = JSON.parse(String(d)) as Frame;
        if (frame.type !== 'result' || frame.id !== id) return;
        this.ws.off('message', onMessage);
        resolve(frame);
      };
      this.ws.on('message', onMessage);
      this.ws.send(JSON.stringify({ type: 'invoke', id, method, input }));
    });
  }

  /** Resolves with the first event `name` whose payload passes `match` (already received or still to come). */
  event(name: string, match: (payload: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    const seen = this.frames.find((f) => f.type === 'event' && f.event === name && match(f.payload as Record<string, unknown>));
    if (seen?.type === 'event') return Promise.resolve(seen.payload as Record<string, unknown>);
    return new Promise((resolve) => {
      const onMessage = (d: WebSocket.RawData) => {
        const frame = JSON.parse(String(d)) as Frame;
        if (frame.type !== 'event' || frame.event !== name || !match(frame.payload as Record<string, unknown>)) return;
        this.ws.off('message', onMessage);
        resolve(frame.payload as Record<string, unknown>);
      };
      this.ws.on('message', onMessage);
    });
  }
}

const NEEDS_CITIZEN = { ok: false, error: { code: 'forbidden', message: expect.stringMatching(/needs the citizen identified/) } };

/**
 * One renderer at a time, and a citizen's session ends with the renderer that showed it: the
 * previous citizen's identity never reaches the next renderer, whether the first one left or
 * was replaced.
 */
describe('web shell: one renderer, and the session ends with it', () => {
  let kiosk: TestKiosk;
  let shell: WebShell;

  beforeAll(async () => {
    kiosk = await bootTestKiosk('one-renderer');
    const rendererDir = path.join(kiosk.dir, 'renderer-build');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    shell = await startWebShell({ core: kiosk.core, rendererDir });
  }, 60_000);

  afterAll(async () => {
    await shell?.close();
    await kiosk?.stop();
  });

  /** Lays the resident sample card on the emulated reader through `client` and takes it off once read. */
  async function identifyCitizen(client: RendererClient): Promise<void> {
    const identified = client.event('identity.changed', (p) => p.kind === 'identified');
    await expect.poll(async () => (await client.call('demo.card.place', { card: 'resident' })).ok, { timeout: 15_000 }).toBe(true);
    await identified;
    await client.call('demo.card.remove', {});
    expect(await client.call('results.list', {})).toMatchObject({ ok: true, output: { results: expect.any(Array) } });
  }

  const nextRendererReset = () => nextEvent(kiosk.core, 'session.reset', (p) => p.reason === 'renderer');

  it('a renderer that disconnects mid-session ends it: the next renderer cannot read the citizen’s results', async () => {
    const a = await RendererClient.connect(shell);
    await identifyCitizen(a);
    const reset = nextRendererReset();
    a.ws.close();
    await reset;
    const b = await RendererClient.connect(shell);
    expect(await b.call('results.list', {})).toMatchObject(NEEDS_CITIZEN);
    b.ws.close();
    await b.closed;
  });

  it('a new renderer replaces the one in use: the old one is closed with the replace code and the session ends', async () => {
    const a = await RendererClient.connect(shell);
    await identifyCitizen(a);
    const reset = nextRendererReset();
    const b = await RendererClient.connect(shell);
    expect(await a.closed).toEqual({ code: RENDERER_REPLACED_CLOSE_CODE, reason: 'replaced by another renderer' });
    await reset;
    expect(await b.call('results.list', {})).toMatchObject(NEEDS_CITIZEN);
    b.ws.close();
    await b.closed;
  });
});
