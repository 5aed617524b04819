// The .y4m writer lives in devices/emulators/camera/y4m.ts, shared with the benchmarks.
export { fitPhoto, photoToY4m, rgbaToI420, writeY4m } from '../../../devices/emulators/camera/y4m';
