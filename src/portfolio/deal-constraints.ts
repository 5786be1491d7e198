/**
 * Maps deals onto the constraints of SPEC §6 through the trade index: one row
 * per offer (Σ q ≤ capacity), per need (Σ q ≤ quantity) and per firm with a
 * finite maxDeals (number of chosen deals it is in ≤ maxDeals).
 */
import type { Deal } from "../economics/deal.js";
import { tradeIndexOf } from "../index/trade-index.js";
import { UsageError } from "../model/errors.js";
import type { Network } from "../model/types.js";
import type { PackingModel } from "./packing-model.js";

/**
 * Builds the packing model of `deals` (column j's deal is `deals[model.deal[j]]`,
 * its objective `values[j]`); a deal that alone exceeds a row stays in (the
 * reduction drops it). Rows are numbered offers first, then needs, then
 * firms, each in trade-index order; rows no deal uses stay empty (reduction
 * drops them). Throws `UsageError` when a trade is not a potential trade of
 * the network (an unknown firm, offer or need) or has a negative quantity.
 */
export function dealConstraints(
  network: Network,
  deals: readonly Deal[],
  values: ArrayLike<number>,
): PackingModel {
  const index = tradeIndexOf(network);
  const offerCount = index.offerCapacity.length;
  const needCount = index.needQuantity.length;
  const firmRow = offerCount + needCount;
  const rowCount = firmRow + index.firmCount;
  const capacity = new Float64Array(rowCount);
  capacity.set(index.offerCapacity, 0);
  capacity.set(index.needQuantity, offerCount);
  for (let f = 0; f < index.firmCount; f++) capacity[firmRow + f] = index.firmMaxDeals[f]!;

  const starts: number[] = [0];
  const rows: number[] = [];
  const coefficients: number[] = [];
  const kept: number[] = [];
  const keptValues: number[] = [];
  const entry = new Map<number, number>();
  deals.forEach((deal, d) => {
    entry.clear();
    const add = (row: number, amount: number): void => {
      entry.set(row, (entry.get(row) ?? 0) + amount);
    };
    deal.trades.forEach((trade, t) => {
      const s = index.firmIndex(trade.seller);
      const b = index.firmIndex(trade.buyer);
      const p = index.productIndex(trade.product);
      const offer = s < 0 || p < 0 ? -1 : index.findOffer(s, p);
      const need = b < 0 || p < 0 ? -1 : index.findNeed(b, p);
      if (offer < 0 || need < 0) {
        throw new UsageError(
          `deal ${deal.id}: trade ${t} (${trade.seller}>${trade.buyer}:${trade.product}) ` +
            `is not a potential trade of the network`,
        );
      }
      if (!(trade.quantity >= 0) || !Number.isFinite(trade.quantity)) {
        throw new UsageError(`deal ${deal.id}: trade ${t} has quantity ${trade.quantity}`);
      }
      if (trade.quantity > 0) {
        add(offer, trade.quantity);
        add(offerCount + need, trade.quantity);
      }
      for (const f of [s, b]) {
        if (Number.isFinite(index.firmMaxDeals[f]!)) entry.set(firmRow + f, 1);
      }
    });
    const sorted = [...entry.keys()].sort((x, y) => x - y);
    for (const row of sorted) {
      rows.push(row);
      coefficients.push(entry.get(row)!);
    }
    starts.push(rows.length);
    kept.push(d);
    keptValues.push(values[d]!);
  });
  return {
    columnCount: kept.length,
    rowCount,
    value: Float64Array.from(keptValues),
    deal: Int32Array.from(kept),
    columnStarts: Int32Array.from(starts),
    columnRows: Int32Array.from(rows),
    columnCoefficients: Float64Array.from(coefficients),
    capacity,
  };
}
