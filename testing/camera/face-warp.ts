// Image edits on one RGBA frame, guided by the face's 68 landmarks (iBUG order), to make a
// synthetic "live" face from a still photo: head turns and an open mouth by warping, closed eyes
// by painting the upper eyelid's skin down over the eye with a dark lash line; and the attacks the
// liveness tests try (eyes covered, a blur, a low-resolution picture). Used by the e2e fake camera,
// the liveness tests and the benchmarks alike.
import type { Point } from '../../main/face/engine/protocol';
import type { RawImage } from '../../main/face/image/raw-image';

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function smoothstep(e0: number, e1: number, x: number): number {
  const t = clamp((x - e0) / (e1 - e0), 0, 1);
  return t * t * (3 - 2 * t);
}

function copyImage(img: RawImage): RawImage {
  return { width: img.width, height: img.height, data: new Uint8Array(img.data) };
}

/** Bilinear sample of channel c at (x, y), clamped to the image. */
function sample(img: RawImage, x: number, y: number, c: number): number {
  const { width: w, height: h, data } = img;
  const cx = clamp(x, 0, w - 1);
  const cy = clamp(y, 0, h - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const a = data[(y0 * w + x0) * 4 + c]!;
  const b = data[(y0 * w + x1) * 4 + c]!;
  const d = data[(y1 * w + x0) * 4 + c]!;
  const e = data[(y1 * w + x1) * 4 + c]!;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
}

/** Builds an image where each output pixel in `region` comes from source position `from(x, y)`. */
function remap(img: RawImage, region: { x0: number; y0: number; x1: number; y1: number }, from: (x: number, y: number) => [number, number] | null): RawImage {
  const out = copyImage(img);
  const x0 = Math.max(0, Math.floor(region.x0));
  const y0 = Math.max(0, Math.floor(region.y0));
  const x1 = Math.min(img.width - 1, Math.ceil(region.x1));
  const y1 = Math.min(img.height - 1, Math.ceil(region.y1));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const src = from(x, y);
      if (!src) continue;
      const o = (y * img.width + x) * 4;
      for (let c = 0; c < 3; c++) out.data[o + c] = Math.round(sample(img, src[0], src[1], c));
    }
  }
  return out;
}

/** The face's size (jaw end to jaw end) and the centre of its landmarks' bounding box. */
function faceFrame(l: Point[]): { faceWidth: number; centreX: number; centreY: number } {
  const xs = l.map((p) => p[0]);
  const ys = l.map((p) => p[1]);
  const faceWidth = Math.hypot(l[16]![0] - l[0]![0], l[16]![1] - l[0]![1]);
  return { faceWidth, centreX: (Math.min(...xs) + Math.max(...xs)) / 2, centreY: (Math.min(...ys) + Math.max(...ys)) / 2 };
}

/**
 * Turns the head: the middle of the face (nose, mouth, eyes) slides sideways while the jaw's
 * outline stays, as a head rotating about a vertical axis looks in the image. `amount` is the
 * nose's shift as a fraction of the face width (positive towards image right).
 */
export function turnHeadImage(img: RawImage, l: Point[], amount: number): RawImage {
  const f = faceFrame(l);
  const halfW = f.faceWidth / 2;
  const halfH = f.faceWidth * 0.8;
  const shift = amount * f.faceWidth;
  const region = { x0: f.centreX - halfW * 1.3, y0: f.centreY - halfH * 1.3, x1: f.centreX + halfW * 1.3, y1: f.centreY + halfH * 1.1 };
  // Displacement falls off smoothly towards the jaw's ends and above the brows / below the chin;
  // inverse mapping with a few fixed-point iterations keeps the warp a bijection for small shifts.
  const weight = (x: number, y: number) => {
    const u = (x - f.centreX) / (halfW * 1.25);
    const v = (y - f.centreY) / (halfH * 1.25);
    return Math.max(0, 1 - u * u) ** 2 * Math.max(0, 1 - v * v);
  };
  return remap(img, region, (x, y) => {
    let sx = x;
    for (let k = 0; k < 4; k++) sx = x - shift * weight(sx, y);
    return [sx, y];
  });
}

