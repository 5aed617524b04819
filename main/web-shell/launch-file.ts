import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensurePrivateDir, replacePrivateFile, tightenPath } from '../../base/private-files';

export const LAUNCH_FILE_NAME = 'launch.html';

/** Where the launch page of a data directory is: DATA/run/launch.html. */
export function launchFilePath(dataDir: string): string {
  return path.join(dataDir, 'run', LAUNCH_FILE_NAME);
}

function htmlAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The page: sends the browser on to the shell with the token in the fragment, leaving no history entry. */
export function launchPage(launchUrl: string): string {
  const attr = htmlAttribute(launchUrl);
  return [
    '<!doctype html>',
    '<meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0; url=${attr}">`,
    '<title>Hall Kiosk</title>',
    `<script>location.replace(${JSON.stringify(launchUrl).replace(/</g, '\\u003c')});</script>`,
    '',
  ].join('\n');
}

/**
 * Writes the launch page that carries this launch's token, readable by the kiosk's user only:
 * DATA/run is made 0700 and the file 0600. Chromium is pointed at the file, so the token is on
 * no command line (`ps` shows every user's) and on no terminal or log. An old file is replaced,
 * not written through (it could be a link placed by someone else).
 */
export function writeLaunchFile(dataDir: string, launchUrl: string): { file: string; url: string } {
  const file = launchFilePath(dataDir);
  const dir = path.dirname(file);
  ensurePrivateDir(dir);
  tightenPath(dir); // DATA/run made 0755 by an older version
  replacePrivateFile(file, launchPage(launchUrl));
  return { file, url: pathToFileURL(file).href };
}

export function removeLaunchFile(dataDir: string): void {
  rmSync(launchFilePath(dataDir), { force: true });
}
