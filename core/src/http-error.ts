// Errors whose status and message are meant for the client: parsing a request's parameters
// throws them wherever it happens (the API's routes, the queries, the CLI's flags), and the API's
// error handler (api/src/errors.ts) answers with them.
/** An error whose status and message are meant for the client. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
    /** Headers the answer needs (WWW-Authenticate on a 401, say). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);
