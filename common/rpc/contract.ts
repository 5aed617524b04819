// Over 300 lines: the whole RPC contract (every method's input and output schema and every event) in one place, the one file both sides read.
import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { catalogSchema, localizedTextSchema } from '../catalog/schema';
import { rpcErrorSchema } from './errors';
import { configSchema } from '../config/schema';

/**
 * The one RPC contract between the renderer and the kiosk core, carried by the Electron preload
 * (`window.kiosk`) or by the web shell's WebSocket. Every method has an input and output schema,
 * every event a payload schema; the core validates every input and answers an invalid one with
 * `invalid-input` naming the field. Later capabilities add their methods and events here.
 */

const empty = z.object({}).strict();

export const deviceStateSchema = z.object({
  device: z.enum(['idCard', 'printer', 'scanner', 'camera', 'documentPrinter']),
  state: z.string(),
  detail: z.string().optional(),
  since: z.string(),
  lastError: z.object({ message: z.string(), at: z.string() }).optional(),
});

export const uiSettingsSchema = z.object({
  hallName: localizedTextSchema,
  languages: z.array(z.enum(LANGUAGES)).min(1),
  defaultLanguage: z.enum(LANGUAGES),
  elderModeDefault: z.boolean(),
  idleTimeoutS: z.number().int(),
  elderIdleTimeoutS: z.number().int(),
  countdownS: z.number().int(),
  voice: z.boolean(),
  demo: z.boolean(),
  /** The hall clock's IANA zone (`terminal.timeZone`): the screen shows the time the slips print. */
  timeZone: z.string(),
});
export type UiSettings = z.infer<typeof uiSettingsSchema>;

const staffToken = z.string().min(1).max(128);
const pin = z.string().regex(/^\d{6,12}$/, 'a PIN is 6 to 12 digits');

export const staffStatusSchema = z.object({
  pinSet: z.boolean(),
  lockedUntil: z.string().nullable(),
  failuresLeft: z.number().int(),
  autoExitS: z.number().int(),
});

/** What a screen may show of the citizen read off the card: masked, never the full record. */
export const identityDisplaySchema = z.object({
  cardType: z.enum(['resident', 'hk-mo-tw-permit', 'foreign-permanent-2017', 'foreign-permanent-2023']),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  genderLabel: z.string(),
  expired: z.boolean(),
  idNumberValid: z.boolean(),
});

/** One printable official document as the list shows it. */
export const documentViewSchema = z.object({
  id: z.string(),
  title: localizedTextSchema,
  issuer: localizedTextSchema,
  pages: z.number().int(),
  validUntil: z.string().nullable(),
});

export const documentPrinterReadinessSchema = z.object({
  ready: z.boolean(),
  /** IPP keywords of why not (`media-empty`, `door-open`, `stopped`, `unreachable`, …); empty when ready. */
  reasons: z.array(z.string()),
  /** The citizen's sentence when not ready. */
  message: localizedTextSchema.nullable(),
});

const timeoutMs = z.number().int().min(500).max(120_000);

export const technicianDeviceSchema = z.object({
  device: z.enum(['idCard', 'printer', 'scanner', 'camera', 'documentPrinter']),
  state: z.string(),
  since: z.string(),
  port: z.string().nullable(),
  emulated: z.boolean(),
  detail: z.string().optional(),
  lastError: z.object({ message: z.string(), at: z.string() }).optional(),
});

export const printerStatusBitsSchema = z.object({
  online: z.boolean(),
  coverOpen: z.boolean(),
  paperEnd: z.boolean(),
  paperNearEnd: z.boolean(),
  cutterError: z.boolean(),
  unrecoverableError: z.boolean(),
  autoRecoverableError: z.boolean(),
});

const fraction = z.number().min(-1).max(2);
export const faceBoxSchema = z.object({ x: fraction, y: fraction, width: fraction, height: fraction });

