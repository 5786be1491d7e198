/**
 * How output for people names a firm (SPEC §8): by its `name`, with the id in
 * brackets where they differ (`Special Steel Co (steel)`), by its id alone
 * when it has no name. A `Deal` carries ids only; the labels come from the
 * network, looked up through its trade index (built once per network).
 */
import type { Network } from "../../model/types.js";
import { tradeIndexOf } from "../../trade-index/trade-index.js";

/** Names and money unit of one network, for the formatters. */
export interface NetworkLabels {
  /** `name (id)`, or the id when the firm has no name, the same name, or is not in the network. */
  firm(id: string): string;
  /** The firm's `name`, or its id. */
  name(id: string): string;
  /** The network's currency, when it states one. */
  readonly currency: string | undefined;
}

/** Labels that know no names (ids only) and no currency. */
export const idLabels: NetworkLabels = {
  firm: (id) => id,
  name: (id) => id,
  currency: undefined,
};

/** The labels of `network`'s firms. */
export function labelsOf(network: Network): NetworkLabels {
  const index = tradeIndexOf(network);
  const name = (id: string): string => {
    const f = index.firmIndex(id);
    return f < 0 ? id : (network.firms[index.firmRecord[f]]?.name ?? id);
  };
  return {
    firm: (id) => {
      const n = name(id);
      return n === id || n === "" ? id : `${n} (${id})`;
    },
    name: (id) => {
      const n = name(id);
      return n === "" ? id : n;
    },
    currency: network.currency === "" ? undefined : network.currency,
  };
}
