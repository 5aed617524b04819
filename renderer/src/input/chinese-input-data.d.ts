// Virtual modules of scripts/chinese-input-vite-plugin.ts: the data, made at build.
declare module 'virtual:chinese-input/handwriting' {
  /** The handwriting templates file (common/chinese-input/handwriting-file), base64. */
  const base64: string;
  export default base64;
}
declare module 'virtual:chinese-input/pinyin' {
  /** The pinyin lexicon (common/chinese-input/pinyin-engine parseLexicon). */
  const lexicon: string;
  export default lexicon;
}
