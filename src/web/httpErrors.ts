/** Errors that carry the page a person should see; the one error handler renders them. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'There is nothing at this address. The link may be old or mistyped.') {
    super(404, 'Not found', message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message: string) {
    super(403, 'Forbidden', message);
  }
}

export class DatabaseUnavailableError extends HttpError {
  constructor(message: string, cause?: unknown) {
    super(503, 'Temporarily unavailable', message, { cause });
  }
}
