import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * The provider's storage (codes, tokens, sessions, interactions, grants), in memory and owned by
 * one emulator, so two emulators in one test process never see each other's codes. oidc-provider
 * has a memory adapter of its own, but it prints a warning on every start.
 */
export function memoryAdapterFactory(): (model: string) => Adapter {
  const entries = new Map<string, Entry>();
  const sessionIdByUid = new Map<string, string>();

  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt > Date.now()) return entry.payload;
    entries.delete(key);
    return undefined;
  };
  // A long `npm run` session would otherwise keep every code it ever issued.
  const dropExpired = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  };

  return (model) => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      upsert(id, payload, expiresIn) {
        dropExpired();
        entries.set(keyOf(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
        if (model === 'Session' && payload.uid) sessionIdByUid.set(payload.uid, id);
        return Promise.resolve();
      },
      find(id) {
        return Promise.resolve(live(keyOf(id)));
      },
      findByUid(uid) {
        const id = sessionIdByUid.get(uid);
        return Promise.resolve(id === undefined ? undefined : live(keyOf(id)));
      },
      // The device flow is off, so there are no user codes.
      findByUserCode() {
        return Promise.resolve(undefined);
      },
      consume(id) {
        const payload = live(keyOf(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
        return Promise.resolve();
      },
      destroy(id) {
        const uid = entries.get(keyOf(id))?.payload.uid;
        if (model === 'Session' && uid) sessionIdByUid.delete(uid);
        entries.delete(keyOf(id));
        return Promise.resolve();
      },
      // Called when a used code comes back: everything issued from it is revoked.
      revokeByGrantId(grantId) {
        for (const [key, entry] of entries) {
          if (entry.payload.grantId === grantId) entries.delete(key);
        }
        return Promise.resolve();
      },
    };
  };
}
