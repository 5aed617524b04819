import type { DecisionPolicy } from './matching';

/**
 * Distances are between L2-normalised face-api descriptors (templates are normalised means).
 * Both thresholds were chosen by `kioskctl face calibrate --split 13` on the calibration part of
 * ../shared/data/faces (7 of its 13 identities; the other 6 are kept to judge them: tables and
 * intervals in docs/face.md): the middle of the run of thresholds with FAR ≤ 0.1% and the lowest FRR.
 */

/** The seed of the split by identity the thresholds were chosen on (`splitIdentities`). */
export const CALIBRATION_SPLIT_SEED = 13;

/** 1:1, photo against photo (`kioskctl face verify`), and the consistency of a template's frames. */
export const VERIFY_THRESHOLD = 0.4;

/**
 * 1:N, live probe against enrolled templates. A mean template sits closer to every face than a
 * single photo does (its noise is averaged out), and a search over N subjects gives N chances of a
 * false accept, so identification has its own, stricter threshold, calibrated leave-one-out.
 */
export const IDENTIFY_THRESHOLD = 0.36;

/** Identification also demands this lead of the best subject over the second best (set by hand, not calibrated; judged on the evaluation part). */
export const IDENTIFY_MARGIN = 0.08;

export const DEFAULT_VERIFY_POLICY: DecisionPolicy = { threshold: VERIFY_THRESHOLD, margin: 0 };
export const DEFAULT_IDENTIFY_POLICY: DecisionPolicy = { threshold: IDENTIFY_THRESHOLD, margin: IDENTIFY_MARGIN };

/** The calibration target (issue 6). */
export const TARGET_MAX_FAR = 0.001;
export const TARGET_MAX_FRR = 0.05;

/**
 * The threshold of 人证核验 at binding: the identify threshold (0.36), stricter than 1:1 verify
 * (0.40). A binding opens the card's services to a face from then on, so it is never looser than
 * the threshold that opens them; and the check compares a live template (a mean of frames) with
 * one photo, the setting the identify threshold was calibrated in. At 0.40 the set's closest
 * different-person pairs (id11 against id12, 0.374 and 0.393) would be accepted; at 0.36 they are
 * not, and no same-person distance of the evaluation part comes near it (docs/face.md, Binding).
 */
export const BINDING_HOLDER_POLICY: DecisionPolicy = { threshold: IDENTIFY_THRESHOLD, margin: 0 };
