/**
 * Turns a priced economy into the public `Deal` (SPEC §5, §8): ids, trades,
 * per-party figures, the initiator's figures, the incumbents' counters and,
 * when asked, the negotiation room. Only deals that are handed out are built;
 * the hot loops work on the economy alone.
 */
import { counterUnitOf } from "../trade-index/incumbent-floors.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import type {
  Deal,
  DealShape,
  DealTrade,
  InitiatorFigures,
  MoneyRange,
  Objective,
  PartyFigures,
} from "./deal.js";
import type { DealEconomy } from "./deal-economy.js";
import { computeRoom } from "./deal-room.js";
import { objectiveValue } from "./objective.js";
import { feasibilityTolerance } from "./price-fast.js";

/** What to build besides the figures every deal has. */
export interface BuildOptions {
  /** Compute and report the negotiation room (SPEC §5). */
  readonly room: boolean;
}

/**
 * Each trade's counter (NaN: unknown) and each party's exposure, into the
 * economy's arrays: read at load under `competition: "counter"`, else from
 * the need records now.
 */
function fillCounters(economy: DealEconomy, index: TradeIndex): void {
  if (economy.competition === "counter") return;
  const { tradeCount, counter, quantity, exposure, buyer } = economy;
  for (let v = 0; v < economy.partyCount; v++) exposure[v] = 0;
  for (let j = 0; j < tradeCount; j++) {
    const c = counterUnitOf(index, economy.tradeId[j]) * quantity[j];
    counter[j] = c;
    if (!Number.isNaN(c)) exposure[buyer[j]] += c;
  }
}

/** Every party's figures, as SPEC §5 defines them. */
function partyFigures(economy: DealEconomy, index: TradeIndex, room: boolean): PartyFigures[] {
  const parties: PartyFigures[] = [];
  const slack = feasibilityTolerance * economy.scale;
  for (let v = 0; v < economy.partyCount; v++) {
    let marginGained = 0;
    let premiumPaid = 0;
    let discountGiven = 0;
    let discountReceived = 0;
    for (let j = 0; j < economy.tradeCount; j++) {
      if (economy.seller[j] === v) {
        marginGained += economy.margin[j];
        discountGiven += economy.discount[j];
      } else if (economy.buyer[j] === v) {
        premiumPaid += economy.premium[j];
        discountReceived += economy.discount[j];
      }
    }
    const net = economy.net[v];
    const exposure = economy.exposure[v];
    const figures: PartyFigures = {
      firm: index.firmId(economy.partyFirm[v]),
      marginGained,
      premiumPaid,
      discountGiven,
      discountReceived,
      net,
      exposure,
      defensible: economy.feasible && net - exposure >= economy.ownHurdle[v] - slack,
    };
    parties.push(
      room
        ? { ...figures, netRange: rangeOf(economy, economy.netMin, economy.netMax, v) }
        : figures,
    );
  }
  return parties;
}

/** A range of the room, or null for an infeasible deal. */
function rangeOf(
  economy: DealEconomy,
  low: Float64Array,
  high: Float64Array,
  at: number,
): MoneyRange | null {
  return economy.feasible ? [low[at], high[at]] : null;
}

/** The initiator's figures; all 0 (efficiency Infinity) when it is not a party. */
function initiatorFigures(
  economy: DealEconomy,
  index: TradeIndex,
  initiator: number,
  parties: readonly PartyFigures[],
): InitiatorFigures {
  const i = economy.initiatorParty;
  const firm = index.firmId(initiator);
  if (i < 0) {
    return {
      firm,
      marginGained: 0,
      marginGivenUp: 0,
      net: 0,
      newCustomers: 0,
      keyAccountsWon: 0,
      efficiency: Number.POSITIVE_INFINITY,
    };
  }
  const figures = parties[i];
  let newCustomers = 0;
  let keyAccountsWon = 0;
  for (let j = 0; j < economy.tradeCount; j++) {
    if (economy.seller[j] !== i) continue;
    const b = economy.buyer[j];
    let seen = false;
    for (let l = 0; l < j && !seen; l++) seen = economy.seller[l] === i && economy.buyer[l] === b;
    if (seen) continue;
    newCustomers++;
    if (index.firmKeyAccount[economy.partyFirm[b]]) keyAccountsWon++;
  }
  const marginGivenUp = figures.discountGiven;
  return {
    firm,
    marginGained: figures.marginGained,
    marginGivenUp,
    net: figures.net,
    newCustomers,
    keyAccountsWon,
    efficiency:
      marginGivenUp === 0 ? Number.POSITIVE_INFINITY : figures.marginGained / marginGivenUp,
  };
}

/**
 * Builds the public deal of a priced economy.
 *
 * @param id the deal's id (`dealId` of the search for the SPEC §4 kinds)
 * @param initiator the initiator's firm integer, or -1
 */
export function buildDeal<Kind extends DealShape = DealShape>(
  economy: DealEconomy,
  index: TradeIndex,
  id: string,
  objective: Objective,
  initiator: number,
  options: BuildOptions,
): Deal<Kind> {
  fillCounters(economy, index);
  const room = options.room;
  if (room && economy.feasible) computeRoom(economy);
  const trades: DealTrade[] = [];
  for (let j = 0; j < economy.tradeCount; j++) {
    const counter = economy.counter[j];
    const trade: DealTrade = {
      seller: index.firmId(economy.partyFirm[economy.seller[j]]),
      buyer: index.firmId(economy.partyFirm[economy.buyer[j]]),
      product: index.productId(index.tradeProduct(economy.tradeId[j])),
      quantity: economy.quantity[j],
      unitPrice: economy.unitPrice[j],
      margin: economy.margin[j],
      premium: economy.premium[j],
      probability: economy.probability[j],
      discount: economy.discount[j],
      counter: Number.isNaN(counter) ? null : counter,
    };
    trades.push(
      room
        ? { ...trade, discountRange: rangeOf(economy, economy.discountMin, economy.discountMax, j) }
        : trade,
    );
  }
  const parties = partyFigures(economy, index, room);
  return {
    id,
    kind: economy.kind as Kind,
    feasible: economy.feasible,
    score: objectiveValue(economy, objective),
    surplus: economy.surplus,
    probability: economy.dealProbability,
    expectedSurplus: economy.dealProbability * economy.surplus,
    trades,
    parties,
    defensible: economy.feasible && parties.every((p) => p.defensible),
    ...(initiator >= 0 ? { initiator: initiatorFigures(economy, index, initiator, parties) } : {}),
  };
}
