/** Remembers a lead's own code on this device, so My actions opens on their actions next time. */
export interface LeadCodeStore {
  load(): string | null;
  save(code: string | null): void;
}

const KEY = "action-plan.lead-code";

/** A store over window.localStorage; storage that is unavailable (private mode, policy) just forgets. */
export function createLocalLeadCodeStore(storage: Storage | null): LeadCodeStore {
  return {
    load() {
      try {
        return storage?.getItem(KEY) ?? null;
      } catch {
        return null;
      }
    },
    save(code) {
      try {
        if (code === null) storage?.removeItem(KEY);
        else storage?.setItem(KEY, code);
      } catch {
        // Storage refused (quota or policy): the choice lasts for this session only, which is harmless.
      }
    },
  };
}

/** A store that keeps the code in memory (tests, hosts without storage). */
export function createMemoryLeadCodeStore(initial: string | null = null): LeadCodeStore {
  let code = initial;
  return {
    load: () => code,
    save: (next) => {
      code = next;
    },
  };
}
