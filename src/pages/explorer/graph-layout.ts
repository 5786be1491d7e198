/**
 * Where the explorer draws each firm. Two small layouts of our own, each
 * linear in the graph's size (a force-directed layout of 10,000 firms and
 * 90,000 trades takes seconds a run, and its picture says less here):
 *
 * - around an initiator: rings by distance in trades (the breadth-first walk
 *   of graphology-traversal over trades in both directions), the initiator at
 *   the centre, each ring ordered by the angle of the firm's neighbour on the
 *   ring inside, so a branch stays together; a crowded ring is split into a
 *   few close circles. Firms beyond the last ring sit on an outer ring. The
 *   deals of k parties lie within the first k − 1 rings.
 * - without one: a disc cut into a sector per industry (in proportion to its
 *   firms), the firms of a sector spread over it on a sunflower spiral.
 */
import { bfsFromNode } from "graphology-traversal";
import type { TradeGraph } from "../../interop/graph.js";

/** A firm's place, and its ring (distance in trades from the centre; -1 without a centre). */
export interface FirmPlace {
  readonly x: number;
  readonly y: number;
  readonly ring: number;
}

/** Distance between two rings, and the least arc between two firms on a ring. */
const ringGap = 100;
const spacing = 9;

/** Rings of fewer firms than this are laid on an arc, not all round. */
const smallRing = 6;

/** The mean direction of some angles (the angle of the sum of their unit vectors; 0 for none). */
function meanAngle(angles: readonly number[]): number {
  let x = 0;
  let y = 0;
  for (const a of angles) {
    x += Math.cos(a);
    y += Math.sin(a);
  }
  return x === 0 && y === 0 ? 0 : Math.atan2(y, x);
}

/** Rings around `centre`: firms within `depth` trades, then the rest on one outer ring. */
export function radialLayout(
  graph: TradeGraph,
  centre: string,
  depth: number,
): Map<string, FirmPlace> {
  const ringOf = new Map<string, number>();
  bfsFromNode(
    graph,
    centre,
    (node, _attributes, d) => {
      ringOf.set(node, d);
      return d >= depth;
    },
    { mode: "directed" },
  );
  const rings: string[][] = [];
  graph.forEachNode((node) => {
    const ring = ringOf.get(node) ?? depth + 1;
    ringOf.set(node, ring);
    const list = rings[ring] ?? [];
    rings[ring] = list;
    list.push(node);
  });
  const places = new Map<string, FirmPlace>();
  const angleOf = new Map<string, number>();
  places.set(centre, { x: 0, y: 0, ring: 0 });
  angleOf.set(centre, 0);
  for (let r = 1; r < rings.length; r++) {
    const firms = rings[r] ?? [];
    // A firm's key: the angle of a neighbour on the ring inside (the outer ring: any placed neighbour).
    const key = new Map<string, number>();
    for (const firm of firms) {
      let angle = Number.POSITIVE_INFINITY;
      graph.forEachNeighbor(firm, (other) => {
        const a = angleOf.get(other);
        if (a !== undefined && (ringOf.get(other) ?? 0) < r && a < angle) angle = a;
      });
      key.set(firm, Number.isFinite(angle) ? angle : 0);
    }
    firms.sort((a, b) => (key.get(a) ?? 0) - (key.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    const radius = r * ringGap;
    const perCircle = Math.max(1, Math.floor((2 * Math.PI * radius) / spacing));
    const circles = Math.ceil(firms.length / perCircle);
    // A ring of a few firms is an arc (60° apart) around where its neighbours inside are, so
    // that no trade between two of them runs through the centre; a fuller ring goes all round.
    const few = firms.length < smallRing;
    const base = r === 1 ? Math.PI / 2 : meanAngle(firms.map((firm) => key.get(firm) ?? 0));
    firms.forEach((firm, i) => {
      const angle = few
        ? base + (i - (firms.length - 1) / 2) * (Math.PI / 3)
        : (2 * Math.PI * (i + 0.5)) / firms.length;
      const circle = i % circles;
      const rho = radius + (circles === 1 ? 0 : (circle / (circles - 1) - 0.5) * ringGap * 0.6);
      angleOf.set(firm, angle);
      places.set(firm, { x: rho * Math.cos(angle), y: rho * Math.sin(angle), ring: r });
    });
  }
  return places;
}

/** The golden angle's share of a turn: consecutive sunflower seeds never line up. */
const goldenTurn = (3 - Math.sqrt(5)) / 2;

/** A disc with a sector per industry (firms without one together), each filled on a sunflower spiral. */
export function industryLayout(graph: TradeGraph): Map<string, FirmPlace> {
  const byIndustry = new Map<string, string[]>();
  graph.forEachNode((node, attributes) => {
    const industry = attributes.industry ?? "";
    const list = byIndustry.get(industry) ?? [];
    byIndustry.set(industry, list);
    list.push(node);
  });
  const total = Math.max(1, graph.order);
  const radius = Math.sqrt(total) * 6;
  const places = new Map<string, FirmPlace>();
  let start = 0;
  for (const industry of [...byIndustry.keys()].sort()) {
    const firms = byIndustry.get(industry) ?? [];
    const span = (2 * Math.PI * firms.length) / total;
    firms.forEach((firm, i) => {
      // Radius by area (uniform density); angle by the golden turn, within the sector, off its edges.
      const rho = radius * Math.sqrt((i + 0.5) / firms.length);
      const angle = start + span * (0.05 + 0.9 * ((i * goldenTurn) % 1));
      places.set(firm, { x: rho * Math.cos(angle), y: rho * Math.sin(angle), ring: -1 });
    });
    start += span;
  }
  return places;
}
