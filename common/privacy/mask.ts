/**
 * Masking of personal data for display, logs, diagnostics and CLI output.
 * Pure functions: used by the core, the CLI and the renderer alike.
 */

/** `310101199003071234` → `3101**********1234` (first 4, last 4 kept). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

/**
 * `张三` → `张*`, `张小三` → `张*三`, `欧阳小明` → `欧**明`;
 * Latin names keep the first letter of each word: `JOHN SMITH` → `J*** S****`.
 */
export function maskName(name: string): string {
  const s = name.trim();
  if (!s) return s;
  if (/[A-Za-z]/.test(s) && !/[\u3400-\u9fff]/.test(s)) {
    return s
      .split(/(\s+|,)/)
      .map((part) => (/^[A-Za-z]/.test(part) ? part[0] + '*'.repeat(part.length - 1) : part))
      .join('');
  }
  const chars = Array.from(s);
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** Keeps the first 6 characters (the district), masks the rest. */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  if (chars.length <= 6) return '*'.repeat(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(Math.min(chars.length - 6, 10));
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length < 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** Replaces a secret entirely, keeping only whether it was set. */
export function maskSecret(secret: string | null | undefined): string {
  return secret ? '********' : '';
}

/** Keys whose values are personal data wherever they appear in a logged object. */
export const PERSONAL_KEYS: Record<string, (value: string) => string> = {
  name: maskName,
  nameEnglish: maskName,
  nameChinese: maskName,
  fullName: maskName,
  idNumber: maskIdNumber,
  idNo: maskIdNumber,
  permitNumber: maskIdNumber,
  passNumber: maskIdNumber,
  address: maskAddress,
  phone: maskPhone,
  mobile: maskPhone,
};

/** Keys whose values are never shown at all (biometric data, secrets, raw images). */
export const REDACTED_KEYS = new Set([
  'template',
  'descriptor',
  'templates',
  'photo',
  'image',
  'frame',
  'signature',
  'secret',
  'terminalSecret',
  'password',
  'pin',
  'pinHash',
  'token',
  'encryptionKey',
]);

// 18-digit resident ID numbers (last may be X) and 15-digit legacy ones, not inside longer digit runs.
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const PHONE_IN_TEXT = /(?<!\d)(1[3-9]\d{9})(?!\d)/g;

/** Masks ID numbers and mobile numbers that appear inside free text (error messages, log lines). */
export function maskPersonalText(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (m) => maskIdNumber(m)).replace(PHONE_IN_TEXT, (m) => maskPhone(m));
}

/**
 * Deep copy of a value with personal fields masked and sensitive fields removed.
 * Safe on cycles and binary data.
 */
export function redactPersonalData(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${(value as ArrayBufferLike).byteLength} bytes]`;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactPersonalData(v, seen));
  if (value instanceof Error) {
    return { type: value.name, message: maskPersonalText(value.message), stack: value.stack && maskPersonalText(value.stack) };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (REDACTED_KEYS.has(k)) {
      out[k] = v === null || v === undefined ? v : '[redacted]';
    } else if (typeof v === 'string' && PERSONAL_KEYS[k]) {
      out[k] = PERSONAL_KEYS[k](v);
    } else {
      out[k] = redactPersonalData(v, seen);
    }
  }
  return out;
}
