/**
 * The knobs of `generateNetwork`, their defaults, and their eager validation.
 */
import { UsageError } from "../model/errors.js";

/** Options of `generateNetwork` and `generateNetworkRecords`. */
export interface GenerateOptions {
  /** Number of firms, a whole number ≥ 1. @defaultValue 1000 */
  readonly firms?: number;
  /** The seed, a whole number in [0, 2^53): the same seed and options give the same network. @defaultValue 1 */
  readonly seed?: number;
  /** Products each firm sells: lines of its own industry in its region, then the same lines in the neighbouring regions (whole number 1..50). @defaultValue 1 */
  readonly offersPerFirm?: number;
  /** Mean number of needs per firm (Poisson), 0..50. @defaultValue 2 */
  readonly needsPerFirm?: number;
  /** Mean number of sellers of each product, ≥ 1: sets how many regions each product line is split into. @defaultValue 5 */
  readonly sellersPerProduct?: number;
  /** Share of firms in service industries, in [0, 1]; goods firms buy services for 1.5× this share of their needs (at most 90%). @defaultValue 0.2 */
  readonly serviceShare?: number;
  /** Share of needs bought in the buyer's own region (the rest from a random region), in [0, 1]. @defaultValue 0.9 */
  readonly localShare?: number;
  /** Share of needs that name an incumbent supplier, in [0, 1]. @defaultValue 0.3 */
  readonly incumbentShare?: number;
  /** Share of incumbents that are competitors outside the network, in [0, 1]. @defaultValue 0.25 */
  readonly outsideIncumbentShare?: number;
  /**
   * Share of needs with an incumbent that state its floor (`incumbentFloor`,
   * SPEC §5), in [0, 1]: a firm of the network just above its cost, an
   * outsider 5-20% below the reference price. @defaultValue 0.4
   */
  readonly incumbentFloorShare?: number;
  /** Share of firms that are key accounts (the largest by revenue), in [0, 1]. @defaultValue 0.02 */
  readonly keyAccountShare?: number;
  /** Share of candidate trades that carry a probability relation, in [0, 1]. @defaultValue 0.1 */
  readonly probabilityShare?: number;
  /** Share of candidate trades whose pair (or, one time in four, pair and product) is blocked, in [0, 1]. @defaultValue 0.004 */
  readonly blockedShare?: number;
  /** Share of firms with a hurdle, in [0, 1]. @defaultValue 0.1 */
  readonly hurdleShare?: number;
  /** Share of firms with `maxDeals` (1 to 5), in [0, 1]. @defaultValue 0.15 */
  readonly maxDealsShare?: number;
  /** The network's currency. @defaultValue "CNY" */
  readonly currency?: string;
}

/** Every option with its default. */
export const defaultGenerateOptions: Required<GenerateOptions> = {
  firms: 1000,
  seed: 1,
  offersPerFirm: 1,
  needsPerFirm: 2,
  sellersPerProduct: 5,
  serviceShare: 0.2,
  localShare: 0.9,
  incumbentShare: 0.3,
  outsideIncumbentShare: 0.25,
  incumbentFloorShare: 0.4,
  keyAccountShare: 0.02,
  probabilityShare: 0.1,
  blockedShare: 0.004,
  hurdleShare: 0.1,
  maxDealsShare: 0.15,
  currency: "CNY",
};

/** The options after defaults, as the generator uses them. */
export type ResolvedGenerateOptions = Readonly<Required<GenerateOptions>>;

const shares = [
  "serviceShare",
  "localShare",
  "incumbentShare",
  "outsideIncumbentShare",
  "incumbentFloorShare",
  "keyAccountShare",
  "probabilityShare",
  "blockedShare",
  "hurdleShare",
  "maxDealsShare",
] as const;

function fail(name: string, rule: string, value: unknown): never {
  throw new UsageError(
    `generateNetwork: ${name} must be ${rule}, got ${JSON.stringify(value) ?? String(value)}`,
  );
}

function wholeIn(
  options: ResolvedGenerateOptions,
  name: "firms" | "seed" | "offersPerFirm",
  min: number,
  max: number,
): void {
  const value = options[name];
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(name, `a whole number in [${min}, ${max}]`, value);
  }
}

function numberIn(
  options: ResolvedGenerateOptions,
  name: keyof GenerateOptions,
  min: number,
  max: number,
): void {
  const value = options[name];
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    fail(name, `a number in [${min}, ${max}]`, value);
  }
}

/**
 * Applies the defaults and checks every knob.
 *
 * @throws UsageError naming the first bad or unknown option
 */
export function resolveGenerateOptions(options: GenerateOptions = {}): ResolvedGenerateOptions {
  if (typeof options !== "object" || options === null) fail("options", "an object", options);
  for (const key of Object.keys(options)) {
    if (!(key in defaultGenerateOptions))
      throw new UsageError(`generateNetwork: unknown option "${key}"`);
  }
  const resolved: ResolvedGenerateOptions = { ...defaultGenerateOptions };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as Record<string, unknown>)[key] = value;
  }
  wholeIn(resolved, "firms", 1, 50_000_000);
  wholeIn(resolved, "seed", 0, Number.MAX_SAFE_INTEGER);
  wholeIn(resolved, "offersPerFirm", 1, 50);
  numberIn(resolved, "needsPerFirm", 0, 50);
  numberIn(resolved, "sellersPerProduct", 1, 1_000_000);
  for (const name of shares) numberIn(resolved, name, 0, 1);
  if (typeof resolved.currency !== "string") fail("currency", "a string", resolved.currency);
  return resolved;
}
