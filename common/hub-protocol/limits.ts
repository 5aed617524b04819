/** The limits of POST v1/batches (HUB-PROTOCOL.md): the hub answers 413 beyond them, the terminal never sends more. */
export const MAX_BATCH_ITEMS = 500;
export const MAX_BATCH_BODY_BYTES = 4 * 1024 * 1024;

/** The largest official document a terminal takes from the hub (GET v1/documents/{id}); a larger one is refused before preview. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
/** The most pages one printable document may have. */
export const MAX_DOCUMENT_PAGES = 30;
