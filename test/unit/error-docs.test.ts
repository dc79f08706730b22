// docs/errors.md is the one list of error codes a user reads: every code the package can raise has a row there
// (with what to do), and the page lists no code that does not exist.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MosaicErrorCodes } from "../../provider/api";
import { ResourceErrorCodes } from "../../provider/resources/errors";

const page = readFileSync(join(__dirname, "..", "..", "docs", "errors.md"), "utf8");

/** Codes in the first column of the table under `heading`, with the number of cells of each row. */
function documented(heading: string): Map<string, number> {
  const section = page.split(/^## /m).find((s) => s.startsWith(heading));
  expect(section, `docs/errors.md has a "## ${heading}" section`).toBeDefined();
  const rows = new Map<string, number>();
  for (const line of section!.split("\n")) {
    const match = /^\| `(MOSAIC_[A-Z_]+)` \|(.*)\|$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!.split("|").filter((cell) => cell.trim() !== "").length);
  }
  return rows;
}

describe("docs/errors.md", () => {
  it.each([
    ["API errors", Object.values(MosaicErrorCodes)],
    ["Resource errors", Object.values(ResourceErrorCodes)],
  ])("lists every code of %s once, each with when and what to do", (heading, codes) => {
    const rows = documented(heading);
    expect([...rows.keys()].sort()).toEqual([...codes].sort());
    for (const [code, cells] of rows) expect(cells, `${code} has "When" and "What to do"`).toBe(2);
  });
});
