/** `dsaudit snapshot`: save what a live scan reads as one JSON file, for offline scans with `scan -f`. */
import type { Command } from 'commander';
import { renderSnapshotTexts, snapshotTool, type Snapshot } from '../../sources/snapshot.js';
import { objectOrderKey } from '../../sources/cluster.js';
import { liveOptions, namespacesOf, progressPrinter, withDeadline, type InputOptions } from '../audit.js';
import { startDeadline } from '../deadline.js';
import { loadCluster } from '../../sources/cluster.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { addLiveOptions, printCoverageGaps, printInputErrors } from '../options.js';
import { resolveOutput, STDOUT, writeOutput } from '../write-output.js';
import { COLLECTIONS } from '../../model/collections.js';

type SnapshotOptions = InputOptions & { output?: string; strict?: boolean };

/** The snapshot time: now, or `SOURCE_DATE_EPOCH` (seconds) for reproducible files. */
function takenAt(env: NodeJS.ProcessEnv): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000).toISOString();
  return new Date().toISOString();
}

export function registerSnapshot(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command('snapshot')
    .description('save what a live scan reads (with server version, context, time and coverage) for `scan -f`')
    .option('-o, --output <file>', 'write the snapshot to FILE (default: stdout)');
  addLiveOptions(cmd, 'kubeconfig context to read (default: current context)');
  cmd.option('--strict', 'exit 2 when coverage is incomplete (the snapshot is still written)');
  cmd.action(async (opts: SnapshotOptions) => {
    const contexts = [...new Set(opts.context ?? [])];
    if (contexts.length > 1) throw new UsageError('a snapshot holds one cluster: give one --context and run snapshot once per context');
    const output = opts.output ? resolveOutput(io.cwd, opts.output) : STDOUT;
    // Each object is kept as its JSON line from the moment its page arrives: a text is a fraction of
    // the parsed object's memory, so a large cluster's snapshot needs about the file's size in memory.
    const items: { key: string; text: string }[] = [];
    const progress = progressPrinter(io, opts);
    const deadline = startDeadline(opts.timeout);
    const read = await withDeadline(deadline, () => loadCluster({
      ...liveOptions(opts, deadline),
      ...(contexts[0] !== undefined ? { context: contexts[0] } : {}),
      onObjects: (objects) => {
        for (const o of objects) items.push({ key: objectOrderKey(o), text: JSON.stringify(o.body) });
      },
      ...(progress ? { onProgress: (e) => progress(contexts[0], e) } : {}),
    }));
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const namespaces = namespacesOf(opts);
    const snapshot: Omit<Snapshot, 'objects'> = {
      metadata: {
        cluster: read.clusterName,
        context: read.clusterName,
        ...(read.serverVersion !== undefined ? { serverVersion: read.serverVersion } : {}),
        takenAt: takenAt(io.env),
        ...(namespaces.length > 0 ? { namespaces: [...new Set(namespaces)].sort() } : {}),
        tool: snapshotTool(),
      },
      availability: read.availability ?? {},
      errors: read.errors,
      notices: read.notices,
    };
    const texts = items.map((i) => i.text);
    writeOutput(io, output, renderSnapshotTexts(snapshot, texts));
    printInputErrors(io, read.errors);
    const coverage = COLLECTIONS.flatMap((collection) => {
      const a = read.availability?.[collection];
      return a ? [{ cluster: read.clusterName, collection, status: a.status }] : [];
    });
    const incomplete = printCoverageGaps(io, { coverage, notAssessed: [] }, Boolean(opts.strict));
    setExit(read.errors.length > 0 || (opts.strict && incomplete) ? EXIT.error : EXIT.ok);
  });
}
