import { describe, expect, it } from "vitest";
import { formatLine, providerLog, setLogSink } from "../../provider/log";

describe("provider log lines", () => {
  it("keep the API client's structured fields and drop its duplicate prefix", () => {
    expect(
      formatLine("[mosaic] retrying request", {
        method: "PUT",
        route: "/v1/applications/:appId",
        status: 503,
        attempt: 2,
        cause: undefined,
      }),
    ).toBe("retrying request (method=PUT, route=/v1/applications/:appId, status=503, attempt=2)");
    expect(formatLine("client abc no longer exists")).toBe("client abc no longer exists");
  });

  it("send each warning once per process; info lines and different warnings pass", () => {
    const sent: string[] = [];
    setLogSink((severity, line) => sent.push(`${severity} ${line}`));
    try {
      for (let i = 0; i < 3; i++) {
        providerLog.warn("retry budget exhausted; not retrying", { route: "/v1/applications", attempt: 1 });
        providerLog.info("retrying request", { attempt: 1 });
      }
      providerLog.warn("retry budget exhausted; not retrying", { route: "/v1/applications", attempt: 2 });
    } finally {
      setLogSink((_severity, line) => console.error(line));
    }
    expect(sent).toEqual([
      "warning mosaic warning: retry budget exhausted; not retrying (route=/v1/applications, attempt=1)",
      "info mosaic: retrying request (attempt=1)",
      "info mosaic: retrying request (attempt=1)",
      "info mosaic: retrying request (attempt=1)",
      "warning mosaic warning: retry budget exhausted; not retrying (route=/v1/applications, attempt=2)",
    ]);
  });
});
