import type { Session } from '../auth/session';
import type { Mapping } from '../contacts/mapping';

// Per-request values the views read; typed here so handlers and views agree.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      session: Session;
      csrfToken: string;
      flash: string | null;
      mapping: Mapping;
    }
  }
}

export {};
