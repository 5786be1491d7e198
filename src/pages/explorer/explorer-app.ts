/**
 * The explorer app: the browser entry bundled into `dist/explorer/explorer.js`
 * (with the library, graphology, graphology-traversal and sigma). It reads the
 * data script's network, searches, prices and ranks its deals in the page
 * (`findDeals`, the room included), lists them, and draws the trade graph
 * (`toGraph`) with sigma. A click on a deal (or Enter on it) highlights its
 * firms and trades on the graph, moves the camera to them and opens its
 * sheet (`dealSectionHtml`, as `--format html` writes it). Changing the
 * initiator (when the page holds the whole network), the policy, objective,
 * max parties, competition, kinds or top searches again.
 *
 * For scripts and tests, `globalThis.reciprocalDealsExplorerState` holds the
 * listed deals as SPEC §8 JSON, the highlighted deal, and the load timings
 * (`performance.now()` marks); `document.body.dataset.ready` is set once the
 * first list is shown.
 */
import type { MultiDirectedGraph } from "graphology";
import Sigma from "sigma";
import {
  type Competition,
  competitions,
  type Deal,
  type Objective,
  objectives,
  type Policy,
  policies,
} from "../../economics/deal.js";
import { type DealJson, dealToJson } from "../../economics/deal-json.js";
import { findDeals } from "../../economics/find-deals.js";
import type { FindDealsOptions } from "../../economics/find-options.js";
import { isInitiatorObjective } from "../../economics/objective.js";
import {
  type FirmAttributes,
  type NetworkAttributes,
  type TradeAttributes,
  type TradeGraph,
  toGraph,
} from "../../interop/graph.js";
import { parseNetwork } from "../../model/parse-network.js";
import type { Network } from "../../model/types.js";
import { labelsOf } from "../../proposal/firm-labels.js";
import { type DealKind, dealKinds, maxPartiesLimit } from "../../search/kinds.js";
import { formatMoney, formatNumber } from "../../util/number-format.js";
import { dealSectionHtml, kindTitle } from "../deal-section.js";
import { type ExplorerData, explorerGlobal } from "./explorer-data.js";
import { type FirmPlace, industryLayout, radialLayout } from "./graph-layout.js";

/** A firm as sigma draws it: its attributes and its place (sigma reads `x` and `y`). */
type DrawnFirm = FirmAttributes & { x: number; y: number };

/** The graphology view with places: `toGraph`'s graph, its firms given `x` and `y`. */
type DrawnGraph = MultiDirectedGraph<DrawnFirm, TradeAttributes, NetworkAttributes>;

/** What the page exposes to scripts and tests. */
export interface ExplorerState {
  /** The listed deals, as SPEC §8 JSON. */
  deals: DealJson[];
  /** The highlighted deal's id, or null. */
  highlighted: string | null;
  /** How many searches have listed their deals (a script waits for the next one). */
  searches: number;
  /** `performance.now()` when each step ended. */
  readonly timings: Record<string, number>;
}

/** Colours: rings by distance from the initiator, industries, and a highlighted deal. */
const colours = {
  initiator: "#b7791f",
  rings: ["#b7791f", "#2f6fbd", "#4f8fd6", "#86b3e3", "#a9c6e8"],
  outer: "#c3cfdc",
  industries: [
    "#2f6fbd",
    "#23753f",
    "#b7791f",
    "#7c3aed",
    "#c2410c",
    "#0e7490",
    "#be185d",
    "#4d7c0f",
    "#64748b",
    "#9a3412",
    "#1d4ed8",
    "#15803d",
  ],
  deal: "#d9480f",
  faded: "#e3e8ee",
  edge: "rgba(120, 136, 156, 0.18)",
  plainEdge: "rgba(82, 96, 109, 0.6)",
  fadedEdge: "rgba(120, 136, 156, 0.06)",
};

/** An element of the page by id (the page is ours: a missing one is a defect). */
function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the explorer page has no #${id}`);
  return found as T;
}

