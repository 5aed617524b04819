import { readFileSync } from 'node:fs';
import { launchFilePath } from '../../main/web-shell/launch-file';

/** The launch URL (with the token) the launch page of `dataDir` sends the browser to, or null if there is none. */
export function readLaunchUrl(dataDir: string): string | null {
  let page: string;
  try {
    page = readFileSync(launchFilePath(dataDir), 'utf8');
  } catch {
    return null;
  }
  return /<meta http-equiv="refresh" content="0; url=(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)">/.exec(page)?.[1] ?? null;
}
