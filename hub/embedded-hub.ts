import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defaultCatalogFile, startReferenceHub, type ReferenceHub } from './reference-hub';

export interface EmbeddedHub {
  hub: ReferenceHub;
  url: string;
  terminalId: string;
  secret: string;
}

/**
 * The embedded default (hub.url null): a reference hub on loopback with its data in DATA/hub and
 * this terminal registered under a random secret kept in the hub's database, so restarts reuse it.
 */
export async function startEmbeddedHub(options: { dataDir: string; terminalId: string; assetsDir: string; port?: number }): Promise<EmbeddedHub> {
  const hub = await startReferenceHub({
    dataDir: path.join(options.dataDir, 'hub'),
    port: options.port ?? 0,
    host: '127.0.0.1',
    catalogFile: defaultCatalogFile(options.assetsDir),
  });
  let secret = hub.store.secretOf(options.terminalId);
  if (!secret) {
    secret = randomBytes(24).toString('base64url');
    hub.store.addTerminal(options.terminalId, secret, Date.now());
  }
  return { hub, url: hub.url, terminalId: options.terminalId, secret };
}
