// Unit tests of the page's SSE parser (web/js/sse-parser.js), run with node's test runner.
// The central property: however the byte stream is cut into chunks, the same events come out.

import assert from 'node:assert/strict';
import {test} from 'node:test';

import {SseParser, readEventStream} from '../../../web/js/sse-parser.js';

const encoder = new TextEncoder();

/** Parses `chunks` (strings or byte arrays) and returns the events and comments seen. */
function parse(chunks) {
    const events = [];
    const comments = [];
    const retries = [];
    const parser = new SseParser({
        onEvent: (event) => events.push(event),
        onComment: (text) => comments.push(text),
        onRetry: (ms) => retries.push(ms),
    });
    for (const chunk of chunks) parser.feed(chunk);
    parser.end();
    return {events, comments, retries, lastEventId: parser.lastEventId};
}

/** Cuts bytes into pieces of `size` bytes (the last one shorter). */
function pieces(bytes, size) {
    const out = [];
    for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
    return out;
}

// A stream shaped like the service's: retry first, heartbeats, ids, Chinese text, CRLF and
// LF line ends, a multi-line data field.
const SERVICE_STREAM =
    'retry: 3000\n\n' +
    ': heartbeat\n\n' +
    'id: 1\nevent: progress\ndata: {"index":0,"current":0,"total":2,"filename":"a.jpg","status":"validating"}\n\n' +
    'id: 2\r\nevent: result\r\ndata: {"index":0,"filename":"a.jpg",\r\ndata: "decklist":{"metadata":{"deck_name":"无极剑圣"}}}\r\n\r\n' +
    ': heartbeat\n\n' +
    'id: 3\revent: error\rdata: {"index":1,"filename":"b.jpg","error":"not an image","error_type":"validation"}\r\r' +
    'id: 4\nevent: complete\ndata: {"total":2,"successful":1,"failed":1}\n\n';

test('parses the service stream into typed events with ids', () => {
    const {events, comments, retries, lastEventId} = parse([SERVICE_STREAM]);
    assert.deepEqual(
        events.map((e) => [e.type, e.id]),
        [['progress', '1'], ['result', '2'], ['error', '3'], ['complete', '4']],
    );
    assert.equal(JSON.parse(events[1].data).decklist.metadata.deck_name, '无极剑圣');
    assert.equal(events[1].data.split('\n').length, 2, 'two data lines are joined with a newline');
    assert.deepEqual(comments, ['heartbeat', 'heartbeat']);
    assert.deepEqual(retries, [3000]);
    assert.equal(lastEventId, '4');
});

test('every chunk size yields the same events as one whole chunk', () => {
    const bytes = encoder.encode(SERVICE_STREAM);
    const whole = parse([bytes]).events;
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
        assert.deepEqual(parse(pieces(bytes, size)).events, whole, `chunk size ${size}`);
    }
});

test('every single cut point yields the same events', () => {
    const bytes = encoder.encode(SERVICE_STREAM);
    const whole = parse([bytes]).events;
    for (let cut = 1; cut < bytes.length; cut++) {
        assert.deepEqual(parse([bytes.slice(0, cut), bytes.slice(cut)]).events, whole, `cut at ${cut}`);
    }
});

test('a CRLF split between chunks is one line end, not two', () => {
    // Read as two line ends, the LF would be a blank line and dispatch "a" on its own.
    const {events} = parse(['data: a\r', '\ndata: b\r\n\r\n']);
    assert.deepEqual(events.map((e) => e.data), ['a\nb']);
});

test('a UTF-8 character split between chunks is decoded whole', () => {
    const bytes = encoder.encode('data: 传奇牌\n\n');
    // Cut inside the three bytes of 传.
    const {events} = parse([bytes.slice(0, 7), bytes.slice(7)]);
    assert.deepEqual(events.map((e) => e.data), ['传奇牌']);
});

test('an event without a type is a message; a block without data is no event', () => {
    const {events, lastEventId} = parse(['data: x\n\n', 'id: 9\n\n', 'event: lonely\n\n', 'data: y\n\n']);
    assert.deepEqual(
        events.map((e) => [e.type, e.data, e.id]),
        [['message', 'x', ''], ['message', 'y', '9']],
    );
    assert.equal(lastEventId, '9');
});

test('field parsing follows the standard', () => {
    const {events} = parse([
        '\uFEFFdata\n\n',             // a leading BOM is dropped; a field without colon has ""
        'data:no-space\n\n',          // the space after the colon is optional
        'data:  two spaces\n\n',      // only one leading space is removed
        'data: a:b:c\n\n',            // later colons belong to the value
        'unknown: z\ndata: k\n\n',    // unknown fields are ignored
        'retry: soon\ndata: r\n\n',   // a non-numeric retry is ignored
    ]);
    assert.deepEqual(events.map((e) => e.data), ['', 'no-space', ' two spaces', 'a:b:c', 'k', 'r']);
    assert.deepEqual(events.map((e) => e.type), Array(6).fill('message'));
});

test('an id containing NUL is ignored', () => {
    const {events} = parse(['id: 1\ndata: a\n\n', 'id: 2\0x\ndata: b\n\n']);
    assert.deepEqual(events.map((e) => e.id), ['1', '1']);
});

test('an event cut off by the end of the stream is not dispatched', () => {
    const {events} = parse(['data: complete\n\n', 'event: result\ndata: {"half":']);
    assert.deepEqual(events.map((e) => e.data), ['complete']);
});

test('readEventStream reads a ReadableStream chunk by chunk', async () => {
    const bytes = encoder.encode(SERVICE_STREAM);
    const body = new ReadableStream({
        start(controller) {
            for (const piece of pieces(bytes, 5)) controller.enqueue(piece);
            controller.close();
        },
    });
    const types = [];
    const lastId = await readEventStream(body, {onEvent: (e) => types.push(e.type)});
    assert.deepEqual(types, ['progress', 'result', 'error', 'complete']);
    assert.equal(lastId, '4');
});
