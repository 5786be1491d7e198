/**
 * Reading the NETWORK argument: a path (form by extension) or `-` for stdin
 * (form from `--input-format`, default json).
 */
import {
  type NetworkFormat,
  parseNetworkText,
  readNetwork,
  readNetworkLines,
} from "../model/read-network.js";
import type { Network } from "../model/types.js";
import { choiceFlag } from "./args.js";
import type { CliIO } from "./io.js";

/** The `--input-format` flag spec, shared by every command that reads a network. */
export const inputFlags = { "input-format": { type: "string" } } as const;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: string[] = [];
  stream.setEncoding("utf8");
  for await (const chunk of stream) chunks.push(chunk as string);
  return chunks.join("");
}

/** Reads the network named on the command line. */
export async function loadNetwork(
  path: string,
  inputFormat: string | undefined,
  io: CliIO,
): Promise<Network> {
  const explicit =
    inputFormat === undefined
      ? undefined
      : choiceFlag<NetworkFormat>(inputFormat, "input-format", ["json", "jsonl"], "json");
  if (path === "-") {
    if ((explicit ?? "json") === "jsonl") return readNetworkLines(io.stdin);
    return parseNetworkText(await readAll(io.stdin));
  }
  return explicit === undefined ? readNetwork(path) : readNetwork(path, { format: explicit });
}
