import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCa {
  /** The CA's certificate (PEM) and where it is: what `hub.caFile` names. */
  caPem: string;
  caFile: string;
  /** A server key and certificate for 127.0.0.1, issued by the CA. */
  serverKey: string;
  serverCert: string;
}

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });

/** A throwaway CA (a hall's own) and a server certificate for 127.0.0.1 it signed, made with the openssl CLI in `dir`. */
export function makeTestCa(dir: string, name = 'ca'): TestCa {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-subj',
    `/CN=Test Hall CA ${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(dir, ['req', ...ec, '-keyout', `${name}-server.key`, '-out', `${name}-server.csr`, '-subj', '/CN=127.0.0.1']);
  writeFileSync(path.join(dir, `${name}-server.ext`), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}-server.csr`,
    '-CA',
    `${name}.pem`,
    '-CAkey',
    `${name}.key`,
    '-CAcreateserial',
    '-out',
    `${name}-server.pem`,
    '-days',
    '2',
    '-extfile',
    `${name}-server.ext`,
  ]);
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  return { caPem: read(`${name}.pem`), caFile: path.join(dir, `${name}.pem`), serverKey: read(`${name}-server.key`), serverCert: read(`${name}-server.pem`) };
}
