/**
 * Random deals as plain numbers (no network): a shape, margins, premiums,
 * hurdles, fixed discounts and an initiator, loaded into a pricing workspace.
 * Small integer ranges make exact ties, zero margins, negative premiums and
 * hurdles no discount can meet common; `scale` multiplies every amount.
 */
import fc from "fast-check";
import { DealEconomy } from "../../src/economics/deal-economy.js";

/** One deal's numbers. */
export interface DealNumbers {
  readonly kind: "cycle" | "chain" | "brokered";
  readonly parties: number;
  readonly margins: readonly number[];
  readonly premiums: readonly number[];
  readonly hurdles: readonly number[];
  /** A fixed discount per trade, or null when the policy chooses it. */
  readonly fixed: readonly (number | null)[];
  /** A party number, or -1. */
  readonly initiator: number;
  readonly scale: number;
  /** Per trade: the incumbent's counter, or null when unknown (absent: all unknown). */
  readonly counters?: readonly (number | null)[];
  /** Raise each party's hurdle by its exposure before pricing (SPEC §5). @defaultValue "none" */
  readonly competition?: "none" | "counter";
}

/** The hurdles the pricing uses: each party's own, raised by its exposure under the counter. */
export function pricedHurdles(deal: DealNumbers): number[] {
  const hurdles = [...deal.hurdles];
  if (deal.competition !== "counter") return hurdles;
  tradeEnds(deal.kind, deal.parties).forEach(([, b], j) => {
    hurdles[b] += deal.counters?.[j] ?? 0;
  });
  return hurdles;
}

/** Sellers and buyers (party numbers) of each trade of a shape. */
export function tradeEnds(kind: DealNumbers["kind"], parties: number): [number, number][] {
  if (kind === "brokered")
    return [
      [0, 1],
      [1, 2],
      [0, 2],
    ];
  const count = kind === "cycle" ? parties : parties - 1;
  return Array.from({ length: count }, (_, j) => [j, (j + 1) % parties]);
}

/** Random deal numbers; `maxParties` bounds rings, `kinds` limits the shapes. */
export function dealNumbers({
  maxParties = 5,
  withFixed = true,
  withCounters = false,
  kinds = ["cycle", "chain", "brokered"] as readonly DealNumbers["kind"][],
} = {}): fc.Arbitrary<DealNumbers> {
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      size: fc.integer({ min: 2, max: maxParties }),
    })
    .chain(({ kind, size }) => {
      const parties = kind === "brokered" ? 3 : kind === "chain" ? Math.max(3, size) : size;
      const trades = tradeEnds(kind, parties).length;
      // Weighted so that about half the deals are feasible and ties are common.
      const margin = fc.oneof(
        { arbitrary: fc.constant(0), weight: 1 },
        { arbitrary: fc.integer({ min: 0, max: 20 }), weight: 2 },
        { arbitrary: fc.integer({ min: 0, max: 1000 }), weight: 3 },
      );
      const premium = fc.oneof(
        { arbitrary: fc.constant(0), weight: 1 },
        { arbitrary: fc.integer({ min: -20, max: 20 }), weight: 2 },
        { arbitrary: fc.integer({ min: -300, max: 600 }), weight: 3 },
      );
      const hurdle = fc.oneof(
        { arbitrary: fc.constant(0), weight: 4 },
        { arbitrary: fc.integer({ min: 0, max: 20 }), weight: 2 },
        { arbitrary: fc.integer({ min: 0, max: 800 }), weight: 1 },
      );
      return fc
        .record({
          margins: fc.array(margin, { minLength: trades, maxLength: trades }),
          premiums: fc.array(premium, { minLength: trades, maxLength: trades }),
          hurdles: fc.array(hurdle, { minLength: parties, maxLength: parties }),
          fixedShare: fc.array(
            withFixed
              ? fc.oneof(
                  { arbitrary: fc.constant(null), weight: 5 },
                  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 },
                )
              : fc.constant(null),
            {
              minLength: trades,
              maxLength: trades,
            },
          ),
          initiator: fc.integer({ min: -1, max: parties - 1 }),
          scale: fc.constantFrom(1, 1, 1, 0.01, 1000, 1e6),
          counters: fc.array(
            withCounters
              ? fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: 0, max: 300 }))
              : fc.constant(null),
            { minLength: trades, maxLength: trades },
          ),
          competition: withCounters
            ? fc.constantFrom("none" as const, "counter" as const)
            : fc.constant("none" as const),
        })
        .map(
          ({
            margins,
            premiums,
            hurdles,
            fixedShare,
            initiator,
            scale,
            counters,
            competition,
          }) => ({
            kind,
            parties,
            margins: margins.map((m) => m * scale),
            premiums: premiums.map((c) => c * scale),
            hurdles: hurdles.map((h) => h * scale),
            fixed: fixedShare.map((share, j) =>
              share === null ? null : Math.round(share * margins[j]) * scale,
            ),
            initiator,
            scale,
            counters: counters.map((c) => (c === null ? null : c * scale)),
            competition,
          }),
        );
    });
}

/** Loads deal numbers into a fresh workspace. */
export function loadNumbers(deal: DealNumbers): DealEconomy {
  const economy = new DealEconomy(Math.max(3, deal.parties));
  const ends = tradeEnds(deal.kind, deal.parties);
  economy.kind = deal.kind;
  economy.layout = deal.kind === "brokered" ? "brokered" : "ring";
  economy.partyCount = deal.parties;
  economy.tradeCount = ends.length;
  ends.forEach(([s, b], j) => {
    economy.seller[j] = s;
    economy.buyer[j] = b;
    economy.margin[j] = deal.margins[j];
    economy.premium[j] = deal.premiums[j];
    economy.probability[j] = 1;
    economy.quantity[j] = 1;
    economy.unitPrice[j] = deal.margins[j];
    economy.fixedDiscount[j] = deal.fixed[j] ?? Number.NaN;
    economy.counterUnit[j] = deal.counters?.[j] ?? Number.NaN;
  });
  economy.competition = deal.competition ?? "none";
  for (let v = 0; v < deal.parties; v++) {
    economy.ownHurdle[v] = deal.hurdles[v];
    economy.partyFirm[v] = v;
  }
  economy.initiatorParty = deal.initiator;
  economy.derive();
  return economy;
}
