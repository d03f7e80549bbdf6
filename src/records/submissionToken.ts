import { randomBytes } from 'node:crypto';

/** The hidden field the New forms put the token in; no Salesforce field name starts with "_". */
export const SUBMISSION_FIELD = '_submission';

const TOKEN_BYTES = 18;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{24}$/;

/**
 * A token for one New contact or New account form: every post of that form names the same creation. Random,
 * so two forms open in two tabs of one session are two creations.
 */
export function newSubmissionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Whether a posted value has the shape newSubmissionToken() makes. */
export function isSubmissionToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_SHAPE.test(value);
}
