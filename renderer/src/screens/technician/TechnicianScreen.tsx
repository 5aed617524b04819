import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError } from '../../bridge/kiosk-client';
import { useHallTimeZone, useKiosk } from '../../kiosk/kiosk-context';
import { hallTimestamp } from '../../../../common/time/hall-clock';
import { QueuePanel } from './QueuePanel';
import { CameraPanel } from './CameraPanel';
import { DocumentPrinterPanel } from './DocumentPrinterPanel';
import { VoicePanel } from './VoicePanel';
import { deviceStateName, deviceStateTone } from './device-state-words';
import { logSentence, readLogLine } from './readable-log-line';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';

type Summary = RpcOutput<'tech.summary'>;

function gib(bytes: number): string {
  return (bytes / 1024 ** 3).toFixed(1);
}

/** Each device's state, port and last error, with test actions; logs, versions and disk space. */
export function TechnicianScreen({ token, onBack }: { token: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const timeZone = useHallTimeZone();
  const [summary, setSummary] = useState<Summary | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = useCallback(() => client.call('tech.summary', { token }).then(setSummary, onBack), [client, token, onBack]);
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), 1000);
    const off = client.on('device.state', () => void refresh());
    return () => {
      window.clearInterval(timer);
      off();
    };
  }, [client, refresh]);

  const run = async (name: string, action: () => Promise<string>) => {
    setBusy(name);
    setResult(t('tech.running'));
    try {
      setResult(await action());
    } catch (err) {
      setResult(err instanceof RpcCallError ? t('tech.failed', { message: err.error.message }) : t('errors.coreUnavailable'));
    } finally {
      setBusy(null);
    }
  };

  const actions: { name: string; label: string; action: () => Promise<string> }[] = [
    {
      name: 'read-card',
      label: t('tech.readCard'),
      action: async () => {
        const r = await client.call('tech.idcard.read', { token, timeoutMs: 30_000 });
        if (r.card) return t('tech.cardRead', { name: r.card.nameMasked, id: r.card.idNumberMasked, ms: Math.round(r.elapsedMs) });
        if (r.refused) return t('tech.cardRefused', { reason: r.refused.reason, field: r.refused.field ?? '—' });
        return t('tech.noCard');
      },
    },
    {
      name: 'printer-status',
      label: t('tech.printerStatus'),
      action: async () => {
        const r = await client.call('tech.printer.status', { token });
        const bits = r.printer
          ? Object.entries(r.printer)
              .map(([k, v]) => `${k}=${v ? 1 : 0}`)
              .join(' ')
          : '';
        return `${r.status}${r.reason ? ` (${r.reason})` : ''} ${bits}`.trim();
      },
    },
    {
      name: 'test-page',
      label: t('tech.testPage'),
      action: async () => t('tech.printed', { bytes: (await client.call('tech.printer.testPage', { token })).bytes }),
    },
    {
      name: 'bundle',
      label: t('tech.bundle'),
      action: async () => {
        const r = await client.call('tech.bundle', { token });
        return t('tech.bundleWritten', { file: r.file, kib: Math.ceil(r.bytes / 1024) });
      },
    },
    {
      name: 'scan',
      label: t('tech.scan'),
      action: async () => {
        const r = await client.call('tech.scanner.wait', { token, timeoutMs: 30_000 });
        return r.code ? t('tech.scanned', { code: r.code }) : t('tech.noScan');
      },
    },
  ];

  return (
    <Screen className="staff technician" testId="technician-screen">
      <div className="settings-head">
        <h2 className="screen-title">{t('tech.title')}</h2>
        <ActionButton kind="secondary" testId="tech-back" onClick={onBack}>
          {t('about.back')}
        </ActionButton>
      </div>
      <table className="device-table">
        <thead>
          <tr>
            <th>{t('tech.device')}</th>
            <th>{t('tech.state')}</th>
            <th>{t('tech.port')}</th>
            <th>{t('tech.lastError')}</th>
          </tr>
        </thead>
        <tbody>
          {summary?.devices.map((d) => (
            <tr
              key={d.device}
              data-testid={`device-${d.device}`}
              data-state={d.state}
              data-tone={deviceStateTone(d.state)}
              className={`state-${deviceStateTone(d.state)}`}
            >
              <td>{t(`tech.devices.${d.device}`)}</td>
              <td data-testid={`device-${d.device}-state`}>
                <span className="state-mark" aria-hidden="true" />
                {deviceStateName(d.state, t)}
                {d.detail ? ` · ${d.detail}` : ''}
              </td>
              <td>{d.port ? `${d.port}${d.emulated ? ` (${t('settings.emulated')})` : ''}` : '—'}</td>
              <td data-testid={`device-${d.device}-last-error`}>
                {d.lastError ? `${d.lastError.message} · ${hallTimestamp(Date.parse(d.lastError.at), timeZone)}` : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ActionBar>
        {actions.map((a) => (
          <ActionButton key={a.name} kind="secondary" testId={`tech-${a.name}`} disabled={busy !== null} onClick={() => void run(a.name, a.action)}>
            {a.label}
          </ActionButton>
        ))}
      </ActionBar>
      {result && (
        <Notice role="status" testId="tech-result">
          {result}
        </Notice>
      )}
      <QueuePanel token={token} onResult={setResult} />
      <DocumentPrinterPanel token={token} />
      <VoicePanel />
      <CameraPanel token={token} />
      {summary && (
        <dl className="facts">
          <dt>{t('about.appVersion')}</dt>
          <dd>{`${summary.versions.app} · Node ${summary.versions.node}${summary.versions.electron ? ` · Electron ${summary.versions.electron}` : ''} · ${summary.versions.platform}`}</dd>
          <dt>{t('tech.disk')}</dt>
          <dd data-testid="tech-disk">
            {t('tech.diskValue', { free: gib(summary.disk.freeBytes), total: gib(summary.disk.totalBytes), dir: summary.disk.dataDir })}
          </dd>
        </dl>
      )}
      <h3>{t('tech.logs')}</h3>
      <ol className="log-lines" data-testid="tech-logs">
        {summary?.logs.slice(-30).map((raw, i) => {
          const line = readLogLine(raw);
          return (
            <li key={i} className={`log-${line.level}`} data-level={line.level}>
              {logSentence(line, timeZone, t)}
            </li>
          );
        })}
      </ol>
    </Screen>
  );
}