/** Opens the mouth: the lower lip and chin move down by `amount` of the face width, the gap between the lips is dark. */
export function openMouthImage(img: RawImage, l: Point[], amount: number): RawImage {
  const f = faceFrame(l);
  const drop = amount * f.faceWidth;
  const left = l[48]!;
  const right = l[54]!;
  const mouthW = Math.hypot(right[0] - left[0], right[1] - left[1]);
  const mx = (left[0] + right[0]) / 2;
  // The line between the lips (inner lip points 60-67).
  const lipLine = (l[62]![1] + l[66]![1]) / 2;
  const chin = l[8]![1];
  const region = { x0: mx - mouthW * 1.4, y0: lipLine - 2, x1: mx + mouthW * 1.4, y1: chin + drop + f.faceWidth * 0.2 };
  const across = (x: number) => Math.max(0, 1 - ((x - mx) / (mouthW * 1.2)) ** 2) ** 1.5;
  const bottom = chin + f.faceWidth * 0.15;
  const warped = remap(img, region, (x, y) => {
    const d = drop * across(x);
    if (d < 0.5) return [x, y];
    if (y < lipLine) return [x, y];
    // The lower part moves down by d up to the chin, then relaxes to 0 below it.
    const below = y - lipLine;
    const relax = 1 - smoothstep(bottom, bottom + f.faceWidth * 0.2 + d, y);
    if (below < d) return null; // the gap, painted below
    return [x, y - d * relax];
  });
  // The open mouth: a dark cavity between the lips, shaded from the inner-lip colour to near black.
  const innerHalf = (Math.hypot(l[64]![0] - l[60]![0], l[64]![1] - l[60]![1]) / 2) * 0.95;
  for (let y = Math.floor(lipLine - 1); y <= Math.ceil(lipLine + drop); y++) {
    for (let x = Math.floor(mx - mouthW); x <= Math.ceil(mx + mouthW); x++) {
      if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
      const d = drop * across(x);
      if (y - lipLine >= d || d < 0.5) continue;
      const u = (x - mx) / innerHalf;
      const v = ((y - lipLine) / Math.max(1, d)) * 2 - 1;
      const inside = u * u + v * v;
      const o = (y * img.width + x) * 4;
      if (inside <= 1) {
        const shade = 0.25 + 0.75 * smoothstep(0.6, 1, inside);
        warped.data[o] = Math.round(60 * shade);
        warped.data[o + 1] = Math.round(20 * shade);
        warped.data[o + 2] = Math.round(25 * shade);
      } else {
        // Outside the cavity but in the gap: lip colour from the lip line.
        for (let c = 0; c < 3; c++) warped.data[o + c] = Math.round(sample(img, x, lipLine + (v < 0 ? -2 : 2), c));
      }
    }
  }
  return warped;
}

function eyeShape(l: Point[], from: number) {
  const p = (i: number) => l[from + i]!;
  const outer = p(0);
  const inner = p(3);
  const width = Math.hypot(inner[0] - outer[0], inner[1] - outer[1]);
  const cx = (outer[0] + inner[0]) / 2;
  const top = Math.min(p(1)[1], p(2)[1]);
  const bottom = Math.max(p(4)[1], p(5)[1]);
  const cy = (top + bottom) / 2;
  return { outer, inner, width, cx, cy, top, bottom };
}

/**
 * Closes the eyes by `closure` (0 open .. 1 shut): the upper eyelid's skin (from between the eye
 * and the brow) is drawn down over the eye to `closure` of the eye's height, ending in a dark
 * lash line, the way a real lid covers the iris. Edges are feathered so no seam shows.
 */
export function closeEyesImage(img: RawImage, l: Point[], closure: number): RawImage {
  let out = img;
  for (const from of [36, 42]) out = closeOneEye(out, l, from, closure);
  return out;
}

function closeOneEye(img: RawImage, l: Point[], from: number, closure: number): RawImage {
  const e = eyeShape(l, from);
  const out = copyImage(img);
  const halfW = e.width * 0.75;
  const openH = Math.max(2, e.bottom - e.top);
  // Region covered: the eye's opening plus a margin (landmarks sit inside the visible lid edge).
  const top = e.top - openH * 0.6;
  // Where the lid's edge (the lash line) ends up: at `closure` 1 just below the lower lid's landmarks.
  const lidEnd = top + (e.bottom + openH * 0.5 + 1.5 - top) * closure;
  // The lid's skin is taken from between the eye and the brow, nearer the eye (not the brow's hair).
  const brow = l.slice(from === 36 ? 17 : 22, from === 36 ? 22 : 27).reduce((s, p) => s + p[1], 0) / 5;
  const skinSource = Math.max(openH * 0.8, (e.top - brow) * 0.45);
  for (let y = Math.floor(top - 2); y <= Math.ceil(lidEnd + 3); y++) {
    for (let x = Math.floor(e.cx - halfW - 2); x <= Math.ceil(e.cx + halfW + 2); x++) {
      if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
      const u = (x - e.cx) / halfW;
      const across = 1 - smoothstep(0.55, 1, Math.abs(u));
      if (across <= 0) continue;
      // The lid edge is an arc: lower in the middle of the eye.
      const edge = lidEnd + (1 - u * u) * openH * 0.1;
      if (y > edge + 2.5) continue;
      const o = (y * img.width + x) * 4;
      // Skin: the pixel the same distance above the lid's top, i.e. the lid's skin stretched down.
      const t = clamp((y - top) / Math.max(1, edge - top), 0, 1);
      const sy = e.top - skinSource + t * (skinSource - openH * 0.9);
      const shadow = 0.92 + 0.08 * (1 - t);
      const feather = across * (y <= edge ? 1 : 1 - (y - edge) / 2.5);
      const lash = Math.max(0, 1 - Math.abs(y - edge) / 1.6) * across;
      for (let c = 0; c < 3; c++) {
        // Averaged across a few pixels so the lid is smooth skin, not streaks of the source row.
        const skin =
          ((sample(img, x - 2, sy, c) + sample(img, x - 1, sy, c) + sample(img, x, sy, c) + sample(img, x + 1, sy, c) + sample(img, x + 2, sy, c)) / 5) *
          shadow;
        const painted = skin * (1 - lash * 0.85) + 25 * lash * 0.85;
        out.data[o + c] = Math.round(img.data[o + c]! * (1 - feather) + painted * feather);
      }
    }
  }
  return out;
}

