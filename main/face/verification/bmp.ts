/**
 * An uncompressed 24- or 32-bit Windows bitmap (what WLT decoding libraries write: 102×126,
 * 24-bit) as RGBA. Anything else is refused naming what is wrong.
 */
export function bmpToRgba(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 54 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) throw new Error('not a BMP image');
  const offset = view.getUint32(10, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bits = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  if (width <= 0 || width > 4096 || rawHeight === 0 || Math.abs(rawHeight) > 4096) throw new Error(`BMP size ${width}×${rawHeight} is not a photo's`);
  if ((bits !== 24 && bits !== 32) || (compression !== 0 && compression !== 3))
    throw new Error(`BMP of ${bits} bits, compression ${compression}: only uncompressed 24/32-bit is read`);
  const height = Math.abs(rawHeight);
  const bytesPerPixel = bits / 8;
  const stride = Math.ceil((width * bytesPerPixel) / 4) * 4;
  if (offset + stride * height > bytes.length) throw new Error('BMP pixel data is cut short');
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    // Rows are stored bottom-up unless the height is negative.
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const s = row + x * bytesPerPixel;
      const d = (y * width + x) * 4;
      data[d] = bytes[s + 2]!;
      data[d + 1] = bytes[s + 1]!;
      data[d + 2] = bytes[s]!;
      data[d + 3] = 255;
    }
  }
  return { width, height, data };
}
