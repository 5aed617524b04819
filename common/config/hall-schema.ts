import { z } from 'zod';
import { parseStaffedHours } from '../hall-hours/staffed-hours';

/** `hall` of the configuration (common/config/schema.ts): the hall as the attract screen presents it. */
export const hallSettingsSchema = z
  .strictObject({
    /**
     * When staff are at the counters, in the hall's time: `1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00`
     * (days 1 = Monday … 7 = Sunday; common/hall-hours/staffed-hours.ts). Outside them the
     * attract screen is in night mode: self-service only, no staff present.
     */
    staffedHours: z
      .string()
      .max(200)
      .superRefine((text, ctx) => {
        const parsed = parseStaffedHours(text);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
      })
      .default('1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00'),
    /** The ID card reader also reads 社保卡 (a multi-card reader): the attract screen offers it as a way in. */
    socialSecurityCard: z.boolean().default(false),
  })
  .prefault({});
