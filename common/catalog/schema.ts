import { z } from 'zod';
import { safePatternProblem } from '../patterns/safe-pattern';

/** The hall's service catalog, as `GET v1/catalog` returns it (HUB-PROTOCOL.md) and as assets/ ships it. */

export const localizedTextSchema = z.object({
  'zh-CN': z.string().min(1),
  'zh-HK': z.string().min(1),
  en: z.string().min(1),
});

export const formFieldSchema = z
  .object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
    label: localizedTextSchema,
    /** text: on-screen keyboard; digits; choice: pick from `options` (the pinyin-free way to enter Chinese values). */
    type: z.enum(['text', 'digits', 'phone', 'date', 'choice', 'signature']),
    required: z.boolean().default(true),
    /** Fill from the identity read off the card. */
    autofill: z.enum(['name', 'idNumber', 'address', 'gender', 'birthDate']).nullable().default(null),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).optional(),
    pattern: z.string().optional(),
    options: z.array(z.object({ value: z.string(), label: localizedTextSchema })).optional(),
  })
  .superRefine((field, ctx) => {
    // Patterns run on the linear-time engine (common/patterns/safe-pattern). One it cannot run, or
    // too long, is refused here so the hub's author learns why. One that is no regular expression at
    // all is let through, as before: the terminal refuses every value for that field and logs it.
    const problem = field.pattern === undefined ? null : safePatternProblem(field.pattern);
    if (problem && problem.kind !== 'syntax') {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `field ${field.id}: the pattern ${problem.reason}` });
    }
  });

/** One item of a guide's material list (所需材料). */
export const guideMaterialSchema = z.object({
  name: localizedTextSchema,
  /** original: shown and handed back; copy: kept by the counter; both: the original shown and a copy kept. */
  form: z.enum(['original', 'copy', 'original-and-copy']),
  /** How many (copies, photos, forms). */
  count: z.number().int().min(1).default(1),
  notes: localizedTextSchema.optional(),
});

/**
 * 办事指南: what a citizen must know before queueing. Every text is localized; the QR code on the
 * screen, the ticket and the receipt carries `url`, else the catalog's `guideBaseUrl` + the code.
 */
export const serviceGuideSchema = z.object({
  /** 申请条件: who may apply. */
  eligibility: localizedTextSchema,
  materials: z.array(guideMaterialSchema),
  fees: localizedTextSchema,
  /** 法定办结时限. */
  legalTimeLimit: localizedTextSchema,
  /** 承诺办结时限: what this hall promises, at most the legal limit. */
  promisedTimeLimit: localizedTextSchema,
  /** 办理地点: the counter (窗口) and the floor. */
  counter: localizedTextSchema,
  floor: localizedTextSchema,
  /** 办理时间. */
  hours: localizedTextSchema,
  url: z.string().url().optional(),
});

export const catalogServiceSchema = z.object({
  code: z.string().min(1).max(16),
  name: localizedTextSchema,
  category: z.string().min(1),
  requiresIdentity: z.boolean(),
  /** document: 证明打印, an official document from the hub printed on the A4 printer (docs/documents.md). */
  kind: z.enum(['ticket', 'form', 'query', 'document']),
  form: z.array(formFieldSchema).nullable().default(null),
  /** Extension: priority tickets (elderly, disabled) may be taken for this service. */
  priorityAllowed: z.boolean().optional(),
  /** Extension: the hall's usage rank, 1 = most used; the menu shows the most used first (常用). */
  usageRank: z.number().int().min(1).optional(),
  /** Extension: other words citizens search by (医保 for 医疗保险), in any language. */
  keywords: z.array(z.string().min(1)).optional(),
  /** Extension: the service's 办事指南. */
  guide: serviceGuideSchema.optional(),
});

export const catalogSchema = z.object({
  version: z.number().int().min(0),
  services: z.array(catalogServiceSchema),
  /** Extension: display names of the categories. */
  categories: z.record(z.string(), localizedTextSchema).optional(),
  /** Extension: guides without their own `url` are at this base + the service code. */
  guideBaseUrl: z.string().url().optional(),
});

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogService = z.infer<typeof catalogServiceSchema>;
export type FormField = z.infer<typeof formFieldSchema>;
export type ServiceGuide = z.infer<typeof serviceGuideSchema>;
export type GuideMaterial = z.infer<typeof guideMaterialSchema>;
