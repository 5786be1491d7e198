/**
 * A party's negotiation room (SPEC §5) as a bar: from its floor (the least
 * net it can be pushed to) to its ceiling (the most it can ask for), with the
 * policy's point — its net under the deal's discounts — marked. The bars of
 * one deal share a scale, so a wide bar is a party with much room, and zero
 * is marked where the scale crosses it. Plain HTML boxes placed in percent,
 * so the bar prints and scales with the page; the values are written under
 * it and in `data-` attributes.
 */
import type { Deal, PartyFigures } from "../economics/deal.js";
import { attributes, escapeHtml } from "./html.js";

/** The money scale the bars of one deal share. */
export interface RoomScale {
  readonly low: number;
  readonly high: number;
}

/** The scale of a deal's bars: every floor, ceiling and net, and zero. */
export function roomScale(deal: Deal): RoomScale {
  let low = 0;
  let high = 0;
  for (const party of deal.parties) {
    const values = [party.net, ...(party.netRange ?? [])];
    for (const v of values) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  return high > low ? { low, high } : { low, high: low + 1 };
}

/** Where `value` falls on the scale, in percent (clamped to 0..100). */
export function scalePercent(value: number, scale: RoomScale): number {
  const share = (value - scale.low) / (scale.high - scale.low);
  return Math.round(Math.min(1, Math.max(0, share)) * 10000) / 100;
}

/** The bar of one party; money written by `money`. */
export function roomBarHtml(
  party: PartyFigures,
  scale: RoomScale,
  money: (x: number) => string,
): string {
  const range = party.netRange;
  // Without the room, or with none (an infeasible deal: its sheet says so once), no bar.
  if (range === undefined || range === null) return "";
  const [floor, ceiling] = range;
  const from = scalePercent(floor, scale);
  const to = scalePercent(ceiling, scale);
  const at = scalePercent(party.net, scale);
  const zero =
    scale.low < 0 ? `<span class="room-zero" style="left:${scalePercent(0, scale)}%"></span>` : "";
  const value = (field: string, label: string, x: number) =>
    `<div><dt>${label}</dt><dd ${attributes({ "data-field": field, "data-value": x })}>${escapeHtml(money(x))}</dd></div>`;
  return (
    `<div ${attributes({ class: "room", "data-floor": floor, "data-ceiling": ceiling, "data-net": party.net })}>` +
    `<div class="room-bar" role="img" aria-label="${escapeHtml(
      `room from ${money(floor)} to ${money(ceiling)}, the deal's discounts at ${money(party.net)}`,
    )}">${zero}` +
    `<span class="room-range" style="left:${from}%;width:${Math.max(0, to - from)}%"></span>` +
    `<span class="room-point" style="left:${at}%"></span></div>` +
    `<dl class="room-values">${value("roomFloor", "floor", floor)}${value("roomPoint", "this deal", party.net)}` +
    `${value("roomCeiling", "ceiling", ceiling)}</dl></div>`
  );
}
