import type { Command } from 'commander';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CliExit } from '../command-registry';
import { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import type { BackendName } from '../../main/face/engine/backend';
import { FacePipeline } from '../../main/face/pipeline';
import { describePhotoFile, type DescribedPhoto } from '../../main/face/photo-file';
import { DEFAULT_IDENTIFY_POLICY, DEFAULT_VERIFY_POLICY, TARGET_MAX_FAR } from '../../common/face/decision-policy';
import { euclideanDistance, meanTemplate, probeVector, decideIdentity } from '../../common/face/matching';
import { TemplateIndex } from '../../main/face/gallery/template-index';
import { thresholdRange } from '../../main/face/calibration';
import { calibrationReportJson, formatCalibrationReport, runCalibration, type CalibrationReport } from '../../main/face/calibration-report';
import { loadIdentities, parsePairsCsv, splitIdentities, type Identities, type LabelledPair } from '../../main/face/dataset';
import { runFaceBench } from '../../main/face/bench/stage-bench';

// Exit codes: 0 match / identified, 1 no match / not identified, 2 unusable input (named).
const EXIT_NO_MATCH = 1;
const EXIT_UNUSABLE = 2;

async function withPipeline<T>(backend: BackendName | undefined, fn: (pipeline: FacePipeline, engine: FaceEngineClient) => Promise<T>): Promise<T> {
  const engine = new FaceEngineClient({ worker: { backend } });
  try {
    await engine.start();
    return await fn(new FacePipeline(engine), engine);
  } finally {
    await engine.close();
  }
}

function parseBackend(value: string | undefined): BackendName | undefined {
  if (value === undefined) return undefined;
  if (value === 'tensorflow' || value === 'wasm' || value === 'cpu') return value;
  throw new CliExit(EXIT_UNUSABLE, `--backend must be tensorflow, wasm or cpu (got ${value})`);
}

function parseNumber(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliExit(EXIT_UNUSABLE, `${name} must be a number (got ${value})`);
  return n;
}

function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 10000) / 10000;
}

function out(json: boolean, obj: unknown, text: string): void {
  process.stdout.write(json ? JSON.stringify(obj) + '\n' : text.endsWith('\n') ? text : text + '\n');
}

