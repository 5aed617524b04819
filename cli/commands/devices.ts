import type { Command } from 'commander';
import path from 'node:path';
import { detectDevices } from '../../main/core/devices/device-detection';
import { defaultDataDir } from '../../main/config/paths';

const LOOKS_LIKE: Record<string, string> = { idCard: 'ID card reader', printer: 'receipt printer', scanner: 'QR/barcode scanner', unknown: '?' };

export function registerDevicesCommands(program: Command): void {
  program
    .command('devices')
    .description('devices attached to this terminal')
    .command('list')
    .description('serial ports and HID devices, with which kind of kiosk device each looks like (and the built-in emulators of --data)')
    .option('--data <dir>', 'data directory (to list its device emulators)', defaultDataDir())
    .option('--json', 'one JSON array on stdout')
    .action(async (opts: { data: string; json?: boolean }) => {
      const devices = await detectDevices({ runDir: path.join(opts.data, 'run') });
      if (opts.json) {
        process.stdout.write(JSON.stringify(devices) + '\n');
        return;
      }
      if (devices.length === 0) {
        process.stdout.write('no serial ports or HID devices found\n');
        return;
      }
      const rows = devices.map((d) => [d.path, d.kind, LOOKS_LIKE[d.looksLike]!, d.vendorId ? `${d.vendorId}:${d.productId ?? ''}` : '', d.description]);
      const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 4));
      for (const r of [['PATH', 'KIND', 'LOOKS LIKE', 'USB ID', 'DESCRIPTION'], ...rows]) {
        process.stdout.write(r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ') + '\n');
      }
    });
}
