/**
 * The search flags that `find` and `select` share (SPEC §8), and their
 * translation into `findDeals` options. Usage mistakes are `CliUsageError`s.
 */
import {
  type Competition,
  competitions,
  type Objective,
  objectives,
  type Policy,
  policies,
} from "../economics/deal.js";
import { defaultThreadCount, maxDefaultThreads } from "../economics/deal-threads.js";
import {
  type AsyncFindDealsOptions,
  defaultFindOptions,
  defaultMinThreadedWork,
  type FindDealsOptions,
  maxThreadCount,
} from "../economics/find-options.js";
import { defaultPricingOptions, defaultRoomAndCompetition } from "../economics/pricing-options.js";
import { inputFormats } from "../model/read-network.js";
import { type DealKind, dealKinds, maxPartiesLimit } from "../search/kinds.js";
import { maxShards, type Shard } from "../search/shard.js";
import { choiceFlag, integerFlag } from "./args.js";
import { inputFlags } from "./input.js";
import { CliUsageError } from "./io.js";

/** Flag specs of the search (and of reading the network). */
export const searchFlags = {
  initiator: { type: "string" },
  kinds: { type: "string" },
  "max-parties": { type: "string" },
  policy: { type: "string" },
  objective: { type: "string" },
  top: { type: "string" },
  all: { type: "boolean" },
  "include-infeasible": { type: "boolean" },
  "key-accounts-only": { type: "boolean" },
  room: { type: "boolean" },
  competition: { type: "string" },
  threads: { type: "string" },
  ...inputFlags,
} as const;

/** The values parsed from `searchFlags`. */
export interface SearchFlagValues {
  initiator?: string;
  kinds?: string;
  "max-parties"?: string;
  policy?: string;
  objective?: string;
  top?: string;
  all?: boolean;
  "include-infeasible"?: boolean;
  "key-accounts-only"?: boolean;
  room?: boolean;
  competition?: string;
  threads?: string;
}

/** Help lines for the shared search flags. */
export const searchFlagsHelp = `  --initiator ID          only deals in which firm ID is a party; price for it
  --kinds K1,K2           ${dealKinds.join(", ")} (default ${defaultFindOptions.kinds.join(",")})
  --max-parties K         most parties of a deal, 2..${maxPartiesLimit} (default ${defaultFindOptions.maxParties})
  --policy P              ${policies.join(" | ")}
                          (default: ${defaultPricingOptions.withInitiator.policy} with --initiator, else ${defaultPricingOptions.withoutInitiator.policy})
  --objective O           ${objectives.join(" | ")}
                          (default: ${defaultPricingOptions.withInitiator.objective} with --initiator, else ${defaultPricingOptions.withoutInitiator.objective})
  --include-infeasible    also list deals no discount makes acceptable to all
  --key-accounts-only     only deals in which a key account buys (from the initiator)
  --room                  each trade's discount range and each party's net range (SPEC §5)
  --competition C         ${competitions.join(" | ")} (default ${defaultRoomAndCompetition.competition}): counter
                          raises each hurdle by what the incumbents could offer
  --threads N             threads for a search over the whole network: this one and
                          N - 1 workers (default: the cores, at most ${maxDefaultThreads}: here ${defaultThreadCount()},
                          for a search that takes longer than starting them); 1: no worker
  --input-format F        ${inputFormats.join(" | ")}, for NETWORK = - (stdin; default json)`;

/** Turns the flags into `findDealsAsync` options (without `top`). */
export function searchOptionsOf(values: SearchFlagValues): AsyncFindDealsOptions {
  const options: { -readonly [K in keyof AsyncFindDealsOptions]: AsyncFindDealsOptions[K] } = {};
  options.threads = integerFlag(values.threads, "threads", defaultThreadCount(), 1, maxThreadCount);
  // Threads by default only where the search is worth them; as many as asked with --threads.
  if (values.threads === undefined) options.minThreadedWork = defaultMinThreadedWork;
  if (values.initiator !== undefined) options.initiator = values.initiator;
  if (values.kinds !== undefined) {
    const kinds = values.kinds
      .split(",")
      .map((kind) => kind.trim())
      .filter((kind) => kind !== "");
    for (const kind of kinds) choiceFlag(kind, "kinds", dealKinds, "cycle");
    if (kinds.length === 0)
      throw new CliUsageError(`--kinds needs at least one of ${dealKinds.join(", ")}`);
    options.kinds = kinds as DealKind[];
  }
  options.maxParties = integerFlag(
    values["max-parties"],
    "max-parties",
    defaultFindOptions.maxParties,
    2,
    maxPartiesLimit,
  );
  if (values.policy !== undefined)
    options.policy = choiceFlag<Policy>(values.policy, "policy", policies, "fair");
  if (values.objective !== undefined) {
    options.objective = choiceFlag<Objective>(values.objective, "objective", objectives, "surplus");
  }
  if (values.initiator === undefined && options.policy === "initiator") {
    throw new CliUsageError("--policy initiator needs --initiator ID");
  }
  if (
    values.initiator === undefined &&
    (options.objective === "initiatorNet" || options.objective === "expectedInitiatorNet")
  ) {
    throw new CliUsageError(`--objective ${options.objective} needs --initiator ID`);
  }
  if (values.competition !== undefined) {
    options.competition = choiceFlag<Competition>(
      values.competition,
      "competition",
      competitions,
      defaultRoomAndCompetition.competition,
    );
  }
  if (values.room === true) options.room = true;
  options.includeInfeasible = values["include-infeasible"] === true;
  options.keyAccountsOnly = values["key-accounts-only"] === true;
  return options;
}

/** The objective the search ranks by: the flag's, or the default (which depends on the initiator). */
export function objectiveOf(options: FindDealsOptions): Objective {
  const defaults =
    options.initiator === undefined
      ? defaultPricingOptions.withoutInitiator
      : defaultPricingOptions.withInitiator;
  return options.objective ?? defaults.objective;
}

/**
 * `--shard I/N` as a shard (1 ≤ I ≤ N), or undefined when not given.
 *
 * @throws CliUsageError when it is not two whole numbers I/N with 1 ≤ I ≤ N
 */
export function shardOf(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const current = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (match === null || total < 1 || current < 1 || current > total || total > maxShards)
    throw new CliUsageError(
      `--shard must be I/N with 1 ≤ I ≤ N ≤ ${maxShards} (shard I of N), got "${value}"`,
    );
  return { current, total };
}

/** Multipliers of the size suffixes (binary: K = 1024). */
const sizeUnits: Readonly<Record<string, number>> = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };

/**
 * `--memory-budget SIZE` in bytes (`1048576`, `512K`, `256M`, `2G`, `1.5GiB`;
 * K = 1024), or undefined when not given.
 *
 * @throws CliUsageError on anything else, or less than 1 MiB
 */
export function memoryBudgetOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
  const bytes =
    match === null ? Number.NaN : Number(match[1]) * (sizeUnits[match[2].toLowerCase()] ?? 1);
  if (!(bytes >= 2 ** 20))
    throw new CliUsageError(
      `--memory-budget must be a size of at least 1M (bytes, or with K, M or G), got "${value}"`,
    );
  return Math.floor(bytes);
}

/** `--top N` or `--all` (Infinity); `fallback` when neither is given. */
export function topOf(values: SearchFlagValues, fallback: number): number {
  if (values.all && values.top !== undefined)
    throw new CliUsageError("give --top N or --all, not both");
  if (values.all) return Number.POSITIVE_INFINITY;
  return integerFlag(values.top, "top", fallback, 1);
}
