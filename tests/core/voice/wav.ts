/** Duration and loudness of a PCM WAV file (16-bit, as espeak-ng writes it). */
export function wavFigures(bytes: Buffer): { seconds: number; rms: number; sampleRate: number } {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    // espeak-ng streams its output, so a data chunk may say 0 or too much: it runs to the end of the file then.
    const declared = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = bytes.readUInt16LE(body + 2);
      sampleRate = bytes.readUInt32LE(body + 4);
      bits = bytes.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error(`${bits}-bit samples`);
      const end = declared > 0 && body + declared <= bytes.length ? body + declared : bytes.length;
      const samples = Math.floor((end - body) / 2);
      let sum = 0;
      for (let i = 0; i < samples; i++) sum += bytes.readInt16LE(body + i * 2) ** 2;
      return { seconds: samples / channels / sampleRate, rms: Math.sqrt(sum / Math.max(1, samples)), sampleRate };
    }
    offset = body + declared + (declared % 2);
  }
  throw new Error('no data chunk');
}
