/**
 * The ES module entry of `reciprocal-deals/testing`. The kit (`index.ts`,
 * built as `testing/kit.js`) imports fast-check, and an ES module's static
 * imports fail before any of its code runs: so this entry loads the kit at
 * run time and turns a missing fast-check into an error that says so. Its
 * exports are the kit's values (a test checks that the lists match); its
 * types are the kit's `.d.ts`.
 */
import { explainKitLoadFailure } from "./missing-fast-check.js";

/** The built kit beside this entry (a name, so that the bundler leaves it to run time). */
const kitPath = "./kit.js";

const kit: typeof import("./index.js") = await import(kitPath).catch((error: unknown) => {
  throw explainKitLoadFailure(error);
});

export const {
  conservesMoney,
  dealArb,
  dealTolerance,
  defaultDealConstraints,
  defaultNetworkConstraints,
  defaultProposalConstraints,
  hasConsistentFigures,
  isExecutable,
  isIndividuallyRational,
  networkArb,
  proposalArb,
} = kit;
