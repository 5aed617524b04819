import { readFile } from 'node:fs/promises';
import { FaceEngineError } from './engine/face-engine-client';
import { ImageDecodeError } from './image/image-header';
import type { BackendName } from './engine/backend';
import type { FacePipeline } from './pipeline';

export interface DescribedPhoto {
  file: string;
  /** Faces found (null when the image could not be read). */
  faces: number | null;
  descriptor: Float32Array | null;
  /** Why the photo cannot be used, naming the file; null when usable. */
  problem: string | null;
  problemCode: 'unreadable' | 'no-face' | 'multiple-faces' | null;
  backend: BackendName | null;
}

const UNREADABLE_CODES = new Set(['unreadable-image', 'unsupported-image', 'invalid-request']);

/** Reads a photo file and gets the descriptor of its one face, or a reason naming the file. */
export async function describePhotoFile(pipeline: FacePipeline, file: string): Promise<DescribedPhoto> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { file, faces: null, descriptor: null, problem: `${file}: cannot read the file (${code})`, problemCode: 'unreadable', backend: null };
  }
  try {
    const outcome = await pipeline.photo({ kind: 'encoded', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    const faces = outcome.frame.faces.length;
    if (outcome.ok) return { file, faces, descriptor: outcome.face.descriptor, problem: null, problemCode: null, backend: outcome.frame.backend };
    const what = outcome.reason === 'no-face' ? 'no face found' : `${faces} faces found, exactly one is needed`;
    return {
      file,
      faces,
      descriptor: null,
      problem: `${file}: no usable face (${what})`,
      problemCode: outcome.reason === 'no-face' ? 'no-face' : 'multiple-faces',
      backend: outcome.frame.backend,
    };
  } catch (err) {
    // ImageDecodeError: refused from its header before the engine saw it (too large, broken header).
    if ((err instanceof FaceEngineError && UNREADABLE_CODES.has(err.code)) || err instanceof ImageDecodeError) {
      return { file, faces: null, descriptor: null, problem: `${file}: unreadable image (${err.message})`, problemCode: 'unreadable', backend: null };
    }
    throw err;
  }
}
