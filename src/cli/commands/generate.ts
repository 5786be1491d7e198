/**
 * `reciprocal-deals generate --firms N [...]`: writes a seeded synthetic
 * network, streamed record by record (a million firms in bounded memory).
 * With `--out FILE` it writes FILE atomically (see atomic-file.ts: a new
 * temporary file, fsync, rename; a failed or interrupted run leaves no
 * half-written FILE and no temporary file) and says on stderr what it wrote.
 */
import type { Writable } from "node:stream";
import { generateNetworkRecords, type NetworkRecord } from "../../generator/network-records.js";
import { type GenerateOptions, resolveGenerateOptions } from "../../generator/options.js";
import { type GeneratedFormat, NetworkTextWriter } from "../../generator/serialize.js";
import { formatOfPath, networkFormats } from "../../model/read-network.js";
import { formatNumber } from "../../util/number-format.js";
import { choiceFlag, integerFlag, parseFlags } from "../args.js";
import { writeFileAtomically } from "../atomic-file.js";
import { type CliIO, CliUsageError, exitStatusHelp } from "../io.js";
import { checkWritable, drained } from "../output.js";
import { ProgressReporter } from "../progress.js";

/** Help text of `generate`. */
export const generateHelp = `Usage: reciprocal-deals generate --firms N [--seed S] [--offers-per-firm K]
    [--needs-per-firm X] [--sellers-per-product X] [--service-share X]
    [--format json|jsonl] [--out FILE]

Writes a seeded synthetic trade network (SPEC §2): industries in tiers (raw
materials, intermediate goods, components, finished goods) plus services,
products per industry line and region, incumbents, relations, key accounts.
The same seed and options always give the same bytes.
  --firms N                number of firms (required, ≥ 1)
  --seed S                 seed, a whole number ≥ 0 (default 1)
  --offers-per-firm K      products each firm sells (default 1)
  --needs-per-firm X       mean needs per firm (default 2)
  --sellers-per-product X  mean sellers per product (default 5)
  --service-share X        share of firms in services, 0..1 (default 0.2)
  --format json|jsonl      default: jsonl when FILE ends in .jsonl/.ndjson, else json
  --out FILE               write FILE instead of stdout (default: stdout), atomically: a
                           temporary file in its folder, renamed when complete; FILE keeps
                           its mode; a FIFO or device is refused; stderr says what was written

${exitStatusHelp}`;

const flags = {
  firms: { type: "string" },
  seed: { type: "string" },
  "offers-per-firm": { type: "string" },
  "needs-per-firm": { type: "string" },
  "sellers-per-product": { type: "string" },
  "service-share": { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
} as const;

/** Reads a number flag, or undefined when absent. */
function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n))
    throw new CliUsageError(`--${name} must be a number, got "${value}"`);
  return n;
}

/**
 * Encodes text straight into 1 MiB byte buffers and hands each full buffer to
 * the stream, waiting on back-pressure: no join of many small strings.
 */
class ByteSink {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  constructor(
    private readonly stream: Writable,
    /** What the stream is, for messages: `stdout` or a path. */
    private readonly target: string,
  ) {}

  /** Appends `text`; returns a promise to await only when the stream is full. */
  push(text: string): Promise<void> | undefined {
    if (text.length * 3 > this.buffer.length - this.used) {
      const waiting = this.flush();
      if (text.length * 3 > this.buffer.length) {
        checkWritable(this.stream, this.target);
        const direct = this.stream.write(text) ? undefined : drained(this.stream, this.target);
        return waiting === undefined ? direct : waiting.then(() => direct);
      }
      this.used += this.buffer.write(text, this.used);
      return waiting;
    }
    this.used += this.buffer.write(text, this.used);
    return undefined;
  }

  /** Hands over what is buffered; a promise when the stream asks to wait. */
  flush(): Promise<void> | undefined {
    if (this.used === 0) return undefined;
    const full = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.used = 0;
    checkWritable(this.stream, this.target);
    return this.stream.write(full) ? undefined : drained(this.stream, this.target);
  }
}

