import { describe, expect, it } from "vitest";
import { formatLine } from "../../provider/log";

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
});
