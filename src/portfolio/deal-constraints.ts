/**
 * Maps deals onto the constraints of SPEC §6 through the trade index: one row
 * per offer (Σ q ≤ capacity), per need (Σ q ≤ quantity) and per firm with a
 * finite maxDeals (number of chosen deals it is in ≤ maxDeals).
 */
import type { Deal } from "../economics/deal.js";
import { UsageError } from "../model/errors.js";
import type { Network } from "../model/types.js";
import { tradeIndexOf } from "../trade-index/trade-index.js";
import type { Deadline } from "./deadline.js";
import type { PackingModel } from "./packing-model.js";
import type { Work } from "./work.js";

/**
 * Builds the packing model of `deals` (column j's deal is `deals[model.deal[j]]`,
 * its objective `values[j]`); a deal that alone exceeds a row stays in (the
 * reduction drops it). Rows are numbered offers first, then needs, then
 * firms, each in trade-index order; rows no deal uses stay empty (reduction
 * drops them). Throws `UsageError` when a trade is not a potential trade of
 * the network (an unknown firm, offer or need) or has a negative quantity.
 * Stops at `deadline` (when given): the model then holds the deals read so
 * far, and `unread` is the sum of the positive values of the others.
 */
export function* dealConstraints(
  network: Network,
  deals: readonly Deal[],
  values: ArrayLike<number>,
  deadline?: Deadline,
): Work<{ model: PackingModel; unread: number }> {
  const index = tradeIndexOf(network);
  const offerCount = index.offerCapacity.length;
  const needCount = index.needQuantity.length;
  const firmRow = offerCount + needCount;
  const rowCount = firmRow + index.firmCount;
  const capacity = new Float64Array(rowCount);
  capacity.set(index.offerCapacity, 0);
  capacity.set(index.needQuantity, offerCount);
  for (let f = 0; f < index.firmCount; f++) capacity[firmRow + f] = index.firmMaxDeals[f];

  const starts = new Int32Array(deals.length + 1);
  // At most 4 rows a trade (offer, need, seller, buyer): sized once, viewed at the end.
  let most = 0;
  for (const deal of deals) most += 4 * deal.trades.length;
  const rows = new Int32Array(most);
  const coefficients = new Float64Array(most);
  let at = 0;
  // The rows of one deal with their amounts (a deal touches a dozen rows at most).
  const entryRows: number[] = [];
  const entryAmounts: number[] = [];
  const order: number[] = [];
  const add = (row: number, amount: number, sum: boolean): void => {
    const at = entryRows.indexOf(row);
    if (at < 0) {
      entryRows.push(row);
      entryAmounts.push(amount);
    } else if (sum) entryAmounts[at] += amount;
  };
  let d = 0;
  for (; d < deals.length; d++) {
    if ((d & 0xff) === 0xff) {
      if (deadline?.expired()) break;
      yield;
    }
    const deal = deals[d];
    entryRows.length = 0;
    entryAmounts.length = 0;
    const trades = deal.trades;
    for (let t = 0; t < trades.length; t++) {
      const trade = trades[t];
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
      const q = trade.quantity;
      if (!(q >= 0) || !Number.isFinite(q)) {
        throw new UsageError(`deal ${deal.id}: trade ${t} has quantity ${q}`);
      }
      if (q > 0) {
        add(offer, q, true);
        add(offerCount + need, q, true);
      }
      if (Number.isFinite(index.firmMaxDeals[s])) add(firmRow + s, 1, false);
      if (Number.isFinite(index.firmMaxDeals[b])) add(firmRow + b, 1, false);
    }
    order.length = 0;
    for (let e = 0; e < entryRows.length; e++) order.push(e);
    order.sort((x, y) => entryRows[x] - entryRows[y]);
    for (const e of order) {
      rows[at] = entryRows[e];
      coefficients[at++] = entryAmounts[e];
    }
    starts[d + 1] = at;
  }
  const read = d;
  let unread = 0;
  for (; d < deals.length; d++) unread += Math.max(0, values[d]);
  const model: PackingModel = {
    columnCount: read,
    rowCount,
    value: Float64Array.from({ length: read }, (_, j) => values[j]),
    deal: Int32Array.from({ length: read }, (_, j) => j),
    columnStarts: starts.subarray(0, read + 1),
    columnRows: rows.subarray(0, at),
    columnCoefficients: coefficients.subarray(0, at),
    capacity,
  };
  return { model, unread };
}
