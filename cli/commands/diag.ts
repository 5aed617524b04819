import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectDiagnostics, diagnosticsBundle, type DiagnosticsReport, type DiagnosticsSection } from '../../main/core/technician/diagnostics';
import { defaultDataDir } from '../../main/config/paths';
import { CliExit } from '../command-registry';
import { tightenPath } from '../../base/private-files';
import { outboxDiagnostics } from '../../main/core/technician/queue-diagnostics';
import { hubLinkDiagnostics } from '../../main/core/technician/hub-link-diagnostics';
import { voiceDiagnostics } from '../../main/core/voice/voice-diagnostics';

/** Sections other modules add to the report. */
export const diagnosticsSections: DiagnosticsSection[] = [outboxDiagnostics, hubLinkDiagnostics, voiceDiagnostics];

function printReport(r: DiagnosticsReport): void {
  const out: string[] = [];
  out.push(
    `kiosk ${r.version} · data ${r.dataDir} · ${r.kiosk.running ? `running (pid ${r.kiosk.pid}, ${r.kiosk.shell} shell, since ${r.kiosk.since})` : 'not running'}`,
  );
  out.push(`configuration: ${r.config.source}, terminal ${r.config.terminalId}, hub ${r.config.hub}${r.config.production ? ', production' : ''}`);
  out.push('devices:');
  for (const d of r.devices) {
    out.push(
      `  ${d.device.padEnd(8)} ${d.state}${d.detail ? ` (${d.detail})` : ''}${d.port ? ` on ${d.port}` : ''}${d.lastError ? `; last error ${d.lastError.message} at ${d.lastError.at}` : ''}`,
    );
  }
  out.push(`disk: ${(r.disk.freeBytes / 1024 ** 3).toFixed(1)} GiB free of ${(r.disk.totalBytes / 1024 ** 3).toFixed(1)} GiB`);
  for (const [name, data] of Object.entries(r.sections)) out.push(`${name}: ${JSON.stringify(data)}`);
  if (r.recentErrors.length) out.push(`recent errors in the log: ${r.recentErrors.length} (see kioskctl diag --json)`);
  out.push(r.attention.length ? `NEEDS ATTENTION:\n${r.attention.map((a) => `  - ${a}`).join('\n')}` : 'all well');
  process.stdout.write(out.join('\n') + '\n');
}

export function registerDiagCommands(program: Command): void {
  const diag = program
    .command('diag')
    .description('the technician summary of a terminal; exit 0 when all is well, 1 naming what needs attention')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--json', 'one JSON object on stdout')
    .action(async (opts: { data: string; json?: boolean }) => {
      const report = await collectDiagnostics(path.resolve(opts.data), diagnosticsSections);
      if (opts.json) process.stdout.write(JSON.stringify(report) + '\n');
      else printReport(report);
      if (report.attention.length) throw new CliExit(1, opts.json ? `needs attention: ${report.attention.join('; ')}` : '');
    });

  diag
    .command('bundle')
    .description('write the summary, the configuration (secret removed) and recent redacted logs to one file')
    .requiredOption('--out <file>', 'where to write the bundle (JSON)')
    .action(async (opts: { out: string }) => {
      // --data belongs to `diag` and is read there, wherever it stands on the line.
      const { data } = diag.opts<{ data: string }>();
      const bundle = await diagnosticsBundle(path.resolve(data), diagnosticsSections);
      writeFileSync(opts.out, JSON.stringify(bundle, null, 2) + '\n', { mode: 0o600 });
      tightenPath(opts.out); // `mode` applies only to a new file: an existing one is made 0600 too
      process.stdout.write(`${opts.out}\n`);
    });
}