/** What the camera screen shows after each frame: never a score, a template or a subject id. */
export const faceViewSchema = z.object({
  step: z.enum(['position', 'liveness', 'capture', 'done', 'failed']),
  hint: z.object({ reason: z.string(), text: localizedTextSchema }).nullable(),
  liveness: z
    .object({
      /** What the check asks: movements, one prompt at a time, or holding still while the screen changes colour. */
      check: z.enum(['movements', 'screen-light']),
      challenge: z.string().nullable(),
      completed: z.number().int(),
      total: z.number().int(),
      prompt: localizedTextSchema,
    })
    .nullable(),
  light: z.object({ colour: z.enum(['red', 'green', 'blue', 'yellow', 'cyan', 'magenta']) }).nullable(),
  faceBox: faceBoxSchema.nullable(),
  captured: z.object({ count: z.number().int(), needed: z.number().int() }).nullable(),
  result: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('bound') }),
      z.object({ kind: z.literal('identified') }),
      z.object({ kind: z.literal('not-identified'), fallback: z.literal('id-card') }),
      z.object({ kind: z.literal('failed'), reason: z.string(), fallback: z.literal('id-card'), text: localizedTextSchema }),
    ])
    .nullable(),
});
export type FaceView = z.infer<typeof faceViewSchema>;

/**
 * What the face notice (PIPL arts. 17, 29–30) says, as figures and flags from the configuration and
 * the terminal: who processes (hall, operator, contact), how long an unused template is kept, whether
 * a binding can be shared with the hall's other terminals (the hall key is in force and sharing is
 * offered), and how the face is checked against the card at binding.
 */
export const faceNoticeFactsSchema = z.object({
  hallName: localizedTextSchema,
  operator: localizedTextSchema,
  contact: z.string(),
  retentionDays: z.number().int().min(1),
  sharedAcrossHall: z.boolean(),
  /** 人证核验: against the card's own photo, by the hall's hub, or not possible here (no binding then). */
  holderCheck: z.enum(['card-photo', 'hub', 'none']),
  /** A hash of the facts above: face.start names the notice the citizen read by it (docs/privacy.md, Consents). */
  factsHash: z.string(),
});
export type FaceNoticeFacts = z.infer<typeof faceNoticeFactsSchema>;

/** The notice a citizen read before the camera: its language and the `factsHash` face.notice gave with it. */
const noticeShownSchema = z
  .object({
    language: z.enum(LANGUAGES),
    factsHash: z.string().regex(/^[0-9a-f]{24}$/, 'must be the factsHash face.notice answered (24 hex digits)'),
  })
  .strict();
export type NoticeShown = z.infer<typeof noticeShownSchema>;
/** The issue path of face.start's refusal when the notice read is no longer the one in force. */
export const NOTICE_CHANGED_PATH = 'notice.factsHash';

/** A camera frame as JPEG (the renderer encodes it from a canvas), base64. */
const jpegBase64 = z
  .string()
  .min(16)
  .max(4_000_000)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');
const consent = z.object({ textVersion: z.string().min(1).max(32) }).strict();

/** Reasons a citizen may pick for the two lowest ratings (好差评). */
export const RATING_REASONS = ['waiting-time', 'hard-to-use', 'device-fault', 'wrong-information', 'staff-attitude', 'other'] as const;

// — self-service forms —
const formFieldId = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'a field id')
  .max(64);
export const FORM_VALUE_MAX = 1000;

/** A form field as the screen gets it: a field filled from the card comes masked, to show only. */
export const formFieldViewSchema = z.object({
  id: z.string(),
  label: localizedTextSchema,
  type: z.enum(['text', 'digits', 'phone', 'date', 'choice', 'signature']),
  required: z.boolean(),
  minLength: z.number().int().optional(),
  maxLength: z.number().int().optional(),
  options: z.array(z.object({ value: z.string(), label: localizedTextSchema })).optional(),
  fromCard: z.object({ masked: z.string() }).nullable(),
});
export type FormFieldView = z.infer<typeof formFieldViewSchema>;

/**
 * What a signature may hold: the pad stops taking strokes at these, and the core refuses more.
 * A carefully written three- or four-character Chinese name can take 60+ pen lifts (戴鑫麟: 64).
 */
export const SIGNATURE_LIMITS = { maxStrokes: 200, maxPoints: 4000, maxSide: 10_000 } as const;

