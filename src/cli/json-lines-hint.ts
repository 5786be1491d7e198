/**
 * A hint for the most common misread: JSON Lines read as a JSON document
 * (stdin without `--input-format jsonl`, or a `.json` file holding JSON
 * Lines), which JSON.parse rejects with a bare "not valid JSON".
 */
import { NetworkError } from "../model/errors.js";
import { parseNetworkText } from "../model/read-network.js";
import { withNetworkSchemas } from "../model/schemas-on-demand.js";
import { parseNetworkBytes } from "../model/text/read-document.js";
import type { Network } from "../model/types.js";

/** The text holds two or more lines and its first line is a JSON object on its own. */
export function looksLikeJsonLines(text: string): boolean {
  const lines = text.split("\n", 3).filter((line) => line.trim() !== "");
  if (lines.length < 2 || !lines[1].trimStart().startsWith("{")) return false;
  try {
    const first: unknown = JSON.parse(lines[0]);
    return typeof first === "object" && first !== null && !Array.isArray(first);
  } catch {
    return false;
  }
}

/**
 * `parseNetworkText`, with a hint added to the "not valid JSON" issue when
 * the text looks like JSON Lines: how to read it as such.
 */
export async function parseNetworkTextWithHint(
  text: string | Uint8Array,
  path: string,
): Promise<Network> {
  try {
    return await withNetworkSchemas(() =>
      typeof text === "string" ? parseNetworkText(text) : parseNetworkBytes(text),
    );
  } catch (error) {
    // The first lines are enough to tell (the bytes are not decoded whole).
    const head =
      typeof text === "string" ? text : new TextDecoder().decode(text.subarray(0, 1 << 20));
    if (!(error instanceof NetworkError) || !looksLikeJsonLines(head)) throw error;
    const hint =
      path === "-"
        ? "it looks like JSON Lines: add --input-format jsonl"
        : "it looks like JSON Lines: name the file .jsonl, or add --input-format jsonl";
    throw new NetworkError(
      error.issues.map((issue) =>
        issue.path === "$" && issue.message.startsWith("not valid JSON")
          ? { ...issue, message: `${issue.message} (${hint})` }
          : issue,
      ),
    );
  }
}
