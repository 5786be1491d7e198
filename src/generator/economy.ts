/**
 * The economy the generator models: industries in four tiers (raw materials →
 * intermediate goods → components → finished goods) plus service industries
 * (finance, insurance, telecom, logistics) that buy from and sell to every
 * tier. Each industry sells a few product lines at a base unit price and buys
 * from a supplier mix, a row of a coarse input-output table: goods industries
 * buy mostly from the tier below, raw materials buy machines and vehicles
 * (closing the loops), and services buy finished goods and each other.
 */

/** Where an industry sits in the supply chain. */
export type Tier = 0 | 1 | 2 | 3 | "service";

/** The tier names, for reports. */
export const tierNames: Readonly<Record<string, string>> = {
  0: "raw materials",
  1: "intermediate goods",
  2: "components",
  3: "finished goods",
  service: "services",
};

/** One product line: a name and a base unit price (every price ≥ 2, so cents stay small). */
export interface ProductLine {
  readonly name: string;
  readonly basePrice: number;
}

/** An industry: its tier, its weight among firms of its kind, its lines and its supplier mix. */
export interface Industry {
  readonly id: string;
  /** Word used in firm names. */
  readonly title: string;
  readonly tier: Tier;
  /** Relative share of the goods (or of the service) firms. */
  readonly weight: number;
  readonly lines: readonly ProductLine[];
  /** Supplier industry id → relative weight of needs bought from it (services added separately for goods). */
  readonly suppliers: Readonly<Record<string, number>>;
}

const line = (name: string, basePrice: number): ProductLine => ({ name, basePrice });

