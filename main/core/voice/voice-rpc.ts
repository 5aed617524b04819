import type { RouteTable } from '../rpc/route-table';
import type { VoiceService } from './voice-service';

/** The core's voice: what speaks each language, and saying a sentence when the screen cannot. */
export function voiceRoutes(service: VoiceService): RouteTable<'voice.status' | 'voice.speak' | 'voice.stop'> {
  return {
    'voice.status': () => service.status(),
    'voice.speak': (input) => service.speak(input),
    'voice.stop': (input) => service.stopUtterance(input),
  };
}
