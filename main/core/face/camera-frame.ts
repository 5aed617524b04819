import { RpcError } from '../../../common/rpc/errors';
import { assertFrameWithin, CAMERA_FRAME_LIMIT } from '../../face/image/image-size-limit';

/** The camera frame of an RPC, refused from its header when it is larger than the camera's. */
export function frameOf(jpegBase64: string) {
  const frame = { kind: 'encoded' as const, bytes: new Uint8Array(Buffer.from(jpegBase64, 'base64')) };
  try {
    assertFrameWithin(frame, CAMERA_FRAME_LIMIT);
  } catch (err) {
    throw new RpcError('invalid-input', `camera frame not usable: ${(err as Error).message}`);
  }
  return frame;
}
