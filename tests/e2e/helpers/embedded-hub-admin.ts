import { readFileSync } from 'node:fs';
import http from 'node:http';
import { runKioskctl } from '../../helpers/kioskctl';
import path from 'node:path';
import type { RunningWebShell } from '../../../testing/chromium/web-shell-process';
import { readAdminToken } from '../../../hub/hub-secret-files';

/** The hub directory (DATA/hub) of each embedded hub URL embeddedHubUrl has named: where its admin token is. */
const hubDirs = new Map<string, string>();

/** The base URL of the reference hub a kiosk started on loopback, as its log (DATA/logs/kiosk.log) names it. */
export function embeddedHubUrl(shell: RunningWebShell): string {
  const log = readFileSync(path.join(shell.dataDir, 'logs', 'kiosk.log'), 'utf8');
  const record = log
    .split('\n')
    .filter((l) => l.includes('using the local reference hub'))
    .map((l) => JSON.parse(l) as { url?: string })[0];
  if (!record?.url) throw new Error(`the kiosk did not log its embedded hub:\n${log}`);
  const url = record.url.endsWith('/') ? record.url : `${record.url}/`;
  hubDirs.set(url, path.join(shell.dataDir, 'hub'));
  return url;
}

/**
 * POSTs to one of the admin routes (hub/reference-hub.ts: faults, terminals, appointments…) of the
 * reference hub a kiosk started (the shell, or the URL embeddedHubUrl gave), with the admin token
 * from the kiosk's data directory (DATA/hub/admin.token). node:http, not fetch: the hub refuses
 * requests that carry a browser's Origin or Sec-Fetch-Site.
 */
export async function hubAdmin(hub: RunningWebShell | string, route: string, body: object): Promise<unknown> {
  const hubUrl = typeof hub === 'string' ? hub : embeddedHubUrl(hub);
  const hubDir = hubDirs.get(hubUrl);
  if (!hubDir) throw new Error(`${hubUrl} is not a hub embeddedHubUrl(shell) named: its admin token is unknown`);
  const url = new URL(route, hubUrl);
  const token = readAdminToken(hubDir);
  const payload = JSON.stringify(body);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
  if (status !== 200) throw new Error(`POST ${route}: ${status} ${text}`);
  return JSON.parse(text) as unknown;
}

/** Forces the next answers of one protocol path to a status (hub/faults.ts) on a kiosk's embedded hub. */
export async function forceHubStatus(shell: RunningWebShell, protocolPath: string, status: number, count = 1): Promise<void> {
  await hubAdmin(shell, 'admin/faults', { forced: [{ status, path: protocolPath, count }] });
}

export interface HubDumpItem {
  key: string;
  terminalId: string;
  kind: string;
  payload?: Record<string, unknown>;
}

/** What the kiosk's local reference hub holds (`kioskctl hub dump`), payloads included. */
export async function embeddedHubDump(
  shell: RunningWebShell,
): Promise<{ items: HubDumpItem[]; tickets: { display: string; terminalId: string; source: string; serviceCode: string }[] } & Record<string, unknown>> {
  const r = await runKioskctl(['hub', 'dump', '--data', path.join(shell.dataDir, 'hub'), '--json', '--reveal']);
  if (r.code !== 0) throw new Error(`kioskctl hub dump failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Awaited<ReturnType<typeof embeddedHubDump>>;
}

/** The payload of the first item of `kind` the hub holds that `matches`, or undefined: for expect.poll. */
export async function hubPayload(
  shell: RunningWebShell,
  kind: string,
  matches: (payload: Record<string, unknown>) => boolean = () => true,
): Promise<Record<string, unknown> | undefined> {
  return (await embeddedHubDump(shell)).items.find((i) => i.kind === kind && i.payload !== undefined && matches(i.payload))?.payload;
}
