// Dev-time only (the contract tests): an HTTP client for a running emulator that checks every exchange against
// the vendor's document: the response body against the declared schema for its status, and every request body
// the emulator accepted (2xx) against the request schema. Problems are collected in `violations`, which a test
// asserts empty at the end, so no response escapes validation.
import type { OpenApiContract } from "./openapi-contract";

export interface EmulatorEndpoint {
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface CallOptions {
  /** Sent as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** Bearer token to send; null sends none; omitted uses a fresh management token (cached). */
  token?: string | null;
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: T;
  text: string;
}

export class ContractClient {
  readonly violations: string[] = [];
  private cachedToken: string | undefined;

  constructor(
    readonly endpoint: EmulatorEndpoint,
    private readonly contract: OpenApiContract,
  ) {}

  async token(): Promise<string> {
    if (!this.cachedToken) this.cachedToken = await this.newToken();
    return this.cachedToken;
  }

  async newToken(): Promise<string> {
    const response = await fetch(this.endpoint.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: this.endpoint.clientId,
        client_secret: this.endpoint.clientSecret,
      }).toString(),
    });
    if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  forgetToken(): void {
    this.cachedToken = undefined;
  }

  /** Any exchange; socket errors reject (as fetch does). */
  async call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? await this.token() : options.token;
    if (token !== null && !Object.keys(headers).some((h) => h.toLowerCase() === "authorization")) {
      headers.authorization = `Bearer ${token}`;
    }
    let payload: string | Buffer | undefined = options.rawBody;
    if (payload === undefined && options.body !== undefined) {
      payload = JSON.stringify(options.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
    }
    const response = await fetch(`${this.endpoint.url}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown;
    if (text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        this.violations.push(`${method} ${path} → ${response.status}: body is not JSON: ${text.slice(0, 200)}`);
      }
    }
    this.check(method, path, response.status, body, options);
    return { status: response.status, headers: response.headers, body: body as T, text };
  }

  /** Calls and insists on one status; returns the parsed body. */
  async expectStatus<T = unknown>(status: number, method: string, path: string, options?: CallOptions): Promise<T> {
    const reply = await this.call<T>(method, path, options);
    if (reply.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${reply.status}: ${reply.text}`);
    return reply.body;
  }

  private check(method: string, path: string, status: number, body: unknown, options: CallOptions): void {
    const template = this.contract.templateFor(method, path);
    // Routes outside the document (a deliberately wrong path) have no contract to check.
    if (!template) return;
    const where = `${method} ${path} → ${status}`;
    const response = this.contract.checkResponse(method, template, status, body);
    this.violations.push(...response.errors.map((error) => `${where}: response ${error}`));
    if (status >= 200 && status < 300 && options.body !== undefined && options.rawBody === undefined) {
      const errors = this.contract.requestErrors(method, template, options.body);
      this.violations.push(...errors.map((error) => `${where}: accepted request body ${error}`));
    }
  }
}
