import { euclideanDistance, meanTemplate, probeVector } from './matching';
import type { ScoredPair } from './calibration';
import type { Identities } from './dataset';

/**
 * Probe-against-template distances for calibrating identification, leave one out: each photo
 * against the template of its own identity built from the other photos (genuine), and against
 * every other identity's template built from all of its photos (impostor). Photos without a
 * descriptor are left out; identities with a single usable photo give no genuine pair.
 */
export function leaveOneOutTemplatePairs(identities: Identities, descriptorOf: (file: string) => Float32Array | null): ScoredPair[] {
  const usable = Object.entries(identities).map(([label, files]) => ({
    label,
    photos: files.flatMap((file) => {
      const d = descriptorOf(file);
      return d ? [{ file, d }] : [];
    }),
  }));
  const fullTemplates = new Map(usable.filter((u) => u.photos.length > 0).map((u) => [u.label, meanTemplate(u.photos.map((p) => p.d))]));
  const pairs: ScoredPair[] = [];
  for (const { label, photos } of usable) {
    for (const photo of photos) {
      const probe = probeVector(photo.d);
      const rest = photos.filter((p) => p !== photo);
      if (rest.length > 0) pairs.push({ distance: euclideanDistance(probe, meanTemplate(rest.map((p) => p.d))), same: true });
      for (const [other, template] of fullTemplates) {
        if (other !== label) pairs.push({ distance: euclideanDistance(probe, template), same: false });
      }
    }
  }
  return pairs;
}
