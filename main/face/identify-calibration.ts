import { decideIdentity, euclideanDistance, meanTemplate, probeVector, type DecisionPolicy } from '../../common/face/matching';
import type { ScoredPair } from './calibration';
import type { Identities } from './dataset';
import { TemplateIndex } from './gallery/template-index';

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

/** What 1:N identification decided, leave one out, over a set of identities. */
export interface LeaveOneOutIdentification {
  /** Photos probed (those with a descriptor whose identity has another usable photo). */
  probes: number;
  /** Probes identified as their own identity. */
  identified: number;
  /** Probes identified as someone else (a false accept of a known person). */
  wrong: number;
  /** Probes refused (a false reject): above the threshold or within the margin of the second best. */
  refused: number;
  /** The same probes against a gallery without their identity: accepted as someone (a false accept of a stranger). */
  strangersAccepted: number;
}

/**
 * Each photo as a live probe, searched 1:N (the gallery's index and decision, margin included)
 * among the identities' templates, its own built from its other photos; then the same probe with
 * its identity left out of the gallery, as a stranger would come.
 */
export function leaveOneOutIdentification(
  identities: Identities,
  descriptorOf: (file: string) => Float32Array | null,
  policy: DecisionPolicy,
): LeaveOneOutIdentification {
  const usable = Object.entries(identities).map(([label, files]) => ({ label, files: files.filter((f) => descriptorOf(f) !== null) }));
  const result: LeaveOneOutIdentification = { probes: 0, identified: 0, wrong: 0, refused: 0, strangersAccepted: 0 };
  for (const { label, files } of usable) {
    if (files.length < 2) continue;
    for (const probe of files) {
      const known = new TemplateIndex(usable.length);
      const strangers = new TemplateIndex(usable.length);
      for (const other of usable) {
        const rest = other.files.filter((f) => f !== probe);
        if (rest.length === 0) continue;
        const template = meanTemplate(rest.map((f) => descriptorOf(f)!));
        known.put(other.label, template);
        if (other.label !== label) strangers.put(other.label, template);
      }
      const q = probeVector(descriptorOf(probe)!);
      const asKnown = known.nearestTwo(q);
      const decision = decideIdentity(asKnown.best, asKnown.second, policy);
      result.probes++;
      if (decision.subject === label) result.identified++;
      else if (decision.subject !== null) result.wrong++;
      else result.refused++;
      const asStranger = strangers.nearestTwo(q);
      if (decideIdentity(asStranger.best, asStranger.second, policy).subject !== null) result.strangersAccepted++;
    }
  }
  return result;
}
