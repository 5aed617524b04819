import { HidTransport, type HidOpener, type HidReportFraming } from '../serial/hid-transport';

/**
 * USB-HID ID card readers carry the same SAM frames inside HID reports. Report framing assumed
 * here (vendors differ; adjust `reportSize` / `reportId`, or wrap another framing the same way):
 *
 *   output report:  [reportId] [n] [n bytes of the SAM byte stream] [zero padding to reportSize]
 *   input report:   [n] [n bytes] [padding]   (node-hid strips the id of unnumbered reports;
 *                                               set `inputHasReportId` when the device numbers them)
 *
 * so one report carries at most `reportSize - 1` bytes, and a SAM frame spans as many reports as
 * it needs. The codec above this transport is unchanged: it still sees a byte stream.
 */

export interface HidFramingOptions {
  reportSize?: number;
  reportId?: number;
  inputHasReportId?: boolean;
}

/** Splits bytes into output reports (each including the leading report id byte node-hid wants). */
export function toHidReports(data: Uint8Array, options: HidFramingOptions = {}): Buffer[] {
  const size = options.reportSize ?? 64;
  const perReport = size - 1;
  const reports: Buffer[] = [];
  for (let off = 0; off < data.length; off += perReport) {
    const part = data.subarray(off, off + perReport);
    const report = Buffer.alloc(1 + size);
    report[0] = options.reportId ?? 0;
    report[1] = part.length;
    report.set(part, 2);
    reports.push(report);
  }
  return reports;
}

/** The payload of one input report; null when its length byte is impossible. */
export function fromHidReport(report: Buffer, options: HidFramingOptions = {}): Buffer | null {
  const body = options.inputHasReportId ? report.subarray(1) : report;
  if (body.length === 0) return null;
  const n = body.readUInt8(0);
  if (n > body.length - 1) return null;
  return body.subarray(1, 1 + n);
}

/** Length-byte framing of the SAM byte stream in HID reports, for the generic HidTransport. */
export function samHidFraming(options: HidFramingOptions = {}): HidReportFraming {
  return { toReports: (data) => toHidReports(data, options), fromReport: (report) => fromHidReport(report, options) };
}

/** A USB-HID ID card reader: the SAM codec on top sees the same byte stream as over serial. */
export function samHidTransport(opener: HidOpener, description: string, options: HidFramingOptions = {}): HidTransport {
  return new HidTransport(opener, description, samHidFraming(options));
}
