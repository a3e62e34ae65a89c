// A streaming parser for the WHATWG "text/event-stream" format.
//
// fetch() hands us the body in arbitrary chunks: an event, a line, a CRLF pair or even one
// UTF-8 character can be split across two chunks. The parser therefore keeps the unfinished
// line between calls and only interprets complete lines, exactly as the HTML standard's
// "interpreting an event stream" algorithm describes. It has no DOM dependency so that node's
// test runner can exercise it directly.

/**
 * @typedef {{type: string, data: string, id: string, retry: (number|undefined)}} SseEvent
 * @typedef {{
 *   onEvent: (event: SseEvent) => void,
 *   onComment?: (text: string) => void,
 *   onRetry?: (ms: number) => void,
 * }} SseHandlers
 */
export class SseParser {
    /** @param {SseHandlers} handlers */
    constructor(handlers) {
        this.handlers = handlers;
        // `stream: true` keeps a multi-byte character that was cut in half for the next chunk.
        // ignoreBOM leaves the BOM to feed(), which drops exactly one for bytes and text alike;
        // the decoder dropping one as well would lose a second BOM that belongs to the stream.
        this.decoder = new TextDecoder('utf-8', {ignoreBOM: true});
        this.pending = '';  // text after the last complete line
        this.heldCr = false;  // pending ends with a CR that may be the first half of a CRLF
        this.sawFirstChunk = false;
        this.lastEventId = '';  // survives between events, as EventSource's does
        this.resetEvent();
    }

    /** Feeds the next piece of the body (bytes as delivered by a reader, or text). */
    feed(chunk) {
        let text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, {stream: true});
        if (!this.sawFirstChunk && text.length > 0) {
            this.sawFirstChunk = true;
            if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);  // a leading BOM is not data
        }
        this.pending += text;
        // Only a CR or LF (or any text after a held CR) completes a line. Rescanning the
        // unfinished line at every chunk would make a long line in small chunks quadratic.
        if (this.heldCr ? text.length > 0 : text.includes('\n') || text.includes('\r')) {
            this.consumeCompleteLines();
        }
    }

    /** Call once the body has ended. A trailing event without its blank line is dropped. */
    end() {
        this.pending += this.decoder.decode();
        // A lone CR at the very end is a complete line ending after all.
        if (this.pending.endsWith('\r')) this.consumeCompleteLines(true);
        this.pending = '';
        this.heldCr = false;
        this.resetEvent();
    }

    consumeCompleteLines(atEnd = false) {
        let start = 0;
        const text = this.pending;
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c !== 0x0a && c !== 0x0d) continue;
            // A CR as the last character may be the first half of a CRLF split across chunks.
            if (c === 0x0d && i === text.length - 1 && !atEnd) break;
            this.processLine(text.slice(start, i));
            if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
            start = i + 1;
        }
        this.pending = text.slice(start);
        this.heldCr = this.pending.endsWith('\r');
    }

    processLine(line) {
        if (line === '') {
            this.dispatch();
            return;
        }
        if (line.startsWith(':')) {
            this.handlers.onComment?.(line.slice(1).replace(/^ /, ''));
            return;
        }
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        switch (field) {
            case 'event':
                this.eventType = value;
                break;
            case 'data':
                this.dataLines.push(value);
                break;
            case 'id':
                if (!value.includes('\0')) this.lastEventId = value;
                break;
            case 'retry':
                if (/^[0-9]+$/.test(value)) {
                    this.retry = Number(value);
                    this.handlers.onRetry?.(this.retry);
                }
                break;
            default:
                break;  // unknown fields are ignored by the standard
        }
    }

    dispatch() {
        if (this.dataLines.length === 0) {
            // A block with no data line (e.g. only `id:` or `retry:`) is not an event.
            this.resetEvent();
            return;
        }
        const event = {
            type: this.eventType || 'message',
            data: this.dataLines.join('\n'),
            id: this.lastEventId,
            retry: this.retry,
        };
        this.resetEvent();
        this.handlers.onEvent(event);
    }

    resetEvent() {
        this.eventType = '';
        this.dataLines = [];
        this.retry = undefined;
    }
}

/**
 * Reads a fetch() response body to its end, calling handlers.onEvent for every event.
 * Resolves when the stream ends; rejects with an AbortError when the request is aborted.
 * @param {ReadableStream<Uint8Array>} body
 * @param {SseHandlers} handlers
 */
export async function readEventStream(body, handlers) {
    const parser = new SseParser(handlers);
    const reader = body.getReader();
    try {
        for (;;) {
            const {value, done} = await reader.read();
            if (done) break;
            parser.feed(value);
        }
        parser.end();
    } finally {
        reader.releaseLock();
    }
    return parser.lastEventId;
}