function readManifest(file: string): Record<string, string[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliExit(EXIT_UNUSABLE, `${file}: cannot read the gallery manifest (${(err as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new CliExit(EXIT_UNUSABLE, `${file}: the manifest maps subject ids to image paths`);
  const manifest: Record<string, string[]> = {};
  const base = path.dirname(path.resolve(file));
  for (const [subject, value] of Object.entries(raw as Record<string, unknown>)) {
    const list = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
    if (!list || list.length === 0) throw new CliExit(EXIT_UNUSABLE, `${file}: subject ${subject} must map to an image path or a list of them`);
    manifest[subject] = list.map((p) => path.resolve(base, p));
  }
  if (Object.keys(manifest).length === 0) throw new CliExit(EXIT_UNUSABLE, `${file}: the manifest lists no subject`);
  return manifest;
}

export function registerFaceCommands(program: Command): void {
  const face = program.command('face').description('face engine: verify, identify, calibrate the threshold, benchmark');

  face
    .command('verify')
    .description('compare the faces of two photos; exit 0 match, 1 no match, 2 no usable face or unreadable image')
    .argument('<imgA>', 'first photo (JPEG, PNG or WebP)')
    .argument('<imgB>', 'second photo')
    .option('--json', 'one JSON object on stdout')
    .option('--backend <name>', 'force a backend: wasm or cpu')
    .action(async (imgA: string, imgB: string, opts: { json?: boolean; backend?: string }) => {
      const backendOpt = parseBackend(opts.backend);
      await withPipeline(backendOpt, async (pipeline, engine) => {
        const a = await describePhotoFile(pipeline, imgA);
        const b = await describePhotoFile(pipeline, imgB);
        const backend = a.backend ?? b.backend ?? (await engine.info()).backend;
        const threshold = DEFAULT_VERIFY_POLICY.threshold;
        const problems = [a, b].filter((p) => p.problem).map((p) => p.problem!);
        if (problems.length > 0) {
          if (opts.json) out(true, { facesA: a.faces, facesB: b.faces, distance: null, threshold, match: false, backend, error: problems.join('; ') }, '');
          throw new CliExit(EXIT_UNUSABLE, problems.join('\n'));
        }
        const distance = euclideanDistance(probeVector(a.descriptor!), probeVector(b.descriptor!));
        const match = distance < threshold;
        out(
          !!opts.json,
          { facesA: a.faces, facesB: b.faces, distance: round(distance), threshold, match, backend },
          `${match ? 'match' : 'no match'}: distance ${distance.toFixed(4)} (threshold ${threshold}, backend ${backend})`,
        );
        if (!match) throw new CliExit(EXIT_NO_MATCH, '');
      });
    });

  face
    .command('identify')
    .description('1:N search of a probe photo over a gallery manifest; exit 0 identified, 1 not identified, 2 unusable input')
    .requiredOption('--gallery <manifest>', 'JSON mapping subject ids to image paths (relative to the manifest)')
    .requiredOption('--probe <img>', 'photo to identify')
    .option('--json', 'one JSON object on stdout')
    .option('--backend <name>', 'force a backend: wasm or cpu')
    .action(async (opts: { gallery: string; probe: string; json?: boolean; backend?: string }) => {
      const manifest = readManifest(opts.gallery);
      await withPipeline(parseBackend(opts.backend), async (pipeline, engine) => {
        const index = new TemplateIndex();
        const skipped: string[] = [];
        for (const [subject, files] of Object.entries(manifest)) {
          const descriptors: Float32Array[] = [];
          for (const file of files) {
            const photo = await describePhotoFile(pipeline, file);
            if (photo.descriptor) descriptors.push(photo.descriptor);
            else skipped.push(photo.problem!);
          }
          if (descriptors.length > 0) index.put(subject, meanTemplate(descriptors));
        }
        for (const s of skipped) process.stderr.write(`skipped ${s}\n`);
        const probe = await describePhotoFile(pipeline, opts.probe);
        const backend = probe.backend ?? (await engine.info()).backend;
        if (!probe.descriptor) {
          if (opts.json) out(true, { subject: null, distance: null, secondDistance: null, backend, error: probe.problem }, '');
          throw new CliExit(EXIT_UNUSABLE, probe.problem!);
        }
        const { best, second } = index.nearestTwo(probeVector(probe.descriptor));
        const decision = decideIdentity(best, second, DEFAULT_IDENTIFY_POLICY);
        out(
          !!opts.json,
          { subject: decision.subject, distance: round(decision.distance), secondDistance: round(decision.secondDistance), backend },
          decision.subject
            ? `identified: ${decision.subject} (distance ${decision.distance!.toFixed(4)}, second ${decision.secondDistance?.toFixed(4) ?? '-'})`
            : `not identified (${decision.refusal}; nearest distance ${decision.distance?.toFixed(4) ?? '-'})`,
        );
        if (!decision.subject) throw new CliExit(EXIT_NO_MATCH, '');
      });
    });

  face
    .command('calibrate')
    .description('FAR and FRR over a range of thresholds on labelled photos, and the threshold chosen')
    .requiredOption('--identities <file>', 'JSON mapping identity labels to image file names')
    .requiredOption('--images <dir>', 'folder holding the images')
    .option('--pairs <csv>', 'labelled pairs file_x,file_y,same_person (default: every pair of the identities)')
    .option('--split <seed>', 'part the identities by person with this seed: choose on one part, report FAR/FRR with 95% intervals on the other')
    .option('--from <t>', 'lowest threshold', '0.2')
    .option('--to <t>', 'highest threshold', '0.7')
    .option('--step <t>', 'threshold step', '0.01')
    .option('--max-far <rate>', 'highest acceptable FAR', String(TARGET_MAX_FAR))
    .option('--json', 'one JSON object on stdout')
    .option('--backend <name>', 'force a backend: wasm or cpu')
    .action(
      async (opts: {
        identities: string;
        images: string;
        pairs?: string;
        split?: string;
        from: string;
        to: string;
        step: string;
        maxFar: string;
        json?: boolean;
        backend?: string;
      }) => {
        let identities: Identities;
        try {
          identities = loadIdentities(opts.identities);
        } catch (err) {
          throw new CliExit(EXIT_UNUSABLE, (err as Error).message);
        }
        if (!existsSync(opts.images)) throw new CliExit(EXIT_UNUSABLE, `${opts.images}: no such folder`);
        let pairs: LabelledPair[] | null;
        try {
          pairs = opts.pairs ? parsePairsCsv(readFileSync(opts.pairs, 'utf8')) : null;
        } catch (err) {
          throw new CliExit(EXIT_UNUSABLE, `${opts.pairs}: ${(err as Error).message}`);
        }
        const step = parseNumber('--step', opts.step);
        if (step <= 0) throw new CliExit(EXIT_UNUSABLE, '--step must be positive');
        const thresholds = thresholdRange(parseNumber('--from', opts.from), parseNumber('--to', opts.to), step);
        const maxFar = parseNumber('--max-far', opts.maxFar);
        const splitSeed = opts.split === undefined ? null : parseNumber('--split', opts.split);
        if (splitSeed !== null) {
          try {
            splitIdentities(identities, splitSeed);
          } catch (err) {
            throw new CliExit(EXIT_UNUSABLE, `--split: ${(err as Error).message}`);
          }
        }
        await withPipeline(parseBackend(opts.backend), async (pipeline, engine) => {
          const files = [...new Set([...(pairs ?? []).flatMap((p) => [p.a, p.b]), ...Object.values(identities).flat()])];
          const described = new Map<string, DescribedPhoto>();
          for (const f of files) described.set(f, await describePhotoFile(pipeline, path.join(opts.images, f)));
          const unusable = [...described.values()].filter((d) => d.problem).map((d) => d.problem!);
          let report: CalibrationReport;
          try {
            report = runCalibration({ identities, pairs, descriptorOf: (f) => described.get(f)?.descriptor ?? null, thresholds, maxFar, splitSeed });
          } catch (err) {
            throw new CliExit(EXIT_NO_MATCH, (err as Error).message);
          }
          const backend = (await engine.info()).backend;
          out(!!opts.json, calibrationReportJson(report, backend, unusable), formatCalibrationReport(report, backend, unusable));
        });
      },
    );

  face
    .command('bench')
    .description('median and p95 milliseconds per stage on the current backend')
    .option('--image <file>', 'a photo with one face (default: ../shared/data/faces/img1.jpg when present)')
    .option('--frames <n>', 'frames per detector', '20')
    .option('--json', 'one JSON object on stdout')
    .option('--backend <name>', 'force a backend: wasm or cpu')
    .action(async (opts: { image?: string; frames: string; json?: boolean; backend?: string }) => {
      const image = opts.image ?? path.resolve('..', 'shared', 'data', 'faces', 'img1.jpg');
      let bytes: Buffer;
      try {
        bytes = readFileSync(image);
      } catch {
        throw new CliExit(EXIT_UNUSABLE, `${image}: cannot read the benchmark photo (give --image FILE, a photo with one face)`);
      }
      const frames = parseNumber('--frames', opts.frames);
      if (!Number.isInteger(frames) || frames < 1) throw new CliExit(EXIT_UNUSABLE, '--frames must be a positive integer');
      const engine = new FaceEngineClient({ worker: { backend: parseBackend(opts.backend) } });
      try {
        const report = await runFaceBench(engine, new Uint8Array(bytes), frames);
        const text = [
          `backend ${report.backend}, ${frames} frames per detector, image ${report.width}x${report.height} (analysed at ≤ ${report.maxSide} px)`,
          'stage                    median ms   p95 ms',
          ...report.stages.map((s) => `${s.stage.padEnd(24)} ${s.medianMs.toFixed(1).padStart(9)} ${s.p95Ms.toFixed(1).padStart(8)}`),
        ].join('\n');
        out(!!opts.json, report, text);
      } finally {
        await engine.close();
      }
    });
}
