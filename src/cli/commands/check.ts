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
  type MoneyRange,
  objectives,
  policies,
} from "../../economics/deal.js";
import { dealToJson } from "../../economics/deal-json.js";
import { isInitiatorObjective } from "../../economics/objective.js";
import { NetworkError } from "../../model/errors.js";
import type { Network } from "../../model/types.js";
import { checkProposal } from "../../proposal/check-proposal.js";
import { parseProposal } from "../../proposal/parse-proposal.js";
import {
  defaultCheckProposalOptions,
  type Proposal,
  type ProposalCheck,
} from "../../proposal/proposal.js";
import { ProposalError } from "../../proposal/proposal-error.js";
import { choiceFlag, parseFlags } from "../args.js";
import { inputFlags, loadNetwork } from "../input.js";
import { type CliIO, CliUsageError, exitCodes } from "../io.js";

/** The output formats of `check`. */
export const checkFormats = ["table", "json"] as const;

/** Help text of `check`. */
export const checkHelp = `Usage: reciprocal-deals check NETWORK PROPOSAL [--initiator ID] [--policy P]
    [--objective O] [--competition C] [--format table|json] [--input-format json|jsonl]

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
Exit status: 0 sound, 1 violations, 2 unreadable input or usage error.`;

async function readText(path: string, io: CliIO): Promise<string> {
  if (path !== "-") return readFile(path, "utf8");
  const chunks: string[] = [];
  io.stdin.setEncoding("utf8");
  for await (const chunk of io.stdin) chunks.push(chunk as string);
  return chunks.join("");
}

/** The JSON of SPEC §8: `{"ok", "violations", "deal"?}`. */
export function checkToJson(check: ProposalCheck): string {
  const violations = check.violations.map((v) => {
    const out: Record<string, unknown> = { code: v.code };
    if (v.trade !== undefined) out.trade = v.trade;
    if (v.firm !== undefined) out.firm = v.firm;
    out.message = v.message;
    return out;
  });
  const head = `{"ok": ${check.ok}, "violations": ${JSON.stringify(violations)}`;
  return check.deal === undefined
    ? `${head}}\n`
    : `${head}, "deal": ${JSON.stringify(dealToJson(check.deal))}}\n`;
}

/** A number as a person reads it: at most 2 decimals, no noise. */
function money(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** A range of the room as ` (room a … b)`, or nothing. */
function range(r: MoneyRange | null | undefined): string {
  return r === undefined || r === null ? "" : ` (room ${money(r[0])} … ${money(r[1])})`;
}

function dealTable(deal: Deal): string[] {
  const lines = [
    `Deal ${deal.id}`,
    `  surplus ${money(deal.surplus)}, probability ${deal.probability}, expected surplus ${money(deal.expectedSurplus)}, ${deal.feasible ? "feasible" : "infeasible"}, ${deal.defensible ? "defensible" : "not defensible"}`,
    "  trades:",
  ];
  for (const t of deal.trades) {
    lines.push(
      `    ${t.seller} > ${t.buyer}: ${t.quantity} ${t.product} at ${t.unitPrice}, margin ${money(t.margin)}, premium ${money(t.premium)}, discount ${money(t.discount)}${range(t.discountRange)}${t.counter === null ? "" : `, counter ${money(t.counter)}`}`,
    );
  }
  lines.push("  parties:");
  for (const p of deal.parties) {
    lines.push(
      `    ${p.firm}: net ${money(p.net)}${range(p.netRange)} (margin ${money(p.marginGained)} − premium ${money(p.premiumPaid)} − discounts given ${money(p.discountGiven)} + received ${money(p.discountReceived)})${p.exposure > 0 ? `, exposure ${money(p.exposure)}${p.defensible ? "" : ", not defensible"}` : ""}`,
    );
  }
  if (deal.initiator !== undefined) {
    const i = deal.initiator;
    const efficiency = Number.isFinite(i.efficiency) ? money(i.efficiency) : "∞";
    lines.push(
      `  initiator ${i.firm}: net ${money(i.net)}, margin gained ${money(i.marginGained)}, given up ${money(i.marginGivenUp)}, efficiency ${efficiency}, new customers ${i.newCustomers}, key accounts ${i.keyAccountsWon}`,
    );
  }
  return lines;
}

/** The table format: a verdict, the violations one a line, then the deal's figures. */
export function checkToTable(check: ProposalCheck): string {
  const lines: string[] = [];
  const n = check.violations.length;
  lines.push(check.ok ? "✔ The proposal is sound." : `✖ ${n} violation${n === 1 ? "" : "s"}:`);
  for (const v of check.violations) {
    const where =
      v.trade !== undefined ? `trade ${v.trade}` : v.firm !== undefined ? `firm ${v.firm}` : "deal";
    lines.push(`  ${v.code.padEnd(15)} ${where.padEnd(10)} ${v.message}`);
  }
  if (check.deal !== undefined) lines.push(...dealTable(check.deal));
  return `${lines.join("\n")}\n`;
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
    issues.push(error.format());
  }
  let network: Network | undefined;
  try {
    network = await loadNetwork(networkPath, values["input-format"], io);
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    issues.unshift(error.format());
  }
  if (network === undefined || proposal === undefined) {
    io.stderr.write(`${issues.join("\n")}\n`);
    return exitCodes.badInput;
  }
  const competition = choiceFlag<Competition>(
    values.competition,
    "competition",
    competitions,
    defaultCheckProposalOptions.competition,
  );
  const check = checkProposal(network, proposal, { initiator, policy, objective, competition });
  io.stdout.write(format === "json" ? checkToJson(check) : checkToTable(check));
  return check.ok ? exitCodes.ok : exitCodes.violations;
}
