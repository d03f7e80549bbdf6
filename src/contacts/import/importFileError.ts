/**
 * A file the import refuses as a whole, before anything is stored: the message names the line
 * when there is one. 413 for a file over the limits, 422 for one that cannot be read.
 */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly status: 413 | 422 = 422,
  ) {
    super(message);
  }
}
