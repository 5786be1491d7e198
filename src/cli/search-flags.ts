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
import { defaultFindOptions, type FindDealsOptions } from "../economics/find-options.js";
import { defaultPricingOptions, defaultRoomAndCompetition } from "../economics/pricing-options.js";
import { inputFormats } from "../model/read-network.js";
import { type DealKind, dealKinds, maxPartiesLimit } from "../search/kinds.js";
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
  --input-format F        ${inputFormats.join(" | ")}, for NETWORK = - (stdin; default json)`;

/** Turns the flags into `findDeals` options (without `top`). */
export function searchOptionsOf(values: SearchFlagValues): FindDealsOptions {
  const options: { -readonly [K in keyof FindDealsOptions]: FindDealsOptions[K] } = {};
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

/** `--top N` or `--all` (Infinity); `fallback` when neither is given. */
export function topOf(values: SearchFlagValues, fallback: number): number {
  if (values.all && values.top !== undefined)
    throw new CliUsageError("give --top N or --all, not both");
  if (values.all) return Number.POSITIVE_INFINITY;
  return integerFlag(values.top, "top", fallback, 1);
}
