/** A check that did not pass; its message says what a deploy would have hit. */
export class CheckFailure extends Error {}

export function expect(condition, message, proc) {
  if (!condition) throw new CheckFailure(proc ? `${message}\n${proc.output()}` : message);
}
