/** The limits of POST v1/batches (HUB-PROTOCOL.md): the hub answers 413 beyond them, the terminal never sends more. */
export const MAX_BATCH_ITEMS = 500;
export const MAX_BATCH_BODY_BYTES = 4 * 1024 * 1024;
