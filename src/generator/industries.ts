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

/** An industry from its lines written `"name price, name price"`. */
function industry(
  id: string,
  title: string,
  tier: Tier,
  weight: number,
  lines: string,
  suppliers: Readonly<Record<string, number>>,
): Industry {
  const parsed = lines.split(", ").map((entry) => {
    const [name, price] = entry.split(" ");
    return { name: name!, basePrice: Number(price) };
  });
  return { id, title, tier, weight, lines: parsed, suppliers };
}

/**
 * Every industry, goods first (by tier), then services: id, name word, tier,
 * weight, product lines with base unit prices, supplier weights.
 */
// biome-ignore format: one industry a line reads as a table
export const industries: readonly Industry[] = [
  // tier 0: raw materials
  industry("mining", "Mining", 0, 2.5, "iron-ore 120, coal 95, copper-ore 2600", { machinery: 4, vehicles: 3, chemicals: 1 }),
  industry("forestry", "Forestry", 0, 2, "logs 80, pulpwood 45", { machinery: 4, vehicles: 3, chemicals: 1 }),
  industry("agriculture", "Agri", 0, 4, "grain 260, cotton 1900, livestock 1400", { chemicals: 4, machinery: 3, vehicles: 1.5, packaging: 1 }),
  industry("oil-gas", "Petroleum", 0, 1.5, "crude-oil 550, natural-gas 3.5", { machinery: 3, "valves-pumps": 3, metals: 2, vehicles: 1 }),
  // tier 1: intermediate goods
  industry("metals", "Metals", 1, 4, "steel 720, aluminium 2400, copper 8500", { mining: 6, "oil-gas": 2, chemicals: 1, machinery: 1 }),
  industry("chemicals", "Chemicals", 1, 3.5, "plastic-resin 1300, fertilizer 380, industrial-gas 2.4", { "oil-gas": 5, mining: 2, agriculture: 1, "valves-pumps": 1 }),
  industry("lumber-paper", "Timber", 1, 2.5, "lumber 260, paperboard 650", { forestry: 6, chemicals: 1.5, machinery: 1 }),
  industry("textiles", "Textiles", 1, 2.5, "yarn 3600, fabric 4.5", { agriculture: 5, chemicals: 2, machinery: 1 }),
  industry("food-processing", "Foods", 1, 4, "flour 520, packaged-food 3.2", { agriculture: 6, packaging: 2, machinery: 1 }),
  industry("glass", "Glassworks", 1, 1, "flat-glass 12", { mining: 4, "oil-gas": 2, chemicals: 1 }),
  // tier 2: components
  industry("electronic-components", "Electronics", 2, 3.5, "chip 9, circuit-board 18, sensor 6", { metals: 2, chemicals: 3, glass: 1, machinery: 0.5 }),
  industry("motors", "Motor Works", 2, 2, "electric-motor 420", { metals: 5, "electronic-components": 2, machinery: 0.5 }),
  industry("valves-pumps", "Valves", 2, 2.5, "valve 28, pump 650", { metals: 6, motors: 2, chemicals: 0.5, machinery: 0.5 }),
  industry("auto-parts", "Auto Parts", 2, 3.5, "brake-system 130, seat 180, wiring-harness 60", { metals: 3, chemicals: 2, textiles: 1, "electronic-components": 2, machinery: 0.5 }),
  industry("packaging", "Packaging", 2, 2.5, "carton 2.5, pallet 14, plastic-film 2.1", { "lumber-paper": 5, chemicals: 3, machinery: 0.5 }),
  industry("fasteners", "Fasteners", 2, 1.5, "bolt-box 25, rivet-box 18", { metals: 6, packaging: 0.5 }),
  // tier 3: finished goods
  industry("machinery", "Machinery", 3, 4, "machine-tool 52000, excavator 130000, industrial-robot 36000", { metals: 3, motors: 3, "valves-pumps": 2, "electronic-components": 2, fasteners: 1 }),
  industry("vehicles", "Motors Group", 3, 2.5, "truck 46000, car 21000, forklift 13000", { "auto-parts": 6, metals: 2, "electronic-components": 2, glass: 1 }),
  industry("construction", "Builders", 3, 6, "building-works 420, civil-works 700", { metals: 3, "lumber-paper": 2, glass: 1, chemicals: 1, "valves-pumps": 2, "electronic-components": 1, machinery: 1, appliances: 1 }),
  industry("furniture", "Furniture", 3, 2.5, "office-furniture 350, home-furniture 260", { "lumber-paper": 4, textiles: 1, fasteners: 2, packaging: 1, metals: 1 }),
  industry("appliances", "Appliances", 3, 2.5, "air-conditioner 480, refrigerator 390", { metals: 2, motors: 3, "electronic-components": 3, packaging: 1 }),
  industry("consumer-electronics", "Digital", 3, 3, "laptop 850, phone 420, server 6500", { "electronic-components": 6, glass: 1, metals: 1, packaging: 1 }),
  industry("apparel", "Apparel", 3, 3, "workwear 22, garments 12", { textiles: 6, packaging: 1.5 }),
  // services: buy finished goods and each other's services
  industry("finance", "Bank", "service", 3, "business-loan 11000, cash-management 1700", { telecom: 3, insurance: 1.5, "consumer-electronics": 2, furniture: 1, construction: 1, logistics: 0.5 }),
  industry("insurance", "Insurance", "service", 2.5, "property-insurance 4200, fleet-insurance 2500, liability-insurance 1700", { finance: 2, telecom: 2, "consumer-electronics": 1, vehicles: 1, construction: 0.5 }),
  industry("telecom", "Telecom", "service", 2, "business-lines 170, data-center 8500", { "consumer-electronics": 3, "electronic-components": 1.5, construction: 2, finance: 2, insurance: 1 }),
  industry("logistics", "Logistics", "service", 4, "freight 42, warehousing 6.5", { vehicles: 4, "oil-gas": 2, "auto-parts": 1.5, insurance: 2, finance: 2, telecom: 1 }),
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
