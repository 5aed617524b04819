import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { samHidTransport, toHidReports } from '../../../devices/id-card/hid-transport';
import type { HidDeviceHandle } from '../../../devices/serial/hid-transport';
import { SamFrameDecoder, encodeCommand, encodeResponse, type SamFrame } from '../../../devices/id-card/sam-codec';
import { SAM_COMMANDS } from '../../../devices/id-card/sam-protocol';

/** A fake node-hid device: records output reports, lets the test push input reports. */
class FakeHidDevice extends EventEmitter implements HidDeviceHandle {
  written: Buffer[] = [];
  closed = false;
  async write(data: number[] | Buffer): Promise<number> {
    this.written.push(Buffer.from(data));
    return data.length;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** What the device would send for `bytes`: input reports without report id, 64 bytes each. */
function inputReports(bytes: Buffer): Buffer[] {
  return toHidReports(bytes).map((r) => r.subarray(1));
}

describe('SAM over HID (samHidTransport)', () => {
  it('wraps a command into one output report: report id, length, frame, zero padding', async () => {
    const device = new FakeHidDevice();
    const transport = samHidTransport(async () => device, 'fake 0483:5750');
    await transport.open();
    await transport.write(encodeCommand(SAM_COMMANDS.findCard));
    expect(device.written).toHaveLength(1);
    const report = device.written[0]!;
    expect(report.length).toBe(65);
    expect(report.subarray(0, 12).toString('hex')).toBe('000a' + 'aaaaaa966900032001' + '22');
    expect(report.subarray(12).every((b) => b === 0)).toBe(true);
  });

  it('reassembles a 1295-byte read reply spread over many input reports into the byte stream', async () => {
    const device = new FakeHidDevice();
    const transport = samHidTransport(async () => device, 'fake');
    await transport.open();
    const decoder = new SamFrameDecoder();
    const frames: SamFrame[] = [];
    decoder.on('data', (f: SamFrame) => frames.push(f));
    transport.on('data', (chunk: Buffer) => decoder.write(chunk));
    const reply = encodeResponse(0x90, Buffer.alloc(1284, 0x5a));
    const reports = inputReports(reply);
    expect(reports).toHaveLength(Math.ceil(reply.length / 63));
    for (const r of reports) device.emit('data', r);
    device.emit('data', Buffer.from([200, 1, 2])); // impossible length byte: dropped, counted
    expect(frames).toHaveLength(1);
    expect(frames[0]!.raw.equals(reply)).toBe(true);
    expect(transport.badReports).toBe(1);
  });

  it('reports the device going away as close with the error, and names the device when open fails', async () => {
    const device = new FakeHidDevice();
    const transport = samHidTransport(async () => device, 'fake');
    await transport.open();
    const closed = new Promise<Error | undefined>((r) => transport.once('close', r));
    device.emit('error', new Error('could not read from HID device'));
    expect((await closed)?.message).toBe('could not read from HID device');
    expect(transport.isOpen).toBe(false);
    expect(device.closed).toBe(true);
    await expect(transport.write(Buffer.from([1]))).rejects.toThrow(/not open/);

    const failing = samHidTransport(async () => Promise.reject(new Error('no such device')), 'reader 0483:5750');
    await expect(failing.open()).rejects.toThrow('cannot open HID device reader 0483:5750: no such device');
  });
});