/** Every industry, goods first (by tier), then services. */
export const industries: readonly Industry[] = [
  // tier 0: raw materials
  {
    id: "mining",
    title: "Mining",
    tier: 0,
    weight: 2.5,
    lines: [line("iron-ore", 120), line("coal", 95), line("copper-ore", 2600)],
    suppliers: { machinery: 4, vehicles: 3, chemicals: 1 },
  },
  {
    id: "forestry",
    title: "Forestry",
    tier: 0,
    weight: 2,
    lines: [line("logs", 80), line("pulpwood", 45)],
    suppliers: { machinery: 4, vehicles: 3, chemicals: 1 },
  },
  {
    id: "agriculture",
    title: "Agri",
    tier: 0,
    weight: 4,
    lines: [line("grain", 260), line("cotton", 1900), line("livestock", 1400)],
    suppliers: { chemicals: 4, machinery: 3, vehicles: 1.5, packaging: 1 },
  },
  {
    id: "oil-gas",
    title: "Petroleum",
    tier: 0,
    weight: 1.5,
    lines: [line("crude-oil", 550), line("natural-gas", 3.5)],
    suppliers: { machinery: 3, "valves-pumps": 3, metals: 2, vehicles: 1 },
  },
  // tier 1: intermediate goods
  {
    id: "metals",
    title: "Metals",
    tier: 1,
    weight: 4,
    lines: [line("steel", 720), line("aluminium", 2400), line("copper", 8500)],
    suppliers: { mining: 6, "oil-gas": 2, chemicals: 1, machinery: 1 },
  },
  {
    id: "chemicals",
    title: "Chemicals",
    tier: 1,
    weight: 3.5,
    lines: [line("plastic-resin", 1300), line("fertilizer", 380), line("industrial-gas", 2.4)],
    suppliers: { "oil-gas": 5, mining: 2, agriculture: 1, "valves-pumps": 1 },
  },
  {
    id: "lumber-paper",
    title: "Timber",
    tier: 1,
    weight: 2.5,
    lines: [line("lumber", 260), line("paperboard", 650)],
    suppliers: { forestry: 6, chemicals: 1.5, machinery: 1 },
  },
  {
    id: "textiles",
    title: "Textiles",
    tier: 1,
    weight: 2.5,
    lines: [line("yarn", 3600), line("fabric", 4.5)],
    suppliers: { agriculture: 5, chemicals: 2, machinery: 1 },
  },
  {
    id: "food-processing",
    title: "Foods",
    tier: 1,
    weight: 4,
    lines: [line("flour", 520), line("packaged-food", 3.2)],
    suppliers: { agriculture: 6, packaging: 2, machinery: 1 },
  },
  {
    id: "glass",
    title: "Glassworks",
    tier: 1,
    weight: 1,
    lines: [line("flat-glass", 12)],
    suppliers: { mining: 4, "oil-gas": 2, chemicals: 1 },
  },
  // tier 2: components
  {
    id: "electronic-components",
    title: "Electronics",
    tier: 2,
    weight: 3.5,
    lines: [line("chip", 9), line("circuit-board", 18), line("sensor", 6)],
    suppliers: { metals: 2, chemicals: 3, glass: 1, machinery: 0.5 },
  },
  {
    id: "motors",
    title: "Motor Works",
    tier: 2,
    weight: 2,
    lines: [line("electric-motor", 420)],
    suppliers: { metals: 5, "electronic-components": 2, machinery: 0.5 },
  },
  {
    id: "valves-pumps",
    title: "Valves",
    tier: 2,
    weight: 2.5,
    lines: [line("valve", 28), line("pump", 650)],
    suppliers: { metals: 6, motors: 2, chemicals: 0.5, machinery: 0.5 },
  },
  {
    id: "auto-parts",
    title: "Auto Parts",
    tier: 2,
    weight: 3.5,
    lines: [line("brake-system", 130), line("seat", 180), line("wiring-harness", 60)],
    suppliers: { metals: 3, chemicals: 2, textiles: 1, "electronic-components": 2, machinery: 0.5 },
  },
  {
    id: "packaging",
    title: "Packaging",
    tier: 2,
    weight: 2.5,
    lines: [line("carton", 2.5), line("pallet", 14), line("plastic-film", 2.1)],
    suppliers: { "lumber-paper": 5, chemicals: 3, machinery: 0.5 },
  },
  {
    id: "fasteners",
    title: "Fasteners",
    tier: 2,
    weight: 1.5,
    lines: [line("bolt-box", 25), line("rivet-box", 18)],
    suppliers: { metals: 6, packaging: 0.5 },
  },
  // tier 3: finished goods
  {
    id: "machinery",
    title: "Machinery",
    tier: 3,
    weight: 4,
    lines: [
      line("machine-tool", 52000),
      line("excavator", 130000),
      line("industrial-robot", 36000),
    ],
    suppliers: {
      metals: 3,
      motors: 3,
      "valves-pumps": 2,
      "electronic-components": 2,
      fasteners: 1,
    },
  },
  {
    id: "vehicles",
    title: "Motors Group",
    tier: 3,
    weight: 2.5,
    lines: [line("truck", 46000), line("car", 21000), line("forklift", 13000)],
    suppliers: { "auto-parts": 6, metals: 2, "electronic-components": 2, glass: 1 },
  },
  {
    id: "construction",
    title: "Builders",
    tier: 3,
    weight: 6,
    lines: [line("building-works", 420), line("civil-works", 700)],
    suppliers: {
      metals: 3,
      "lumber-paper": 2,
      glass: 1,
      chemicals: 1,
      "valves-pumps": 2,
      "electronic-components": 1,
      machinery: 1,
      appliances: 1,
    },
  },
  {
    id: "furniture",
    title: "Furniture",
    tier: 3,
    weight: 2.5,
    lines: [line("office-furniture", 350), line("home-furniture", 260)],
    suppliers: { "lumber-paper": 4, textiles: 1, fasteners: 2, packaging: 1, metals: 1 },
  },
  {
    id: "appliances",
    title: "Appliances",
    tier: 3,
    weight: 2.5,
    lines: [line("air-conditioner", 480), line("refrigerator", 390)],
    suppliers: { metals: 2, motors: 3, "electronic-components": 3, packaging: 1 },
  },
  {
    id: "consumer-electronics",
    title: "Digital",
    tier: 3,
    weight: 3,
    lines: [line("laptop", 850), line("phone", 420), line("server", 6500)],
    suppliers: { "electronic-components": 6, glass: 1, metals: 1, packaging: 1 },
  },
  {
    id: "apparel",
    title: "Apparel",
    tier: 3,
    weight: 3,
    lines: [line("workwear", 22), line("garments", 12)],
    suppliers: { textiles: 6, packaging: 1.5 },
  },
  // services: buy finished goods and each other's services
  {
    id: "finance",
    title: "Bank",
    tier: "service",
    weight: 3,
    lines: [line("business-loan", 11000), line("cash-management", 1700)],
    suppliers: {
      telecom: 3,
      insurance: 1.5,
      "consumer-electronics": 2,
      furniture: 1,
      construction: 1,
      logistics: 0.5,
    },
  },
  {
    id: "insurance",
    title: "Insurance",
    tier: "service",
    weight: 2.5,
    lines: [
      line("property-insurance", 4200),
      line("fleet-insurance", 2500),
      line("liability-insurance", 1700),
    ],
    suppliers: {
      finance: 2,
      telecom: 2,
      "consumer-electronics": 1,
      vehicles: 1,
      construction: 0.5,
    },
  },
  {
    id: "telecom",
    title: "Telecom",
    tier: "service",
    weight: 2,
    lines: [line("business-lines", 170), line("data-center", 8500)],
    suppliers: {
      "consumer-electronics": 3,
      "electronic-components": 1.5,
      construction: 2,
      finance: 2,
      insurance: 1,
    },
  },
  {
    id: "logistics",
    title: "Logistics",
    tier: "service",
    weight: 4,
    lines: [line("freight", 42), line("warehousing", 6.5)],
    suppliers: {
      vehicles: 4,
      "oil-gas": 2,
      "auto-parts": 1.5,
      insurance: 2,
      finance: 2,
      telecom: 1,
    },
  },
];

/** How a goods firm's service needs split among the service industries. */
export const serviceMix: Readonly<Record<string, number>> = {
  finance: 0.25,
  insurance: 0.25,
  telecom: 0.2,
  logistics: 0.3,
};

/** Share of a goods firm's needs bought from services, given the share of service firms. */
export function serviceNeedShare(serviceShare: number): number {
  return Math.min(0.9, 1.5 * serviceShare);
}

/**
 * Share of the buyer's revenue one need spends (before noise), by the
 * supplier's tier: materials and components are bought in bulk, finished goods
 * as equipment, services as overheads.
 */
export function spendShare(supplierTier: Tier): number {
  if (supplierTier === "service") return 0.015;
  return supplierTier === 3 ? 0.02 : 0.1;
}

/** Firm-name prefixes. */
export const nameWords: readonly string[] = [
  "Northern",
  "Eastern",
  "Golden",
  "Harbor",
  "Summit",
  "Evergreen",
  "Sunrise",
  "Pacific",
  "Central",
  "United",
  "Bright",
  "Lotus",
  "Granite",
  "Riverside",
  "Silverline",
  "Keystone",
];

/** Industry by id. */
export const industryById: ReadonlyMap<string, Industry> = new Map(
  industries.map((i) => [i.id, i]),
);
