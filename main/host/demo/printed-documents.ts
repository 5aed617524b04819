import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RpcOutput } from '../../../common/rpc/contract';
import { RpcError } from '../../../common/rpc/errors';
import type { ParsedInput } from '../../core/rpc/parsed-input';
import type { RouteTable } from '../../core/rpc/route-table';

export interface PrintedDocumentsDeps {
  production: () => boolean;
  /** Where the embedded cups-pdf queue writes its PDFs; null when the A4 printer is not the embedded queue. */
  outputDir: () => string | null;
}

/** The demo panel's list of what the embedded A4 queue (cups-pdf) printed, newest first. */
export class PrintedDocuments {
  constructor(private readonly deps: PrintedDocumentsDeps) {}

  list({ limit }: ParsedInput<'demo.documents.printed'>): RpcOutput<'demo.documents.printed'> {
    if (this.deps.production())
      throw new RpcError('forbidden', 'the demo panel works only on the embedded defaults: this terminal is in production configuration');
    const directory = this.deps.outputDir();
    if (!directory) return { files: [], directory: null };
    let names: string[];
    try {
      names = readdirSync(directory).filter((n) => n.toLowerCase().endsWith('.pdf'));
    } catch {
      return { files: [], directory };
    }
    const files = names
      .map((name) => {
        const stat = statSync(path.join(directory, name), { throwIfNoEntry: false });
        return stat ? { name, printedAt: stat.mtime.toISOString(), bytes: stat.size, at: stat.mtimeMs } : null;
      })
      .filter((f) => f !== null)
      .sort((a, b) => b.at - a.at)
      .slice(0, limit)
      .map(({ name, printedAt, bytes }) => ({ name, printedAt, bytes }));
    return { files, directory };
  }
}

export function printedDocumentsRoutes(service: PrintedDocuments): RouteTable<'demo.documents.printed'> {
  return { 'demo.documents.printed': (input) => service.list(input) };
}
