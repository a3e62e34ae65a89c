// A small SSE client for tests: fetch + the page's own parser (web/js/sse-parser.js), each
// event stamped with its arrival time so a test can tell a live stream from a buffered one.

import {readFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

import {readEventStream} from '../../web/js/sse-parser.js';

/** A multipart body with one `files` part per path (plus optional in-memory files). */
export function uploadForm(paths, extra = []) {
    const form = new FormData();
    for (const file of paths) {
        form.append('files', new Blob([readFileSync(file)], {type: 'image/jpeg'}), path.basename(file));
    }
    for (const {name, bytes, type} of extra) form.append('files', new Blob([bytes], {type}), name);
    return form;
}

/**
 * Requests `url` and collects its events until the stream ends, or until `stopAfter(event)`
 * returns true (then the connection is dropped, like a client going away).
 * Each event: {type, id, data (parsed JSON), at (ms, performance.now())}.
 * `onEvent` may be async; the next event is handled after it settles.
 */
export async function collectEvents(url, {method = 'GET', body, headers = {}, stopAfter, onEvent} = {}) {
    const controller = new AbortController();
    const response = await fetch(url, {method, body, headers, signal: controller.signal});
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    const contentType = response.headers.get('content-type') || '';
    if (!contentType.startsWith('text/event-stream')) throw new Error(`${url}: content-type ${contentType}`);

    const events = [];
    let pending = Promise.resolve();
    let stopped = false;
    try {
        await readEventStream(response.body, {
            onEvent(raw) {
                if (stopped) return;
                const event = {type: raw.type, id: raw.id, data: JSON.parse(raw.data), at: performance.now()};
                events.push(event);
                if (onEvent) pending = pending.then(() => onEvent(event));
                if (stopAfter?.(event)) {
                    stopped = true;
                    controller.abort();
                }
            },
        });
    } catch (error) {
        if (!(stopped && error.name === 'AbortError')) throw error;
    }
    await pending;
    return {events, headers: response.headers};
}

export async function getJson(url, init) {
    const response = await fetch(url, init);
    return {status: response.status, body: await response.json().catch(() => null)};
}