/** Counted on the raw input, before zod walks every point: a flood is refused without being parsed. */
const withinSignaturePoints = (raw: unknown): boolean => {
  const strokes = (raw as { strokes?: unknown } | null)?.strokes;
  if (!Array.isArray(strokes) || strokes.length > SIGNATURE_LIMITS.maxStrokes) return true; // the schema names it
  let points = 0;
  for (const stroke of strokes) points += Array.isArray(stroke) ? stroke.length : 0;
  return points <= SIGNATURE_LIMITS.maxPoints;
};
const padCoordinate = z.number().min(0).max(SIGNATURE_LIMITS.maxSide);

/**
 * A signature as drawn on the pad: strokes of [x, y] points in the pad's own units, within the
 * limits above. The core checks the strokes against the pad itself (a field problem).
 */
const signatureObjectSchema = z
  .object({
    width: z.number().int().min(1).max(SIGNATURE_LIMITS.maxSide),
    height: z.number().int().min(1).max(SIGNATURE_LIMITS.maxSide),
    strokes: z.array(z.array(z.tuple([padCoordinate, padCoordinate])).max(SIGNATURE_LIMITS.maxPoints)).max(SIGNATURE_LIMITS.maxStrokes),
  })
  .strict();
export const signatureInputSchema = z
  .custom<z.input<typeof signatureObjectSchema>>(withinSignaturePoints, { message: `at most ${SIGNATURE_LIMITS.maxPoints} points in all`, path: ['strokes'] })
  .pipe(signatureObjectSchema);
export type SignatureInput = z.infer<typeof signatureInputSchema>;

/** An appointment as the citizen's screen shows it (预约签到), judged against the check-in window. */
export const appointmentViewSchema = z.object({
  id: z.string(),
  serviceCode: z.string(),
  service: localizedTextSchema,
  slotStart: z.string(),
  slotEnd: z.string(),
  /** The slot as the citizen reads it, e.g. `14:30–15:00` (with the date when not today). */
  slotText: localizedTextSchema,
  state: z.enum(['ready', 'early', 'late', 'used', 'cancelled']),
  /** Why it cannot be checked in now (null when ready). */
  sentence: localizedTextSchema.nullable(),
});
export type AppointmentView = z.infer<typeof appointmentViewSchema>;

/** What the attract screen shows besides its prompts; everything already in the citizen's words. */
export const attractInfoSchema = z.object({
  /** The hall's notices valid now (expired and future ones left out). */
  notices: z.array(z.object({ id: z.string(), title: localizedTextSchema, body: localizedTextSchema })),
  /** The staffed counter hours, e.g. 周一至周五 09:00–12:00、13:30–17:30. */
  staffedHours: localizedTextSchema,
  /** Outside staffed hours: self-service only, no staff in the hall. */
  night: z.boolean(),
  /** What can be done by oneself at night: the kinds of self-service this terminal's catalog has. */
  nightServices: z.array(localizedTextSchema),
  /** Tickets waiting per category; null when the hub is not reachable or the count is old. */
  waiting: z.array(z.object({ category: z.string(), name: localizedTextSchema, waiting: z.number().int().min(0) })).nullable(),
  /** The ways in this terminal has now. */
  waysIn: z.array(z.enum(['idCard', 'socialSecurityCard', 'face', 'qr'])),
});
export type AttractInfo = z.infer<typeof attractInfoSchema>;
// — voice: the core's own speech (espeak-ng) for a language the screen has no Web Speech voice for (docs/decisions.md) —
/** What speaks one language in the core: the espeak-ng voice, or null and why not. */
export const coreVoiceSchema = z.object({
  language: z.enum(LANGUAGES),
  /** espeak-ng's voice id (`cmn-latn-pinyin`, `yue`, `en`); null: the core cannot speak this language. */
  voice: z.string().nullable(),
  /** The voice's name as espeak-ng lists it, e.g. `Chinese (Mandarin, latin as Pinyin)`. */
  name: z.string().nullable(),
});
export const coreVoiceStatusSchema = z.object({
  engine: z.literal('espeak-ng'),
  /** Why the core says nothing at all (espeak-ng not installed, …); null when it can speak. */
  problem: z.string().nullable(),
  voices: z.array(coreVoiceSchema),
  /** The last utterance the core could not play (no audio output, …) and when; null after one played. */
  lastFailure: z.object({ message: z.string(), at: z.string() }).nullable(),
});
export type CoreVoiceStatus = z.infer<typeof coreVoiceStatusSchema>;
/** One spoken sentence: the screens' sentences are short; a notice is said paragraph by paragraph. */
const spokenParts = z.array(z.string().min(1).max(2000)).min(1).max(40);

