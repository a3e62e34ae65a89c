// Talks to the batch endpoints.
//
// The page's path is the resumable one: the files go up in one POST /api/v1/batches (202 with
// the batch id), and the events come down through an EventSource on the batch's event stream.
// EventSource reconnects by itself after a dropped connection and sends Last-Event-ID, and the
// server replays exactly the events after it, so a flaky network loses nothing.
//
// The fetch-stream path (POST /process-batch-fast, whose response is the event stream) is kept
// only as the fallback for a server or a proxy that has no /batches route (404/405): there it
// is better than nothing, but a dropped connection ends that batch.

import {readEventStream} from './sse-parser.js';

// Relative, so the page also works when a proxy mounts the service under a path prefix. For
// the same reason the event stream's URL is built here from the batch id, not taken from the
// 202 body (its events_url is absolute from the server's root).
export const BATCHES_URL = 'api/v1/batches';
export const BATCH_FAST_URL = 'api/v1/process-batch-fast';
export const BATCH_SEQUENTIAL_URL = 'api/v1/process-batch-stream';

const EVENT_TYPES = ['progress', 'result', 'error', 'complete'];

/** A batch-level refusal (4xx/5xx JSON before any event), carrying the server's message. */
export class BatchRejected extends Error {
    constructor(status, body) {
        super(body?.error || `The server answered ${status}`);
        this.name = 'BatchRejected';
        this.status = status;
        this.errorType = body?.error_type || (status === 401 ? 'unauthorized' : 'internal');
        // The error's facts (enable_parallel, retry_after_s, ...) are fields of the body itself.
        this.body = body ?? {};
    }

    /** The server runs with enable_parallel=false: the sequential stream still works. */
    get parallelDisabled() {
        return this.status === 400 && this.body.enable_parallel === false;
    }

    get unauthorized() {
        return this.status === 401;
    }

    /** Seconds to wait before trying again (429), when the server said. */
    get retryAfterSeconds() {
        return Number.isFinite(this.body.retry_after_s) ? this.body.retry_after_s : null;
    }
}

/** The headers that carry an API key on fetch (EventSource uses ?access_token instead). */
export function authHeaders(apiKey) {
    return apiKey ? {Authorization: `Bearer ${apiKey}`} : {};
}

function filesForm(files) {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    return form;
}

/** ?save=true when the decklists are to be kept in the library (the server's default otherwise). */
function withSave(url, save) {
    return save ? `${url}?save=true` : url;
}

async function rejection(response) {
    return new BatchRejected(response.status, await response.json().catch(() => null));
}

/**
 * Uploads the files as a resumable batch; `save` keeps each decklist in the library. Resolves to
 * {batchId, eventsUrl, statusUrl} (the URLs relative to the page). Rejects with BatchRejected, or
 * an AbortError when `signal` aborts.
 */
export async function createBatch(files, {apiKey = '', signal, save = false} = {}) {
    const response = await fetch(withSave(BATCHES_URL, save), {
        method: 'POST',
        body: filesForm(files),
        signal,
        headers: {Accept: 'application/json', ...authHeaders(apiKey)},
    });
    if (response.status !== 202) throw await rejection(response);
    const body = await response.json();
    const id = encodeURIComponent(body.batch_id);
    return {batchId: body.batch_id, eventsUrl: `${BATCHES_URL}/${id}/events`, statusUrl: `${BATCHES_URL}/${id}`};
}

/** Asks the server to cancel a resumable batch; its stream then ends with `complete`. */
export async function cancelBatch(batch, {apiKey = ''} = {}) {
    const response = await fetch(batch.statusUrl, {method: 'DELETE', headers: authHeaders(apiKey)});
    if (!response.ok) throw await rejection(response);
}

/**
 * Follows a resumable batch's events until `complete`. `onEvent(type, data)` gets every event
 * once; `onConnection(state)` hears 'open' and 'reconnecting'. Returns {done, close}: `done`
 * resolves after `complete` and rejects with BatchRejected when the stream cannot be (re)opened
 * (401, or the batch is gone).
 */
export function followBatch(batch, {apiKey = '', onEvent, onConnection = () => {}}) {
    let source = null;
    let lastEventId = '';
    let closed = false;
    let settle;
    const done = new Promise((resolve, reject) => (settle = {resolve, reject}));

    const finish = (error) => {
        if (closed) return;
        closed = true;
        source?.close();
        if (error) settle.reject(error);
        else settle.resolve();
    };

    const open = () => {
        const params = new URLSearchParams();
        if (apiKey) params.set('access_token', apiKey);
        // A new EventSource starts without Last-Event-ID: the query parameter carries it.
        if (lastEventId) params.set('last_event_id', lastEventId);
        const query = params.toString();
        source = new EventSource(batch.eventsUrl + (query ? `?${query}` : ''));
        source.addEventListener('open', () => onConnection('open'));
        for (const type of EVENT_TYPES) {
            source.addEventListener(type, (event) => {
                // The server's `event: error` and EventSource's own connection errors share a
                // name: only a MessageEvent with data is the server's.
                if (!(event instanceof MessageEvent) || typeof event.data !== 'string') {
                    if (type === 'error') connectionLost();
                    return;
                }
                if (event.lastEventId) lastEventId = event.lastEventId;
                let data;
                try {
                    data = JSON.parse(event.data);
                } catch {
                    return;  // every event of this API carries JSON; anything else is not for us
                }
                onEvent(type, data);
                // The stream ends after complete; without close() EventSource would reconnect.
                if (type === 'complete') finish();
            });
        }
    };

    const connectionLost = async () => {
        if (closed) return;
        if (source.readyState === EventSource.CONNECTING) {
            onConnection('reconnecting');  // EventSource retries by itself, with Last-Event-ID
            return;
        }
        // CLOSED: the server answered with an error status (EventSource does not say which).
        // The snapshot tells whether the batch is still there and the key still good.
        onConnection('reconnecting');
        try {
            const response = await fetch(batch.statusUrl, {headers: authHeaders(apiKey)});
            if (!response.ok) return finish(await rejection(response));
        } catch {
            // The network is down as well: try the stream again after a pause.
        }
        if (!closed) setTimeout(() => !closed && open(), 1000);
    };

    open();
    return {done, close: () => finish()};
}

/**
 * The fallback: uploads to a streaming endpoint and hands every event to the caller as it
 * arrives (fetch, because EventSource can only GET and here the upload opens the stream).
 * Resolves when the stream ends. Rejects with BatchRejected when the server refuses the batch,
 * and with a DOMException named "AbortError" when `signal` aborts. `save` keeps each decklist in
 * the library (?save=true).
 * @param {File[]} files
 * @param {{signal?: AbortSignal, onEvent: (type: string, data: any) => void, url?: string, apiKey?: string}} options
 */
export async function streamBatch(files, {signal, onEvent, url = BATCH_FAST_URL, apiKey = '', save = false}) {
    const response = await fetch(withSave(url, save), {
        method: 'POST',
        body: filesForm(files),
        signal,
        headers: {Accept: 'text/event-stream', ...authHeaders(apiKey)},
    });
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok || !type.startsWith('text/event-stream')) throw await rejection(response);
    await readEventStream(response.body, {
        onEvent(event) {
            let data;
            try {
                data = JSON.parse(event.data);
            } catch {
                return;
            }
            onEvent(event.type, data);
        },
    });
}
