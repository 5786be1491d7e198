/**
 * From find to check (SPEC §7, issue 12): a DEAL printed by `find --format
 * json` is a proposal; checked again it is sound (exit 0) with the same
 * figures, and an edited discount is judged as given.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseProposal } from "../../src/proposal/parse-proposal.js";
import { ProposalError } from "../../src/proposal/proposal-error.js";
import { runCliCaptured } from "./run-cli.js";

const example = (name: string) => join(__dirname, "..", "..", "examples", name, "network.json");

interface DealJsonShape {
  id: string;
  score: number;
  surplus: number;
  trades: { discount: number; discountRange?: [number, number] | null }[];
  parties: { firm: string; net: number }[];
}

async function found(name: string, flags: string[]): Promise<DealJsonShape[]> {
  const result = await runCliCaptured(["find", example(name), ...flags, "--format", "json"]);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { deals: DealJsonShape[] }).deals;
}

async function check(name: string, proposal: unknown, flags: string[] = []) {
  const result = await runCliCaptured(
    ["check", example(name), "-", "--format", "json", ...flags],
    JSON.stringify(proposal),
  );
  return {
    code: result.code,
    json: JSON.parse(result.stdout) as { ok: boolean; deal?: DealJsonShape },
    stderr: result.stderr,
  };
}

describe("from find to check", () => {
  it("checks a found deal as it was printed: sound, with the same figures", async () => {
    for (const [name, flags] of [
      ["steel-valves", ["--initiator", "steel"]],
      ["timber-loop", []],
      ["bank-telecom", ["--room"]],
    ] as const) {
      const [deal] = await found(name, [...flags]);
      const initiator =
        flags[0] === "--initiator"
          ? [
              "--initiator",
              flags[1],
              "--policy",
              "initiator",
              "--objective",
              "expectedInitiatorNet",
            ]
          : [];
      const checked = await check(name, deal, initiator);
      expect(checked.code, checked.stderr).toBe(0);
      expect(checked.json.ok).toBe(true);
      expect(checked.json.deal?.id).toBe(deal.id);
      expect(checked.json.deal?.surplus).toBe(deal.surplus);
      expect(checked.json.deal?.score).toBe(deal.score);
      expect(checked.json.deal?.trades.map((t) => t.discount)).toEqual(
        deal.trades.map((t) => t.discount),
      );
      expect(checked.json.deal?.parties.map((p) => p.net)).toEqual(deal.parties.map((p) => p.net));
    }
  });

  it("judges an edited discount: the developer's 214,500 cut to 100,000 leaves it short", async () => {
    const [deal] = await found("steel-valves", ["--initiator", "steel"]);
    // Developer: −223,500 + 9,000 + 100,000 = −114,500 < 0.
    deal.trades[2].discount = 100_000;
    const checked = await check("steel-valves", deal);
    expect(checked.code).toBe(1);
    expect(checked.json.ok).toBe(false);
    expect(checked.json.deal?.parties.find((p) => p.firm === "developer")?.net).toBe(-114_500);
  });

  it("reads a listing of one deal, and refuses a listing of several with a hint", async () => {
    const listing = { deals: await found("timber-loop", []) };
    expect(parseProposal(listing).trades).toHaveLength(3);
    expect(() => parseProposal({ deals: [...listing.deals, ...listing.deals] })).toThrow(
      ProposalError,
    );
    // Unknown keys are still errors, on a DEAL as on a proposal.
    expect(() => parseProposal({ ...listing.deals[0], price: 3 })).toThrow(ProposalError);
  });
});
