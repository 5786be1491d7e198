/**
 * Turns a priced economy into the public `Deal` (SPEC §5, §8): ids, trades,
 * per-party figures and the initiator's figures. Only deals that are handed
 * out are built; the hot loops work on the economy alone.
 */
import type { TradeIndex } from "../trade-index/trade-index.js";
import type { Deal, DealTrade, InitiatorFigures, Objective, PartyFigures } from "./deal.js";
import type { DealEconomy } from "./deal-economy.js";
import { objectiveValue } from "./objective.js";

/** Every party's figures, as SPEC §5 defines them. */
function partyFigures(economy: DealEconomy, index: TradeIndex): PartyFigures[] {
  const parties: PartyFigures[] = [];
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
    parties.push({
      firm: index.firmIds[economy.partyFirm[v]],
      marginGained,
      premiumPaid,
      discountGiven,
      discountReceived,
      net: economy.net[v],
    });
  }
  return parties;
}

/** The initiator's figures; all 0 (efficiency Infinity) when it is not a party. */
function initiatorFigures(
  economy: DealEconomy,
  index: TradeIndex,
  initiator: number,
  parties: readonly PartyFigures[],
): InitiatorFigures {
  const i = economy.initiatorParty;
  const firm = index.firmIds[initiator];
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
export function buildDeal(
  economy: DealEconomy,
  index: TradeIndex,
  id: string,
  objective: Objective,
  initiator: number,
): Deal {
  const trades: DealTrade[] = [];
  for (let j = 0; j < economy.tradeCount; j++) {
    trades.push({
      seller: index.firmIds[economy.partyFirm[economy.seller[j]]],
      buyer: index.firmIds[economy.partyFirm[economy.buyer[j]]],
      product: index.productIds[index.tradeProduct(economy.tradeId[j])],
      quantity: economy.quantity[j],
      unitPrice: economy.unitPrice[j],
      margin: economy.margin[j],
      premium: economy.premium[j],
      probability: economy.probability[j],
      discount: economy.discount[j],
    });
  }
  const parties = partyFigures(economy, index);
  const deal: Deal = {
    id,
    kind: economy.kind,
    feasible: economy.feasible,
    score: objectiveValue(economy, objective),
    surplus: economy.surplus,
    probability: economy.dealProbability,
    expectedSurplus: economy.dealProbability * economy.surplus,
    trades,
    parties,
    ...(initiator >= 0 ? { initiator: initiatorFigures(economy, index, initiator, parties) } : {}),
  };
  return deal;
}
