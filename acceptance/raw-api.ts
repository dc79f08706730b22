// Plain HTTP to the Applications API for the acceptance run: the behaviour checks need the answers exactly as the
// server sends them (status, body, bad requests on purpose), which the provider's typed client would retry or reject.
// One token per run, from the management credentials.
import type { ResolvedMosaicSettings } from "../provider/api";

export interface RawAnswer {
  status: number;
  body: any;
}

export interface RawApi {
  /** The token endpoint's JSON answer (access_token, scope, ...). */
  readonly tokenAnswer: Record<string, unknown>;
  call(method: string, path: string, body?: unknown, contentType?: string): Promise<RawAnswer>;
}

export async function rawApi(settings: ResolvedMosaicSettings): Promise<RawApi> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
  });
  const tokenResponse = await fetch(settings.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
    signal: AbortSignal.timeout(30_000),
  });
  // The token endpoint's answer is never printed: it carries the access token.
  if (tokenResponse.status !== 200) throw new Error(`the token endpoint ${settings.tokenUrl} answered ${tokenResponse.status}`);
  const tokenAnswer = (await tokenResponse.json()) as Record<string, unknown>;
  const token = String(tokenAnswer.access_token);
  return {
    tokenAnswer,
    async call(method, path, body, contentType = "application/json") {
      const response = await fetch(`${settings.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": contentType }) },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text === "" ? undefined : JSON.parse(text);
      } catch {
        // Not JSON: keep the text.
      }
      return { status: response.status, body: parsed };
    },
  };
}

/** An app answer's payload: `{result}` unwrapped where present. */
export function unwrap(answer: RawAnswer): any {
  return answer.body && typeof answer.body === "object" && "result" in answer.body ? answer.body.result : answer.body;
}