/** `<option>`s for a select: a default entry, then a vocabulary. */
function fillSelect(select: HTMLSelectElement, values: readonly string[], defaultText?: string) {
  const entries = defaultText === undefined ? values : ["", ...values];
  for (const value of entries) {
    const option = document.createElement("option");
    option.value = value;
    option.textContent = value === "" ? (defaultText ?? "") : value;
    select.append(option);
  }
}

/** The explorer, once the data is read. */
class Explorer {
  private readonly network: Network;
  private readonly labels: ReturnType<typeof labelsOf>;
  private graph: DrawnGraph | undefined;
  private renderer: Sigma<DrawnFirm, TradeAttributes, NetworkAttributes> | undefined;
  private places = new Map<string, FirmPlace>();
  private sizes = new Map<string, number>();
  /** The camera's ratio for the whole graph: a small graph's labels need room beyond its outer firms. */
  private homeRatio = 1;
  private initiator: string | null;
  private deals: Deal[] = [];
  private selected: Deal | null = null;
  private highlightFirms = new Set<string>();
  /** The highlighted deal's trades on the graph, each with its label (null: said by its reverse's). */
  private highlightEdges = new Map<string, string | null>();
  private searchTimer: number | undefined;

  constructor(
    private readonly data: ExplorerData,
    readonly state: ExplorerState,
  ) {
    this.network = parseNetwork(data.network);
    this.labels = labelsOf(this.network);
    this.initiator = data.initiator;
    state.timings.parsed = performance.now();
  }

