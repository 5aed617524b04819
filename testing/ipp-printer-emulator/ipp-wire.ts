/**
 * The emulator's side of the IPP wire (RFC 8010) through the `ipp` package. Its parser reads
 * whatever follows the attributes as a UTF-8 string, which would garble a PDF, so the request is
 * split at the end-of-attributes tag first and only the attributes are parsed.
 */
import ipp from 'ipp';

export type IppGroup = Record<string, unknown>;

export interface IppIncoming {
  operation: string;
  requestId: number;
  operationAttributes: IppGroup;
  jobAttributes: IppGroup;
  document: Buffer;
}

const END_OF_ATTRIBUTES = 0x03;
const EXTENSION_TAG = 0x7f;

/** Where the attributes end: header (8 bytes), then groups of (value tag, name, value) up to 0x03. */
export function attributesEnd(message: Buffer): number {
  let p = 8;
  while (p < message.length) {
    const tag = message[p]!;
    if (tag === END_OF_ATTRIBUTES) return p + 1;
    p += 1;
    if (tag < 0x10) continue; // a group delimiter (operation-, job-, printer-attributes-tag …)
    if (tag === EXTENSION_TAG) p += 4;
    p += 2 + message.readUInt16BE(p); // name
    p += 2 + message.readUInt16BE(p); // value
  }
  throw new RangeError('no end-of-attributes tag');
}

/** Throws when the bytes are not an IPP request. */
export function parseIppRequest(message: Buffer): IppIncoming {
  const end = attributesEnd(message);
  const parsed = ipp.parse(message.subarray(0, end)) as unknown as Record<string, unknown>;
  const group = (name: string): IppGroup => {
    const g = parsed[name];
    return g !== null && typeof g === 'object' && !Array.isArray(g) ? (g as IppGroup) : {};
  };
  return {
    operation: typeof parsed.operation === 'string' ? parsed.operation : `0x${message.readUInt16BE(2).toString(16)}`,
    requestId: message.readUInt32BE(4),
    operationAttributes: group('operation-attributes-tag'),
    jobAttributes: group('job-attributes-tag'),
    document: message.subarray(end),
  };
}

export interface IppOutgoing {
  status: string;
  requestId: number;
  statusMessage?: string;
  printerAttributes?: IppGroup;
  jobAttributes?: IppGroup;
}

export function serializeIppResponse(response: IppOutgoing): Buffer {
  return ipp.serialize({
    version: '2.0',
    statusCode: response.status,
    id: response.requestId,
    'operation-attributes-tag': {
      'attributes-charset': 'utf-8',
      'attributes-natural-language': 'en',
      ...(response.statusMessage ? { 'status-message': response.statusMessage } : {}),
    },
    ...(response.printerAttributes ? { 'printer-attributes-tag': response.printerAttributes } : {}),
    ...(response.jobAttributes ? { 'job-attributes-tag': response.jobAttributes } : {}),
  });
}
