import { randomBytes } from 'node:crypto';
import { appPassword, appUrl } from './browser';
import { createContact, signedInSession, type HttpSession } from './httpSession';
import { waitUntil } from './processGroup';

let session: Promise<HttpSession> | undefined;
const signedIn = () => (session ??= signedInSession(appUrl(), appPassword()));

/** A last name no other test uses, so parallel tests never touch each other's contacts. */
export function uniqueName(stem: string): string {
  return `${stem}${randomBytes(4).toString('hex')}`;
}

/** Creates a contact for a test to work on; resolves to the path of its card. */
export async function arrangeContact(values: Record<string, string>): Promise<string> {
  return createContact(await signedIn(), values);
}

/** Saves `values` on the card at `card` through its edit form, as the shared sign-in. */
export async function arrangeEdit(card: string, values: Record<string, string>): Promise<void> {
  await (await signedIn()).submit(card, card, values);
}

/**
 * Creates a contact and waits until the emulator has sent it and its badge reads `state`, so
 * nothing changes under the test (its card moves from the external id to the sfid); resolves
 * to that card.
 */
export async function arrangeSyncedContact(
  values: Record<string, string>,
  state: 'INSERTED' | 'FAILED' = 'INSERTED',
): Promise<string> {
  const http = await signedIn();
  const card = await createContact(http, values);
  let syncedCard = '';
  const synced = await waitUntil(
    async () => {
      const landing = await http.get(card);
      syncedCard = landing.path;
      return landing.text.includes(`badge-${state.toLowerCase()}`);
    },
    30_000,
    300,
  );
  if (!synced) throw new Error(`${card} never reached ${state} through the Connect emulator`);
  return syncedCard;
}

export interface SyncedAccount {
  /** The card of the contact created with it. */
  card: string;
  /** The account's page, at its Salesforce ID. */
  account: string;
}

/**
 * Creates a contact at a new account named `name`, as the New contact form does when "Create a
 * new account named …" is chosen, and waits until the emulator has sent both: the card is
 * INSERTED and links the account by its Salesforce ID.
 */
export async function arrangeContactAtNewAccount(
  values: Record<string, string>,
  name: string,
): Promise<SyncedAccount> {
  const http = await signedIn();
  const created = await createContact(http, { ...values, account: name, account_choice: 'new' });
  let account: string | undefined;
  let card = created;
  const synced = await waitUntil(
    async () => {
      const landing = await http.get(created);
      card = landing.path;
      account = /href="(\/accounts\/001\w{15})"/.exec(landing.text)?.[1];
      return landing.text.includes('badge-inserted') && account !== undefined;
    },
    30_000,
    300,
  );
  if (!synced || account === undefined) {
    throw new Error(`${created} and its new account never reached Salesforce`);
  }
  return { card, account };
}
