// SSE clients for tests, on the page's own parser (web/js/sse-parser.js), each event stamped
// with its arrival time so a test can tell a live stream from a buffered one:
// - collectEvents: fetch, as a browser reads a stream (and as EventSource GETs one);
// - postBatch: node:http writing the multipart body itself, so that a test knows when the
//   last byte went out, can pace the upload at a given rate, or stall it with the socket open.
// `heartbeats` holds `event: ping` blocks apart from the batch events.

import {randomBytes} from 'node:crypto';
import {once} from 'node:events';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

import {SseParser} from '../../../web/js/sse-parser.js';

const now = () => performance.now();

/** A multipart body with one `files` part per path (plus optional in-memory files). */
export function uploadForm(paths, extra = []) {
    const form = new FormData();
    for (const file of paths) {
        form.append('files', new Blob([readFileSync(file)], {type: 'image/jpeg'}), path.basename(file));
    }
    for (const {name, bytes, type} of extra) form.append('files', new Blob([bytes], {type}), name);
    return form;
}

function stamp(raw) {
    let data;
    try {
        data = JSON.parse(raw.data);
    } catch {
        data = raw.data;
    }
    return {type: raw.type, id: raw.id, data, at: now()};
}

/**
 * Requests `url` and collects its events until the stream ends, or until `stopAfter(event)`
 * returns true (then the connection is dropped, like a client going away).
 * Each event: {type, id, data (parsed JSON), at (ms, performance.now())}.
 * `onEvent` may be async; the next event is handled after it settles.
 * A stream that breaks off (a proxy closing it mid-way) resolves with `error` set; one that
 * has not ended after `deadlineMs` rejects.
 *
 * The body is read here rather than by readEventStream so that stopping never waits on an
 * aborted fetch: after the whole body had arrived, an abort sometimes left Node 20's
 * pending read unsettled for good; the reader is cancelled instead, and every read races
 * the deadline.
 */
export async function collectEvents(url, {method = 'GET', body, headers = {}, stopAfter, onEvent, deadlineMs = 60_000} = {}) {
    const controller = new AbortController();
    const startedAt = now();
    let expire;
    const expired = new Promise((resolve) => (expire = resolve));
    const deadline = setTimeout(() => expire('deadline'), deadlineMs);
    const timedOut = () => new Error(`${method} ${url}: no end within ${deadlineMs} ms (${events.length} events)`);
    const events = [];
    const heartbeats = [];
    let pending = Promise.resolve();
    let stopped = false;
    let error;
    let reader;
    try {
        const response = await Promise.race([fetch(url, {method, body, headers, signal: controller.signal}), expired]);
        if (response === 'deadline') throw timedOut();
        if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
        const contentType = response.headers.get('content-type') || '';
        if (!contentType.startsWith('text/event-stream')) throw new Error(`${url}: content-type ${contentType}`);
        const headAt = now();

        const parser = new SseParser({
            onEvent(raw) {
                if (stopped) return;
                const event = stamp(raw);
                if (event.type === 'ping') return void heartbeats.push(event);
                events.push(event);
                if (onEvent) pending = pending.then(() => onEvent(event));
                if (stopAfter?.(event)) stopped = true;
            },
        });
        reader = response.body.getReader();
        while (!stopped) {
            let next;
            try {
                next = await Promise.race([reader.read(), expired]);
            } catch (e) {
                error = e;  // the stream broke off
                break;
            }
            if (next === 'deadline') throw timedOut();
            if (next.done) {
                parser.end();
                break;
            }
            parser.feed(next.value);
        }
        await pending;
        return {events, heartbeats, headers: response.headers, startedAt, headAt, endAt: now(), error};
    } finally {
        clearTimeout(deadline);
        if (stopped || error) {
            reader?.cancel().catch(() => {});
        }
        controller.abort();  // no-op once the body has ended; drops the connection otherwise
    }
}

export async function getJson(url, init = {}) {
    const response = await fetch(url, {signal: AbortSignal.timeout(30_000), ...init});
    return {status: response.status, body: await response.json().catch(() => null)};
}

