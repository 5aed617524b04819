import { createHash } from 'node:crypto';
import type { Language } from '../../../common/i18n/languages';
import type { FaceNoticeFacts } from '../../../common/rpc/contract';

/** Hex digits of a notice's facts hash (96 bits of SHA-256). */
const FACTS_HASH_LENGTH = 24;

/**
 * The hash of the facts a face notice is phrased from. It names the notice's content: the same
 * hash, the same hall, operator, contact, retention, sharing and holder check. Fields are taken in
 * a fixed order, so that the hash does not depend on how an object happens to be built.
 */
export function noticeFactsHash(facts: Omit<FaceNoticeFacts, 'factsHash'>): string {
  const text = (t: FaceNoticeFacts['hallName']) => [t['zh-CN'], t['zh-HK'], t.en];
  const canonical = JSON.stringify([
    'face-notice-facts/1',
    text(facts.hallName),
    text(facts.operator),
    facts.contact,
    facts.retentionDays,
    facts.sharedAcrossHall,
    facts.holderCheck,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, FACTS_HASH_LENGTH);
}

/** The facts with their hash, as `face.notice` answers them. */
export function withFactsHash(facts: Omit<FaceNoticeFacts, 'factsHash'>): FaceNoticeFacts {
  return { ...facts, factsHash: noticeFactsHash(facts) };
}

/**
 * What a consent record keeps of the notice the citizen accepted (the consents' `text_version`
 * and the processing record's `textVersion`): `<text version>|<language>|<facts hash>`, e.g.
 * `face-store-2026-12b|zh-CN|3f…`. The text version names the wording (the renderer's string
 * file), the language which of its translations, the hash the facts it was phrased from: together
 * they say exactly what was shown. At most 32 + 1 + 5 + 1 + 24 = 63 characters.
 */
export function consentTextId(textVersion: string, notice: { language: Language; factsHash: string }): string {
  return `${textVersion}|${notice.language}|${notice.factsHash}`;
}
