import type { Language } from '../../../common/i18n/languages';
import { CandidateBar } from './CandidateBar';
import { usePinyinCandidates } from './use-pinyin-candidates';

/** The letters typed in 拼音 and their candidates; picking one says how many letters it took. */
export function PinyinBar(props: { letters: string; language: Language; onPick: (word: string, consumed: number) => void }) {
  const candidates = usePinyinCandidates(props.letters, props.language);
  return (
    <div className="pinyin">
      <span className="pinyin-letters" data-testid="pinyin-letters">
        {props.letters}
      </span>
      <CandidateBar candidates={candidates.map((c) => c.word)} onPick={(i) => props.onPick(candidates[i]!.word, candidates[i]!.consumed)} />
    </div>
  );
}