export const rpcMethods = {
  'system.about': {
    input: empty,
    output: z.object({
      appVersion: z.string(),
      shell: z.enum(['electron', 'web', 'headless']),
      uptimeS: z.number().int().min(0),
      startedAt: z.string(),
      dataDir: z.string(),
      terminalId: z.string(),
      nodeVersion: z.string(),
      platform: z.string(),
    }),
  },
  'system.ping': {
    input: z.object({ nonce: z.string().min(1).max(64) }).strict(),
    output: z.object({ nonce: z.string(), serverTime: z.number() }),
  },
  'ui.settings': {
    input: empty,
    output: uiSettingsSchema,
  },
  'session.reset': {
    input: z.object({ reason: z.enum(['idle', 'done', 'citizen', 'staff']) }).strict(),
    output: z.object({ sessionId: z.string() }),
  },
  /**
   * A citizen touched the screen, or switched 长辈版 on or off: the core's own idle limit starts
   * again (elder: 长辈版's idle time; the screen reports every change of mode).
   */
  'session.activity': {
    input: z.object({ elder: z.boolean() }).strict(),
    output: z.object({ sessionId: z.string() }),
  },
  'catalog.get': {
    input: empty,
    output: catalogSchema,
  },
  'devices.states': {
    input: empty,
    output: z.object({ devices: z.array(deviceStateSchema) }),
  },
  'ticket.availability': {
    input: empty,
    output: z.object({ available: z.boolean(), citizenMessage: localizedTextSchema.optional() }),
  },
  'ticket.take': {
    input: z.object({ serviceCode: z.string().min(1).max(16), priority: z.boolean().default(false), lang: z.enum(LANGUAGES) }).strict(),
    output: z.object({
      number: z.string(),
      serviceCode: z.string(),
      waitingAhead: z.number().int().nullable(),
      issuedAt: z.string(),
      mode: z.enum(['online', 'offline']),
      printed: z.boolean(),
      printProblem: localizedTextSchema.optional(),
    }),
  },
  // — attract screen (issue #15): notices, hours and night mode, waiting counts, ways in —
  'attract.info': {
    input: empty,
    output: attractInfoSchema,
  },
  'results.list': {
    input: empty,
    output: z.object({
      results: z.array(
        z.object({
          id: z.string(),
          title: localizedTextSchema,
          status: z.enum(['ready', 'in-progress', 'rejected']),
          statusText: localizedTextSchema,
          printable: z.boolean(),
          /** Dates as the citizen reads them, in the hall's time zone; null when the hub sent none. */
          acceptedOn: localizedTextSchema.nullable(),
          decidedOn: localizedTextSchema.nullable(),
          department: localizedTextSchema.nullable(),
          /** Why it was not approved (未通过). */
          reason: localizedTextSchema.nullable(),
          nextStep: z
            .object({
              text: localizedTextSchema,
              place: localizedTextSchema.nullable(),
              bring: z.array(localizedTextSchema),
              by: localizedTextSchema.nullable(),
            })
            .nullable(),
        }),
      ),
    }),
  },
  'results.print': {
    input: z.object({ id: z.string().min(1).max(128), lang: z.enum(LANGUAGES) }).strict(),
    output: z.object({ printed: z.boolean() }),
  },
  'rating.submit': {
    input: z
      .object({
        serviceCode: z.string().min(1).max(16).nullable(),
        rating: z.number().int().min(1, 'a rating is 1 to 5').max(5, 'a rating is 1 to 5'),
        reasons: z.array(z.enum(RATING_REASONS)).max(RATING_REASONS.length).default([]),
      })
      .strict(),
    output: z.object({ key: z.string() }),
  },
  'face.status': {
    input: empty,
    output: z.object({
      enabled: z.boolean(),
      sharingOffered: z.boolean(),
      /** Who the session knows: nobody, the citizen of the card read, or a face identified. */
      identity: z.enum(['none', 'card', 'face']),
      /** Whether the card's citizen has a face bound here (null without a card). */
      bound: z.boolean().nullable(),
      /**
       * 删除我的人脸 is offered to the card's citizen (false without a card): wherever a face of theirs
       * may be held — face on here, a face.db left from when it was, or a hall that shares bindings.
       */
      deletionOffered: z.boolean(),
      /** Why face use is refused here although switched on (for the technician; the key of the bindings held, hall-keys.ts); null when nothing is wrong or without a card. */
      problem: z.string().nullable(),
      /**
       * Whether the card's citizen may bind a face (null without a card): not when the card says
       * they are under 14 (`under-14`), nor for a day after the face did not match the card twice
       * (`holder-mismatch`), with the sentence to show instead of the offer.
       */
      binding: z.object({ allowed: z.boolean(), refusal: z.enum(['under-14', 'holder-mismatch']).nullable(), text: localizedTextSchema.nullable() }).nullable(),
    }),
  },
  'face.notice': {
    input: empty,
    /** The facts of the face notice shown before the camera opens; the screens phrase them. */
    output: faceNoticeFactsSchema,
  },
  /**
   * `notice`: the notice read before the camera (required to bind: the consent record names it).
   * Refused with `conflict` (issue path `notice.factsHash`) when its facts are no longer those in
   * force: the screen shows the notice again.
   */
  'face.start': {
    input: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('identify'), notice: noticeShownSchema.optional() }).strict(),
      z.object({ mode: z.literal('bind'), storeConsent: consent, shareConsent: consent.nullable(), notice: noticeShownSchema }).strict(),
    ]),
    output: z.object({ sessionId: z.string() }),
  },
  'face.frame': {
    input: z.object({ sessionId: z.string().max(64), jpegBase64 }).strict(),
    output: faceViewSchema,
  },
  'face.cancel': {
    input: z.object({ sessionId: z.string().max(64) }).strict(),
    output: z.object({}),
  },
  /**
   * The card's citizen deletes their face: here, and through the hub at every terminal of the hall.
   * `removed`: a face was held on this terminal; `hallNotified`: the deletion was queued for the
   * hall; `text`: the sentence saying both.
   */
  'face.unbind': {
    input: empty,
    output: z.object({ removed: z.boolean(), hallNotified: z.boolean(), text: localizedTextSchema }),
  },
  'tech.camera.analyze': {
    input: z.object({ token: staffToken, jpegBase64 }).strict(),
    output: z.object({ backend: z.string(), ms: z.number(), faces: z.array(z.object({ box: faceBoxSchema, score: z.number() })) }),
  },
  'staff.status': {
    input: empty,
    output: staffStatusSchema,
  },
  'staff.setInitialPin': {
    input: z.object({ pin }).strict(),
    output: z.object({ token: z.string() }),
  },
  'staff.login': {
    input: z.object({ pin }).strict(),
    output: z.object({ token: z.string() }),
  },
  'staff.logout': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({}),
  },
  'staff.changePin': {
    input: z.object({ token: staffToken, currentPin: pin, newPin: pin }).strict(),
    output: z.object({}),
  },
  'staff.config.get': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({ config: configSchema, terminalSecretSet: z.boolean() }),
  },
  /** Deletes every face template held on this terminal (offered when staff switch face off); the hall is not told. */
  'staff.face.deleteTemplates': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({ removed: z.number().int().min(0) }),
  },
  'staff.devices.detect': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({
      ports: z.array(
        z.object({
          path: z.string(),
          kind: z.enum(['serial', 'hid', 'emulator']),
          description: z.string(),
          looksLike: z.enum(['idCard', 'printer', 'scanner', 'unknown']),
          vendorId: z.string().optional(),
          productId: z.string().optional(),
        }),
      ),
    }),
  },
  'tech.summary': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({
      devices: z.array(technicianDeviceSchema),
      versions: z.object({ app: z.string(), node: z.string(), platform: z.string(), electron: z.string().optional() }),
      disk: z.object({ dataDir: z.string(), freeBytes: z.number(), totalBytes: z.number() }),
      uptimeS: z.number().int(),
      logs: z.array(z.string()),
    }),
  },
  'tech.idcard.read': {
    input: z.object({ token: staffToken, timeoutMs }).strict(),
    output: z.object({
      read: z.boolean(),
      elapsedMs: z.number(),
      card: identityDisplaySchema.extend({ birthYear: z.string() }).optional(),
      /** A card was laid but its data cannot be a genuine record: why, and which field (never its value). */
      refused: z.object({ reason: z.string(), field: z.string().nullable() }).optional(),
    }),
  },
  'tech.printer.status': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({ status: z.string(), reason: z.string().optional(), detail: z.string().optional(), printer: printerStatusBitsSchema.optional() }),
  },
  'tech.printer.testPage': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({ bytes: z.number().int(), paperNearEnd: z.boolean() }),
  },
  'tech.queue': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({
      stats: z.object({
        pending: z.number().int(),
        inFlight: z.number().int(),
        acknowledged: z.number().int(),
        dead: z.number().int(),
        oldestPendingAgeS: z.number().nullable(),
        acknowledgedToday: z.number().int(),
      }),
      dead: z.array(
        z.object({ key: z.string(), seq: z.number(), kind: z.string(), createdAt: z.string(), deadAt: z.string(), reason: z.string(), attempts: z.number() }),
      ),
      sync: z.object({
        lastSuccessAt: z.string().nullable(),
        lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
        nextAttemptAt: z.string().nullable(),
        consecutiveFailures: z.number().int(),
        authProblem: z.object({ at: z.string(), message: z.string(), clockSkewMs: z.number().nullable() }).nullable(),
      }),
      hub: z.object({ url: z.string().nullable(), lastOkAt: z.string().nullable(), lastError: z.string().nullable(), clockSkewMs: z.number().nullable() }),
    }),
  },
  'tech.queue.retryDead': {
    input: z.object({ token: staffToken, keys: z.array(z.string().max(64)).max(1000).optional() }).strict(),
    output: z.object({ retried: z.number().int() }),
  },
  'tech.hub.check': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({ reachable: z.boolean(), rttMs: z.number(), clockSkewMs: z.number().nullable(), error: z.string().optional() }),
  },
  'tech.bundle': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({ file: z.string(), bytes: z.number().int() }),
  },
  'tech.scanner.wait': {
    input: z.object({ token: staffToken, timeoutMs }).strict(),
    output: z.object({ code: z.string().nullable(), elapsedMs: z.number() }),
  },
  'staff.config.update': {
    input: z
      .object({
        token: staffToken,
        changes: z
          .array(z.object({ path: z.string().min(1).max(128), value: z.unknown() }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
    output: z.object({ changed: z.array(z.string()), config: configSchema, terminalSecretSet: z.boolean() }),
  },
  // — appointment check-in (预约签到) —
  'appointment.find': {
    /** `code`: the content of an appointment QR; without it, the appointments of the card's citizen. */
    input: z.object({ code: z.string().min(1).max(4096).optional() }).strict(),
    output: z.object({ appointments: z.array(appointmentViewSchema), message: localizedTextSchema.nullable() }),
  },
  'appointment.checkIn': {
    input: z.object({ appointmentId: z.string().min(1).max(128), lang: z.enum(LANGUAGES) }).strict(),
    output: z.object({
      number: z.string(),
      serviceCode: z.string(),
      waitingAhead: z.number().int().nullable(),
      issuedAt: z.string(),
      printed: z.boolean(),
      printProblem: localizedTextSchema.optional(),
    }),
  },
  // — self-service forms —
  'form.start': {
    input: z.object({ serviceCode: z.string().min(1).max(16) }).strict(),
    output: z.object({
      serviceCode: z.string(),
      fields: z.array(formFieldViewSchema),
      /** Said before the citizen fills anything: the receipt printer cannot print now. */
      printerProblem: localizedTextSchema.optional(),
    }),
  },
  'form.validate': {
    input: z.object({ serviceCode: z.string().min(1).max(16), fieldId: formFieldId, value: z.string().max(FORM_VALUE_MAX) }).strict(),
    output: z.object({ ok: z.boolean(), reason: localizedTextSchema.optional() }),
  },
  'form.submit': {
    input: z
      .object({
        serviceCode: z.string().min(1).max(16),
        /** What the citizen entered; never the fields filled from the card (the core fills those). */
        values: z.record(formFieldId, z.string().max(FORM_VALUE_MAX)).refine((v) => Object.keys(v).length <= 100, 'at most 100 fields'),
        signatures: z
          .custom<Record<string, z.input<typeof signatureInputSchema>>>(
            (v) => typeof v !== 'object' || v === null || Object.keys(v).length <= 4,
            'at most 4 signatures',
          )
          .pipe(z.record(formFieldId, signatureInputSchema)),
        lang: z.enum(LANGUAGES),
        /**
         * Made once per review screen: a retry (after a dropped connection) sends the same id and
         * gets the first answer back instead of a second submission (kept for the session).
         */
        submissionId: z.uuid(),
      })
      .strict(),
    output: z.discriminatedUnion('outcome', [
      z.object({
        outcome: z.literal('submitted'),
        submissionNumber: z.string(),
        submittedAt: z.string(),
        printed: z.boolean(),
        printProblem: localizedTextSchema.optional(),
      }),
      /** Nothing was stored: each field that needs the citizen's attention, with the reason. */
      z.object({ outcome: z.literal('refused'), problems: z.array(z.object({ fieldId: z.string(), reason: localizedTextSchema })).min(1) }),
    ]),
  },
  // — 证明打印: official documents from the hub on the A4 printer (docs/documents.md) —
  /** The documents the identified citizen may print. */
  'document.list': {
    /** The catalog service (kind `document`) the citizen chose: only its documents are listed. */
    input: z.object({ serviceCode: z.string().min(1).max(16) }).strict(),
    output: z.object({ documents: z.array(documentViewSchema) }),
  },
  /** One document's PDF for the preview, after the core checked it (a PDF, size, no encryption, scripts or embedded files). */
  'document.open': {
    input: z.object({ id: z.string().min(1).max(128) }).strict(),
    output: z.object({ id: z.string(), pages: z.number().int().min(1), pdfBase64: z.string() }),
  },
  /** Asked before the citizen chooses copies: may they print now, and if not, why in a sentence. */
  'document.printerStatus': {
    input: empty,
    output: documentPrinterReadinessSchema,
  },
  'document.print': {
    input: z
      .object({
        id: z.string().min(1).max(128),
        copies: z.number().int().min(1, 'copies are 1 to 3').max(3, 'copies are 1 to 3'),
        lang: z.enum(LANGUAGES),
      })
      .strict(),
    output: z.discriminatedUnion('outcome', [
      /** The print system reported the job completed. */
      z.object({ outcome: z.literal('printed'), pages: z.number().int(), copies: z.number().int() }),
      /** Nothing (or not all) came out: the sentence says what happened; `mayRetry` offers 重新打印. */
      z.object({
        outcome: z.literal('not-printed'),
        reason: z.enum(['not-ready', 'aborted', 'canceled', 'stopped', 'unreachable']),
        message: localizedTextSchema,
        mayRetry: z.boolean(),
      }),
    ]),
  },
  'tech.documentPrinter.status': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({
      target: z.string(),
      emulated: z.boolean(),
      answered: z.boolean(),
      state: z.enum(['idle', 'processing', 'stopped']).nullable(),
      reasons: z.array(z.string()),
      ready: z.boolean(),
      message: z.string(),
      error: z.string().optional(),
    }),
  },
  'tech.documentPrinter.testPage': {
    input: z.object({ token: staffToken }).strict(),
    output: z.object({
      end: z.enum(['completed', 'aborted', 'canceled', 'stopped', 'unreachable', 'not-ready']),
      jobId: z.number().int().nullable(),
      detail: z.string(),
    }),
  },
  // — demo panel (embedded defaults only) —
  /** The sample cards and QR codes the demo panel offers; refused in production configuration. */
  'demo.samples': {
    input: empty,
    output: z.object({
      cards: z.array(z.object({ id: z.string(), type: identityDisplaySchema.shape.cardType })),
      qrCodes: z.array(z.object({ code: z.string(), label: z.string() })),
    }),
  },
  'demo.card.place': {
    input: z.object({ card: z.string().min(1).max(64) }).strict(),
    output: z.object({ placed: z.string() }),
  },
  'demo.card.remove': { input: empty, output: z.object({ removed: z.literal(true) }) },
  'demo.qr.scan': {
    input: z.object({ code: z.string().min(1).max(4096) }).strict(),
    output: z.object({ scanned: z.literal(true) }),
  },
  /** The PDFs the embedded A4 queue (cups-pdf) wrote, newest first. */
  'demo.documents.printed': {
    input: z.object({ limit: z.number().int().min(1).max(20).default(5) }).strict(),
    output: z.object({ files: z.array(z.object({ name: z.string(), printedAt: z.string(), bytes: z.number().int() })), directory: z.string().nullable() }),
  },
  /** The slips the virtual printer printed, newest first, as the text it decoded. */
  'demo.printed': {
    input: z.object({ limit: z.number().int().min(1).max(20).default(5) }).strict(),
    output: z.object({ slips: z.array(z.object({ job: z.string(), printedAt: z.string(), text: z.string() })) }),
  },
  // — voice (core speech) —
  'voice.status': { input: empty, output: coreVoiceStatusSchema },
  /**
   * Says `parts` in `language` with the core's voice (slower when `elder`); whatever it was saying
   * stops. Answers at once with the utterance's id (null when nothing is said: voice off, no voice
   * for the language); `voice.said` tells when it ended.
   */
  'voice.speak': {
    input: z.object({ parts: spokenParts, language: z.enum(LANGUAGES), elder: z.boolean() }).strict(),
    output: z.object({ id: z.string().nullable(), voice: z.string().nullable() }),
  },
  /** Stops the utterance `id` if it is still being said (a later one is left alone). */
  'voice.stop': { input: z.object({ id: z.string().max(64) }).strict(), output: z.object({}) },
} as const;

export const rpcEvents = {
  /** `expired`: the core's own idle limit; `renderer`: the renderer showing the session went away. */
  'session.reset': z.object({ sessionId: z.string(), reason: z.enum(['idle', 'done', 'citizen', 'staff', 'expired', 'renderer']) }),
  'identity.changed': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('identified'), identity: identityDisplaySchema }),
    /** Identified by face: the screen learns only that it worked. */
    z.object({ kind: z.literal('face-identified') }),
    z.object({ kind: z.literal('cleared') }),
  ]),
  /**
   * A card was read but its data cannot be a genuine record (devices/id-card CardRecordError), or
   * (`read-interrupted`) its read broke off and the card must be laid down again: no identity.
   */
  'idcard.read-failed': z.object({
    reason: z.enum(['unknown-card-type', 'bad-length', 'missing-field', 'bad-text', 'bad-code', 'bad-date', 'bad-id-number', 'read-interrupted']),
  }),
  'scanner.scanned': z.object({ code: z.string().max(4096) }),
  'ui.settings-changed': uiSettingsSchema,
  'device.state': deviceStateSchema,
  // — appointment check-in (预约签到) —
  // — self-service forms —
  // — demo panel (embedded defaults only) —
  // — voice (core speech) —
  /** An utterance of the core's voice ended: said to the end, stopped, or not played (`problem` says why). */
  'voice.said': z.object({
    id: z.string(),
    language: z.enum(LANGUAGES),
    voice: z.string(),
    text: z.string(),
    /** How fast it was said: 长辈版 slower. */
    wordsPerMinute: z.number().int().positive(),
    outcome: z.enum(['spoken', 'stopped', 'failed']),
    problem: z.string().optional(),
  }),
} as const;

export type RpcMethod = keyof typeof rpcMethods;
export type RpcEvent = keyof typeof rpcEvents;
export type RpcInput<M extends RpcMethod> = z.input<(typeof rpcMethods)[M]['input']>;
export type RpcOutput<M extends RpcMethod> = z.output<(typeof rpcMethods)[M]['output']>;
export type RpcEventPayload<E extends RpcEvent> = z.output<(typeof rpcEvents)[E]>;

export function isRpcMethod(name: unknown): name is RpcMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(rpcMethods, name);
}
export function isRpcEvent(name: unknown): name is RpcEvent {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(rpcEvents, name);
}

export type RpcResult<M extends RpcMethod = RpcMethod> = { ok: true; output: RpcOutput<M> } | { ok: false; error: z.infer<typeof rpcErrorSchema> };

/** WebSocket frames of the web shell (the Electron preload carries the same objects over IPC). */
export const wireRequestSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().min(0),
  method: z.string().max(64),
  input: z.unknown(),
});
export type WireRequest = z.infer<typeof wireRequestSchema>;
export type WireResponse = { type: 'result'; id: number } & RpcResult;
export type WireEvent = { type: 'event'; event: RpcEvent; payload: unknown };
