// Talks to the decklist library's routes (API_REFERENCE.md, "Decklist library"): the list with
// its filters and cursor, one decklist with its ETag, corrections with If-Match, revisions, the
// screenshot, the card search and the events. Every request carries the API key the main page's
// Settings saved, when there is one.

import {authHeaders} from './batch-client.js';
import {API_KEY_STORAGE, storageGet} from './storage.js';

// Relative, like the batch client's URLs, so that a proxy may mount the service under a prefix.
export const DECKLISTS_URL = 'api/v1/decklists';
export const CARDS_URL = 'api/v1/cards';
export const EVENTS_URL = 'api/v1/events';

/** The list's filters, in the order the form shows them (the names are the query's). */
export const FILTER_KEYS = ['q', 'event', 'legend', 'player', 'date_from', 'date_to', 'needs_review'];

/** A refusal of the library routes, carrying the server's JSON error. */
export class LibraryError extends Error {
    constructor(status, body) {
        super(body?.error || `The server answered ${status}`);
        this.name = 'LibraryError';
        this.status = status;
        this.errorType = body?.error_type || (status === 401 ? 'unauthorized' : 'internal');
        this.body = body ?? {};
    }

    /** Someone else saved the decklist since it was read (412); `current` is their version. */
    get conflict() {
        return this.status === 412;
    }

    get unauthorized() {
        return this.status === 401;
    }
}

async function request(url, {method = 'GET', headers = {}, body, signal} = {}) {
    const response = await fetch(url, {
        method,
        signal,
        body,
        headers: {Accept: 'application/json', ...authHeaders(storageGet(API_KEY_STORAGE) || ''), ...headers},
    });
    if (!response.ok) {
        throw new LibraryError(response.status, await response.json().catch(() => null));
    }
    return response;
}

/** One page of summaries: {items, next_cursor}. Empty filters are left out of the query. */
export async function listDecklists(filters, {cursor = '', limit = 30, signal} = {}) {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
        const value = filters[key];
        if (value != null && value !== '') params.set(key, String(value));
    }
    if (cursor) params.set('cursor', cursor);
    params.set('limit', String(limit));
    return (await request(`${DECKLISTS_URL}?${params}`, {signal})).json();
}

const decklistUrl = (id) => `${DECKLISTS_URL}/${encodeURIComponent(id)}`;

/** The record (summary fields and `decklist`) and its ETag, which a correction must send back. */
export async function getDecklist(id, {signal} = {}) {
    const response = await request(decklistUrl(id), {signal});
    return {record: await response.json(), etag: response.headers.get('ETag')};
}

/**
 * Sends a correction. Resolves to {record, etag} of the new revision; rejects with a
 * LibraryError, whose `conflict` is true when `etag` is no longer the current revision.
 */
export async function patchDecklist(id, etag, patch) {
    const response = await request(decklistUrl(id), {
        method: 'PATCH',
        headers: {'Content-Type': 'application/json', 'If-Match': etag},
        body: JSON.stringify(patch),
    });
    return {record: await response.json(), etag: response.headers.get('ETag')};
}

/** [{number, author, at, changes}], oldest first. */
export async function getRevisions(id, {signal} = {}) {
    return (await (await request(`${decklistUrl(id)}/revisions`, {signal})).json()).revisions ?? [];
}

/**
 * The screenshot as an object URL (the caller revokes it). Fetched rather than put in an
 * <img src>, because an <img> cannot send the API key.
 */
export async function screenshotUrl(id, {signal} = {}) {
    const response = await request(`${decklistUrl(id)}/image`, {signal, headers: {Accept: 'image/*'}});
    return URL.createObjectURL(await response.blob());
}

/** Cards whose Chinese or English name (of any printing) contains `query`. */
export async function searchCards(query, {limit = 12, signal} = {}) {
    const params = new URLSearchParams({q: query, limit: String(limit)});
    return (await (await request(`${CARDS_URL}?${params}`, {signal})).json()).cards ?? [];
}

/** [{event, decklists, first_date, last_date}] */
export async function listEvents({signal} = {}) {
    return (await (await request(EVENTS_URL, {signal})).json()).events ?? [];
}
