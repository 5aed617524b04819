// Over 300 lines: the staff settings form: every field kind (text, number, choice, list) with its validation and save in one screen.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../../../common/catalog/schema';
import type { KioskConfig } from '../../../../common/config/schema';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError } from '../../bridge/kiosk-client';
import { useKiosk } from '../../kiosk/kiosk-context';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { PinPad } from '../../components/PinPad';
import { chineseScriptOf, getAt, labelKey, SECTIONS, SETTING_FIELDS, toConfigValue, type SectionId, type SettingField } from './settings-fields';
import { refusalSentence } from './refusal-sentence';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';

type DetectedPort = RpcOutput<'staff.devices.detect'>['ports'][number];

function display(field: SettingField, value: unknown, t: (k: string) => string): string {
  if (field.kind === 'secret') return value ? String(value).replace(/./g, '●') : t('settings.none');
  if (value === null || value === undefined || value === '') return t('settings.none');
  return String(value);
}

/** Staff settings: every field of the configuration, validated by the core's schema on save. */
export function SettingsScreen(props: { token: string; onExit: () => void; onTechnician: () => void }) {
  const { token, onExit, onTechnician } = props;
  const { client, language } = useKiosk();
  const { t } = useTranslation();
  const [config, setConfig] = useState<KioskConfig | null>(null);
  const [secretSet, setSecretSet] = useState(false);
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [section, setSection] = useState<SectionId>('terminal');
  const [editing, setEditing] = useState<SettingField | null>(null);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [ports, setPorts] = useState<DetectedPort[]>([]);
  const [pinStep, setPinStep] = useState<{ current: string; next: string; stage: 'current' | 'next' } | null>(null);
  /** Face was just switched off: offer to delete every template on this terminal (a confirm step). */
  const [offerFaceDeletion, setOfferFaceDeletion] = useState(false);

  const reset = (c: KioskConfig, secret: boolean) => {
    setConfig(c);
    setSecretSet(secret);
    setDraft(Object.fromEntries(SETTING_FIELDS.map((f) => [f.path, f.kind === 'secret' ? '' : (getAt(c, f.path) ?? '')])));
  };

  useEffect(() => {
    client.call('staff.config.get', { token }).then((r) => reset(r.config, r.terminalSecretSet), onExit);
    client.call('catalog.get', {}).then(setCatalog, () => undefined);
    client.call('staff.devices.detect', { token }).then(
      (r) => setPorts(r.ports),
      () => undefined,
    );
  }, [client, token, onExit]);

  const changes = useMemo(() => {
    if (!config) return [];
    return SETTING_FIELDS.filter((f) => {
      const value = toConfigValue(f, draft[f.path]);
      if (f.kind === 'secret') return value !== '';
      return JSON.stringify(value) !== JSON.stringify(getAt(config, f.path) ?? null);
    }).map((f) => ({ path: f.path, value: toConfigValue(f, draft[f.path]) }));
  }, [config, draft]);

  if (!config) return <Screen className="staff" testId="settings-screen" />;

  const set = (path: string, value: unknown) => {
    setDraft((d) => ({ ...d, [path]: value }));
    setNotice(null);
  };

  const save = async () => {
    setErrors({});
    try {
      const r = await client.call('staff.config.update', { token, changes });
      const faceSwitchedOff = config.face.enabled && !r.config.face.enabled;
      reset(r.config, r.terminalSecretSet);
      setNotice(t('settings.saved', { count: r.changed.length }));
      if (faceSwitchedOff) setOfferFaceDeletion(true);
    } catch (err) {
      if (err instanceof RpcCallError && err.error.code === 'invalid-input' && err.error.issues) {
        setErrors(Object.fromEntries(err.error.issues.map((i) => [i.path, refusalSentence(i, draft[i.path], t)])));
        setNotice(t('settings.refused'));
      } else if (err instanceof RpcCallError && err.error.code === 'forbidden') {
        onExit();
      } else {
        setNotice(t('errors.coreUnavailable'));
      }
    }
  };

  const deleteFaceTemplates = async () => {
    setOfferFaceDeletion(false);
    try {
      const r = await client.call('staff.face.deleteTemplates', { token });
      setNotice(t('settings.faceOff.deleted', { count: r.removed }));
    } catch (err) {
      if (err instanceof RpcCallError && err.error.code === 'forbidden') onExit();
      else setNotice(t('settings.faceOff.failed'));
    }
  };

  const changePin = async (current: string, next: string) => {
    try {
      await client.call('staff.changePin', { token, currentPin: current, newPin: next });
      setNotice(t('settings.pinChanged'));
    } catch {
      setNotice(t('settings.pinNotChanged'));
    }
    setPinStep(null);
  };

  const renderField = (field: SettingField) => {
    const value = draft[field.path];
    const error = errors[field.path];
    const id = field.path;
    let control: React.ReactNode;
    switch (field.kind) {
      case 'boolean':
        control = (
          <button
            type="button"
            className={value ? 'switch selected' : 'switch'}
            aria-pressed={Boolean(value)}
            data-testid={`field-${id}`}
            onClick={() => set(id, !value)}
          >
            {value ? t('settings.on') : t('settings.off')}
          </button>
        );
        break;
      case 'choice':
        control = (
          <div className="choices" role="radiogroup">
            {field.options!.map((o) => (
              <button
                key={String(o)}
                type="button"
                role="radio"
                aria-checked={value === o}
                className={value === o ? 'switch selected' : 'switch'}
                data-testid={`field-${id}-${o}`}
                onClick={() => set(id, o)}
              >
                {String(o)}
              </button>
            ))}
          </div>
        );
        break;
      case 'languages': {
        const list = (value as string[]) ?? [];
        control = (
          <div className="choices">
            {field.options!.map((o) => (
              <button
                key={String(o)}
                type="button"
                aria-pressed={list.includes(String(o))}
                className={list.includes(String(o)) ? 'switch selected' : 'switch'}
                data-testid={`field-${id}-${o}`}
                onClick={() => set(id, list.includes(String(o)) ? list.filter((l) => l !== o) : [...list, String(o)])}
              >
                {String(o)}
              </button>
            ))}
          </div>
        );
        break;
      }
      case 'services': {
        const all = catalog?.services ?? [];
        const shown = (value as string[]).length ? (value as string[]) : all.map((s) => s.code);
        const ordered = [...shown.map((c) => all.find((s) => s.code === c)).filter((s) => s !== undefined), ...all.filter((s) => !shown.includes(s.code))];
        const move = (code: string, by: number) => {
          const list = [...shown];
          const i = list.indexOf(code);
          const j = i + by;
          if (i < 0 || j < 0 || j >= list.length) return;
          [list[i], list[j]] = [list[j]!, list[i]!];
          set(id, list);
        };
        control = (
          <ol className="service-order" data-testid={`field-${id}`}>
            {ordered.map((s) => (
              <li key={s.code}>
                <button
                  type="button"
                  className={shown.includes(s.code) ? 'switch selected' : 'switch'}
                  aria-pressed={shown.includes(s.code)}
                  onClick={() => set(id, shown.includes(s.code) ? shown.filter((c) => c !== s.code) : [...shown, s.code])}
                >
                  {`${s.code} · ${s.name[language]}`}
                </button>
                <button type="button" className="switch" aria-label={t('settings.moveUp')} onClick={() => move(s.code, -1)}>
                  ↑
                </button>
                <button type="button" className="switch" aria-label={t('settings.moveDown')} onClick={() => move(s.code, 1)}>
                  ↓
                </button>
              </li>
            ))}
          </ol>
        );
        break;
      }
      case 'port':
        control = (
          <div className="choices">
            <button type="button" className="switch" data-testid={`field-${id}`} onClick={() => setEditing(field)}>
              {display(field, value, t)}
            </button>
            <button type="button" className={value === '' || value === null ? 'switch selected' : 'switch'} onClick={() => set(id, '')}>
              {t('settings.emulated')}
            </button>
            {ports.map((p) => (
              <button key={p.path} type="button" className={value === p.path ? 'switch selected' : 'switch'} onClick={() => set(id, p.path)}>
                {`${p.path} · ${t(`settings.looksLike.${p.looksLike}`)}`}
              </button>
            ))}
          </div>
        );
        break;
      default:
        control = (
          <button type="button" className="switch field-value" data-testid={`field-${id}`} onClick={() => setEditing(field)}>
            {field.kind === 'secret' && !value && secretSet ? t('settings.secretKept') : display(field, value, t)}
          </button>
        );
    }
    return (
      <div className={error ? 'setting invalid' : 'setting'} key={id}>
        <span className="setting-label">{t(labelKey(id))}</span>
        {control}
        {error && (
          <span className="setting-error" role="alert" data-testid={`error-${id}`}>
            {error}
          </span>
        )}
      </div>
    );
  };

  return (
    <Screen className="staff settings" testId="settings-screen">
      <div className="settings-head">
        <h2 className="screen-title">{t('settings.title')}</h2>
        <ActionBar>
          <ActionButton kind="secondary" testId="open-technician" onClick={onTechnician}>
            {t('tech.open')}
          </ActionButton>
          <ActionButton kind="secondary" testId="change-pin" onClick={() => setPinStep({ current: '', next: '', stage: 'current' })}>
            {t('settings.changePin')}
          </ActionButton>
          <ActionButton kind="primary" testId="settings-save" disabled={changes.length === 0} onClick={() => void save()}>
            {t('settings.save', { count: changes.length })}
          </ActionButton>
          <ActionButton kind="secondary" testId="staff-exit" onClick={onExit}>
            {t('settings.exit')}
          </ActionButton>
        </ActionBar>
      </div>
      {notice && (
        <Notice role="status" testId="settings-notice">
          {notice}
        </Notice>
      )}
      <nav className="tabs">
        {SECTIONS.map((s) => (
          <button key={s} type="button" className={s === section ? 'switch selected' : 'switch'} data-testid={`section-${s}`} onClick={() => setSection(s)}>
            {t(`settings.sections.${s}`)}
            {SETTING_FIELDS.some((f) => f.section === s && errors[f.path]) ? ' ⚠' : ''}
          </button>
        ))}
      </nav>
      <div className="settings-fields">{SETTING_FIELDS.filter((f) => f.section === section).map(renderField)}</div>
      {editing && (
        <OnScreenKeyboard
          label={t(labelKey(editing.path))}
          value={editing.kind === 'secret' ? '' : String(draft[editing.path] ?? '')}
          digitsOnly={editing.kind === 'number'}
          chinese={chineseScriptOf(editing, language)}
          onCancel={() => setEditing(null)}
          onDone={(v) => {
            set(editing.path, v);
            setEditing(null);
          }}
        />
      )}
      {offerFaceDeletion && (
        <div className="overlay" role="dialog" aria-labelledby="face-off-title" data-testid="face-off-dialog">
          <div className="dialog">
            <h2 id="face-off-title">{t('settings.faceOff.title')}</h2>
            <p>{t('settings.faceOff.text')}</p>
            <ActionBar>
              <ActionButton kind="secondary" testId="face-off-keep" onClick={() => setOfferFaceDeletion(false)}>
                {t('settings.faceOff.keep')}
              </ActionButton>
              <ActionButton kind="primary" testId="face-off-delete" onClick={() => void deleteFaceTemplates()}>
                {t('settings.faceOff.delete')}
              </ActionButton>
            </ActionBar>
          </div>
        </div>
      )}
      {pinStep && (
        <div className="overlay" role="dialog" data-testid="change-pin-dialog">
          <div className="dialog">
            <h2>{pinStep.stage === 'current' ? t('settings.currentPin') : t('settings.newPin')}</h2>
            <PinPad value={pinStep.stage === 'current' ? pinStep.current : pinStep.next} onChange={(v) => setPinStep({ ...pinStep, [pinStep.stage]: v })} />
            <ActionBar>
              <ActionButton kind="secondary" onClick={() => setPinStep(null)}>
                {t('staff.cancel')}
              </ActionButton>
              <ActionButton
                kind="primary"
                testId="change-pin-next"
                onClick={() => (pinStep.stage === 'current' ? setPinStep({ ...pinStep, stage: 'next' }) : void changePin(pinStep.current, pinStep.next))}
              >
                {t('staff.confirm')}
              </ActionButton>
            </ActionBar>
          </div>
        </div>
      )}
    </Screen>
  );
}
