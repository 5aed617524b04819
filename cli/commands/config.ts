import type { Command } from 'commander';
import { ConfigStore, validateConfigFile } from '../../main/config/config-store';
import { ConfigValidationError } from '../../common/config/config-validation-error';
import { defaultDataDir } from '../../main/config/paths';
import { maskSecret } from '../../common/privacy/mask';
import type { KioskConfig } from '../../common/config/schema';
import { CliExit } from '../command-registry';

function redactConfig(config: KioskConfig): KioskConfig {
  return { ...config, hub: { ...config.hub, terminalSecret: config.hub.terminalSecret ? maskSecret(config.hub.terminalSecret) : null } };
}

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('show and validate the terminal configuration');

  config
    .command('show')
    .description('print the configuration in force (secrets masked)')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--json', 'one JSON object on stdout')
    .action((opts: { data: string; json?: boolean }) => {
      const store = new ConfigStore(opts.data);
      const report = store.load();
      const shown = redactConfig(store.config);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ file: store.file, source: report.source, config: shown }) + '\n');
      } else {
        process.stdout.write(`# ${store.file} (${report.source})\n${JSON.stringify(shown, null, 2)}\n`);
      }
      if (report.refused) process.stderr.write(`warning: ${report.refused.message}\n`);
    });

  config
    .command('validate')
    .description('check a configuration file; exit 0 when valid, 1 naming each invalid field')
    .argument('<file>', 'configuration JSON file')
    .action((file: string) => {
      try {
        validateConfigFile(file);
        process.stdout.write(`${file}: valid\n`);
      } catch (err) {
        if (err instanceof ConfigValidationError) {
          throw new CliExit(1, `${file}: invalid\n` + err.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'));
        }
        throw err;
      }
    });
}
