// Over 300 lines: every masking rule for personal data (names, ID numbers, phones, addresses, free text) in one place, so the log and the screens mask alike.
/**
 * Masking of personal data for display, logs, diagnostics and CLI output.
 * Pure functions: used by the core, the CLI and the renderer alike.
 */

/**
 * `310101199003071234` → `3101**********1234` (first 4, last 4 kept, for the 15- and 18-character
 * numbers); shorter document numbers keep their first character and last 2: `H12345678` → `H******78`;
 * 8 characters or fewer are masked whole.
 */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  if (s.length < 15) return s[0] + '*'.repeat(s.length - 3) + s.slice(-2);
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

/** `13812345678` → `138****5678`; any other way of writing a number keeps its first 3 and last 4 characters. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length < 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/**
 * Every digit and letter of a date hidden, its shape kept: `1990-03-07` → `****-**-**`,
 * `1990年3月7日` → `****年*月*日`, `7 March 1990` → `* ***** ****`.
 */
export function maskDate(date: string): string {
  return date.replace(/[\dA-Za-z]/g, '*');
}

/** Replaces a secret entirely, keeping only whether it was set. */
export function maskSecret(secret: string | null | undefined): string {
  return secret ? '********' : '';
}

/**
 * What is given where a person is expected (`holder`, `contact`, `guardian`): an ID number or a phone
 * number masked as such, anything else as a name.
 */
export function maskPersonValue(value: string): string {
  const s = value.trim();
  if (/^(\d{17}[\dXx]|\d{15})$/.test(s)) return maskIdNumber(s);
  if (/^\+?[\d\s()*-]{7,}$/.test(s) && /\d{3}/.test(s)) return maskPhone(s);
  return maskName(s);
}

/** Keys whose values are personal data wherever they appear in a logged object (see also `personalMaskerForKey`). */
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

/** `contactTel` → `contact tel`, `guardian_name` → `guardian name`. */
const keyWords = (key: string): string[] =>
  key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter(Boolean);

// Keys holding a thing's name or a machine address, not a person's.
const TECHNICAL_NAME_KEY =
  /^(host|file|path|base|dir|type|event|method|field|device|port|service|shell|module|class|function|table|column|queue|channel|app|package|program|command|job|task|step|profile|printer|scheme|layout|font|voice|language|locale|display|process|thread|cipher|algorithm)_?name$/i;
const TECHNICAL_ADDRESS_KEY = /^(ip|remote|local|mac|listen|bind|server|socket|hub|mem|memory|base|start|end|load|return)_?addr(ess)?$/i;
// Keys naming a person whose value is a name, or their number (`cardHolder`, `emergencyContact`).
const PERSON_WORD = /^(holder|applicant|person|guardian|contact|people)s?$/;

/**
 * The masker for a key that names personal data, by what the key says rather than a fixed list:
 * any key (case-insensitive) containing name, address/addr, street, domicile, phone, mobile, birth,
 * idNumber/idNo, permit or passport, or with a word tel/fax/dob (`contactTel`, not `hotel`), or ending
 * in a word for a person: holder, applicant, person, guardian, contact (`cardHolder`, `guardian`);
 * technical names (`fileName`, `hostname`, `remoteAddress`) excepted.
 */
export function personalMaskerForKey(key: string): ((value: string) => string) | null {
  const exact = PERSONAL_KEYS[key];
  if (exact) return exact;
  const k = key.toLowerCase();
  const words = keyWords(key);
  if (/idnumber|idno|idcard|permitn|passno|passnumber|passport|certno/.test(k)) return maskIdNumber;
  if (/phone|mobile/.test(k) || words.some((w) => w === 'tel' || w === 'fax' || w === 'telephone')) return maskPhone;
  if (/birth/.test(k) && /place/.test(k)) return maskAddress;
  if (/birth/.test(k) || words.includes('dob')) return maskDate;
  if (/addr|street|domicile/.test(k)) return TECHNICAL_ADDRESS_KEY.test(key) ? null : maskAddress;
  if (/name/.test(k)) return TECHNICAL_NAME_KEY.test(key) ? null : maskName;
  if (words.length > 0 && PERSON_WORD.test(words[words.length - 1]!)) return maskPersonValue;
  return null;
}

