import type { Language } from '../../../common/i18n/languages';

const VOICE_LANG: Record<Language, string> = { 'zh-CN': 'zh-CN', 'zh-HK': 'zh-HK', en: 'en-US' };

/**
 * The longest an utterance is taken to be under way, per character, above a fixed allowance: a
 * synthesiser that never reports the end (some do, with long texts) does not hold the session
 * for ever. Chinese is spoken at about 4 characters a second; this is well above.
 */
const HOLD_MS_PER_CHAR = 400;
const HOLD_MS_FIXED = 10_000;

/** What is being said now: the utterances still to end, and until when it may count as under way at most. */
let current: { id: number; unfinished: number; holdUntil: number } | null = null;
let nextId = 1;

/** Stops what `speak` started, if it is still what is being said (a later prompt is left alone). */
export interface SpeechHandle {
  stop(): void;
}

const NOTHING: SpeechHandle = { stop: () => undefined };

/**
 * Says a prompt with the system's speech synthesis, when there is one and voice is on. A list is
 * said paragraph by paragraph, one utterance each (a long notice as one utterance is cut short by
 * some synthesisers). Whatever was being said before stops.
 */
export function speak(text: string | readonly string[], language: Language, enabled: boolean): SpeechHandle {
  if (!enabled || typeof window.speechSynthesis === 'undefined') return NOTHING;
  const parts = (typeof text === 'string' ? [text] : text).filter((p) => p.trim().length > 0);
  window.speechSynthesis.cancel();
  if (parts.length === 0) {
    current = null;
    return NOTHING;
  }
  const id = nextId++;
  const chars = parts.reduce((n, p) => n + p.length, 0);
  const speech = { id, unfinished: parts.length, holdUntil: Date.now() + HOLD_MS_FIXED + chars * HOLD_MS_PER_CHAR };
  current = speech;
  const ended = () => {
    speech.unfinished = Math.max(0, speech.unfinished - 1);
    if (current === speech && speech.unfinished === 0) current = null;
  };
  for (const part of parts) {
    const utterance = new SpeechSynthesisUtterance(part);
    utterance.lang = VOICE_LANG[language];
    utterance.onend = ended;
    utterance.onerror = ended;
    window.speechSynthesis.speak(utterance);
  }
  return {
    stop: () => {
      if (current !== speech) return;
      current = null;
      window.speechSynthesis.cancel();
    },
  };
}

/**
 * Whether the kiosk is saying something now: the idle timer counts it as the citizen's activity
 * (a notice read aloud takes minutes, with nobody touching the screen). Only what `speak` started,
 * while the synthesiser says it is speaking, and no longer than its length allows.
 */
export function speechInProgress(now = Date.now()): boolean {
  if (!current || now >= current.holdUntil) return false;
  const synth = typeof window.speechSynthesis === 'undefined' ? null : window.speechSynthesis;
  return synth !== null && (synth.speaking === true || synth.pending === true);
}
