import type { DecisionPolicy } from './matching';

/**
 * Distances are between L2-normalised face-api descriptors (templates are normalised means).
 * Threshold chosen by `kioskctl face calibrate` on ../shared/data/faces (table in docs/face.md):
 * the middle of the widest run of thresholds with FAR ≤ 0.1% and the lowest FRR.
 */
export const CALIBRATED_THRESHOLD = 0.39;

/** Identification also demands this lead of the best subject over the second best. */
export const IDENTIFY_MARGIN = 0.05;

export const DEFAULT_DECISION_POLICY: DecisionPolicy = { threshold: CALIBRATED_THRESHOLD, margin: IDENTIFY_MARGIN };

/** The calibration target (issue 6). */
export const TARGET_MAX_FAR = 0.001;
export const TARGET_MAX_FRR = 0.05;
