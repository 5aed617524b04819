import type { Language } from '../../../common/i18n/languages';
import type { KioskClient } from '../bridge/kiosk-client';
import { chooseWebVoice, webVoices } from './web-voice-choice';

/**
 * The longest an utterance is taken to be under way, per character, above a fixed allowance: a
 * synthesiser that never reports the end (some do, with long texts) does not hold the session
 * for ever. Chinese is spoken at about 4 characters a second; this is well above.
 */
const HOLD_MS_PER_CHAR = 400;
const HOLD_MS_FIXED = 10_000;
/** 长辈版's Web Speech rate (the core's voice slows down by itself when told `elder`). */
const ELDER_RATE = 0.8;

/** What is being said now, by which voice, and until when it may count as under way at most. */
type Current = { via: 'web'; unfinished: number; holdUntil: number } | { via: 'core'; client: KioskClient; id: string | null; holdUntil: number };
let current: Current | null = null;
/** The clients whose `voice.said` events end the core's utterances here. */
const listening = new WeakSet<KioskClient>();
/** The last utterance the core said it ended: a fast failure can be told before `voice.speak` answers. */
let lastSaidId: string | null = null;

/** Stops what `speak` started, if it is still what is being said (a later prompt is left alone). */
export interface SpeechHandle {
  stop(): void;
}

export interface SpeakOptions {
  language: Language;
  /** Staff left voice on (`ui.voice`). */
  enabled: boolean;
  /** 长辈版: slower speech. */
  elder: boolean;
  /** The core, whose voice (espeak-ng) speaks a language the browser has no voice for. */
  client: KioskClient;
}

const NOTHING: SpeechHandle = { stop: () => undefined };

/**
 * Says a prompt in the session's language: with the browser's voice for that language when it has
 * one (Windows, macOS, Electron with speech-dispatcher), else with the core's (espeak-ng on Linux).
 * A list is said paragraph by paragraph (a long notice as one utterance is cut short by some
 * synthesisers). Whatever was being said before stops.
 */
export function speak(text: string | readonly string[], options: SpeakOptions): SpeechHandle {
  if (!options.enabled) return NOTHING;
  const parts = (typeof text === 'string' ? [text] : text).filter((p) => p.trim().length > 0);
  stopCurrent();
  if (parts.length === 0) return NOTHING;
  const holdUntil = Date.now() + HOLD_MS_FIXED + parts.reduce((n, p) => n + p.length, 0) * HOLD_MS_PER_CHAR;
  const voice = chooseWebVoice(webVoices(), options.language);
  const speech = voice ? speakWithBrowser(parts, voice, options.elder, holdUntil) : speakWithCore(parts, options, holdUntil);
  current = speech;
  return {
    stop: () => {
      if (current === speech) stopCurrent();
    },
  };
}

function speakWithBrowser(parts: readonly string[], voice: SpeechSynthesisVoice, elder: boolean, holdUntil: number): Current {
  const speech: Current = { via: 'web', unfinished: parts.length, holdUntil };
  const ended = () => {
    speech.unfinished = Math.max(0, speech.unfinished - 1);
    if (current === speech && speech.unfinished === 0) current = null;
  };
  for (const part of parts) {
    const utterance = new SpeechSynthesisUtterance(part);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = elder ? ELDER_RATE : 1;
    utterance.onend = ended;
    utterance.onerror = ended;
    window.speechSynthesis.speak(utterance);
  }
  return speech;
}

function speakWithCore(parts: readonly string[], { client, language, elder }: SpeakOptions, holdUntil: number): Current {
  const speech: Current = { via: 'core', client, id: null, holdUntil };
  if (!listening.has(client)) {
    listening.add(client);
    client.on('voice.said', ({ id }) => {
      lastSaidId = id;
      if (current?.via === 'core' && current.id === id) current = null;
    });
  }
  client.call('voice.speak', { parts: [...parts], language, elder }).then(
    ({ id }) => {
      speech.id = id;
      // Nothing said (no voice for the language), or stopped before the core answered.
      if ((id === null || id === lastSaidId) && current === speech) current = null;
      if (id !== null && current !== speech) void client.call('voice.stop', { id }).catch(() => undefined);
    },
    () => {
      if (current === speech) current = null;
    },
  );
  return speech;
}

function stopCurrent(): void {
  const speech = current;
  current = null;
  if (!speech) return;
  if (speech.via === 'web') window.speechSynthesis.cancel();
  else if (speech.id !== null) void speech.client.call('voice.stop', { id: speech.id }).catch(() => undefined);
}

/**
 * Whether the kiosk is saying something now: the idle timer counts it as the citizen's activity
 * (a notice read aloud takes minutes, with nobody touching the screen). Only what `speak` started,
 * while its voice says it is speaking, and no longer than its length allows.
 */
export function speechInProgress(now = Date.now()): boolean {
  if (!current || now >= current.holdUntil) return false;
  if (current.via === 'core') return true;
  const synth = typeof window.speechSynthesis === 'undefined' ? null : window.speechSynthesis;
  return synth !== null && (synth.speaking === true || synth.pending === true);
}
