/**
 * The largest camera frame the kiosk sends to the core: the renderer scales every frame so that
 * its longer side is at most this, and the core refuses anything larger before decoding it.
 */
export const CAMERA_FRAME_MAX_SIDE = 640;