/** The multipart body for `files` ({name, bytes}), and where each file's part ends in it. */
export function multipartBody(files) {
    const boundary = `----decklist-${randomBytes(12).toString('hex')}`;
    const pieces = [];
    const partEnds = [];
    const fileStarts = [];
    let length = 0;
    const add = (buffer) => {
        pieces.push(buffer);
        length += buffer.length;
    };
    for (const {name, bytes} of files) {
        add(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\n` +
                        'Content-Type: image/jpeg\r\n\r\n'));
        fileStarts.push(length);
        add(bytes);
        add(Buffer.from('\r\n'));
        partEnds.push(length);
    }
    add(Buffer.from(`--${boundary}--\r\n`));
    return {body: Buffer.concat(pieces), contentType: `multipart/form-data; boundary=${boundary}`, partEnds, fileStarts};
}

/** Reads screenshot paths into {name, bytes}. */
export const readFiles = (paths) => paths.map((p) => ({name: path.basename(p), bytes: readFileSync(p)}));

/**
 * POSTs `files` ({name, bytes}) as one multipart body of known Content-Length, and reads the
 * answer (an event stream, or any other body as text) while the upload is still going.
 *
 * - `rate` (bytes/s): writes the body in `chunkBytes` pieces, each one when the clock says the
 *   bytes before it are due at that rate (pacing, not synchronisation); unset = as fast as the
 *   socket takes it.
 * - `stallAt` (byte offset): stops writing there and keeps the socket open, as a client whose
 *   link froze; `stalledAt` is when the last byte went out.
 * - `onUploadEnd()`, `onEvent(event)`: called as those happen (not awaited).
 * - `deadlineMs`: the whole exchange is abandoned (and `error` set) after this long.
 *
 * Resolves when the response has ended (or broken off, or the deadline passed) with
 * {status, headers, events, heartbeats, text, startedAt, headAt, uploadEndAt, stalledAt,
 *  endAt, bytesSent, error}. The socket is always destroyed before it resolves.
 */
export function postBatch(url, files, {rate, chunkBytes = 64 * 1024, stallAt, deadlineMs = 120_000, headers = {},
                                       onUploadEnd, onEvent} = {}) {
    const {body, contentType} = multipartBody(files);
    const limit = stallAt === undefined ? body.length : Math.min(stallAt, body.length);
    const result = {status: undefined, headers: undefined, events: [], heartbeats: [], text: '', startedAt: now(),
                    headAt: undefined, uploadEndAt: undefined, stalledAt: undefined, endAt: undefined, bytesSent: 0,
                    bodyBytes: body.length, error: undefined};
    let finished = false;
    let finish;
    const done = new Promise((resolve) => (finish = resolve));
    const end = (error) => {
        if (finished) return;
        finished = true;
        result.endAt = now();
        if (error && !result.error) result.error = error;
        clearTimeout(deadline);
        req.destroy();
        finish(result);
    };

    const req = http.request(url, {
        method: 'POST',
        agent: false,
        headers: {'Content-Type': contentType, 'Content-Length': body.length, Accept: 'text/event-stream', ...headers},
    });
    const deadline = setTimeout(() => end(new Error(`no end of response within ${deadlineMs} ms`)), deadlineMs);
    req.on('error', (error) => {
        // Writing after the server has answered and closed (EPIPE, ECONNRESET) is not the end
        // of the exchange while its response is still being read.
        if (result.status === undefined) end(error);
        else result.writeError ??= error;
    });
    req.on('response', (res) => {
        result.status = res.statusCode;
        result.headers = res.headers;
        result.headAt = now();
        const isStream = (res.headers['content-type'] || '').startsWith('text/event-stream');
        const parser = new SseParser({
            onEvent(raw) {
                const event = stamp(raw);
                if (event.type === 'ping') return void result.heartbeats.push(event);
                result.events.push(event);
                onEvent?.(event);
            },
        });
        res.on('data', (chunk) => (isStream ? parser.feed(chunk) : (result.text += chunk)));
        res.on('end', () => {
            if (isStream) parser.end();
            end();
        });
        res.on('aborted', () => end(new Error('response aborted')));
        res.on('error', (error) => end(error));
    });
    const closed = once(req, 'close').catch(() => {});

    (async () => {
        while (result.bytesSent < limit && !finished) {
            if (rate && result.bytesSent > 0) {
                // The next piece goes out when the bytes before it are due at `rate`.
                const due = result.startedAt + (result.bytesSent / rate) * 1000;
                const wait = due - now();
                if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
                if (finished) return;
            }
            const piece = body.subarray(result.bytesSent, Math.min(result.bytesSent + chunkBytes, limit));
            const flushed = req.write(piece);
            result.bytesSent += piece.length;
            if (!flushed && result.bytesSent < limit) await Promise.race([once(req, 'drain'), closed]);
        }
        if (finished) return;
        if (limit === body.length) {
            req.end();
            result.uploadEndAt = now();
            onUploadEnd?.();
        } else {
            result.stalledAt = now();
        }
    })().catch((error) => end(error));
    return done;
}
