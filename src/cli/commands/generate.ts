/**
 * `reciprocal-deals generate --firms N [...]`: writes a seeded synthetic
 * network, streamed record by record (a million firms in bounded memory).
 * With `--out FILE` it writes `FILE.part` and renames it when complete, so a
 * failed or interrupted run (Ctrl-C removes the part file) leaves no
 * half-written FILE.
 */
import { createWriteStream, openSync, rmSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import type { Writable } from "node:stream";
import { generateNetworkRecords } from "../../generator/network-records.js";
import { type GenerateOptions, resolveGenerateOptions } from "../../generator/options.js";
import { type GeneratedFormat, NetworkTextWriter } from "../../generator/serialize.js";
import { formatOfPath, networkFormats } from "../../model/read-network.js";
import { choiceFlag, integerFlag, parseFlags } from "../args.js";
import { type CliIO, CliUsageError } from "../io.js";
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
  --out FILE               write FILE (via FILE.part, renamed when complete); default stdout`;

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

  constructor(private readonly stream: Writable) {}

  /** Appends `text`; returns a promise to await only when the stream is full. */
  push(text: string): Promise<void> | undefined {
    if (text.length * 3 > this.buffer.length - this.used) {
      const waiting = this.flush();
      if (text.length * 3 > this.buffer.length) {
        const direct = this.stream.write(text) ? undefined : this.drained();
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
    return this.stream.write(full) ? undefined : this.drained();
  }

  private drained(): Promise<void> {
    return new Promise<void>((resolve) => this.stream.once("drain", resolve));
  }
}

/** Writes every text piece of the network to `stream`, with progress on stderr. */
async function writeNetwork(
  options: GenerateOptions,
  format: GeneratedFormat,
  stream: Writable,
  io: CliIO,
): Promise<void> {
  const sink = new ByteSink(stream);
  const total = options.firms ?? 0;
  const progress = new ProgressReporter(io, { label: "firms" });
  const writer = new NetworkTextWriter(format);
  let firms = 0;
  try {
    for (const record of generateNetworkRecords(options)) {
      if ("firm" in record && (++firms & 1023) === 0) progress.update(firms, total);
      const wait = sink.push(writer.text(record));
      if (wait !== undefined) await wait;
    }
    const wait = sink.push(writer.end());
    if (wait !== undefined) await wait;
    await sink.flush();
  } finally {
    progress.finish();
  }
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
    await writeNetwork(options, format, io.stdout, io);
    return 0;
  }
  const part = `${path}.part`;
  let file: ReturnType<typeof createWriteStream>;
  try {
    // Opened at once, so that an early Ctrl-C finds the part file to remove.
    file = createWriteStream(part, { fd: openSync(part, "w") });
  } catch (error) {
    throw new CliUsageError(
      `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  const failed = new Promise<never>((_, reject) => file.once("error", reject));
  failed.catch(() => {});
  // Ctrl-C: remove the partial file, then stop as an interrupted program does.
  const interrupted = () => {
    rmSync(part, { force: true });
    process.exit(130);
  };
  process.once("SIGINT", interrupted);
  try {
    await Promise.race([writeNetwork(options, format, file, io), failed]);
    await Promise.race([new Promise<void>((resolve) => file.end(resolve)), failed]);
    await rename(part, path);
  } catch (error) {
    file.destroy();
    await rm(part, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("E"))
      throw new CliUsageError(`cannot write ${path}: ${code}`);
    throw error;
  } finally {
    process.removeListener("SIGINT", interrupted);
  }
  return 0;
}
