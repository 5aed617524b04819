import type { DecisionPolicy } from './matching';

/**
 * Distances are between L2-normalised face-api descriptors (templates are normalised means).
 * Both thresholds were chosen by `kioskctl face calibrate` on ../shared/data/faces (tables in
 * docs/face.md): the middle of the run of thresholds with FAR ≤ 0.1% and the lowest FRR.
 */

/** 1:1, photo against photo (`kioskctl face verify`). */
export const VERIFY_THRESHOLD = 0.38;

/**
 * 1:N, live probe against enrolled templates. A mean template sits closer to every face than a
 * single photo does (its noise is averaged out), and a search over N subjects gives N chances of a
 * false accept, so identification has its own, stricter threshold, calibrated leave-one-out.
 */
export const IDENTIFY_THRESHOLD = 0.33;

/** Identification also demands this lead of the best subject over the second best. */
export const IDENTIFY_MARGIN = 0.08;

export const DEFAULT_VERIFY_POLICY: DecisionPolicy = { threshold: VERIFY_THRESHOLD, margin: 0 };
export const DEFAULT_IDENTIFY_POLICY: DecisionPolicy = { threshold: IDENTIFY_THRESHOLD, margin: IDENTIFY_MARGIN };

/** The calibration target (issue 6). */
export const TARGET_MAX_FAR = 0.001;
export const TARGET_MAX_FRR = 0.05;
