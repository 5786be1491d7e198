/**
 * Where a deal's firms and trades go in its diagram: a ring.
 *
 * Every deal SPEC §4 knows is a ring or part of one: a cycle's firms in trade
 * order around a circle (the arrows run clockwise), a chain's the same with
 * the closing arc left open, and a brokered triangle with the middle firm M at
 * the top, the buyer D at the right and the sponsor S at the left, so that
 * S → D is the triangle's base. A `custom` deal (a proposal of no SPEC shape)
 * puts its parties on the ring in the order they appear. A general layered
 * layout (elkjs, dagre) would add a dependency and place 2 to 12 nodes on a
 * known shape no better than this; what this file must get right is that no
 * edge label overlaps a node, and it sizes the ring from the labels for that.
 *
 * Edges are quadratic curves: straight for a lone edge, bent to their right
 * (by their direction) where two firms trade both ways or more than once, so
 * that a 2-cycle's two trades are two arcs, one above and one below. A label
 * sits beside its curve's middle on the side away from the ring's centre, so
 * no line runs through its text.
 */
import type { Deal } from "../economics/deal.js";

/** A point of the drawing (SVG user units, y down). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A firm's box: its centre. */
export interface LaidOutFirm extends Point {
  readonly firm: string;
}

/** A trade's curve: from the seller's box to the buyer's, bent through `control`, with its label's centre. */
export interface LaidOutTrade {
  /** The trade's index in `deal.trades`. */
  readonly trade: number;
  readonly start: Point;
  readonly control: Point;
  readonly end: Point;
  readonly label: Point;
}

/** The diagram's geometry. */
export interface DealLayout {
  /** The drawing's bounds, margins included (a `viewBox`). */
  readonly minX: number;
  readonly minY: number;
  readonly width: number;
  readonly height: number;
  readonly firms: readonly LaidOutFirm[];
  readonly trades: readonly LaidOutTrade[];
}

/** Sizes the layout works with. */
export interface LayoutSizes {
  /** A firm's box. */
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  /** The largest trade label (its lines' box). */
  readonly labelWidth: number;
  readonly labelHeight: number;
}

/** Space kept between a label and a box, and around the drawing. */
const gap = 18;
/** Space left between an arrow's tip and the box it points at. */
const arrowGap = 3;

/** The firms in ring order, clockwise from the top. */
export function ringOrder(deal: Deal): string[] {
  const trades = deal.trades;
  if (trades.length === 0) return deal.parties.map((p) => p.firm);
  if (deal.kind === "cycle") return trades.map((t) => t.seller);
  if (deal.kind === "chain")
    return [...trades.map((t) => t.seller), trades[trades.length - 1].buyer];
  if (deal.kind === "brokered") {
    const [sm, md] = trades;
    return [sm.buyer, md.buyer, sm.seller];
  }
  return deal.parties.map((p) => p.firm);
}

/** The ring's radius: adjacent boxes far enough apart for a label between them. */
function ringRadius(k: number, sizes: LayoutSizes): number {
  const chord = Math.max(sizes.nodeWidth, sizes.nodeHeight) + sizes.labelWidth + 2 * gap;
  return k < 2 ? 0 : chord / (2 * Math.sin(Math.PI / k));
}

/** Where the segment from a box's centre towards `toward` leaves the box (with the arrow gap). */
function boxExit(centre: Point, toward: Point, sizes: LayoutSizes): Point {
  const dx = toward.x - centre.x;
  const dy = toward.y - centre.y;
  const halfW = sizes.nodeWidth / 2 + arrowGap;
  const halfH = sizes.nodeHeight / 2 + arrowGap;
  const t = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : halfW / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : halfH / Math.abs(dy),
  );
  if (!(t < 1)) return centre; // `toward` is inside the box: nothing to clip
  return { x: centre.x + dx * t, y: centre.y + dy * t };
}

