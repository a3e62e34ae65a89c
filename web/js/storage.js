// The page's preferences in localStorage, and the names they are kept under. Storage may be
// disabled (a private window, a policy): then nothing is remembered and nothing fails.

export const API_KEY_STORAGE = 'decklist.apiKey';
export const THEME_STORAGE = 'decklist.theme';
export const SAVE_STORAGE = 'decklist.saveToLibrary';

export function storageGet(name) {
    try {
        return localStorage.getItem(name);
    } catch {
        return null;
    }
}

/** Stores `value`, or removes the entry when it is empty. */
export function storageSet(name, value) {
    try {
        if (value) localStorage.setItem(name, value);
        else localStorage.removeItem(name);
    } catch {
        // nothing to do: see storageGet
    }
}
