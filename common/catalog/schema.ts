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
});

export const catalogSchema = z.object({
  version: z.number().int().min(0),
  services: z.array(catalogServiceSchema),
  /** Extension: display names of the categories. */
  categories: z.record(z.string(), localizedTextSchema).optional(),
});

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogService = z.infer<typeof catalogServiceSchema>;
export type FormField = z.infer<typeof formFieldSchema>;
