import { readFileSync } from 'node:fs';
import { runKioskctl } from '../../helpers/kioskctl';
import path from 'node:path';
import type { RunningWebShell } from './web-shell-process';

/** The base URL of the reference hub a kiosk started on loopback, as its log (DATA/logs/kiosk.log) names it. */
export function embeddedHubUrl(shell: RunningWebShell): string {
  const log = readFileSync(path.join(shell.dataDir, 'logs', 'kiosk.log'), 'utf8');
  const record = log
    .split('\n')
    .filter((l) => l.includes('using the local reference hub'))
    .map((l) => JSON.parse(l) as { url?: string })[0];
  if (!record?.url) throw new Error(`the kiosk did not log its embedded hub:\n${log}`);
  return record.url.endsWith('/') ? record.url : `${record.url}/`;
}

/** POSTs to one of the reference hub's admin routes (hub/reference-hub.ts): faults, terminals, appointments… */
export async function hubAdmin(hubUrl: string, route: string, body: object): Promise<unknown> {
  const res = await fetch(new URL(route, hubUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Forces the next answers of one protocol path to a status (hub/faults.ts) on a kiosk's embedded hub. */
export async function forceHubStatus(shell: RunningWebShell, protocolPath: string, status: number, count = 1): Promise<void> {
  await hubAdmin(embeddedHubUrl(shell), 'admin/faults', { forced: [{ status, path: protocolPath, count }] });
}

export interface HubDumpItem {
  key: string;
  terminalId: string;
  kind: string;
  payload?: Record<string, unknown>;
}

/** What the kiosk's local reference hub holds (`kioskctl hub dump`), payloads included. */
export async function embeddedHubDump(shell: RunningWebShell): Promise<{ items: HubDumpItem[]; tickets: { display: string; terminalId: string; source: string; serviceCode: string }[] } & Record<string, unknown>> {
  const r = await runKioskctl(['hub', 'dump', '--data', path.join(shell.dataDir, 'hub'), '--json', '--reveal']);
  if (r.code !== 0) throw new Error(`kioskctl hub dump failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Awaited<ReturnType<typeof embeddedHubDump>>;
}

/** The payload of the first item of `kind` the hub holds that `matches`, or undefined: for expect.poll. */
export async function hubPayload(shell: RunningWebShell, kind: string, matches: (payload: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown> | undefined> {
  return (await embeddedHubDump(shell)).items.find((i) => i.kind === kind && i.payload !== undefined && matches(i.payload))?.payload;
}
