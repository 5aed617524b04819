// The part of pngjs the reference hub uses (no @types/pngjs is installed; adding it would replace this file).
declare module 'pngjs' {
  export class PNG {
    constructor(options: { width: number; height: number });
    readonly width: number;
    readonly height: number;
    /** RGBA, 4 bytes a pixel, row by row. */
    data: Buffer;
    static sync: { write(png: PNG): Buffer; read(buffer: Buffer): PNG };
  }
}
