import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logging/logger';
import type { Clock } from '../../base/clock';
import type { CardSpec } from '../../devices/emulators/id-card/card-spec';
import type { FaceReferences } from '../../hub/face-verify';

/** `../shared/data/faces` beside the repository (the labelled photos the sample cards' owners come from). */
export function sampleFacesDir(assetsDir: string): string {
  return path.resolve(assetsDir, '..', '..', 'shared', 'data', 'faces');
}

export interface SampleFaceDeps {
  /** The embedded hub's reference faces (hub.db), which also cache what was computed. */
  references: Pick<FaceReferences, 'has' | 'put'>;
  /** The terminal's face engine and subject ids (FaceService). */
  face: { subjectFor(idNumber: string): string; photoDescriptor(file: string): Promise<Float32Array> };
  /** The emulator's sample cards, and which identity of identities.json owns each. */
  cards: Pick<CardSpec, 'id' | 'idNumber'>[];
  owners: Readonly<Record<string, string>>;
  facesDir: string;
  logger: Logger;
  clock: Clock;
}

/**
 * The embedded hub's reference faces for the sample citizens (人证核验 of the demo): each sample
 * card's owner's first photo in identities.json, described by the terminal's engine (slow WASM)
 * once, and kept in the hub's database; a later start finds them there and computes nothing.
 * `ensure()` runs at most one computation at a time; a failed one is tried again at the next call.
 */
export class SampleFaceReferences {
  private running: Promise<void> | null = null;

  constructor(private readonly deps: SampleFaceDeps) {}

  ensure(): Promise<void> {
    this.running ??= this.compute().catch((err: unknown) => {
      this.running = null;
      throw err;
    });
    return this.running;
  }

  private async compute(): Promise<void> {
    const { facesDir, logger } = this.deps;
    const identitiesFile = path.join(facesDir, 'identities.json');
    if (!existsSync(identitiesFile)) {
      logger.warn({ facesDir }, 'sample faces not found: the local hub has no reference faces, so face binding on the demo cannot be checked against the card');
      return;
    }
    const identities = JSON.parse(readFileSync(identitiesFile, 'utf8')) as Record<string, unknown>;
    let computed = 0;
    for (const card of this.deps.cards) {
      const owner = this.deps.owners[card.id];
      if (!owner) continue;
      const subject = this.deps.face.subjectFor(card.idNumber);
      if (this.deps.references.has(subject)) continue;
      const photos = identities[owner];
      if (!Array.isArray(photos) || typeof photos[0] !== 'string') throw new Error(`${identitiesFile}: no photo of ${owner} for sample card ${card.id}`);
      const descriptor = await this.deps.face.photoDescriptor(path.join(facesDir, photos[0]));
      this.deps.references.put(subject, descriptor, this.deps.clock.now());
      descriptor.fill(0);
      computed++;
    }
    if (computed > 0) logger.info({ computed }, 'reference faces of the sample cards computed for the local hub');
  }
}
