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

/** The database lacks migrations this release needs: every page would fail in its own way. */
export class MigrationsPendingError extends HttpError {
  constructor(pending: readonly string[]) {
    super(
      503,
      'Database update needed',
      `This release of Contact Card needs database migrations that have not run yet ` +
        `(${pending.join(', ')}). On Heroku the release phase applies them: run ` +
        '`heroku run node dist/release.js`, or deploy again. The app serves again by itself ' +
        'within seconds of them being applied.',
    );
  }
}