// 18-digit resident ID numbers (last may be X) and residence permits (810000/820000/830000…),
// 2023 foreigner permanent-residence numbers (18 digits from 9), 15-digit legacy numbers;
// not inside longer runs of letters or digits.
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
// 2017 (and 2004) foreigner permanent-residence numbers: 3-letter nationality + 12 digits.
const FOREIGNER_2017_IN_TEXT = /(?<![0-9A-Za-z])[A-Z]{3}\d{12}(?![0-9A-Za-z])/g;
// Mainland travel permits for HK/Macau residents (回乡证): H or M + 8 or 10 digits.
const HK_MACAU_PERMIT_IN_TEXT = /(?<![0-9A-Za-z])[HMhm]\d{8}(?:\d{2})?(?![0-9A-Za-z])/g;
// Taiwan residents' permits (台胞证) are 8 digits (10 on old cards): masked only where text names the permit.
const TAIWAN_PERMIT_IN_TEXT =
  /((?:台胞证|台湾居民来往大陆通行证|通行证|permit|MTP)(?:号码|号)?\s{0,2}(?:no\.?|number)?["'\s:：#=]{0,4})(\d{10}|\d{8})(?![0-9A-Za-z])/giu;
// Months written out: `7 March 1990`, `March 7th, 1990`.
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DAY_OF_MONTH = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
// A date next to 出生 / birth / born / DOB, in any usual form: `出生：1990年3月7日`, `birth date 1990-03-07`,
// `"birthDate":"19900307"`, `DOB 07/03/1990`, `born on 7 March 1990`, `date of birth: March 7, 1990`.
const BIRTH_DATE_IN_TEXT = new RegExp(
  String.raw`((?<![A-Za-z])(?:出生(?:日期|年月日|年月)?|生日|date\s?of\s?birth|birth_?(?:\s?date|day)?|born(?:\s+on)?|dob)["'\s:：=]{0,4})` +
    String.raw`(\d{8}(?!\d)|\d{1,2}\s?[-/.]\s?\d{1,2}\s?[-/.]\s?\d{2,4}(?!\d)|${DAY_OF_MONTH}\s+${MONTH},?\s+\d{4}(?!\d)|${MONTH}\s+${DAY_OF_MONTH},?\s+\d{4}(?!\d)|\d{4}(?:\s?[-/.年]\s?\d{1,2}(?:\s?[-/.月]\s?\d{1,2}\s?日?|\s?月)?)?(?!\d))`,
  'giu',
);
// Mobile numbers, also written +86 / 0086 and grouped by spaces or dashes: `+86 138-1234-5678`.
const PHONE_IN_TEXT = /(?<![\d+])(?:(?:\+|00)86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
// Landlines: area code 010, 02x or 0xxx (or after +86 without its 0), parenthesised or not, a 7- or
// 8-digit number, grouped by a space or dash, an optional extension. Not after a word
// or a dash, so that `R1-T-0311-20261121-0007` (a submission number) stays as it is.
const LANDLINE_IN_TEXT =
  /(?<![\w+-])(?:(?:\+|00)86[\s-]?\(?(?:10|2\d|[3-9]\d{2})\)?|\(0(?:10|2\d|[3-9]\d{2})\)|0(?:10|2\d|[3-9]\d{2}))[\s-]?\d{3,4}[\s-]?\d{4}(?:-\d{1,5})?(?![\w-])/g;
// Capitalised words after a Latin name or address: `name: Zhang San`, `address: 100 Century Avenue`.
const LATIN_TAIL = String.raw`((?:[ ][A-Z][A-Za-z'’.-]*){0,3})`;
// Where an unquoted value ends.
const VALUE = String.raw`[^\s,，;；、。:："'}\])=&<>]+`;
// Chinese labels in running text, with or without a separator: `姓名：张小三`, `姓名张三`, `住址 上海市…`.
const LABELLED_NAME_IN_TEXT = new RegExp(String.raw`((?:姓名|名字|联系人|监护人|申请人|持证人|户主|当事人)\s*[:：=]?\s*)(${VALUE})${LATIN_TAIL}`, 'gu');
const LABELLED_ADDRESS_IN_TEXT = new RegExp(String.raw`((?:住址|地址|户籍地|居住地)\s*[:：=]?\s*)(${VALUE})${LATIN_TAIL}`, 'gu');
// English labels followed by a Chinese value after a space: `addr 上海市浦东新区…`, `applicant 王五`.
const ENGLISH_LABEL_CJK_VALUE =
  /(?<![A-Za-z])(name|holder|applicant|guardian|contact|person|addr|address|domicile|residence)(\s+)([\u3400-\u9fff][^\s,，;；、。:："'}\])]*)/giu;
// A member as code or data writes it, quoted value: `"guardianName":"张小三"` (JSON), `{ name: '张三' }`
// (util.inspect, in thrown messages), `name="张三"`.
const MEMBER_KEY = String.raw`(?:"[A-Za-z_][\w-]{0,63}"|'[A-Za-z_][\w-]{0,63}'|(?<![\w$'"-])[A-Za-z_][\w-]{0,63})`;
const QUOTED_MEMBER_IN_TEXT = new RegExp(String.raw`(${MEMBER_KEY})(\s*[:=：]\s*)(["'])((?:(?!\3)[^\\\n]|\\.)*)\3`, 'g');
// The same with the value unquoted: `Name=张三`, `name: Zhang San`, `holder：王五`, `?idNo=3101…`. Only keys
// hinting at personal data or a secret are matched, so that `Error: name: 张三` is not read as the
// member `Error` swallowing `name`.
const KEY_HINT_WORDS = [
  'name',
  'addr',
  'street',
  'domicile',
  'phone',
  'mobile',
  'tel',
  'fax',
  'birth',
  'dob',
  'idno',
  'idnumber',
  'idcard',
  'permit',
  'passport',
  'passno',
  'certno',
  'holder',
  'applicant',
  'person',
  'guardian',
  'contact',
  'people',
  'secret',
  'password',
  'pin',
  'token',
  'key',
]
  // Spelled out in lower, Capitalised and UPPER case: the pattern cannot be case-insensitive, or LATIN_TAIL would take `failed` for a name.
  .flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()])
  .join('|');
const PERSONAL_KEY_HINT = String.raw`(?<![\w$'"-])(?=[A-Za-z_])[\w-]{0,40}?(?:${KEY_HINT_WORDS})[\w-]{0,40}(?![\w-])`;
const BARE_MEMBER_IN_TEXT = new RegExp(String.raw`(${PERSONAL_KEY_HINT})(\s*[:=：]\s*)(?!["'])(${VALUE})${LATIN_TAIL}`, 'g');
// Values under a name or address key that are a machine's, not a person's: URLs, paths, IP addresses, literals.
const TECHNICAL_VALUE = /^(?:[a-z][\w+.-]*:\/\/|\/|\d{1,3}(?:\.\d{1,3}){3}$|(?:null|undefined|true|false|none|unknown|n\/a)$)/i;
// Secrets among REDACTED_KEYS; in running text, `frame:` or `signature:` is more often about the thing than holding it.
const SECRET_KEYS = new Set(['secret', 'terminalSecret', 'password', 'pin', 'pinHash', 'token', 'encryptionKey']);

const unquoted = (key: string) => key.replace(/^["']|["']$/g, '');

/** The masked form of a member's value found in text, or null where the key is not personal. */
function maskMemberValue(key: string, value: string, inRunningText: boolean): string | null {
  if (inRunningText ? SECRET_KEYS.has(key) : REDACTED_KEYS.has(key)) return '[redacted]';
  const masker = personalMaskerForKey(key);
  if (!masker) return null;
  if (masker !== maskIdNumber && masker !== maskPhone && masker !== maskDate && TECHNICAL_VALUE.test(value)) return null;
  return masker(value);
}

/**
 * Masks personal data inside free text (error messages, log lines): ID and permit numbers, mobile
 * and landline numbers, birth dates named as such, labelled names and addresses, and personal
 * members of JSON quoted in the text.
 */
export function maskPersonalText(text: string): string {
  return text
    .replace(ID_NUMBER_IN_TEXT, (m) => maskIdNumber(m))
    .replace(FOREIGNER_2017_IN_TEXT, (m) => maskIdNumber(m))
    .replace(HK_MACAU_PERMIT_IN_TEXT, (m) => maskIdNumber(m))
    .replace(TAIWAN_PERMIT_IN_TEXT, (_m, label: string, n: string) => label + maskIdNumber(n))
    .replace(BIRTH_DATE_IN_TEXT, (_m, label: string, date: string) => label + maskDate(date))
    .replace(PHONE_IN_TEXT, (m) => maskPhone(m))
    .replace(LANDLINE_IN_TEXT, (m) => maskPhone(m))
    .replace(QUOTED_MEMBER_IN_TEXT, (m, key: string, sep: string, quote: string, value: string) => {
      const masked = maskMemberValue(unquoted(key), value, false);
      return masked === null ? m : `${key}${sep}${quote}${masked}${quote}`;
    })
    .replace(BARE_MEMBER_IN_TEXT, (m, key: string, sep: string, value: string, tail: string) => {
      const masker = personalMaskerForKey(key);
      const latinWords = masker === maskName || masker === maskAddress || masker === maskPersonValue;
      const masked = maskMemberValue(key, latinWords ? value + tail : value, true);
      if (masked === null) return m;
      return `${key}${sep}${masked}${latinWords ? '' : tail}`;
    })
    .replace(LABELLED_NAME_IN_TEXT, (_m, label: string, name: string, tail: string) => label + maskName(name + tail))
    .replace(LABELLED_ADDRESS_IN_TEXT, (_m, label: string, address: string, tail: string) => label + maskAddress(address + tail))
    .replace(
      ENGLISH_LABEL_CJK_VALUE,
      (_m, label: string, space: string, value: string) =>
        label + space + (/^(?:addr|address|domicile|residence)$/i.test(label) ? maskAddress(value) : maskName(value)),
    );
}

/**
 * A value under a personal key: strings and numbers masked; arrays and objects walked, their
 * leaves masked by their own key's masker or else by this one (`address: { city, detail }`).
 */
function maskUnderKey(value: unknown, masker: (value: string) => string, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return masker(value);
  if (typeof value === 'number' || typeof value === 'bigint') return masker(String(value));
  if (value === null || typeof value !== 'object' || value instanceof Error || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return redactPersonalData(value, seen);
  }
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => maskUnderKey(v, masker, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = REDACTED_KEYS.has(k) ? (v === null || v === undefined ? v : '[redacted]') : maskUnderKey(v, personalMaskerForKey(k) ?? masker, seen);
  }
  return out;
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
      continue;
    }
    const masker = personalMaskerForKey(k);
    out[k] = masker ? maskUnderKey(v, masker, seen) : redactPersonalData(v, seen);
  }
  return out;
}
