import path from 'node:path';
import type { DiagnosticsSection } from './diagnostics';
import { planTerminalHub } from '../../../offline-queue/hub-connection';
import { hubDiagnostics } from './queue-diagnostics';

/**
 * `kioskctl diag` and the technician bundle: the hub section. A hub the terminal cannot use
 * (production without hub.url, http:// in production, no secret, unreadable hub.caFile) needs
 * attention, named; otherwise the reachability check of queue-diagnostics.ts.
 */
export const hubLinkDiagnostics: DiagnosticsSection = {
  name: 'hub',
  async collect(dataDir, config) {
    const plan = planTerminalHub(config, {}, dataDir);
    if (plan.kind === 'not-configured') {
      return { data: { url: config.hub.url, configured: false, problem: plan.problem }, attention: [plan.problem] };
    }
    // hubDiagnostics reads hub.caFile itself, without the data directory a relative path is based on.
    const caFile = config.hub.caFile === null ? null : path.resolve(dataDir, config.hub.caFile);
    return hubDiagnostics.collect(dataDir, { ...config, hub: { ...config.hub, caFile } });
  },
};
