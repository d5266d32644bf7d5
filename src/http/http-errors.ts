/**
 * The small set of expected failures an HTTP caller can see. Anything else becomes a 500 with a
 * generic message; details stay in the log, never in the response.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'BadRequest', message, details);
export const unauthorized = (message = 'A valid API key is required (Authorization: Bearer <key>).') => new HttpError(401, 'Unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'Forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'NotFound', message);
export const unprocessable = (message: string, details?: unknown) => new HttpError(422, 'Unprocessable', message, details);
export const serviceUnavailable = (message: string) => new HttpError(503, 'ServiceUnavailable', message);

/** The JSON body every error response has. */
export function errorBody(err: HttpError): { error: { code: string; message: string; details?: unknown } } {
  return { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
}
