import { closeSync, openSync, writeSync } from 'node:fs';
import type { RawImage } from '../../main/face/image/raw-image';
import { rgbaToI420, y4mHeader } from './y4m';

/**
 * A fake camera whose picture can change while Chromium plays it: a one-frame .y4m file for
 * `--use-file-for-fake-video-capture`. Chromium's file-backed capture device reads every frame from
 * the file as it plays (and loops a one-frame file on that frame), so overwriting the frame in place
 * shows the new picture from the camera's next frame on (checked with Debian's chromium: a colour
 * written to the file reaches a page's <video> within about 100 ms at 10 fps). The frame goes in with
 * one positioned write; a frame read during it may mix old and new rows, as a rolling shutter does
 * during a movement.
 */
export class LiveCameraFile {
  private fd: number | null;
  private readonly offset: number;
  private readonly frameBytes: number;

  private constructor(
    readonly file: string,
    readonly width: number,
    readonly height: number,
    first: Buffer,
    fps: number,
  ) {
    const header = `${y4mHeader(width, height, fps)}FRAME\n`;
    this.offset = Buffer.byteLength(header);
    this.frameBytes = first.length;
    this.fd = openSync(file, 'w+');
    writeSync(this.fd, header, 0);
    writeSync(this.fd, first, 0, first.length, this.offset);
  }

  /** Creates (or replaces) `file` showing `first`; frames must keep its even width and height. */
  static create(file: string, first: RawImage, fps = 10): LiveCameraFile {
    if (first.width % 2 !== 0 || first.height % 2 !== 0) throw new Error(`a .y4m frame needs an even width and height (got ${first.width}×${first.height})`);
    return new LiveCameraFile(file, first.width, first.height, rgbaToI420(first), fps);
  }

  /** The frame as the file holds it (I420), to prepare the pictures of a movement once. */
  encode(image: RawImage): Buffer {
    if (image.width !== this.width || image.height !== this.height) {
      throw new Error(`the camera shows ${this.width}×${this.height} frames (got ${image.width}×${image.height})`);
    }
    return rgbaToI420(image);
  }

  /** Shows `frame` (from `encode`) from the camera's next frame on. */
  show(frame: Buffer): void {
    if (this.fd === null) throw new Error(`${this.file}: the camera file is closed`);
    if (frame.length !== this.frameBytes) throw new Error(`a frame of this camera has ${this.frameBytes} bytes (got ${frame.length})`);
    writeSync(this.fd, frame, 0, frame.length, this.offset);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}