/** What `writeNetwork` wrote: records of each kind. */
interface WrittenRecords {
  firms: number;
  relations: number;
}

/**
 * The records of the network, with the generator's up-front work (its
 * layout, seconds for millions of firms) done now: before `--out` creates
 * its temporary file, so that a signal during that synchronous work finds
 * nothing to clean up and stops the process at once.
 */
function primedRecords(options: GenerateOptions): Iterable<NetworkRecord> {
  const records = generateNetworkRecords(options);
  const first = records.next();
  return {
    *[Symbol.iterator]() {
      if (first.done) return;
      yield first.value;
      yield* records;
    },
  };
}

/** Writes every text piece of the network to `stream`, with progress on stderr. */
async function writeNetwork(
  records: Iterable<NetworkRecord>,
  options: GenerateOptions,
  format: GeneratedFormat,
  stream: Writable,
  target: string,
  io: CliIO,
): Promise<WrittenRecords> {
  const sink = new ByteSink(stream, target);
  const total = options.firms ?? 0;
  // Every record is awaited on back-pressure, so a signal can clear the line.
  const progress = new ProgressReporter(io, { label: "firms", clearOnInterrupt: true });
  const writer = new NetworkTextWriter(format);
  const written: WrittenRecords = { firms: 0, relations: 0 };
  try {
    for (const record of records) {
      if ("firm" in record) {
        if ((++written.firms & 1023) === 0) progress.update(written.firms, total);
      } else if ("relation" in record) written.relations++;
      const wait = sink.push(writer.text(record));
      if (wait !== undefined) await wait;
    }
    const wait = sink.push(writer.end());
    if (wait !== undefined) await wait;
    await sink.flush();
  } finally {
    progress.finish();
  }
  return written;
}

/** `1 firm`, `1,000 firms`. */
function counted(n: number, noun: string): string {
  return `${formatNumber(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/** Bytes as people read them: `1.2 MB`, `850 kB`, `12 bytes` (SI units). */
function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${formatNumber(value, 1)} ${units[unit]}`;
}

/** Runs `generate`. */
export async function runGenerate(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, flags);
  if (values.help) {
    io.stdout.write(`${generateHelp}\n`);
    return 0;
  }
  if (positionals.length > 0)
    throw new CliUsageError(`generate takes no positional arguments, got "${positionals[0]}"`);
  if (values.firms === undefined) throw new CliUsageError("generate needs --firms N");
  const options: GenerateOptions = {
    firms: integerFlag(values.firms, "firms", 0, 1),
    seed: integerFlag(values.seed, "seed", 1, 0),
    offersPerFirm: integerFlag(values["offers-per-firm"], "offers-per-firm", 1, 1),
    needsPerFirm: numberFlag(values["needs-per-firm"], "needs-per-firm"),
    sellersPerProduct: numberFlag(values["sellers-per-product"], "sellers-per-product"),
    serviceShare: numberFlag(values["service-share"], "service-share"),
  };
  resolveGenerateOptions(options); // every knob checked before anything is written
  const path = values.out;
  const inferred: GeneratedFormat = path === undefined ? "json" : formatOfPath(path);
  const format = choiceFlag<GeneratedFormat>(values.format, "format", networkFormats, inferred);
  if (path === undefined) {
    await writeNetwork(generateNetworkRecords(options), options, format, io.stdout, "stdout", io);
    return 0;
  }
  const network = primedRecords(options);
  let records: WrittenRecords = { firms: 0, relations: 0 };
  const file = await writeFileAtomically(path, async (stream) => {
    records = await writeNetwork(network, options, format, stream, path, io);
  });
  const where = file.path === path ? path : `${path} (→ ${file.path})`;
  io.stderr.write(
    `reciprocal-deals: wrote ${where}: ${counted(records.firms, "firm")}, ` +
      `${counted(records.relations, "relation")}, ${formatBytes(file.bytes)} (${format})\n`,
  );
  return 0;
}
