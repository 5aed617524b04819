// Over 300 lines: the whole configuration schema (every field, its default and its rule) in one place, the one file the core, the staff screens and kioskctl read.
import { z } from 'zod';
import { hallSettingsSchema } from './hall-schema';
import { LANGUAGES } from '../i18n/languages';
import { safePatternProblem } from '../patterns/safe-pattern';
import { DEFAULT_HALL_TIME_ZONE, isTimeZone } from '../time/hall-clock';
import { issueRuleOf, type IssueRule } from './issue-rule';

/**
 * The terminal's configuration: one schema, used by the core when it loads the file, by the
 * staff settings screens, by `kioskctl config validate`, and for settings the hub pushes.
 * Every field has a default, so `{}` is a complete, working configuration (the embedded defaults).
 */

const localizedText = z.strictObject({
  'zh-CN': z.string().min(1).max(80),
  'zh-HK': z.string().min(1).max(80),
  en: z.string().min(1).max(120),
});

export const terminalIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 characters of A-Z a-z 0-9 . _ -');

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const httpUrl = z
  .string()
  .max(2048)
  .refine(isHttpUrl, { message: 'must be an http:// or https:// address such as https://hub.example/', params: { rule: 'http-url' } });

/** A serial device path, or null for the built-in emulator (embedded default, demos). */
const devicePort = z.string().min(1).max(256).nullable();

/** A printer as staff name it: an ipp:// or ipps:// URI, or a queue name (no slash, #, or control characters). */
const documentPrinterTarget = z
  .string()
  .trim()
  .min(1, { message: 'must name a printer', abort: true })
  .max(1024)
  .refine((v) => (/^ipps?:\/\//i.test(v) ? isIppUrl(v) : /^[^/#\p{Cc}]{1,127}$/u.test(v)), {
    message: 'must be an IPP address such as ipp://192.168.1.20:631/ipp/print, or a print queue name without / or #',
    params: { rule: 'printer-target' },
  });

function isIppUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'ipp:' || url.protocol === 'ipps:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const baudRate = z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]);

/**
 * The embedded default of `privacy.operator`: it names no real body, so a production terminal
 * with face on refuses it (the notice must say who really processes the citizen's face).
 */
export const DEMO_PRIVACY_OPERATOR = {
  'zh-CN': '市政务服务管理局（演示配置）',
  'zh-HK': '市政務服務管理局（演示配置）',
  en: 'City Government Services Administration (demo setting)',
} as const;

