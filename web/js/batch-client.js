// Uploads a batch of screenshots to the streaming endpoint and hands every server-sent event
// to the caller as it arrives. Uses fetch rather than EventSource because EventSource can only
// GET, and the upload is the request that opens the stream.

import {readEventStream} from './sse-parser.js';

// Relative, so the page also works when a proxy mounts the service under a path prefix.
export const BATCH_FAST_URL = 'api/v1/process-batch-fast';
export const BATCH_SEQUENTIAL_URL = 'api/v1/process-batch-stream';

/** A batch-level refusal (4xx/5xx JSON before any event), carrying the server's message. */
export class BatchRejected extends Error {
    constructor(status, body) {
        super(body?.error || `The server answered ${status}`);
        this.name = 'BatchRejected';
        this.status = status;
        this.errorType = body?.error_type || 'internal';
        // The error's facts (enable_parallel, retry_after_s, ...) are fields of the body itself.
        this.body = body ?? {};
    }

    /** The server runs with enable_parallel=false: the sequential stream still works. */
    get parallelDisabled() {
        return this.status === 400 && this.body.enable_parallel === false;
    }
}

/**
 * @param {File[]} files
 * @param {{signal?: AbortSignal, onEvent: (type: string, data: any) => void, url?: string}} options
 * Resolves when the stream ends. Rejects with BatchRejected when the server refuses the batch,
 * and with a DOMException named "AbortError" when `signal` aborts.
 */
export async function streamBatch(files, {signal, onEvent, url = BATCH_FAST_URL}) {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);

    const response = await fetch(url, {
        method: 'POST',
        body: form,
        signal,
        headers: {Accept: 'text/event-stream'},
    });
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok || !type.startsWith('text/event-stream')) {
        throw new BatchRejected(response.status, await response.json().catch(() => null));
    }
    await readEventStream(response.body, {
        onEvent(event) {
            let data;
            try {
                data = JSON.parse(event.data);
            } catch {
                return;  // every event of this API carries JSON; anything else is not for us
            }
            onEvent(event.type, data);
        },
    });
}
