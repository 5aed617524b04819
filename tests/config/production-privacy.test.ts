import { describe, expect, it } from 'vitest';
import { DEMO_PRIVACY_OPERATOR, validateConfig } from '../../common/config/schema';

const REAL_OPERATOR = { 'zh-CN': '某市政务服务和数据管理局', 'zh-HK': '某市政務服務和數據管理局', en: 'Municipal Government Services and Data Administration' };

/**
 * The face notice names who processes citizens' faces (privacy.operator). The embedded default is
 * a demo placeholder: a production terminal with face on refuses it, naming the field. Face is on
 * in production only when the configuration says so (after the hall's impact assessment); the
 * demo keeps face on, on its placeholder.
 */
describe('privacy.operator and face in production', () => {
  it('refuses the demo operator with production and face switched on, naming privacy.operator', () => {
    const r = validateConfig({ production: true, face: { enabled: true } });
    expect(r.ok).toBe(false);
    const issues = (r as { issues: { path: string; message: string }[] }).issues;
    expect(issues.map((i) => i.path)).toEqual(['privacy.operator.zh-CN', 'privacy.operator.zh-HK', 'privacy.operator.en']);
    for (const issue of issues) expect(issue.message).toMatch(/demo placeholder.*production terminal with face on/);
  });

  it('refuses it in any one language left as the demo’s', () => {
    const r = validateConfig({ production: true, face: { enabled: true }, privacy: { operator: { ...REAL_OPERATOR, en: DEMO_PRIVACY_OPERATOR.en } } });
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'privacy.operator.en' }] });
  });

  it('has face off in production unless switched on; accepts a real operator with face on; the demo keeps face on', () => {
    expect(validateConfig({ production: true })).toMatchObject({ ok: true, config: { face: { enabled: false, templateRetentionDays: 365 } } });
    expect(validateConfig({ production: true, face: { templateRetentionDays: 30 } })).toMatchObject({
      ok: true,
      config: { face: { enabled: false, templateRetentionDays: 30 } },
    });
    expect(validateConfig({ production: true, face: { enabled: true }, privacy: { operator: REAL_OPERATOR } })).toMatchObject({
      ok: true,
      config: { face: { enabled: true } },
    });
    expect(validateConfig({})).toMatchObject({ ok: true, config: { face: { enabled: true }, privacy: { operator: DEMO_PRIVACY_OPERATOR } } });
    // A malformed face section is still named as such, not hidden by the default.
    expect(validateConfig({ production: true, face: 'on' })).toMatchObject({ ok: false, issues: [{ path: 'face' }] });
  });
});