const configObject = z
  .strictObject({
    terminal: z
      .strictObject({
        id: terminalIdSchema.default('T-0001'),
        hallName: localizedText.default({
          'zh-CN': '市民服务中心 24 小时自助服务厅',
          'zh-HK': '市民服務中心 24 小時自助服務廳',
          en: 'Citizen Service Centre 24-Hour Self-Service Hall',
        }),
        /** The hall clock (common/time/hall-clock.ts): the screen, slips, appointments and records use this zone, not the machine's. */
        timeZone: z
          .string()
          .max(64)
          .refine(isTimeZone, { message: 'must be an IANA time zone name such as Asia/Shanghai', params: { rule: 'time-zone' } })
          .default(DEFAULT_HALL_TIME_ZONE),
      })
      .prefault({}),
    /** Production turns off the demo panel and the embedded emulators and hub. */
    production: z.boolean().default(false),
    hub: z
      .strictObject({
        /** null: start the local reference hub on loopback (embedded default). */
        url: httpUrl.nullable().default(null),
        terminalSecret: z.string().min(16, 'must be at least 16 characters').max(256).nullable().default(null),
        /**
         * The hall's CA for an https hub: a PEM file (absolute, or relative to the data directory)
         * trusted instead of the system's roots. null: the system's roots.
         */
        caFile: z.string().min(1).max(1024).nullable().default(null),
        requestTimeoutMs: z.number().int().min(1000).max(120_000).default(10_000),
        syncIntervalS: z.number().int().min(1).max(3600).default(15),
        heartbeatIntervalS: z.number().int().min(10).max(3600).default(60),
      })
      .prefault({}),
    ui: z
      .strictObject({
        languages: z
          .array(z.enum(LANGUAGES))
          .min(1, 'at least one language')
          .default([...LANGUAGES]),
        defaultLanguage: z.enum(LANGUAGES).default('zh-CN'),
        elderModeDefault: z.boolean().default(false),
        idleTimeoutS: z.number().int().min(15, 'must be at least 15 s').max(600, 'must be at most 600 s').default(60),
        elderIdleTimeoutS: z.number().int().min(15).max(900).default(120),
        countdownS: z.number().int().min(5).max(60).default(15),
        voice: z.boolean().default(true),
      })
      .prefault({}),
    services: z
      .strictObject({
        /** Service codes shown, in this order; empty means every catalog service in catalog order. */
        shown: z.array(z.string().min(1).max(16)).default([]),
        /** 预约签到 opens this long before an appointment's start… */
        appointmentEarlyMinutes: z.number().int().min(0).max(240).default(30),
        /** …and closes this long after it (the terminal judges early and late). */
        appointmentLateMinutes: z.number().int().min(0).max(240).default(15),
        /**
         * What the hall's appointment codes look like. A scanned code that does not match is not
         * sent to the hub: citizens scan payment codes and web addresses too.
         */
        appointmentCodePattern: z
          .string()
          .min(1)
          .max(200)
          .superRefine((p, ctx) => {
            // Run on the linear-time engine: what it cannot run is refused with the reason.
            const problem = safePatternProblem(p);
            if (problem) {
              ctx.addIssue({
                code: 'custom',
                message: `must be a regular expression the terminal can run: the pattern ${problem.reason}`,
                params: { rule: 'safe-pattern' },
              });
            }
          })
          .default('^[A-Za-z0-9][A-Za-z0-9_-]{3,63}$'),
      })
      .prefault({}),
    devices: z
      .strictObject({
        idCard: z
          .strictObject({
            enabled: z.boolean().default(true),
            /** How the reader is attached: a serial port (most readers, USB-serial included), or USB-HID (`port` is then its HID device path, as `kioskctl devices list` shows it). */
            kind: z
              .enum(['serial', 'hid'], { error: 'must be "serial" (a serial port) or "hid" (a USB-HID reader; port is then its HID device path)' })
              .default('serial'),
            port: devicePort.default(null),
            baudRate: baudRate.default(115200),
            pollIntervalMs: z.number().int().min(100).max(5000).default(300),
          })
          .prefault({}),
        printer: z
          .strictObject({
            enabled: z.boolean().default(true),
            port: devicePort.default(null),
            baudRate: baudRate.default(115200),
            profile: z.string().min(1).default('generic-80mm-gb18030'),
          })
          .prefault({}),
        scanner: z
          .strictObject({
            enabled: z.boolean().default(true),
            kind: z.enum(['serial', 'hid']).default('serial'),
            port: devicePort.default(null),
            baudRate: baudRate.default(9600),
          })
          .prefault({}),
        camera: z
          .strictObject({
            enabled: z.boolean().default(true),
          })
          .prefault({}),
        /** The A4 printer of official documents (证明打印), behind the operating system's print system (docs/documents.md). */
        documentPrinter: z
          .strictObject({
            enabled: z.boolean().default(true),
            /**
             * An IPP URI (`ipp://host:631/printers/NAME`, `ipps://…`) or a print queue's name (a CUPS queue
             * on Linux, a spooler printer on Windows). null: the embedded queue `kiosk-a4` of the local CUPS,
             * backed by cups-pdf (embedded default).
             */
            printer: documentPrinterTarget.nullable().default(null),
            paperSize: z.enum(['A4', 'A3', 'Letter'], { error: 'must be A4, A3 or Letter' }).default('A4'),
            duplex: z.boolean().default(false),
          })
          .prefault({}),
      })
      .prefault({}),
    face: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** Offer citizens the second consent: sharing their binding with the hall's other terminals. */
        sharingOffered: z.boolean().default(true),
        templateRetentionDays: z.number().int().min(1).max(3650).default(365),
        /**
         * How 刷脸办事 checks that a live person is there: the screen lights the face with drawn colours
         * (about 1.5 s, nothing asked of the citizen), or the movements binding asks for (about 7 s).
         */
        identifyLiveness: z.enum(['screen-light', 'movements'], { error: 'must be screen-light or movements' }).default('screen-light'),
      })
      .prefault({}),
    /** Who processes citizens' personal information here, for the face notice (PIPL art. 17). */
    privacy: z
      .strictObject({
        /** The personal information handler (个人信息处理者): the body running the hall. */
        operator: localizedText.default({ ...DEMO_PRIVACY_OPERATOR }),
        /** How citizens reach it about their data: a telephone number, an address or an e-mail. */
        contact: z.string().trim().min(3).max(120).default('12345'),
      })
      .prefault({}),
    retention: z
      .strictObject({
        acknowledgedPersonalDataDays: z.number().int().min(0).max(365).default(30),
        logDays: z.number().int().min(1).max(365).default(30),
        /**
         * Processing records of face data (consents, bindings, sharing, deletions; docs/privacy.md):
         * PIPL art. 56 requires them kept at least three years, so 1,096 days (three years with a leap day).
         */
        processingRecordDays: z
          .number()
          .int()
          .min(1096, 'processing records must be kept at least three years (1,096 days; PIPL art. 56)')
          .max(36_500)
          .default(1096),
      })
      .prefault({}),
    queue: z
      .strictObject({
        quotaMiB: z.number().int().min(16).max(65_536).default(512),
      })
      .prefault({}),
    /** The hall as the attract screen presents it: staffed hours (night mode outside them), 社保卡 (common/config/hall-schema.ts). */
    hall: hallSettingsSchema,
    staff: z
      .strictObject({
        /** Staff mode ends by itself after this long without a staff action. */
        autoExitS: z.number().int().min(30).max(1800).default(120),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    // The notice names the personal information handler (PIPL art. 17): citizens of a real hall
    // must not read the demo's placeholder, in any language.
    if (!config.production || !config.face.enabled) return;
    for (const language of LANGUAGES) {
      if (config.privacy.operator[language].trim() !== DEMO_PRIVACY_OPERATOR[language]) continue;
      ctx.addIssue({
        code: 'custom',
        path: ['privacy', 'operator', language],
        params: { rule: 'demo-operator' },
        message:
          'is the demo placeholder: a production terminal with face on must name the body that processes citizens’ faces (privacy.operator, in every language), or switch face off',
      });
    }
  });

