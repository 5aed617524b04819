import { writeSync } from 'node:fs';
import type { Command } from 'commander';
import { CliExit, commandGroup } from '../command-registry';
import { openStore } from './hub';

const out = (text: string) => writeSync(1, text.endsWith('\n') ? text : text + '\n');

/** `kioskctl hub face-deletions`: which terminals have not yet confirmed a face deletion (docs/hub-protocol.md §6). */
export function registerHubFaceCommands(program: Command): void {
  const hub = commandGroup(program, 'hub', 'the reference hub (HUB-PROTOCOL.md) for development, tests and demos');

  hub
    .command('face-deletions')
    .description('face bindings deleted at the hub that some terminal which had the template has not yet confirmed; exit 3 when there are any')
    .requiredOption('--data <dir>', 'hub data directory')
    .option('--json', 'one JSON object on stdout')
    .option('--reveal', 'include the pseudonymous subject ids')
    .action((opts: { data: string; json?: boolean; reveal?: boolean }) => {
      const store = openStore(opts.data, { existing: true });
      let pending;
      try {
        pending = store.faceGallery.pendingDeletions(opts.reveal === true);
      } finally {
        store.db.close();
      }
      if (opts.json) out(JSON.stringify({ pending }));
      else if (pending.length === 0) out('every face deletion is confirmed by every terminal that had the template');
      else {
        const lines = pending.map((d) => {
          const waiting = d.unconfirmed.map((u) => `${u.terminalId} (last gallery pull: ${u.lastPullAt ?? 'never'})`).join(', ');
          return `#${d.cursor}${d.subject ? ` ${d.subject}` : ''} deleted ${d.deletedAt}: waiting for ${waiting}; confirmed by ${d.confirmed.map((c) => c.terminalId).join(', ') || '-'}`;
        });
        out([`face deletions not yet confirmed: ${pending.length}`, ...lines].join('\n'));
      }
      if (pending.length > 0) throw new CliExit(3, `${pending.length} face deletion(s) not yet confirmed by every terminal`);
    });
}