/** The firms' centres: on a circle, the first at the top (two firms: left and right). */
function ringPositions(order: readonly string[], sizes: LayoutSizes): LaidOutFirm[] {
  const k = order.length;
  const radius = ringRadius(k, sizes);
  return order.map((firm, i) => {
    // Two firms sit left and right so that their two arcs bend up and down.
    const angle = k === 2 ? Math.PI * (1 - i) : -Math.PI / 2 + (2 * Math.PI * i) / k;
    return { firm, x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
  });
}

/**
 * Lays a deal out: its firms on a ring, its trades as curves between their
 * boxes, each label at its curve's middle.
 */
export function layoutDeal(deal: Deal, sizes: LayoutSizes): DealLayout {
  const firms = ringPositions(ringOrder(deal), sizes);
  const at = new Map(firms.map((f) => [f.firm, f]));
  const pairKey = (a: string, b: string) => JSON.stringify([a, b]);
  const perPair = new Map<string, number>();
  for (const t of deal.trades) {
    const key = pairKey(t.seller, t.buyer);
    perPair.set(key, (perPair.get(key) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  // Bend: a label's height and a half, so two arcs between the same firms keep their labels apart.
  const bend = sizes.labelHeight * 1.5 + gap;
  const trades = deal.trades.map((t, trade): LaidOutTrade => {
    const a = at.get(t.seller) ?? { x: 0, y: 0 };
    const b = at.get(t.buyer) ?? { x: 0, y: 0 };
    const key = pairKey(t.seller, t.buyer);
    const same = perPair.get(key) ?? 1;
    const reverse = perPair.get(pairKey(t.buyer, t.seller)) ?? 0;
    const j = seen.get(key) ?? 0;
    seen.set(key, j + 1);
    // Offset to the right of the direction a → b: all on one side when the pair trades both ways.
    const offset = reverse > 0 ? (j + 1) * bend : (j - (same - 1) / 2) * bend;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    const middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    // The control point sits at twice the offset: a quadratic curve passes halfway to it.
    const control = {
      x: middle.x - (dy / length) * offset * 2,
      y: middle.y + (dx / length) * offset * 2,
    };
    const start = boxExit(a, control, sizes);
    const end = boxExit(b, control, sizes);
    // The drawn curve's middle, then the label beside it, away from the ring's centre (no line through the text).
    const apex = {
      x: (start.x + end.x) / 4 + control.x / 2,
      y: (start.y + end.y) / 4 + control.y / 2,
    };
    const away = Math.hypot(apex.x, apex.y) > 1 ? apex : { x: -dy, y: dx };
    const norm = Math.hypot(away.x, away.y) || 1;
    const nx = away.x / norm;
    const ny = away.y / norm;
    const clearance = (Math.abs(nx) * sizes.labelWidth + Math.abs(ny) * sizes.labelHeight) / 2 + 4;
    const label = { x: apex.x + nx * clearance, y: apex.y + ny * clearance };
    return { trade, start, control, end, label };
  });
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const cover = (p: Point, halfW: number, halfH: number) => {
    minX = Math.min(minX, p.x - halfW);
    maxX = Math.max(maxX, p.x + halfW);
    minY = Math.min(minY, p.y - halfH);
    maxY = Math.max(maxY, p.y + halfH);
  };
  for (const f of firms) cover(f, sizes.nodeWidth / 2, sizes.nodeHeight / 2);
  for (const t of trades) {
    cover(t.label, sizes.labelWidth / 2, sizes.labelHeight / 2);
    // A curve stays within its ends and halfway to its control point.
    cover(
      {
        x: (t.start.x + t.end.x) / 4 + t.control.x / 2,
        y: (t.start.y + t.end.y) / 4 + t.control.y / 2,
      },
      0,
      0,
    );
  }
  if (firms.length === 0) cover({ x: 0, y: 0 }, 0, 0);
  return {
    minX: minX - gap,
    minY: minY - gap,
    width: maxX - minX + 2 * gap,
    height: maxY - minY + 2 * gap,
    firms,
    trades,
  };
}