/**
 * A production configuration that does not mention `face.enabled` has face off: a hall switches
 * 刷脸办事 on deliberately, after its impact assessment (docs/privacy.md) and with its own
 * `privacy.operator`. Outside production (the demo, development) face is on by default.
 */
function faceOffInProductionUnlessSwitchedOn(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const config = input as Record<string, unknown>;
  if (config.production !== true) return input;
  const face = config.face;
  if (face === undefined) return { ...config, face: { enabled: false } };
  if (typeof face !== 'object' || face === null || Array.isArray(face) || 'enabled' in face) return input;
  return { ...config, face: { ...face, enabled: false } };
}

export const configSchema = z.preprocess(faceOffInProductionUnlessSwitchedOn, configObject);

export type KioskConfig = z.infer<typeof configSchema>;
export type KioskConfigInput = z.input<typeof configObject>;

export function defaultConfig(): KioskConfig {
  return configSchema.parse({});
}

/** One problem with a configuration, with the dotted path of the field and, from the schema, the rule it broke. */
export interface ConfigIssue {
  path: string;
  message: string;
  rule?: IssueRule;
}

export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0
    ? '(root)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
        .join('.')
        .replace(/\.\[/g, '[');
}

export function toConfigIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message, rule: issueRuleOf(i) }));
}

export type ConfigValidation = { ok: true; config: KioskConfig } | { ok: false; issues: ConfigIssue[] };

export function validateConfig(input: unknown): ConfigValidation {
  const result = configSchema.safeParse(input);
  return result.success ? { ok: true, config: result.data } : { ok: false, issues: toConfigIssues(result.error) };
}
