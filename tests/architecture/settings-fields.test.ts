import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../common/config/schema';
import { SETTING_FIELDS, labelKey } from '../../renderer/src/screens/staff/settings-fields';
import { resources } from '../../renderer/src/i18n/resources';

function leaves(obj: unknown, prefix = ''): string[] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('staff settings screens', () => {
  it('offer every field of the configuration schema, once', () => {
    const schemaLeaves = leaves(defaultConfig()).sort();
    const offered = SETTING_FIELDS.map((f) => f.path).sort();
    expect(offered).toEqual(schemaLeaves);
  });

  it('label every field in the three languages', () => {
    for (const [lang, { translation }] of Object.entries(resources)) {
      for (const field of SETTING_FIELDS) {
        const label = labelKey(field.path)
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], translation);
        expect(typeof label, `${lang} ${field.path}`).toBe('string');
      }
    }
  });
});
