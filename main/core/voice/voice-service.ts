import type { ChildProcess } from 'node:child_process';
import type { CoreVoiceStatus, RpcEventPayload, RpcOutput } from '../../../common/rpc/contract';
import type { Clock } from '../../../base/clock';
import type { CoreService } from '../../../base/lifecycle';
import type { Logger } from '../../logging/logger';
import type { EventBus } from '../rpc/event-bus';
import type { ParsedInput } from '../rpc/parsed-input';
import { espeakArgs, espeakRate } from './espeak-args';
import { joinSpokenParts } from './espeak-text';
import { probeEspeakVoices, type ProbedVoices } from './voice-probe';
import type { SpawnProcess } from './spawn-process';

export interface VoiceServiceDeps {
  spawn: SpawnProcess;
  logger: Logger;
  clock: Clock;
  events: Pick<EventBus, 'publish'>;
  /** Staff left voice on (`ui.voice`): read at each utterance. */
  enabled: () => boolean;
  /** The espeak-ng executable (default `espeak-ng` on the PATH). */
  program?: string;
}

interface Speaking {
  id: string;
  child: ChildProcess;
  stopped: boolean;
}

/**
 * The core's voice: says sentences with espeak-ng for a language the screen has no Web Speech
 * voice for (Linux without a speech service). One utterance at a time, each its own espeak-ng
 * run; a new one stops the last. It learns at start which voice serves each language, and keeps
 * the last failure to play (no sound card or sound server) for the technician.
 */
export class VoiceService implements CoreService {
  readonly name = 'voice';
  private probed: ProbedVoices | null = null;
  private probing: Promise<ProbedVoices> | null = null;
  private speaking: Speaking | null = null;
  private lastFailure: CoreVoiceStatus['lastFailure'] = null;
  private nextId = 1;

  constructor(private readonly deps: VoiceServiceDeps) {}

  async start(): Promise<void> {
    const probed = await this.probe();
    const served = probed.voices.map((v) => `${v.language}: ${v.voice ?? 'none'}`).join(', ');
    if (probed.problem) this.deps.logger.warn({ problem: probed.problem }, 'voice: the core cannot speak');
    else this.deps.logger.info({ voices: served }, 'voice: espeak-ng voices found');
  }

  stop(): void {
    this.speaking?.child.kill();
  }

  /** Which voice serves each language (probed once, at start or at the first question). */
  probe(): Promise<ProbedVoices> {
    this.probing ??= probeEspeakVoices(this.deps.spawn, this.deps.program).then((probed) => (this.probed = probed));
    return this.probing;
  }

  async status(): Promise<RpcOutput<'voice.status'>> {
    const probed = await this.probe();
    return { engine: 'espeak-ng', problem: probed.problem, voices: probed.voices, lastFailure: this.lastFailure };
  }

  async speak({ parts, language, elder }: ParsedInput<'voice.speak'>): Promise<RpcOutput<'voice.speak'>> {
    const voice = (await this.probe()).voices.find((v) => v.language === language)?.voice ?? null;
    this.stopSpeaking();
    if (!this.deps.enabled() || voice === null) return { id: null, voice };
    const id = `u${this.nextId++}`;
    const text = joinSpokenParts(parts, language);
    const child = this.deps.spawn(this.deps.program ?? 'espeak-ng', espeakArgs({ parts, language, elder }));
    const speaking: Speaking = { id, child, stopped: false };
    this.speaking = speaking;
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let ended = false;
    const end = (code: number | null, error?: Error) => {
      if (ended) return;
      ended = true;
      if (this.speaking === speaking) this.speaking = null;
      const problem = error ? error.message : speaking.stopped ? undefined : playProblem(code, stderr);
      this.said({ id, language, voice, text, wordsPerMinute: espeakRate(elder) }, speaking.stopped ? 'stopped' : problem ? 'failed' : 'spoken', problem);
    };
    child.on('error', (error) => end(null, error));
    child.on('close', (code) => end(code));
    return { id, voice };
  }

  /** Stops the utterance `id` if it is still the one being said. */
  stopUtterance({ id }: ParsedInput<'voice.stop'>): RpcOutput<'voice.stop'> {
    if (this.speaking?.id === id) this.stopSpeaking();
    return {};
  }

  private stopSpeaking(): void {
    const speaking = this.speaking;
    if (!speaking) return;
    speaking.stopped = true;
    this.speaking = null;
    speaking.child.kill();
  }

  private said(
    utterance: Omit<RpcEventPayload<'voice.said'>, 'outcome' | 'problem'>,
    outcome: RpcEventPayload<'voice.said'>['outcome'],
    problem?: string,
  ): void {
    const { voice } = utterance;
    if (outcome === 'failed') {
      // Logged when the problem changes, not at every prompt of every citizen.
      if (this.lastFailure?.message !== problem) this.deps.logger.warn({ voice, problem }, 'voice: an utterance could not be played');
      this.lastFailure = { message: problem!, at: new Date(this.deps.clock.now()).toISOString() };
    } else if (outcome === 'spoken') {
      this.lastFailure = null;
    }
    this.deps.events.publish('voice.said', { ...utterance, outcome, ...(problem ? { problem } : {}) });
  }
}

/**
 * Why an espeak-ng run said nothing, or undefined when it played. espeak-ng ends with 0 even when
 * it found no audio output; it then writes the audio library's complaint to stderr.
 */
export function playProblem(code: number | null, stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (code === 0 && lines.length === 0) return undefined;
  const telling = lines.find((l) => /Unknown PCM|Connection refused|cannot open|does not exist/i.test(l)) ?? lines.at(-1);
  if (/Unknown PCM|cannot find card/i.test(stderr)) return `no audio output: no sound card or sound server (${telling})`;
  return telling ? `espeak-ng: ${telling}` : `espeak-ng ended with code ${code}`;
}
