/**
 * Independent check of a `select --format json` answer, written without the
 * library: it reads the network's JSON itself and recomputes everything.
 *
 * - every trade is a real potential trade (SPEC §3): the seller offers the
 *   product, the buyer needs it, they differ, no relation blocks it, the
 *   seller is not the buyer's incumbent; its quantity, margin and premium are
 *   recomputed from the offer and the need;
 * - every deal has its shape (SPEC §4: a cycle closes, a chain is a path, a
 *   brokered deal is S→M, M→D, S→D) over distinct parties, at most K of them;
 * - the portfolio respects every offer's capacity, need's quantity and firm's
 *   maxDeals (SPEC §6), and with `--disjoint` no firm is in two deals;
 * - each deal's surplus is Σ margin − Σ premium, and the objective (surplus)
 *   is their sum;
 * - with `--mip SECONDS` (cycles only, every firm maxDeals 1, every trade of
 *   quantity 1 as in the kidney networks): every cycle of ≤ K firms is
 *   enumerated here, and the plain cycle formulation (a binary per cycle, a
 *   row per firm) is solved by HiGHS, whose optimum must equal the objective;
 *   with `--lp` too, its LP relaxation only: every portfolio is worth a
 *   multiple of 0.5, so the relaxation's value rounded down to 0.5 bounds the
 *   optimum, and an answer that reaches it is proved optimal independently.
 *
 *   npx tsx bench/portfolio/check-select.ts NETWORK.json ANSWER.json --k 3 [--disjoint] [--mip 600 [--lp]]
 *
 * Prints one JSON line of findings; exits 1 on any problem.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import highsLoader from "highs";

interface Offer {
  product: string;
  price: number;
  cost: number;
  capacity: number;
}
interface Need {
  product: string;
  quantity: number;
  referencePrice?: number;
  switchingCost?: number;
  incumbent?: string;
}
interface Firm {
  id: string;
  maxDeals?: number;
  offers?: Offer[];
  needs?: Need[];
}
interface Relation {
  seller: string;
  buyer: string;
  product?: string;
  blocked?: boolean;
}
interface AnswerTrade {
  seller: string;
  buyer: string;
  product: string;
  quantity: number;
  margin: number;
  premium: number;
}
interface AnswerDeal {
  id: string;
  kind: "cycle" | "brokered" | "chain";
  surplus: number;
  trades: AnswerTrade[];
}
interface Answer {
  deals: AnswerDeal[];
  objective: number;
  bound: number;
  optimal: boolean;
  status: string;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    k: { type: "string", default: "3" },
    disjoint: { type: "boolean", default: false },
    mip: { type: "string" },
    lp: { type: "boolean", default: false },
  },
});
const [networkPath, answerPath] = positionals;
if (networkPath === undefined || answerPath === undefined)
  throw new Error("usage: check-select.ts NETWORK.json ANSWER.json --k K [--disjoint] [--mip S]");
const k = Number(values.k);
const network = JSON.parse(readFileSync(networkPath, "utf8")) as {
  firms: Firm[];
  relations?: Relation[];
};
const answer = JSON.parse(readFileSync(answerPath, "utf8")) as Answer;

const firms = new Map(network.firms.map((f) => [f.id, f]));
const key = (...parts: string[]) => parts.join("\u0000");
const offers = new Map<string, Offer>();
const needs = new Map<string, Need>();
for (const f of network.firms) {
  for (const o of f.offers ?? []) offers.set(key(f.id, o.product), o);
  for (const n of f.needs ?? []) needs.set(key(f.id, n.product), n);
}
const blocked = new Set<string>();
for (const r of network.relations ?? []) {
  if (r.blocked !== true) continue;
  blocked.add(key(r.seller, r.buyer, r.product ?? ""));
}

const problems: string[] = [];
const problem = (text: string) => {
  if (problems.length < 20) problems.push(text);
};
const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const offerUse = new Map<string, number>();
const needUse = new Map<string, number>();
const dealsOf = new Map<string, number>();
let objective = 0;
let trades = 0;
for (const deal of answer.deals) {
  let margin = 0;
  let premium = 0;
  const parties = new Set<string>();
  for (const t of deal.trades) {
    trades++;
    parties.add(t.seller);
    parties.add(t.buyer);
    const offer = offers.get(key(t.seller, t.product));
    const need = needs.get(key(t.buyer, t.product));
    if (offer === undefined || need === undefined || t.seller === t.buyer) {
      problem(`${deal.id}: ${t.seller}→${t.buyer} ${t.product} is no potential trade`);
      continue;
    }
    if (
      blocked.has(key(t.seller, t.buyer, t.product)) ||
      blocked.has(key(t.seller, t.buyer, "")) ||
      need.incumbent === t.seller
    )
      problem(`${deal.id}: ${t.seller}→${t.buyer} ${t.product} is blocked`);
    const q = Math.min(offer.capacity, need.quantity);
    const m = (offer.price - offer.cost) * q;
    const c = (offer.price - (need.referencePrice ?? offer.price)) * q + (need.switchingCost ?? 0);
    if (t.quantity !== q || !close(t.margin, m) || !close(t.premium, c))
      problem(
        `${deal.id}: trade figures ${t.quantity}/${t.margin}/${t.premium}, expected ${q}/${m}/${c}`,
      );
    margin += m;
    premium += c;
    const o = key(t.seller, t.product);
    const n = key(t.buyer, t.product);
    offerUse.set(o, (offerUse.get(o) ?? 0) + q);
    needUse.set(n, (needUse.get(n) ?? 0) + q);
  }
  // Shape (SPEC §4).
  const ts = deal.trades;
  const size = parties.size;
  let shaped = false;
  if (deal.kind === "cycle")
    shaped =
      size === ts.length &&
      size >= 2 &&
      size <= k &&
      ts.every((t, i) => t.buyer === ts[(i + 1) % ts.length]?.seller);
  else if (deal.kind === "chain")
    shaped =
      size === ts.length + 1 &&
      size >= 3 &&
      size <= k &&
      ts.every((t, i) => i === ts.length - 1 || t.buyer === ts[i + 1]?.seller);
  else if (deal.kind === "brokered") {
    const [sm, md, sd] = ts;
    shaped =
      ts.length === 3 &&
      size === 3 &&
      sm !== undefined &&
      md !== undefined &&
      sd !== undefined &&
      sm.buyer === md.seller &&
      sd.seller === sm.seller &&
      sd.buyer === md.buyer;
  }
  if (!shaped) problem(`${deal.id}: not a ${deal.kind} of ≤ ${k} distinct parties`);
  const surplus = margin - premium;
  if (!close(surplus, deal.surplus))
    problem(`${deal.id}: surplus ${deal.surplus}, recomputed ${surplus}`);
  objective += surplus;
  for (const p of parties) {
    dealsOf.set(p, (dealsOf.get(p) ?? 0) + 1);
    if (!firms.has(p)) problem(`${deal.id}: ${p} is no firm`);
  }
}
for (const [o, used] of offerUse) {
  const cap = offers.get(o)?.capacity ?? 0;
  if (used > cap + 1e-9) problem(`offer ${o.replace("\u0000", " ")}: ${used} > capacity ${cap}`);
}
for (const [n, used] of needUse) {
  const qty = needs.get(n)?.quantity ?? 0;
  if (used > qty + 1e-9) problem(`need ${n.replace("\u0000", " ")}: ${used} > quantity ${qty}`);
}
for (const [p, count] of dealsOf) {
  const max = firms.get(p)?.maxDeals ?? Number.POSITIVE_INFINITY;
  if (count > max) problem(`${p}: in ${count} deals, maxDeals ${max}`);
  if (values.disjoint && count > 1) problem(`${p}: in ${count} deals (not disjoint)`);
}
if (!close(objective, answer.objective))
  problem(`objective ${answer.objective}, the deals sum to ${objective}`);
if (answer.bound < answer.objective - 1e-9) problem(`bound ${answer.bound} < objective`);

/** Every cycle of ≤ K firms over the arcs seller → buyer (each listed once, from its smallest firm). */
function* cycles(): Generator<number[]> {
  const ids = network.firms.map((f) => f.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const buyersOf = new Map<string, number[]>();
  for (const f of network.firms)
    for (const n of f.needs ?? []) {
      const list = buyersOf.get(n.product) ?? [];
      list.push(index.get(f.id) ?? -1);
      buyersOf.set(n.product, list);
    }
  const out: number[][] = ids.map(() => []);
  network.firms.forEach((f, i) => {
    const set = new Set<number>();
    for (const o of f.offers ?? [])
      for (const b of buyersOf.get(o.product) ?? []) if (b !== i) set.add(b);
    out[i] = [...set];
  });
  const path: number[] = [];
  const on = new Uint8Array(ids.length);
  function* walk(root: number, v: number): Generator<number[]> {
    for (const w of out[v] ?? []) {
      if (w === root && path.length >= 2) yield [...path];
      else if (w > root && on[w] === 0 && path.length < k) {
        path.push(w);
        on[w] = 1;
        yield* walk(root, w);
        on[w] = 0;
        path.pop();
      }
    }
  }
  for (let root = 0; root < ids.length; root++) {
    path.push(root);
    on[root] = 1;
    yield* walk(root, root);
    on[root] = 0;
    path.pop();
  }
}

let mip:
  | { relaxation: boolean; cycles: number; status: string; objective: number; seconds: number }
  | undefined;
if (values.mip !== undefined) {
  const rows = network.firms.map(() => [] as number[]);
  const objectiveTerms: string[] = [];
  let count = 0;
  for (const cycle of cycles()) {
    // Kidney networks: each trade leaves surplus 0.5 (checked above on the answer's trades).
    objectiveTerms.push(`${0.5 * cycle.length} x${count}`);
    for (const v of cycle) rows[v]?.push(count);
    count++;
  }
  const lines = ["Maximize", ` obj: ${objectiveTerms.join(" + ")}`, "Subject To"];
  rows.forEach((r, i) => {
    if (r.length > 1) lines.push(` f${i}: ${r.map((j) => `x${j}`).join(" + ")} <= 1`);
  });
  if (values.lp) {
    lines.push("Bounds");
    for (let j = 0; j < count; j++) lines.push(` x${j} <= 1`);
  } else {
    lines.push("Binary");
    for (let j = 0; j < count; j += 1000)
      lines.push(
        ` ${Array.from({ length: Math.min(1000, count - j) }, (_, i) => `x${j + i}`).join(" ")}`,
      );
  }
  lines.push("End");
  const highs = await highsLoader();
  const started = performance.now();
  const solved = highs.solve(lines.join("\n"), {
    time_limit: Number(values.mip),
    mip_rel_gap: 0,
    output_flag: false,
  });
  mip = {
    relaxation: values.lp,
    cycles: count,
    status: solved.Status,
    objective: solved.ObjectiveValue,
    seconds: (performance.now() - started) / 1000,
  };
  if (values.lp) {
    // Every portfolio is worth a multiple of 0.5 (kidney: 0.5 a transplant).
    const bound = Math.floor(solved.ObjectiveValue * 2 + 1e-6) / 2;
    if (solved.Status !== "Optimal" || answer.objective < bound - 1e-9)
      problem(
        `HiGHS's LP relaxation: ${solved.Status}, bound ${bound}, the answer ${answer.objective}`,
      );
  } else if (solved.Status === "Optimal" && !close(solved.ObjectiveValue, answer.objective))
    problem(
      `HiGHS's cycle formulation: optimum ${solved.ObjectiveValue}, the answer ${answer.objective}`,
    );
}

console.log(
  JSON.stringify({
    deals: answer.deals.length,
    trades,
    objective,
    bound: answer.bound,
    status: answer.status,
    ...(mip === undefined ? {} : { mip }),
    problems,
  }),
);
process.exitCode = problems.length === 0 ? 0 : 1;
