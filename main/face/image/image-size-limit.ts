import { CAMERA_FRAME_MAX_SIDE } from '../../../common/face/camera-frame';
import type { FrameInput } from '../engine/protocol';
import { ImageDecodeError, readImageHeader, type ImageFormat } from './image-header';

/** The largest image a caller accepts: no side longer than `maxSide`, at most `maxPixels`. */
export interface ImageSizeLimit {
  /** What the limit is for, in the error message: "a camera frame", "a photo". */
  what: string;
  maxSide: number;
  maxPixels: number;
}

/** Camera frames (face.frame, the technician's camera test): the renderer never sends more. */
export const CAMERA_FRAME_LIMIT: ImageSizeLimit = {
  what: 'a camera frame',
  maxSide: CAMERA_FRAME_MAX_SIDE,
  maxPixels: CAMERA_FRAME_MAX_SIDE * CAMERA_FRAME_MAX_SIDE,
};

/**
 * Photo files (kioskctl face, calibration). 32 MP is a 128 MiB RGBA buffer, well above any
 * portrait photo and far below what a crafted file can declare (an 8000×8000 PNG fits in 10 KB).
 */
export const PHOTO_LIMIT: ImageSizeLimit = { what: 'a photo', maxSide: 8192, maxPixels: 32_000_000 };

/**
 * An image that declares more pixels than the caller accepts, refused before it is decoded.
 * Its code stays `unreadable`, so every mapping of decode errors treats it as an unusable image.
 */
export class ImageTooLargeError extends ImageDecodeError {
  override name = 'ImageTooLargeError';
  constructor(
    readonly format: ImageFormat | 'rgba',
    readonly width: number,
    readonly height: number,
    readonly limit: ImageSizeLimit,
  ) {
    super(
      'unreadable',
      `the ${format} image is ${width}×${height} pixels, larger than ${limit.what} may be ` +
        `(at most ${limit.maxSide} pixels a side and ${(limit.maxPixels / 1e6).toFixed(2).replace(/\.?0+$/, '')} MP)`,
    );
  }
}

export function assertImageSize(format: ImageFormat | 'rgba', width: number, height: number, limit: ImageSizeLimit): void {
  if (width > limit.maxSide || height > limit.maxSide || width * height > limit.maxPixels) {
    throw new ImageTooLargeError(format, width, height, limit);
  }
}

/**
 * Refuses a frame larger than `limit` from its header (encoded) or its declared size (raw RGBA),
 * before anything is decoded or allocated. Throws `ImageTooLargeError`, or `ImageDecodeError`
 * for a header that cannot be read.
 */
export function assertFrameWithin(frame: FrameInput, limit: ImageSizeLimit): void {
  if (frame.kind === 'rgba') {
    assertImageSize('rgba', frame.width, frame.height, limit);
    return;
  }
  const header = readImageHeader(frame.bytes);
  assertImageSize(header.format, header.width, header.height, limit);
}
