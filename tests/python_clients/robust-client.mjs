// The same upload with a real SSE parser, the npm package eventsource-parser, instead of a
// hand-written split: it copes with comments, retry lines, multi-line data, CRLF and any field
// order, so it keeps working whatever a proxy or a later server version does to the framing.
// docs/STREAMING_GUIDE.md shows the same code; keep the two alike.

import {EventSourceParserStream} from 'eventsource-parser/stream';

export async function uploadBatch(url, files, {onEvent, signal} = {}) {
    const formData = new FormData();
    for (const file of files) formData.append('files', file);

    const response = await fetch(url, {method: 'POST', body: formData, signal});
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !type.startsWith('text/event-stream')) {
        // A refused batch is one JSON error; `detail` is its message, as from FastAPI.
        const body = await response.json().catch(() => ({}));
        throw new Error(body.detail ?? `HTTP ${response.status}`);
    }

    const events = response.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream());
    for await (const {event = 'message', data, id} of events) {
        if (event === 'ping') continue;  // heartbeat: keeps idle proxies from closing the stream
        onEvent?.(event, JSON.parse(data), id);
    }
}
