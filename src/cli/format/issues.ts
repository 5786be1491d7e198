/**
 * The issues of unreadable input as the CLI prints them: `✖ message → at
 * path`, one a line, with control and invisible characters in the message
 * and path made visible (a parser's message can quote the raw input), so
 * that each issue stays one line and a terminal shows what is there.
 */
import { formatIssues, type Issue } from "../../model/errors.js";
import { visibleText } from "./escape.js";

/** Every issue as `✖ message → at path`, one a line, every character visible. */
export function printableIssues(issues: readonly Issue[]): string {
  return formatIssues(
    issues.map((issue) => ({ path: visibleText(issue.path), message: visibleText(issue.message) })),
  );
}
