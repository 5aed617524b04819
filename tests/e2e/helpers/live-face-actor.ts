// A synthetic live person for the kiosk's camera in Chromium: one shared photo, warped into the
// liveness poses (face-warp.ts), shown through a canvas stream that replaces getUserMedia. The
// person reads the prompt on the screen, as a citizen does, and makes the asked movement after a
// short reaction time; otherwise it looks at the camera and holds still, its face taking the
// colour the screen shows during the screen-light check (testing/camera/screen-light-model.ts).
//
// Why not Chromium's fake camera playing a looped .y4m (as before): the liveness check now fails a
// movement that comes before its prompt or instead of the asked one, so a fixed loop holding every
// movement fails every drawn order (tests/face/liveness-order.test.ts). The fake camera plays one
// file and cannot answer; this person can, in whatever order the core draws (with secureRandom, as
// in production: nothing about the order is fixed for the tests).
import jpeg from 'jpeg-js';
import type { Page } from 'playwright-core';
import { FaceEngineClient } from '../../../main/face/engine/face-engine-client';
import type { RawImage } from '../../../main/face/image/raw-image';
import { LIVENESS_PROMPTS, type LivenessChallenge } from '../../../main/face/messages';
import { LIVE_LOOP_FPS, photoWithLandmarks, poseFrame, type LivePose } from './live-face-y4m';
import { ALL_LIGHT_COLOURS, faceEllipse, litFrame } from '../../../testing/camera/screen-light-model';

/** The pose answering each challenge: the citizen's left is the image's right in an unmirrored camera frame. */
const POSE_OF: Record<LivenessChallenge, LivePose> = {
  'turn-left': 'turn-image-right',
  'turn-right': 'turn-image-left',
  'open-mouth': 'open-mouth',
  blink: 'blink',
};

export interface LiveFacePerson {
  /** JPEG (base64) per frame name: `neutral`, `<pose>:half` / `<pose>:full` for each pose, and `lit:<colour>` (the neutral face lit by the screen-light check's colour). */
  frames: Record<string, string>;
}

function toJpegBase64(image: RawImage): string {
  return jpeg
    .encode({ width: image.width, height: image.height, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) }, 92)
    .data.toString('base64');
}

/** The photo's poses, made with the engine's landmarks (a worker of its own, closed before returning). */
export async function prepareLiveFacePerson(photoFile: string): Promise<LiveFacePerson> {
  const engine = new FaceEngineClient();
  try {
    const { base, landmarks } = await photoWithLandmarks(engine, photoFile);
    const frames: Record<string, string> = { neutral: toJpegBase64(base) };
    for (const pose of Object.values(POSE_OF)) {
      frames[`${pose}:half`] = toJpegBase64(poseFrame(base, landmarks, pose, 0.5));
      frames[`${pose}:full`] = toJpegBase64(poseFrame(base, landmarks, pose, 1));
    }
    const ellipse = faceEllipse(landmarks);
    for (const colour of ALL_LIGHT_COLOURS) frames[`lit:${colour}`] = toJpegBase64(litFrame(base, ellipse, colour));
    return { frames };
  } finally {
    await engine.close();
  }
}

interface ActorSetup {
  frames: Record<string, string>;
  /** Each challenge's prompt, in every language, to the challenge. */
  prompts: Record<string, LivenessChallenge>;
  poseOf: Record<LivenessChallenge, LivePose>;
  fps: number;
}

/** Runs in the page (before the kiosk's scripts): the camera becomes the person. */
function installActor(setup: ActorSetup): void {
  const width = 640;
  const height = 480;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  const images = new Map<string, HTMLImageElement>();
  for (const [name, data] of Object.entries(setup.frames)) {
    const img = new Image();
    img.src = `data:image/jpeg;base64,${data}`;
    images.set(name, img);
  }
  const actor = { queue: [] as string[], answered: null as string | null, idleFrames: 0, answers: [] as string[] };
  (window as unknown as { liveFaceActor: typeof actor }).liveFaceActor = actor;
  const movement = (challenge: LivenessChallenge): string[] => {
    const pose = setup.poseOf[challenge];
    // Held 0.7 s (a blink 0.5 s: the check does not count eyes shut longer than 0.6 s), a half-way frame either side.
    return [`${pose}:half`, ...Array<string>(challenge === 'blink' ? 5 : 7).fill(`${pose}:full`), `${pose}:half`];
  };
  const nextFrame = () => {
    const prompt = document.querySelector('[data-testid="face-prompt"]')?.textContent ?? '';
    const progress = document.querySelector('[data-testid="face-liveness"]')?.textContent ?? '';
    const challenge = setup.prompts[prompt] ?? null;
    const asked = challenge ? `${challenge}|${progress}` : null;
    // A new prompt, or the same one still up 2.5 s after the movement (it was not seen): move (again).
    if (asked && actor.queue.length === 0 && (asked !== actor.answered || actor.idleFrames > 25)) {
      actor.queue = ['neutral', 'neutral', 'neutral', ...movement(challenge!)];
      actor.answered = asked;
      actor.idleFrames = 0;
      actor.answers.push(challenge!);
    }
    // The screen-light check: the screen's colour falls on the still face.
    const light = document.querySelector('[data-testid="face-screen"]')?.getAttribute('data-light');
    const name = actor.queue.shift() ?? (light ? `lit:${light}` : 'neutral');
    if (actor.queue.length === 0) actor.idleFrames++;
    const img = images.get(name)!;
    if (img.complete && img.naturalWidth > 0) g.drawImage(img, 0, 0, width, height);
  };
  let timer: number | null = null;
  navigator.mediaDevices.getUserMedia = async () => {
    timer ??= window.setInterval(nextFrame, 1000 / setup.fps);
    nextFrame();
    return canvas.captureStream(setup.fps);
  };
}

/**
 * Puts the person in front of the page's camera (from its next load on: the page is reloaded).
 * `answers(page)` lists the challenges it answered so far.
 */
export async function showLiveFacePerson(page: Page, person: LiveFacePerson): Promise<void> {
  const prompts: Record<string, LivenessChallenge> = {};
  for (const challenge of Object.keys(POSE_OF) as LivenessChallenge[]) {
    for (const text of Object.values(LIVENESS_PROMPTS[challenge])) prompts[text] = challenge;
  }
  const setup: ActorSetup = { frames: person.frames, prompts, poseOf: POSE_OF, fps: LIVE_LOOP_FPS };
  await page.context().addInitScript(installActor, setup);
  await page.reload();
}

export async function liveFaceAnswers(page: Page): Promise<LivenessChallenge[]> {
  return page.evaluate(() => (window as unknown as { liveFaceActor?: { answers: LivenessChallenge[] } }).liveFaceActor?.answers ?? []);
}
