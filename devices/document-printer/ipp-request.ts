/**
 * One IPP request over HTTP(S): the `ipp` package's serializer and parser, Node's http client for
 * the exchange (docs/decisions.md: ipp's own `request()` has no timeout, logs with console.log and
 * never answers when the connection closes mid-reply). Every failure is a DocumentPrinterUnreachable
 * whose message names the printer and the operation, never the document.
 */
import http from 'node:http';
import https from 'node:https';
import ipp from 'ipp';
import { DocumentPrinterUnreachable } from './document-printer';

export type IppAttributes = Record<string, unknown>;

export type IppOperation = 'Get-Printer-Attributes' | 'Print-Job' | 'Validate-Job' | 'Get-Job-Attributes' | 'Cancel-Job';

export interface IppRequest {
  operation: IppOperation;
  /** Operation attributes besides attributes-charset, attributes-natural-language and printer-uri. */
  operationAttributes: IppAttributes;
  jobAttributes?: IppAttributes;
  data?: Buffer;
}

export interface IppReply {
  /** IPP status code name (`successful-ok`, `client-error-not-found`, …). */
  status: string;
  operationAttributes: IppAttributes;
  printerAttributes: IppAttributes;
  jobAttributes: IppAttributes;
}

export interface IppEndpoint {
  /** The printer's IPP URI (`ipp://host:631/printers/NAME`). */
  printerUri: string;
  /** The longest one request may take, connection to last byte of the reply. */
  timeoutMs: number;
  /** Certificate authority for an ipps:// printer with its own certificate. */
  ca?: string | Buffer;
}

/** A reply larger than this is not a printer's attribute list. */
const MAX_REPLY_BYTES = 1024 * 1024;

/** Sends one request; resolves with a successful reply, throws DocumentPrinterUnreachable otherwise. */
export async function sendIpp(endpoint: IppEndpoint, request: IppRequest): Promise<IppReply> {
  const body = ipp.serialize({
    version: '2.0',
    operation: request.operation,
    'operation-attributes-tag': {
      'attributes-charset': 'utf-8',
      'attributes-natural-language': 'en',
      'printer-uri': endpoint.printerUri,
      ...request.operationAttributes,
    },
    ...(request.jobAttributes ? { 'job-attributes-tag': request.jobAttributes } : {}),
    ...(request.data ? { data: request.data } : {}),
  });
  const raw = await exchange(endpoint, request.operation, body);
  const reply = parseReply(raw, endpoint.printerUri, request.operation);
  if (!reply.status.startsWith('successful-')) {
    const said = typeof reply.operationAttributes['status-message'] === 'string' ? ` (${reply.operationAttributes['status-message']})` : '';
    throw new DocumentPrinterUnreachable(`${endpoint.printerUri} refused ${request.operation}: ${reply.status}${said}`, reply.status);
  }
  return reply;
}

/** The HTTP URL an IPP URI is served at (ipp → http, ipps → https, port 631 unless given). */
export function httpUrlOf(printerUri: string): URL {
  const url = new URL(printerUri);
  const secure = url.protocol === 'ipps:';
  const http = new URL(`${secure ? 'https' : 'http'}://${url.host}${url.pathname}${url.search}`);
  if (url.port === '') http.port = '631';
  return http;
}

function exchange(endpoint: IppEndpoint, operation: IppOperation, body: Buffer): Promise<Buffer> {
  const url = httpUrlOf(endpoint.printerUri);
  const where = `${endpoint.printerUri} (${operation})`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(new DocumentPrinterUnreachable(message));
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length },
      ...(endpoint.ca ? { ca: endpoint.ca } : {}),
    });
    const timer = setTimeout(() => fail(`the print system at ${where} did not answer within ${endpoint.timeoutMs} ms`), endpoint.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => fail(`the print system at ${where} cannot be reached: ${err.code ?? err.message}`));
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        fail(`the print system at ${where} answered HTTP ${res.statusCode}`);
        return;
      }
      const chunks: Buffer[] = [];
      let length = 0;
      res.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > MAX_REPLY_BYTES) fail(`the print system at ${where} sent a reply over ${MAX_REPLY_BYTES} bytes`);
        else chunks.push(chunk);
      });
      res.on('error', () => fail(`the print system at ${where} closed the connection mid-reply`));
      res.on('close', () => {
        if (!res.complete) fail(`the print system at ${where} closed the connection mid-reply`);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(Buffer.concat(chunks, length));
      });
    });
    req.end(body);
  });
}

function parseReply(raw: Buffer, printerUri: string, operation: IppOperation): IppReply {
  let parsed: Record<string, unknown>;
  try {
    parsed = ipp.parse(raw) as unknown as Record<string, unknown>;
  } catch {
    throw new DocumentPrinterUnreachable(`${printerUri} answered ${operation} with something that is not IPP`);
  }
  const status = parsed.statusCode;
  if (typeof status !== 'string') throw new DocumentPrinterUnreachable(`${printerUri} answered ${operation} without an IPP status`);
  return {
    status,
    operationAttributes: firstGroup(parsed['operation-attributes-tag']),
    printerAttributes: firstGroup(parsed['printer-attributes-tag']),
    jobAttributes: firstGroup(parsed['job-attributes-tag']),
  };
}

/** The parser gives a group as an object, or an array when the tag repeats (several jobs). */
function firstGroup(group: unknown): IppAttributes {
  const first: unknown = Array.isArray(group) ? group[0] : group;
  return first !== null && typeof first === 'object' ? (first as IppAttributes) : {};
}

/** A 1setOf value as a list (the parser gives one value bare, several as an array). */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function keywordsOf(value: unknown): string[] {
  return listOf(value).filter((v): v is string => typeof v === 'string');
}
