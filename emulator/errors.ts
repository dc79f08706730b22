// The API's error bodies (docs/api-behaviour.md#errors): `{message, error_code}`, with `message` a string array on 400
// (NestJS ValidationPipe) and `ts_error_code` on 409. Handlers throw ApiError; the server turns it into a response.

type ErrorBody = { message: string | string[]; error_code: number; ts_error_code?: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(Array.isArray(body.message) ? body.message.join("; ") : body.message);
  }
}

export function badRequest(messages: string[]): ApiError {
  return new ApiError(400, { message: messages, error_code: 400 });
}

export function notFound(message: string): ApiError {
  return new ApiError(404, { message, error_code: 404 });
}

/** The vendor does not document ts_error_code values; this one is named after the 409 schema. */
const IDENTIFIER_TAKEN_CODE = "IDENTIFIER_IS_TAKEN";

export function conflict(message: string): ApiError {
  return new ApiError(409, { message, error_code: 409, ts_error_code: IDENTIFIER_TAKEN_CODE });
}

export function invalidToken(): ApiError {
  return new ApiError(401, { message: "Invalid token", error_code: 401 });
}

export function payloadTooLarge(limit: number): ApiError {
  return new ApiError(413, { message: `Request body is larger than ${limit} bytes`, error_code: 413 });
}

export function unsupportedMediaType(expected: string): ApiError {
  return new ApiError(415, { message: `Unsupported Media Type: send Content-Type ${expected}`, error_code: 415 });
}
