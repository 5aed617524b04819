import { existsSync } from 'node:fs';
import path from 'node:path';
import { RpcError } from '../../../common/rpc/errors';
import type { KeyProvider } from '../../../base/key-provider';
import type { Clock } from '../../../base/clock';
import type { ConfigStore } from '../../config/config-store';
import { FACE_DB_FILE } from '../../face/gallery/gallery-store';
import { FaceServices } from '../../face/face-services';
import type { FaceBoundEvent, FaceUnboundEvent } from '../../face/gallery/face-gallery';
import { keyFingerprint, type HallKeys } from '../../security/hall-keys';

export interface FaceServicesAccessDeps {
  dataDir: string;
  keyProvider: KeyProvider;
  hallKeys: HallKeys;
  clock: Clock;
  config: Pick<ConfigStore, 'config'>;
}

/** What face.db's gallery tells the rest of the core (the outbox, the processing records). */
export interface FaceGalleryEvents {
  onBound(event: FaceBoundEvent): void;
  onUnbound(event: FaceUnboundEvent): void;
  onDeleted(subjects: string[]): void;
  onRecords(): void;
}

/** The face services of this terminal (face.db, the engine), made when first needed and closed at stop. */
export class FaceServicesAccess {
  private face: FaceServices | null = null;

  constructor(
    private readonly deps: FaceServicesAccessDeps,
    private readonly events: FaceGalleryEvents,
  ) {}

  /** The face services made so far, or null (none made since start, or closed). */
  get current(): FaceServices | null {
    return this.face;
  }

  services(): FaceServices {
    const { deps, events } = this;
    this.face ??= new FaceServices({
      dataDir: deps.dataDir,
      keys: deps.keyProvider,
      hallKeys: deps.hallKeys.keys,
      clock: () => deps.clock.now(),
      hooks: {
        onBound: (event) => events.onBound(event),
        onUnbound: (event) => events.onUnbound(event),
        onDeleted: (subjects) => events.onDeleted(subjects),
        onRecords: () => events.onRecords(),
        terminalId: () => deps.config.config.terminal.id,
        retentionDays: () => deps.config.config.face.templateRetentionDays,
        pseudonymKey: () => ({ fingerprint: keyFingerprint(deps.hallKeys.keys), hallKey: deps.hallKeys.shared }),
      },
    });
    return this.face;
  }

  /**
   * The face services when there is anything for them to do: face switched on, or a face.db left
   * from when it was (templates to delete or purge, records to keep). With face off and no face.db,
   * null: nothing is created. Opening them starts no engine and loads no template into memory.
   */
  opened(): FaceServices | null {
    if (this.face) return this.face;
    if (this.deps.config.config.face.enabled || existsSync(path.join(this.deps.dataDir, FACE_DB_FILE))) return this.services();
    return null;
  }

  requireEnabled(): FaceServices {
    if (!this.deps.config.config.face.enabled) throw new RpcError('unavailable', 'face identification is switched off on this terminal');
    return this.services();
  }

  async close(): Promise<void> {
    await this.face?.close();
    this.face = null;
  }
}
