/**
 * `reciprocal-deals check NETWORK PROPOSAL [--initiator ID] [--policy P]
 * [--objective O] [--format table|json]`: checks a proposed deal (SPEC §7)
 * and prices it. Exit 0 when the proposal is sound, 1 when it has violations,
 * 2 on unreadable input (every issue of a bad network or proposal file on
 * stderr as `✖ message → at path`) or a usage mistake.
 */
import { readFile } from "node:fs/promises";
import {
  type Competition,
  competitions,
  type Deal,
  type DealTrade,
  objectives,
  type PartyFigures,
  policies,
} from "../../economics/deal.js";
import { dealJsonText } from "../../economics/deal-json.js";
import { isInitiatorObjective } from "../../economics/objective.js";
import { type InputError, NetworkError } from "../../model/errors.js";
import { networkFormats } from "../../model/read-network.js";
import type { Network } from "../../model/types.js";
import { checkProposal } from "../../proposal/check-proposal.js";
import { parseProposal } from "../../proposal/parse-proposal.js";
import {
  defaultCheckProposalOptions,
  type Proposal,
  type ProposalCheck,
  type Violation,
} from "../../proposal/proposal.js";
import { ProposalError } from "../../proposal/proposal-error.js";
import { formatFixed, formatNumber, stringifyJson } from "../../util/number-format.js";
import { choiceFlag, parseFlags } from "../args.js";
import { formatProbability, formatRange } from "../format/deal-table.js";
import { visibleText } from "../format/escape.js";
import { idLabels, labelsOf, type NetworkLabels } from "../format/firm-labels.js";
import { printableIssues } from "../format/issues.js";
import { type TextColumn, TextTable } from "../format/text-table.js";
import { inputFlags, loadNetwork } from "../input.js";
import { type CliIO, CliUsageError, exitCodes, exitStatusHelp } from "../io.js";

/** The output formats of `check`. */
export const checkFormats = ["table", "json"] as const;

/** Help text of `check`. */
export const checkHelp = `Usage: reciprocal-deals check NETWORK PROPOSAL [--initiator ID] [--policy P]
    [--objective O] [--competition C] [--format table|json] [--input-format json|jsonl|rdsnap]

Checks a proposed deal against the network and prices it (SPEC §7).
PROPOSAL is a JSON file (or - for stdin):
  {"kind": "cycle", "trades": [{"seller": "a", "buyer": "b", "product": "x", "quantity": 5, "discount": 20}, ...]}
kind, quantity and discount are optional: omitted discounts are chosen by the policy.
  --initiator ID   report this firm's figures
  --policy P       ${policies.join(" | ")} (default ${defaultCheckProposalOptions.policy})
  --objective O    ${objectives.join(" | ")}
                   (default ${defaultCheckProposalOptions.objective})
  --competition C  ${competitions.join(" | ")} (default ${defaultCheckProposalOptions.competition}): counter raises each
                   hurdle by what the parties' incumbents could offer them
  --format F       ${checkFormats.join(" | ")} (default table); json: {"ok": bool, "violations": [...], "deal": DEAL}
  --input-format F ${networkFormats.join(" | ")}, for NETWORK = - (stdin; default json)

Firms are named by name (id); money has two decimals in the network's currency.
An unreadable input's problems each name their file: ✖ not valid JSON → at $ in proposal.json

${exitStatusHelp}`;

async function readText(path: string, io: CliIO): Promise<string> {
  if (path !== "-") return readFile(path, "utf8");
  const chunks: string[] = [];
  io.stdin.setEncoding("utf8");
  for await (const chunk of io.stdin) chunks.push(chunk as string);
  return chunks.join("");
}

/** The JSON of SPEC §8: `{"ok", "violations", "deal"?}`, numbers with at most 12 significant digits. */
export function checkToJson(check: ProposalCheck): string {
  const violations = check.violations.map((v) => {
    const out: Record<string, unknown> = { code: v.code };
    if (v.trade !== undefined) out.trade = v.trade;
    if (v.firm !== undefined) out.firm = v.firm;
    out.message = v.message;
    return out;
  });
  const head = `{"ok": ${check.ok}, "violations": ${stringifyJson(violations)}`;
  return check.deal === undefined
    ? `${head}}\n`
    : `${head}, "deal": ${dealJsonText(check.deal)}}\n`;
}

