import { EscPosDecoder, type DecodedEvent } from '../../../devices/emulators/virtual-printer/escpos-decoder';
import { JobTranscript, type PrintedJob } from '../../../devices/emulators/virtual-printer/job-transcript';

/** Feeds `bytes` through the virtual printer's decoder in chunks of `chunk` bytes. */
export async function decodeJob(bytes: Buffer, options: { encoding?: 'gb18030' | 'big5'; chunk?: number } = {}): Promise<PrintedJob> {
  const decoder = new EscPosDecoder(options.encoding ?? 'gb18030');
  const transcript = new JobTranscript();
  decoder.on('data', (e: DecodedEvent) => {
    transcript.bytes += e.byteCount;
    transcript.add(e);
  });
  const ended = new Promise((resolve) => decoder.on('end', resolve));
  const step = options.chunk ?? bytes.length;
  for (let i = 0; i < bytes.length; i += step) decoder.write(bytes.subarray(i, i + step));
  decoder.end();
  await ended;
  return transcript.finish();
}
