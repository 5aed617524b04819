import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cupsPdfOutputDir, ensureEmbeddedCupsQueue } from '../../../devices/document-printer/cups-queue';

describe('cupsPdfOutputDir', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cups-pdf-conf-'));
  const passwd = path.join(dir, 'passwd');
  writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\nkiosk:x:1000:1000::/home/kiosk:/bin/sh\n');
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  it("puts a machine user's jobs in Out, with ${HOME} and ${USER} filled in", () => {
    const configFile = file('debian.conf', '# Out /nowhere\nOut ${HOME}/PDF\n');
    expect(cupsPdfOutputDir({ user: 'kiosk', configFile, passwdFile: passwd })).toBe('/home/kiosk/PDF');
    expect(cupsPdfOutputDir({ user: 'root', configFile, passwdFile: passwd })).toBe('/root/PDF');
    expect(cupsPdfOutputDir({ user: 'root', configFile: file('user.conf', 'Out /srv/pdf/${USER}\n'), passwdFile: passwd })).toBe('/srv/pdf/root');
  });

  it('puts the jobs of a name the machine does not know in AnonDirName', () => {
    expect(cupsPdfOutputDir({ user: 'nobody-here', configFile: file('plain.conf', 'Out ${HOME}/PDF\n'), passwdFile: passwd })).toBe(
      '/var/spool/cups-pdf/ANONYMOUS',
    );
    expect(cupsPdfOutputDir({ user: 'nobody-here', configFile: file('anon.conf', 'AnonDirName /srv/anon\n'), passwdFile: passwd })).toBe('/srv/anon');
  });
});

describe('ensureEmbeddedCupsQueue', () => {
  it('refuses a queue name CUPS would not take, saying why', async () => {
    expect(await ensureEmbeddedCupsQueue({ queue: 'bad/name' })).toEqual({
      ok: false,
      problem: '"bad/name" is not a usable print queue name (letters, digits, - and _)',
    });
  });
});
