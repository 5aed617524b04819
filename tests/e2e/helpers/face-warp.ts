// The warps live in devices/emulators/camera/face-warp.ts, shared with the benchmarks.
export { boxBlurImage, closeEyesImage, coverEyesImage, openMouthImage, resizeDownUpImage, turnHeadImage } from '../../../devices/emulators/camera/face-warp';