  /** The firm an initiator field's text names: an id, a name (any case), or the one firm it starts. */
  private resolveFirm(text: string): string | null | undefined {
    const wanted = text.trim();
    if (wanted === "") return null;
    const lower = wanted.toLowerCase();
    const matches = this.firmMatches(wanted, 2);
    for (const firm of this.network.firms) {
      if (firm.id === wanted) return firm.id;
    }
    for (const firm of this.network.firms) {
      if ((firm.name ?? "").toLowerCase() === lower) return firm.id;
    }
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Up to `limit` firms whose id or name contains the text (any case). */
  private firmMatches(text: string, limit: number): string[] {
    const lower = text.trim().toLowerCase();
    const found: string[] = [];
    if (lower === "") return found;
    for (const firm of this.network.firms) {
      if (
        firm.id.toLowerCase().includes(lower) ||
        (firm.name ?? "").toLowerCase().includes(lower)
      ) {
        found.push(firm.id);
        if (found.length >= limit) break;
      }
    }
    return found;
  }

  /** Sets up the controls from the data: the initiator, the vocabularies, the neighbourhood's limits. */
  setUpControls(): void {
    const initiator = element<HTMLInputElement>("initiator");
    const maxParties = element<HTMLInputElement>("max-parties");
    const note = element<HTMLParagraphElement>("cut-note");
    fillSelect(element("policy"), policies, "default");
    fillSelect(element("objective"), objectives, "default");
    fillSelect(element("competition"), competitions);
    const kinds = element<HTMLFieldSetElement>("options").querySelector("fieldset");
    for (const kind of dealKinds) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "kinds";
      box.value = kind;
      box.checked = kind !== "chain";
      label.append(box, kind);
      kinds?.append(label);
    }
    initiator.value = this.data.initiator ?? "";
    if (this.data.hops !== null) {
      initiator.readOnly = true;
      maxParties.max = String(this.data.hops + 1);
      note.textContent =
        `The page holds the ${formatNumber(this.network.firms.length)} firms within ${this.data.hops} trades of ` +
        `${this.labels.name(this.data.initiator ?? "")} (of ${formatNumber(this.data.firmsInSource)}): ` +
        `its deals of up to ${this.data.hops + 1} parties are all here.`;
    } else {
      maxParties.max = String(Math.min(6, maxPartiesLimit));
      note.textContent = "Pick an initiator to list its deals and centre the graph on it.";
    }
    const form = element<HTMLFormElement>("options");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.search();
    });
    form.addEventListener("change", () => this.scheduleSearch());
    initiator.addEventListener("input", () => this.showMatches(initiator.value));
    element("close-sheet").addEventListener("click", () => this.closeSheet());
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !element("sheet").hidden) this.closeSheet();
    });
    element<HTMLOListElement>("deals").addEventListener("keydown", (event) =>
      this.moveInList(event),
    );
  }

  /** Lists firms matching the initiator field, each a button that picks it. */
  private showMatches(text: string): void {
    const list = element<HTMLUListElement>("firm-matches");
    list.replaceChildren();
    if (this.data.hops !== null) return;
    const matches = this.firmMatches(text, 8);
    if (matches.length === 1 && matches[0] === text.trim()) return;
    for (const firm of matches) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = this.labels.firm(firm);
      button.addEventListener("click", () => {
        element<HTMLInputElement>("initiator").value = firm;
        list.replaceChildren();
        this.search();
      });
      item.append(button);
      list.append(item);
    }
  }

  private scheduleSearch(): void {
    window.clearTimeout(this.searchTimer);
    this.searchTimer = window.setTimeout(() => this.search(), 120);
  }

  /** The options the controls say. */
  private options(): FindDealsOptions | string {
    const form = new FormData(element<HTMLFormElement>("options"));
    const initiator = this.resolveFirm(String(form.get("initiator") ?? ""));
    if (initiator === undefined) return `no firm is called "${String(form.get("initiator"))}"`;
    const policy = String(form.get("policy") ?? "") as Policy | "";
    const objective = String(form.get("objective") ?? "") as Objective | "";
    if (initiator === null && policy === "initiator")
      return "the initiator policy needs an initiator";
    if (initiator === null && objective !== "" && isInitiatorObjective(objective))
      return `the objective ${objective} needs an initiator`;
    const maxParties = Number(form.get("maxParties"));
    const top = Number(form.get("top"));
    const kinds = form.getAll("kinds").map(String) as DealKind[];
    if (kinds.length === 0) return "pick at least one kind of deal";
    return {
      ...(initiator === null ? {} : { initiator }),
      ...(policy === "" ? {} : { policy }),
      ...(objective === "" ? {} : { objective }),
      maxParties,
      competition: String(form.get("competition") ?? "none") as Competition,
      kinds,
      top,
      room: true,
    };
  }

  /** Searches with the controls' options and lists the deals. */
  search(): void {
    const status = element<HTMLParagraphElement>("status");
    const options = this.options();
    if (typeof options === "string") {
      status.textContent = options;
      status.className = "error";
      return;
    }
    const start = performance.now();
    let deals: Deal[];
    try {
      deals = findDeals(this.network, options);
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
      status.className = "error";
      return;
    }
    const ms = performance.now() - start;
    this.state.timings.searched ??= performance.now();
    const initiator = options.initiator ?? null;
    if (initiator !== this.initiator) {
      this.initiator = initiator;
      this.layOut();
    }
    this.deals = deals;
    this.state.deals = deals.map(dealToJson);
    this.state.searches++;
    status.className = "";
    const who = initiator === null ? "" : ` for ${this.labels.name(initiator)}`;
    status.textContent =
      `${formatNumber(deals.length)} deal${deals.length === 1 ? "" : "s"}${who}, ranked by ` +
      `${deals[0]?.initiator === undefined ? (options.objective ?? "expectedSurplus") : (options.objective ?? "expectedInitiatorNet")}` +
      ` · searched and priced in ${formatNumber(ms, 0)} ms`;
    this.renderList();
    const again = this.selected === null ? -1 : deals.findIndex((d) => d.id === this.selected?.id);
    if (again >= 0) this.select(again, false);
    else this.clearSelection();
  }

  private renderList(): void {
    const list = element<HTMLOListElement>("deals");
    const money = (x: number) => formatMoney(x, this.labels.currency);
    const items = this.deals.map((deal, i) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.dealId = deal.id;
      button.setAttribute("aria-pressed", "false");
      const rank = document.createElement("span");
      rank.className = "rank";
      rank.textContent = `#${i + 1}`;
      const names = document.createElement("span");
      names.className = "names";
      names.textContent = deal.parties.map((p) => this.labels.name(p.firm)).join(" · ");
      const figures = document.createElement("span");
      figures.className = "money";
      figures.textContent = `score ${money(deal.score)} · surplus ${money(deal.surplus)}`;
      button.append(rank, kindTitle(deal));
      for (const [good, text] of [
        [deal.feasible, deal.feasible ? "" : "infeasible"],
        [deal.defensible, deal.defensible ? "defensible" : "not defensible"],
      ] as const) {
        if (text === "") continue;
        const badge = document.createElement("span");
        badge.className = `badge ${good ? "good" : "bad"}`;
        badge.textContent = text;
        button.append(badge);
      }
      button.append(names, figures);
      button.addEventListener("click", () => this.select(i, true));
      item.append(button);
      return item;
    });
    list.replaceChildren(...items);
  }

  /** Up and down arrows move between the deals' buttons. */
  private moveInList(event: KeyboardEvent): void {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = [...element("deals").querySelectorAll("button")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)))];
    next?.focus();
    event.preventDefault();
  }

  /** Highlights deal `i` on the graph, moves the camera to it, opens its sheet. */
  select(i: number, openSheet: boolean): void {
    const deal = this.deals[i];
    if (deal === undefined) return;
    this.selected = deal;
    this.state.highlighted = deal.id;
    this.highlightFirms = new Set(deal.parties.map((p) => p.firm));
    this.highlightEdges = new Map();
    const graph = this.graph;
    if (graph !== undefined) {
      for (const t of deal.trades) {
        for (const edge of graph.edges(t.seller, t.buyer)) {
          if (graph.getEdgeAttribute(edge, "product") === t.product)
            this.highlightEdges.set(edge, t.product);
        }
      }
      // Two trades between the same two firms are drawn on one line: one label says both.
      for (const t of deal.trades) {
        if (t.seller >= t.buyer) continue;
        const back = deal.trades.find((u) => u.seller === t.buyer && u.buyer === t.seller);
        if (back === undefined) continue;
        for (const [edge, label] of this.highlightEdges) {
          const ends = [graph.source(edge), graph.target(edge)];
          if (ends[0] === t.seller && ends[1] === t.buyer && label === t.product)
            this.highlightEdges.set(edge, `${t.product} ⇄ ${back.product}`);
          else if (ends[0] === back.seller && ends[1] === back.buyer && label === back.product)
            this.highlightEdges.set(edge, null);
        }
      }
    }
    for (const button of element("deals").querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(button.dataset.dealId === deal.id));
    }
    const stage = element("graph");
    stage.dataset.highlightedFirms = JSON.stringify([...this.highlightFirms]);
    stage.dataset.highlightedTrades = JSON.stringify([...this.highlightEdges.keys()]);
    this.renderer?.refresh();
    if (openSheet) {
      element("sheet-body").innerHTML = dealSectionHtml(deal, this.network, {
        rank: i + 1,
        anchor: "sheet-deal",
      });
      const sheet = element("sheet");
      sheet.hidden = false;
      sheet.scrollTop = 0;
      this.fitStage();
    } else this.focusCamera();
  }

  /** The graph beside the sheet when it is open (the camera then frames the deal in what is left). */
  private fitStage(): void {
    element("stage").classList.toggle("sheet-open", !element("sheet").hidden);
    this.renderer?.resize();
    this.renderer?.refresh();
    this.focusCamera();
  }

  private clearSelection(): void {
    this.selected = null;
    this.state.highlighted = null;
    this.highlightFirms = new Set();
    this.highlightEdges = new Map();
    const stage = element("graph");
    delete stage.dataset.highlightedFirms;
    delete stage.dataset.highlightedTrades;
    this.renderer?.refresh();
    this.closeSheet();
  }

  private closeSheet(): void {
    const sheet = element("sheet");
    if (sheet.hidden) return;
    sheet.hidden = true;
    this.fitStage();
    const pressed = element("deals").querySelector<HTMLButtonElement>(
      'button[aria-pressed="true"]',
    );
    pressed?.focus();
  }

  /** The camera on the highlighted firms (the whole graph without). */
  private focusCamera(): void {
    const renderer = this.renderer;
    if (renderer === undefined) return;
    const camera = renderer.getCamera();
    if (this.highlightFirms.size === 0) {
      camera.animate({ x: 0.5, y: 0.5, angle: 0, ratio: this.homeRatio }, { duration: 300 });
      return;
    }
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const firm of this.highlightFirms) {
      const shown = renderer.getNodeDisplayData(firm);
      if (shown === undefined) continue;
      minX = Math.min(minX, shown.x);
      maxX = Math.max(maxX, shown.x);
      minY = Math.min(minY, shown.y);
      maxY = Math.max(maxY, shown.y);
    }
    if (!Number.isFinite(minX)) return;
    const ratio = Math.min(
      this.homeRatio,
      Math.max(0.08, Math.max(maxX - minX, maxY - minY) * 1.7),
    );
    // Labels run to the right of their dots: aim a little right of the deal's middle, so they fit.
    const labelRoom = 0.22 * ratio;
    camera.animate(
      { x: (minX + maxX) / 2 + labelRoom, y: (minY + maxY) / 2, ratio },
      { duration: 400 },
    );
  }

  /** Places the firms: rings around the initiator, else industry sectors. */
  private layOut(): void {
    const graph = this.graph;
    if (graph === undefined) return;
    const depth =
      this.data.hops ?? Math.min(6, Number(element<HTMLInputElement>("max-parties").value) - 1);
    this.places =
      this.initiator === null
        ? industryLayout(graph as unknown as TradeGraph)
        : radialLayout(graph as unknown as TradeGraph, this.initiator, Math.max(1, depth));
    graph.updateEachNodeAttributes(
      (node, attributes) => {
        const place = this.places.get(node);
        return { ...attributes, x: place?.x ?? 0, y: place?.y ?? 0 };
      },
      { attributes: ["x", "y"] },
    );
    this.state.timings.laidOut = performance.now();
  }

  /** Builds the graphology view, lays it out and starts sigma. */
  draw(): void {
    // toGraph's view, drawn as it is: its firms get their places as x and y.
    const graph = toGraph(this.network) as unknown as DrawnGraph;
    this.graph = graph;
    this.state.timings.graphBuilt = performance.now();
    // A small graph shows every name and plain edges; a large one the names that fit, faint edges.
    const small = graph.order <= 120;
    const crowded = graph.order > 2500;
    this.homeRatio = small ? 1.8 : 1;
    const edgeColour = graph.size <= 2000 ? colours.plainEdge : colours.edge;
    graph.forEachNode((node) => {
      const degree = Math.log2(1 + graph.degree(node));
      this.sizes.set(
        node,
        small
          ? 5 + Math.min(4, degree / 1.5)
          : crowded
            ? 1 + Math.min(2, degree / 3)
            : 2.5 + Math.min(4, degree / 1.5),
      );
    });
    this.layOut();
    const industries = [...new Set(graph.mapNodes((_, a) => a.industry ?? ""))].sort();
    const industryColour = new Map(
      industries.map((name, i) => [name, colours.industries[i % colours.industries.length]]),
    );
    const container = element("graph");
    try {
      this.renderer = new Sigma(graph, container, {
        defaultEdgeType: "arrow",
        renderEdgeLabels: true,
        hideEdgesOnMove: graph.size > 20000,
        labelRenderedSizeThreshold: 7,
        zIndex: true,
        nodeReducer: (node, attributes) => {
          const place = this.places.get(node) ?? { ring: -1 };
          const base = this.sizes.get(node) ?? 3;
          const isInitiator = node === this.initiator;
          const colour = isInitiator
            ? colours.initiator
            : place.ring >= 0
              ? (colours.rings[place.ring] ?? colours.outer)
              : (industryColour.get(attributes.industry ?? "") ?? colours.outer);
          const label = attributes.name ?? node;
          if (this.highlightFirms.size === 0) {
            return {
              x: attributes.x,
              y: attributes.y,
              size: isInitiator ? 10 : attributes.keyAccount === true ? base + 2 : base,
              color: colour,
              label,
              forceLabel: isInitiator || small,
              zIndex: isInitiator ? 2 : 0,
            };
          }
          const inDeal = this.highlightFirms.has(node);
          return {
            x: attributes.x,
            y: attributes.y,
            size: inDeal ? 11 : base * 0.8,
            color: inDeal ? (isInitiator ? colours.initiator : colours.deal) : colours.faded,
            label: inDeal ? label : null,
            forceLabel: inDeal,
            zIndex: inDeal ? 2 : 0,
          };
        },
        edgeReducer: (edge) => {
          if (this.highlightEdges.size === 0)
            return { color: edgeColour, size: small ? 1.5 : 0.6, label: null };
          const label = this.highlightEdges.get(edge);
          return label !== undefined
            ? {
                color: colours.deal,
                size: 3.5,
                label,
                forceLabel: label !== null,
                zIndex: 2,
              }
            : { color: colours.fadedEdge, size: 0.5, label: null, zIndex: 0 };
        },
      });
      this.renderer.getCamera().setState({ ratio: this.homeRatio });
      this.renderer.on("clickNode", ({ node }) => {
        if (this.data.hops !== null) return;
        element<HTMLInputElement>("initiator").value = node;
        this.search();
      });
    } catch (error) {
      element("graph-note").textContent =
        `The graph cannot be drawn here (${error instanceof Error ? error.message : String(error)}); the deals are listed.`;
      return;
    }
    const note = element("graph-note");
    note.replaceChildren(
      `${formatNumber(graph.order)} firms · ${formatNumber(graph.size)} potential trades`,
      ...this.legend(),
    );
    this.state.timings.drawn = performance.now();
  }

  private legend(): (Node | string)[] {
    const entries: [string, string][] = [
      [colours.initiator, "initiator"],
      [colours.deal, "the deal"],
    ];
    return entries.flatMap(([colour, text]) => {
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colour;
      return [swatch, text];
    });
  }
}

/** Starts the explorer: the deals first (what a user waits for), then the graph. */
function start(): void {
  const state: ExplorerState = {
    deals: [],
    highlighted: null,
    searches: 0,
    timings: { started: performance.now() },
  };
  (globalThis as Record<string, unknown>).reciprocalDealsExplorerState = state;
  const data = (globalThis as Record<string, unknown>)[explorerGlobal] as ExplorerData | undefined;
  const status = element<HTMLParagraphElement>("status");
  if (data === undefined) {
    status.textContent = "No network: network.js is missing beside this page.";
    status.className = "error";
    return;
  }
  let explorer: Explorer;
  try {
    explorer = new Explorer(data, state);
  } catch (error) {
    status.textContent = `The network cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    status.className = "error";
    return;
  }
  explorer.setUpControls();
  explorer.search();
  state.timings.listed = performance.now();
  document.body.dataset.listed = "true";
  // Let the browser paint the list before the graph's heavier work.
  requestAnimationFrame(() =>
    setTimeout(() => {
      // After the frame that showed the list (a task queued from its animation frame runs after its paint).
      state.timings.painted = performance.now();
      explorer.draw();
      document.body.dataset.ready = "true";
    }, 0),
  );
}

start();
