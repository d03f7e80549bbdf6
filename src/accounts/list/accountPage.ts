import type { Account } from '../account';

/** An account as its row in the list shows it, with how many contacts it has. */
export interface AccountSummary extends Account {
  /** Null when the mapping cannot link contacts to accounts. */
  contactCount: number | null;
  contactCountIsCapped: boolean;
}

/** One page of the list, and how many accounts match, counted up to ROW_CAP. */
export interface AccountPage {
  accounts: AccountSummary[];
  total: number;
  totalIsCapped: boolean;
}
