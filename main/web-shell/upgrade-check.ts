import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { requestTargetUrl } from './request-target';

export const RPC_PATH = '/rpc';

export interface UpgradeRefusal {
  status: 400 | 401 | 403 | 404;
  text: string;
}

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why a WebSocket upgrade is refused, or null when it may proceed: a malformed target (400),
 * another path (404), no or a wrong launch token (401), an Origin other than the shell's own, or
 * none at all (403). Browsers always send Origin on a WebSocket; a client that sends none is not
 * the kiosk's page.
 */
export function upgradeRefusal(req: IncomingMessage, token: string, shellOrigin: string): UpgradeRefusal | null {
  const url = requestTargetUrl(req.url);
  if (!url) return { status: 400, text: 'Bad Request' };
  if (url.pathname !== RPC_PATH) return { status: 404, text: 'Not Found' };
  if (!tokenMatches(token, url.searchParams.get('token'))) return { status: 401, text: 'Unauthorized' };
  if (req.headers.origin !== shellOrigin) return { status: 403, text: 'Forbidden' };
  return null;
}
