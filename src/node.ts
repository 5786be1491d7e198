/**
 * reciprocal-deals for Node: the main entry (`src/index.ts`, which runs
 * anywhere) plus the functions that read and write files and streams — every
 * form of SPEC §2 (`.json`, `.jsonl`, `.rdsnap`, a folder of tables). The
 * package's `exports` map resolves `reciprocal-deals` to this entry under
 * Node (`import` and `require`) and to the portable one for browsers and
 * workers; `reciprocal-deals/node` names it explicitly.
 * @packageDocumentation
 */

import { useThreadRunner } from "./economics/thread-runner.js";
import { rankOnThreads } from "./economics/threaded-ranking.js";

export * from "./index.js";
export {
  formOfTarget,
  type NetworkForm,
  networkForms,
  type WriteNetworkOptions,
  writeNetwork,
} from "./interop/write-network.js";
export { FileError } from "./model/file-error.js";
export {
  type InputFormat,
  inputFormats,
  type NetworkFormat,
  networkFormats,
  parseNetworkText,
  type ReadNetworkOptions,
  readNetwork,
  readNetworkLines,
} from "./model/read-network.js";
export { readNetworkTables, writeNetworkTables } from "./model/tables/tables-files.js";
export type { ReadLinesOptions } from "./model/text/read-lines.js";

// Worker threads for findDealsAsync/rankDealsAsync ({threads}): Node only.
useThreadRunner(rankOnThreads);
