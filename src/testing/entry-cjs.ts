/**
 * The CommonJS entry of `reciprocal-deals/testing`: requires the built kit
 * (`testing/kit.cjs`, from `index.ts`) and turns a missing fast-check into
 * an error that says so.
 */
import { explainKitLoadFailure } from "./missing-fast-check.js";

/**
 * The built kit beside this entry, by its full path: the bundler leaves a
 * computed path to run time, and its `require` helper resolves relative
 * paths from its own chunk.
 */
const kitPath = `${__dirname}/kit.cjs`;

try {
  module.exports = require(kitPath);
} catch (error) {
  throw explainKitLoadFailure(error);
}
