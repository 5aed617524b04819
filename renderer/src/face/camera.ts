import { CAMERA_FRAME_MAX_SIDE } from '../../../common/face/camera-frame';
/** The kiosk camera: a 640×480 stream, frames taken as JPEG for the core (frames are never stored). */
export async function openCamera(video: HTMLVideoElement): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
  video.srcObject = stream;
  await video.play();
  return stream;
}

export function closeCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** One frame as base64 JPEG (unmirrored: turning left must stay left for the liveness check). */
export function captureJpegBase64(video: HTMLVideoElement, canvas: HTMLCanvasElement, maxSide = CAMERA_FRAME_MAX_SIDE): string | null {
  if (video.videoWidth === 0 || video.videoHeight === 0) return null;
  const scale = Math.min(1, maxSide / Math.max(video.videoWidth, video.videoHeight));
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.drawImage(video, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL('image/jpeg', 0.85);
  return url.slice(url.indexOf(',') + 1);
}