/** A column of one of `check`'s tables. */
export interface CheckColumn<Row> extends TextColumn {
  readonly cell: (row: Row, labels: NetworkLabels) => string;
}

/** The columns of the trades table (a room column is one more entry). */
export const checkTradeColumns: readonly CheckColumn<DealTrade>[] = [
  { header: "seller", cell: (t, labels) => visibleText(labels.firm(t.seller)) },
  { header: "buyer", cell: (t, labels) => visibleText(labels.firm(t.buyer)) },
  { header: "product", cell: (t) => visibleText(t.product) },
  { header: "quantity", align: "right", cell: (t) => formatNumber(t.quantity) },
  { header: "unit price", align: "right", cell: (t) => formatFixed(t.unitPrice) },
  { header: "margin", align: "right", cell: (t) => formatFixed(t.margin) },
  { header: "premium", align: "right", cell: (t) => formatFixed(t.premium) },
  { header: "p", align: "right", cell: (t) => formatProbability(t.probability) },
  { header: "discount", align: "right", cell: (t) => formatFixed(t.discount) },
  { header: "room", align: "right", cell: (t) => formatRange(t.discountRange) },
  {
    header: "counter",
    align: "right",
    cell: (t) => (t.counter === null ? "—" : formatFixed(t.counter)),
  },
];

/** The columns of the parties table. */
export const checkPartyColumns: readonly CheckColumn<PartyFigures>[] = [
  { header: "party", cell: (p, labels) => visibleText(labels.firm(p.firm)) },
  { header: "margin gained", align: "right", cell: (p) => formatFixed(p.marginGained) },
  { header: "premium paid", align: "right", cell: (p) => formatFixed(p.premiumPaid) },
  { header: "discount given", align: "right", cell: (p) => formatFixed(p.discountGiven) },
  { header: "discount received", align: "right", cell: (p) => formatFixed(p.discountReceived) },
  { header: "net", align: "right", cell: (p) => formatFixed(p.net) },
  { header: "net range", align: "right", cell: (p) => formatRange(p.netRange) },
  { header: "exposure", align: "right", cell: (p) => formatFixed(p.exposure) },
  { header: "defensible", cell: (p) => (p.defensible ? "yes" : "no") },
];

/** Rows under aligned columns, indented by two spaces. */
function tableLines<Row>(
  columns: readonly CheckColumn<Row>[],
  rows: readonly Row[],
  labels: NetworkLabels,
): string[] {
  const cells = rows.map((row) => columns.map((c) => c.cell(row, labels)));
  const table = new TextTable(columns).fit(cells);
  return [table.header(), ...cells.map((row) => table.line(row))].map((line) => `  ${line}`);
}

function dealTable(deal: Deal, labels: NetworkLabels): string[] {
  const money = labels.currency === undefined ? "" : `; money in ${labels.currency}`;
  const lines = [
    "",
    `${deal.kind} deal ${visibleText(deal.id)}, ${deal.feasible ? "feasible" : "infeasible"}, ` +
      `${deal.defensible ? "defensible" : "not defensible"}${money}`,
    `  surplus ${formatFixed(deal.surplus)}, probability ${formatProbability(deal.probability)}, ` +
      `expected surplus ${formatFixed(deal.expectedSurplus)}, score ${formatFixed(deal.score)}`,
    "",
    ...tableLines(checkTradeColumns, deal.trades, labels),
    "",
    ...tableLines(checkPartyColumns, deal.parties, labels),
  ];
  if (deal.initiator !== undefined) {
    const i = deal.initiator;
    const efficiency = Number.isFinite(i.efficiency) ? formatFixed(i.efficiency) : "∞";
    lines.push(
      "",
      `  initiator ${visibleText(labels.firm(i.firm))}: net ${formatFixed(i.net)}, ` +
        `margin gained ${formatFixed(i.marginGained)}, given up ${formatFixed(i.marginGivenUp)}, ` +
        `efficiency ${efficiency}, new customers ${i.newCustomers}, key accounts ${i.keyAccountsWon}`,
    );
  }
  return lines;
}

