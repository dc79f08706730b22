import { defineConfig } from "vitest/config";

// Three projects, one per kind of test (see test/README.md):
//   unit      pure logic, no network, no engine; fast
//   contract  the emulator against the vendor's OpenAPI document, and the API client against the emulator
//   e2e       the real Pulumi engine through the Automation API, against the emulator
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" } },
      {
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          // Each e2e file drives the real engine; on 2 cores two files at a time is the useful maximum.
          maxWorkers: 2,
          testTimeout: 600_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
