/**
 * Pinyin input over a frequency-ranked lexicon: letters typed on the on-screen keyboard give the
 * words they spell, as full pinyin (`shenfenzheng`), initials (`sfz`), a mix (`shenfzh`) or with
 * the last syllable cut short (`shenfenzh`). A word that spells only the beginning of the letters
 * is offered too, taking just those letters, so a phrase can be entered word by word.
 */

/** One lexicon word and its toneless syllables (ü written v). */
export interface PinyinEntry {
  word: string;
  syllables: string[];
}

/** A candidate and how many of the typed letters picking it takes. */
export interface PinyinCandidate {
  word: string;
  consumed: number;
}

/**
 * The lexicon as the build writes it (scripts/build-chinese-input-data.ts): one `word syl'syl…`
 * per line, most wanted first (the hall's own words, then by frequency in modern Chinese).
 */
export function parseLexicon(text: string): PinyinEntry[] {
  const entries: PinyinEntry[] = [];
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    entries.push({ word: line.slice(0, space), syllables: line.slice(space + 1).split("'") });
  }
  return entries;
}

/** How a word spells all of the letters: every syllable whole, the last one cut short, or abbreviated. */
const enum Fit {
  Full = 0,
  LastCut = 1,
  Abbreviated = 2,
  None = 3,
}

/** How a word's syllables spell `letters` from `at` on, best fit over every way of cutting them. */
function fit(letters: string, at: number, syllables: string[], i: number, cutBefore: boolean): Fit {
  if (i === syllables.length) return at === letters.length ? (cutBefore ? Fit.Abbreviated : Fit.Full) : Fit.None;
  const syllable = syllables[i]!;
  const last = i === syllables.length - 1;
  let best: Fit = Fit.None;
  for (let len = Math.min(syllable.length, letters.length - at); len >= 1 && best > Fit.Full; len--) {
    if (letters.charCodeAt(at + len - 1) !== syllable.charCodeAt(len - 1) || letters.slice(at, at + len) !== syllable.slice(0, len)) continue;
    const cut = len < syllable.length;
    let result = fit(letters, at + len, syllables, i + 1, cutBefore || (cut && !last));
    if (result === Fit.Full && cut && last) result = cutBefore ? Fit.Abbreviated : Fit.LastCut;
    if (result < best) best = result;
  }
  return best;
}

/** How many leading letters the word spells with whole syllables, 0 when it does not. */
function wholeSyllablePrefix(letters: string, syllables: string[]): number {
  let at = 0;
  for (const s of syllables) {
    if (!letters.startsWith(s, at)) return 0;
    at += s.length;
  }
  return at < letters.length ? at : 0;
}

export class PinyinEngine {
  /** Entries by the first letter of their first syllable, in lexicon (rank) order. */
  private readonly byInitial = new Map<string, { entry: PinyinEntry; rank: number }[]>();

  constructor(entries: readonly PinyinEntry[]) {
    entries.forEach((entry, rank) => {
      const initial = entry.syllables[0]?.[0];
      if (!initial) return;
      let list = this.byInitial.get(initial);
      if (!list) this.byInitial.set(initial, (list = []));
      list.push({ entry, rank });
    });
  }

  /**
   * Candidates for the typed letters, best first: words spelling all of them with whole syllables,
   * then with the last syllable cut short, then abbreviated (initials), then words spelling only
   * the first letters (longest first); within each group the lexicon's order.
   */
  candidates(typed: string, limit = 64): PinyinCandidate[] {
    const letters = typed.toLowerCase().replace(/[^a-z]/g, '');
    if (letters === '') return [];
    const groups: PinyinCandidate[][] = [[], [], [], []];
    const leading: { candidate: PinyinCandidate; rank: number }[] = [];
    const seen = new Set<string>();
    for (const { entry, rank } of this.byInitial.get(letters[0]!) ?? []) {
      if (entry.syllables.length > letters.length) continue;
      const f = fit(letters, 0, entry.syllables, 0, false);
      if (f !== Fit.None) {
        const key = `${entry.word}\n${letters.length}`;
        if (seen.has(key)) continue;
        seen.add(key);
        groups[f]!.push({ word: entry.word, consumed: letters.length });
        continue;
      }
      const consumed = wholeSyllablePrefix(letters, entry.syllables);
      if (consumed > 0 && !seen.has(`${entry.word}\n${consumed}`)) {
        seen.add(`${entry.word}\n${consumed}`);
        leading.push({ candidate: { word: entry.word, consumed }, rank });
      }
    }
    leading.sort((a, b) => b.candidate.consumed - a.candidate.consumed || a.rank - b.rank);
    groups[3] = leading.map((l) => l.candidate);
    return groups.flat().slice(0, limit);
  }
}
