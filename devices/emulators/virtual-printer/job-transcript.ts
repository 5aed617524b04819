import type { DecodedAlignment, PrinterEvent } from './escpos-decoder';

/** One printed line with the style it was printed in (the style at its end). */
export interface PrintedLine {
  text: string;
  width: number;
  height: number;
  bold: boolean;
  align: DecodedAlignment;
}

/** What a job put on paper, ready to be read by a person (`transcript`) or a test (the rest). */
export interface PrintedJob {
  lines: PrintedLine[];
  qrCodes: { data: string; moduleSize: number; errorLevel: string; model: number }[];
  barcodes: { symbology: string; data: string }[];
  cut: 'full' | 'partial' | null;
  unknown: string[];
  transcript: string;
  bytes: number;
}

const hex = (b: Buffer): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

/**
 * Collects the events of one job into a transcript: printed text with style marks where the style
 * changes (`[size 4x4]`, `[bold]` ... `[/bold]`, `[align center]`), and a line of its own for each
 * QR code, barcode, feed, cut and unknown command.
 */
export class JobTranscript {
  private readonly out: string[] = [];
  private marks = '';
  private text = '';
  private style = { width: 1, height: 1, bold: false, align: 'left' as DecodedAlignment };
  private readonly job: Omit<PrintedJob, 'transcript' | 'bytes'> = { lines: [], qrCodes: [], barcodes: [], cut: null, unknown: [] };
  /** Bytes of the job on the wire, set by whoever counts them. */
  bytes = 0;
  private events = 0;

  get isEmpty(): boolean {
    return this.events === 0;
  }

  add(e: PrinterEvent): void {
    this.events++;
    switch (e.type) {
      case 'init':
        this.style = { width: 1, height: 1, bold: false, align: 'left' };
        this.ownLine('[init]');
        return;
      case 'chinese-mode':
      case 'code-page':
      case 'status-request':
      case 'setting':
        return;
      case 'text':
        this.text += e.text;
        this.marks += e.text;
        return;
      case 'newline':
        this.endLine(true);
        return;
      case 'size':
        this.style.width = e.width;
        this.style.height = e.height;
        this.marks += `[size ${e.width}x${e.height}]`;
        return;
      case 'bold':
        if (e.on !== this.style.bold) this.marks += e.on ? '[bold]' : '[/bold]';
        this.style.bold = e.on;
        return;
      case 'align':
        this.style.align = e.align;
        this.marks += `[align ${e.align}]`;
        return;
      case 'line-spacing':
        this.marks += e.dots === null ? '[spacing default]' : `[spacing ${e.dots}]`;
        return;
      case 'feed':
        this.endLine();
        this.ownLine(`[feed ${e.lines}]`);
        return;
      case 'qr':
        this.job.qrCodes.push({ data: e.data, moduleSize: e.moduleSize, errorLevel: e.errorLevel, model: e.model });
        this.endLine();
        this.ownLine(`[qr model ${e.model} size ${e.moduleSize} level ${e.errorLevel}] ${e.data}`);
        return;
      case 'barcode':
        this.job.barcodes.push({ symbology: e.symbology, data: e.data });
        this.endLine();
        this.ownLine(`[barcode ${e.symbology}] ${e.data}`);
        return;
      case 'raster':
        this.endLine();
        this.ownLine(`[raster image ${e.widthBytes * 8}x${e.heightDots} dots]`);
        return;
      case 'cut':
        this.endLine();
        this.job.cut = e.kind;
        this.ownLine(`[cut ${e.kind}]`);
        return;
      case 'unknown': {
        const what = `[UNKNOWN ${e.why}: ${hex(e.bytes)}]`;
        this.job.unknown.push(what);
        this.endLine();
        this.ownLine(what);
        return;
      }
    }
  }

  /** Ends the printed line; only a line feed prints an empty line, other commands keep pending marks. */
  private endLine(lineFeed = false): void {
    if (!lineFeed && this.text === '') return;
    this.out.push(this.marks);
    this.job.lines.push({ text: this.text, ...this.style });
    this.marks = '';
    this.text = '';
  }

  private ownLine(s: string): void {
    if (this.marks) {
      this.out.push(this.marks);
      this.marks = '';
    }
    this.out.push(s);
  }

  finish(): PrintedJob {
    this.endLine();
    if (this.marks) this.out.push(this.marks);
    this.marks = '';
    return { ...this.job, transcript: this.out.join('\n') + '\n', bytes: this.bytes };
  }
}