/** The box around the given eye outline points, widened by `margin` of the (left) eye's width each side. */
function boxAround(l: Point[], points: Point[], margin: number): { x0: number; y0: number; x1: number; y1: number } {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const eyeWidth = Math.hypot(l[39]![0] - l[36]![0], l[39]![1] - l[36]![1]);
  return {
    x0: Math.min(...xs) - eyeWidth * margin,
    y0: Math.min(...ys) - eyeWidth * margin,
    x1: Math.max(...xs) + eyeWidth * margin,
    y1: Math.max(...ys) + eyeWidth * margin,
  };
}

/**
 * Covers the eyes of a photo with a flat colour, as a strip of paper or a finger held over a
 * printed photo would: `across` a single band over both eyes and the bridge of the nose, `each` one
 * patch per eye (just the eye and a margin of `margin` eye widths). Edges are feathered by 1.5 px.
 */
export function coverEyesImage(img: RawImage, l: Point[], colour: readonly [number, number, number], shape: 'across' | 'each', margin = 0.3): RawImage {
  const out = copyImage(img);
  const boxes = shape === 'across' ? [boxAround(l, l.slice(36, 48), margin)] : [36, 42].map((from) => boxAround(l, l.slice(from, from + 6), margin));
  for (const b of boxes) {
    for (let y = Math.floor(b.y0 - 2); y <= Math.ceil(b.y1 + 2); y++) {
      for (let x = Math.floor(b.x0 - 2); x <= Math.ceil(b.x1 + 2); x++) {
        if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
        const outside = Math.max(b.x0 - x, x - b.x1, b.y0 - y, y - b.y1, 0);
        const weight = 1 - clamp(outside / 1.5, 0, 1);
        if (weight <= 0) continue;
        const o = (y * img.width + x) * 4;
        for (let c = 0; c < 3; c++) out.data[o + c] = Math.round(out.data[o + c]! * (1 - weight) + colour[c]! * weight);
      }
    }
  }
  return out;
}

/** A box blur of `radius` px over the whole frame (a photo moved while the camera exposes, or out of focus). */
export function boxBlurImage(img: RawImage, radius: number): RawImage {
  const { width: w, height: h } = img;
  const pass = (src: Uint8Array, horizontal: boolean): Uint8Array => {
    const dst = new Uint8Array(src.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let d = -radius; d <= radius; d++) {
          const sx = horizontal ? clamp(x + d, 0, w - 1) : x;
          const sy = horizontal ? y : clamp(y + d, 0, h - 1);
          const i = (sy * w + sx) * 4;
          r += src[i]!;
          g += src[i + 1]!;
          b += src[i + 2]!;
        }
        const n = 2 * radius + 1;
        const o = (y * w + x) * 4;
        dst[o] = Math.round(r / n);
        dst[o + 1] = Math.round(g / n);
        dst[o + 2] = Math.round(b / n);
        dst[o + 3] = 255;
      }
    }
    return dst;
  };
  return { width: w, height: h, data: pass(pass(img.data, true), false) };
}

/** The frame shrunk by `factor` and blown up again (bilinear): the detail of a low-resolution or defocused picture is gone. */
export function resizeDownUpImage(img: RawImage, factor: number): RawImage {
  const sw = Math.max(1, Math.round(img.width / factor));
  const sh = Math.max(1, Math.round(img.height / factor));
  const small: RawImage = { width: sw, height: sh, data: new Uint8Array(sw * sh * 4) };
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const o = (y * sw + x) * 4;
      for (let c = 0; c < 3; c++) small.data[o + c] = Math.round(sample(img, (x + 0.5) * factor - 0.5, (y + 0.5) * factor - 0.5, c));
      small.data[o + 3] = 255;
    }
  }
  const out: RawImage = { width: img.width, height: img.height, data: new Uint8Array(img.data.length) };
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const o = (y * img.width + x) * 4;
      for (let c = 0; c < 3; c++) out.data[o + c] = Math.round(sample(small, (x + 0.5) / factor - 0.5, (y + 0.5) / factor - 0.5, c));
      out.data[o + 3] = 255;
    }
  }
  return out;
}
