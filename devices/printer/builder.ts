import * as cmd from './escpos';
import { columnsAt, CODE_PAGE_NUMBER, isCjkEncoding, type PrinterProfile, type UnencodablePolicy } from './profiles';
import { encodeCharacters, textColumns, type TextEncoding } from './text-codec';
import { leftRight, truncate, wrap } from './line-layout';
import { qrMatrix, QR_RASTER_MAX_BYTES } from './qr-matrix';

/** White modules around a QR code, as the standard asks. */
const QR_QUIET_ZONE = 4;

export interface BuilderOptions {
  /** Overrides the profile's policy for characters the printer cannot print. */
  unencodable?: UnencodablePolicy;
}

/**
 * Builds one ESC/POS job as bytes. Chinese mode is entered after every initialise and left only
 * around single-byte code page characters; text layout methods count columns at the current size.
 */
export class EscPosBuilder {
  private readonly parts: Buffer[] = [];
  private chineseMode = false;
  private codePageSelected = false;
  private widthMultiplier = 1;
  readonly encoding: TextEncoding;

  constructor(
    readonly profile: PrinterProfile,
    options: BuilderOptions = {},
  ) {
    this.encoding = {
      encoding: profile.encoding,
      codePage: profile.codePage,
      unencodable: options.unencodable ?? profile.unencodable,
    };
  }

  /** Columns of the current character width. */
  get columns(): number {
    return columnsAt(this.profile, this.widthMultiplier);
  }

  private push(b: Buffer): this {
    this.parts.push(b);
    return this;
  }

  /** ESC @, then FS & again on a Chinese printer (ESC @ leaves Chinese mode on many models). */
  initialize(): this {
    this.push(cmd.initialize());
    this.chineseMode = false;
    this.codePageSelected = false;
    this.widthMultiplier = 1;
    if (isCjkEncoding(this.profile.encoding)) {
      this.push(cmd.chineseModeOn());
      this.chineseMode = true;
    }
    return this;
  }

  /** Text without a line feed; a `\n` in it prints the line. */
  text(text: string): this {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (i > 0) this.push(cmd.lineFeed());
      this.encodeRun(line);
    });
    return this;
  }

  private encodeRun(text: string): void {
    let pending: Buffer[] = [];
    const flush = () => {
      if (pending.length) this.parts.push(Buffer.concat(pending));
      pending = [];
    };
    for (const c of encodeCharacters(text, this.encoding)) {
      if (c.mode === 'cjk' && !this.chineseMode) {
        flush();
        this.push(cmd.chineseModeOn());
        this.chineseMode = true;
      } else if (c.mode === 'single') {
        if (this.chineseMode) {
          flush();
          this.push(cmd.chineseModeOff());
          this.chineseMode = false;
        }
        if (!this.codePageSelected) {
          flush();
          this.push(cmd.selectCodePage(CODE_PAGE_NUMBER[this.profile.codePage]));
          this.codePageSelected = true;
        }
      }
      pending.push(c.bytes);
    }
    flush();
    // Leave the printer in the profile's normal mode so the next text starts in a known state.
    if (!this.chineseMode && isCjkEncoding(this.profile.encoding) && this.codePageSelected) {
      this.push(cmd.chineseModeOn());
      this.chineseMode = true;
    }
  }

  /** Text and a line feed. */
  line(text = ''): this {
    return this.text(text).push(cmd.lineFeed());
  }

  /** `text` wrapped to the columns of the current size, one printed line each. */
  wrapped(text: string): this {
    for (const l of wrap(text, this.columns, this.encoding)) this.line(l);
    return this;
  }

  /** `text` on one line, cut with an ellipsis when longer than the current columns. */
  truncated(text: string): this {
    return this.line(truncate(text, this.columns, this.encoding));
  }

  /** `left` and `right` on one line, right flush (left truncated when both do not fit). */
  leftRight(left: string, right: string): this {
    return this.line(leftRight(left, right, this.columns, this.encoding));
  }

  /**
   * `label` and `value` on one line when both fit; otherwise the label on its own line and the
   * value wrapped under it, so nothing is lost (a service name may be long).
   */
  labelValue(label: string, value: string): this {
    if (textColumns(label, this.encoding) + 1 + textColumns(value, this.encoding) <= this.columns) return this.leftRight(label, value);
    this.line(label);
    for (const l of wrap(value, this.columns - 2, this.encoding)) this.line(`  ${l}`);
    return this;
  }

  size(width: number, height = width): this {
    this.push(cmd.characterSize(width, height));
    this.widthMultiplier = width;
    return this;
  }

  bold(on: boolean): this {
    return this.push(cmd.bold(on));
  }

  align(a: cmd.Alignment): this {
    return this.push(cmd.align(a));
  }

  lineSpacing(dots: number | 'default'): this {
    return this.push(dots === 'default' ? cmd.defaultLineSpacing() : cmd.lineSpacing(dots));
  }

  feed(lines: number): this {
    return this.push(cmd.feedLines(lines));
  }

  /**
   * A QR code (model 2, error level M). A printer without native QR gets the symbol as a raster
   * image; data too long for the built-in encoder is printed as wrapped text instead.
   */
  qr(data: string, moduleSize = this.profile.qrModuleSize): this {
    const bytes = Buffer.from(data, 'utf8');
    if (this.profile.qrNative) return this.push(cmd.qrCode(bytes, moduleSize, 'M'));
    if (bytes.length > QR_RASTER_MAX_BYTES) return this.wrapped(data);
    const matrix = qrMatrix(bytes);
    const modules = matrix.length + 2 * QR_QUIET_ZONE;
    const dots = Math.max(1, Math.min(moduleSize, Math.floor(this.profile.dotsWidth / modules)));
    const side = modules * dots;
    return this.push(
      cmd.rasterImage(side, side, (x, y) => {
        const mx = Math.floor(x / dots) - QR_QUIET_ZONE;
        const my = Math.floor(y / dots) - QR_QUIET_ZONE;
        return matrix[my]?.[mx] === true;
      }),
    );
  }

  code128(text: string): this {
    return this.push(cmd.code128(text));
  }

  /** The profile's cut (GS V); a printer without a cutter feeds the paper out instead. */
  cut(kind: cmd.CutKind | 'profile' = 'profile'): this {
    const k = kind === 'profile' ? this.profile.cut : kind;
    if (k === 'none') return this.feed(4);
    return this.push(cmd.cut(k, 0));
  }

  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}