/** The table format: a verdict, the violations one a line, then the deal's figures. */
export function checkToTable(check: ProposalCheck, labels: NetworkLabels = idLabels): string {
  const lines: string[] = [];
  const n = check.violations.length;
  lines.push(check.ok ? "✔ The proposal is sound." : `✖ ${n} violation${n === 1 ? "" : "s"}:`);
  const where = (v: Violation) =>
    v.trade !== undefined
      ? `trade ${v.trade}`
      : v.firm !== undefined
        ? `firm ${visibleText(labels.firm(v.firm))}`
        : "deal";
  const rows = check.violations.map((v) => [v.code, where(v), v.message]);
  const table = new TextTable([{ header: "" }, { header: "" }, { header: "" }]).fit(rows);
  for (const row of rows) lines.push(`  ${table.line(row)}`);
  if (check.deal !== undefined) lines.push(...dealTable(check.deal, labels));
  return `${lines.join("\n")}\n`;
}

/** The issues of an unreadable input, each saying which file it is in: `✖ not valid JSON → at $ in net.json`. */
function issuesIn(error: InputError, path: string): string {
  const file = path === "-" ? "stdin" : path;
  return printableIssues(error.issues.map((i) => ({ ...i, path: `${i.path} in ${file}` })));
}

/** Runs `check`. */
export async function runCheck(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    initiator: { type: "string" },
    policy: { type: "string" },
    objective: { type: "string" },
    competition: { type: "string" },
    format: { type: "string" },
    ...inputFlags,
  });
  if (values.help) {
    io.stdout.write(`${checkHelp}\n`);
    return exitCodes.ok;
  }
  if (positionals.length !== 2)
    throw new CliUsageError("check takes two arguments: NETWORK PROPOSAL");
  const [networkPath, proposalPath] = positionals as [string, string];
  if (networkPath === "-" && proposalPath === "-")
    throw new CliUsageError("only one of NETWORK and PROPOSAL can be - (stdin)");
  const format = choiceFlag(values.format, "format", checkFormats, "table");
  const policy = choiceFlag(values.policy, "policy", policies, defaultCheckProposalOptions.policy);
  const objective = choiceFlag(
    values.objective,
    "objective",
    objectives,
    defaultCheckProposalOptions.objective,
  );
  const competition = choiceFlag<Competition>(
    values.competition,
    "competition",
    competitions,
    defaultCheckProposalOptions.competition,
  );
  const initiator = values.initiator;
  if (initiator === undefined && policy === "initiator")
    throw new CliUsageError("--policy initiator needs --initiator");
  if (initiator === undefined && isInitiatorObjective(objective)) {
    throw new CliUsageError(`--objective ${objective} needs --initiator`);
  }

  // Read both inputs before reporting, so that the issues of both files show at once.
  const issues: string[] = [];
  let proposal: Proposal | undefined;
  try {
    proposal = parseProposal(await readText(proposalPath, io));
  } catch (error) {
    if (!(error instanceof ProposalError)) throw error;
    issues.push(issuesIn(error, proposalPath));
  }
  let network: Network | undefined;
  try {
    network = await loadNetwork(networkPath, values["input-format"], io);
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    issues.unshift(issuesIn(error, networkPath));
  }
  if (network === undefined || proposal === undefined) {
    io.stderr.write(`${issues.join("\n")}\n`);
    return exitCodes.badInput;
  }
  const check = checkProposal(network, proposal, { initiator, policy, objective, competition });
  io.stdout.write(format === "json" ? checkToJson(check) : checkToTable(check, labelsOf(network)));
  return check.ok ? exitCodes.ok : exitCodes.violations;
}
