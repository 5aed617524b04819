export const LANGUAGES = ['zh-CN', 'zh-HK', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in the three languages of the hall. */
export type LocalizedText = Record<Language, string>;
