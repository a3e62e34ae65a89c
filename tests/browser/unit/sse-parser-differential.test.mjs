// Differential test of our two hand-written event-stream parsers against the reference, the npm
// package eventsource-parser: the page's web/js/sse-parser.js and the C++ tests' reader
// tests/support/sse_parser.hpp (through the build's sse-parse tool). Every stream of the corpus
// is fed whole, byte by byte, in seeded random chunks and cut inside every CRLF pair and every
// multi-byte UTF-8 character; all three must report the same events, retry values and comments.
//
// The C++ tool is found through SSE_PARSE_BIN (default <repo>/build/sse-parse). When it is
// missing its comparison is skipped, except under CI=true or SSE_PARSE_REQUIRED=1 (run.sh sets
// it), where a missing tool is a failure.

import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

import {createParser} from 'eventsource-parser';

import {SseParser} from '../../../web/js/sse-parser.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SSE_PARSE_BIN = process.env.SSE_PARSE_BIN || path.join(REPO_ROOT, 'build', 'sse-parse');
const CPP_REQUIRED = process.env.CI === 'true' || process.env.SSE_PARSE_REQUIRED === '1';
const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Normalisation, in one place. Each parser's output becomes a list of {event, data, id}:
//
// * event: eventsource-parser reports `undefined` for an event without a type; the standard
//   (and both of ours) call it "message".
// * id: eventsource-parser reports the `id` field of the event's own block only (undefined
//   when the block had none, and it forgets it at every blank line), while the standard's
//   "last event ID" persists from block to block and is what both of ours report. We fold the
//   reference's ids into the persistent form: an event without id inherits the previous
//   dispatched event's. This is exact except when an `id:` line sits in a block that is not
//   dispatched (no data): the reference never reports that id at all. The few cases that
//   exercise it carry the standard's ids, written out by hand (`specIds`), and the test checks
//   that they do differ from the folded reference, so the override cannot hide anything else.
// * end of stream: a CR as the stream's very last byte is a complete line end per the standard
//   (our parsers treat it so: the C++ one at once, the page's in end()), but eventsource-parser
//   cannot know the stream ended and keeps waiting for a possible LF. We tell it by feeding
//   the LF; a CRLF is one line end, so this adds no line of its own.
// * BOM: the standard drops one leading U+FEFF. The reference gets text from a default
//   TextDecoder, which drops it as the standard's "UTF-8 decode" does. The page's parser
//   drops it itself: we feed it text from a TextDecoder with ignoreBOM (its
//   feed(string) takes the text as sent, see sse-parser.test.mjs) and, separately, raw bytes as
//   readEventStream does. A second BOM must survive in all of them.
// * retry: the reference and the page's parser report every valid retry value, compared as
//   lists; the C++ parser keeps only the latest, compared with the reference's last, and as
//   a 64-bit integer it saturates where JavaScript's numbers do not (clamped below).
// * comments: text compared with the page's parser, the count with the C++ parser's.
// Nothing else is normalised: data, types and the choice of what is dispatched must match.
// ---------------------------------------------------------------------------------------------

const INT64_MAX = 2 ** 63 - 1; // rounds to 2^63 as a double, as JSON.parse of INT64_MAX does

/** Folds per-block ids into the standard's persistent last event id. */
function foldIds(events) {
    let last = '';
    return events.map((event) => {
        if (event.id !== undefined) last = event.id;
        return {event: event.event ?? 'message', data: event.data, id: last};
    });
}

/** Text chunks as a streaming TextDecoder yields them for these byte chunks, plus its flush. */
function decodeChunks(byteChunks, {ignoreBOM}) {
    const decoder = new TextDecoder('utf-8', {ignoreBOM});
    const out = byteChunks.map((chunk) => decoder.decode(chunk, {stream: true}));
    out.push(decoder.decode());
    return out;
}

function runReference(byteChunks, bytes) {
    const events = [];
    const retries = [];
    const comments = [];
    const parser = createParser({
        onEvent: (event) => events.push(event),
        onRetry: (ms) => retries.push(ms),
        onComment: (text) => comments.push(text),
    });
    for (const text of decodeChunks(byteChunks, {ignoreBOM: false})) parser.feed(text);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) parser.feed('\n');
    return {events: foldIds(events), retries, comments};
}

function runPage(chunks) {
    const events = [];
    const retries = [];
    const comments = [];
    const parser = new SseParser({
        onEvent: (event) => events.push({event: event.type, data: event.data, id: event.id}),
        onRetry: (ms) => retries.push(ms),
        onComment: (text) => comments.push(text),
    });
    for (const chunk of chunks) parser.feed(chunk);
    parser.end();
    return {events, retries, comments};
}

function runCpp(bytes, sizes) {
    const stdout = execFileSync(SSE_PARSE_BIN, ['--summary', '--chunks', sizes.join(',')], {
        input: Buffer.from(bytes),
        maxBuffer: 64 * 1024 * 1024,
    });
    const lines = stdout.toString('utf8').split('\n').filter((line) => line !== '');
    const summary = JSON.parse(lines.pop()).summary;
    assert.ok(summary, 'sse-parse ends with its --summary line');
    const events = lines.map((line) => JSON.parse(line));
    return {events, retry: summary.retry, comments: summary.comments};
}

// ---------------------------------------------------------------------------------------------
// Chunk plans: patterns of byte counts, cycled over the stream.
// ---------------------------------------------------------------------------------------------

/** mulberry32: small, seeded, the same on every machine. */
function prng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function sizesFromCuts(length, cuts) {
    const sorted = [...new Set(cuts)].filter((c) => c > 0 && c < length).sort((a, b) => a - b);
    const sizes = [];
    let previous = 0;
    for (const cut of [...sorted, length]) {
        sizes.push(cut - previous);
        previous = cut;
    }
    return sizes;
}

/** Cuts between every CR and its LF and after the first byte of every multi-byte character. */
function trickyCuts(bytes) {
    const cuts = {crlf: [], utf8: []};
    for (let i = 0; i + 1 < bytes.length; i++) {
        if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) cuts.crlf.push(i + 1);
        if (bytes[i] >= 0xc0) cuts.utf8.push(i + 1); // a lead byte of a 2- to 4-byte sequence
    }
    return cuts;
}

let crlfSplits = 0;
let utf8Splits = 0;
// A chunk list goes to sse-parse as one argument, which Linux caps at 128 KiB.
const MAX_EXPLICIT_CUTS = 4000;

/**
 * The chunk plans for one stream. `sizes` is a pattern of byte counts, cycled until the stream
 * ends (as sse-parse --chunks cycles it), so that the long streams need no long lists.
 */
function chunkPlans(bytes, seed) {
    const n = bytes.length;
    const plans = [{name: 'whole', sizes: [Math.max(n, 1)]}];
    if (n === 0) return plans;
    plans.push({name: 'byte by byte', sizes: [1]});
    for (const [k, largest] of [[1, 9], [2, 9], [3, 97]]) {
        const random = prng(seed * 7919 + k);
        const count = 1 + Math.floor(random() * 61);
        const sizes = Array.from({length: count}, () => 1 + Math.floor(random() * largest));
        plans.push({name: `random #${k} (${sizes.join(',')})`, sizes});
    }
    const cuts = trickyCuts(bytes);
    let all = [...cuts.crlf, ...cuts.utf8].sort((a, b) => a - b);
    // The very long lines hold more multi-byte characters than one argument can list cuts
    // for: there every k-th cut is kept; the ordinary streams keep them all.
    if (all.length > MAX_EXPLICIT_CUTS) {
        const step = Math.ceil(all.length / MAX_EXPLICIT_CUTS);
        all = all.filter((_, i) => i % step === 0);
    }
    if (all.length > 0) {
        const crlf = new Set(cuts.crlf);
        crlfSplits += all.filter((cut) => crlf.has(cut)).length;
        utf8Splits += all.filter((cut) => !crlf.has(cut)).length;
        plans.push({name: 'cut in every CRLF and UTF-8 character', sizes: sizesFromCuts(n, all)});
    }
    return plans;
}

/** Cuts `bytes` into chunks of the cycled `sizes`. */
function split(bytes, sizes) {
    const chunks = [];
    for (let offset = 0, i = 0; offset < bytes.length; i++) {
        const size = sizes[i % sizes.length];
        chunks.push(bytes.subarray(offset, offset + size));
        offset += size;
    }
    return chunks;
}

// ---------------------------------------------------------------------------------------------
// The corpus. Strings are encoded as UTF-8; `bytes` gives a stream byte for byte.
// ---------------------------------------------------------------------------------------------

const progress = JSON.stringify({
    index: 0,
    current: 1,
    total: 2,
    filename: '牌组.jpg',
    status: 'recognizing',
});

const HAND_WRITTEN = [
    {name: 'our progress block', text: `event: progress\ndata: ${progress}\nid: 3\n\n`},
    {name: 'our ping block', text: 'event: ping\ndata: {}\n\n'},
    {
        name: 'our whole stream, with heartbeats',
        text:
            'retry: 3000\n\n: heartbeat\n\n' +
            `event: progress\ndata: ${progress}\nid: 1\n\n` +
            'event: ping\ndata: {}\n\n: heartbeat\n\n' +
            'event: result\ndata: {"index":0,"decklist":{"metadata":{"deck_name":"无极剑圣"}}}\nid: 2\n\n' +
            'event: complete\ndata: {"total":1,"successful":1,"failed":0}\nid: 3\n\n',
    },
    {name: 'LF line ends', text: 'data: a\n\ndata: b\nevent: x\n\n'},
    {name: 'CRLF line ends', text: 'id: 1\r\nevent: x\r\ndata: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n'},
    {name: 'CR line ends, ending in CR', text: 'id: 1\revent: x\rdata: a\rdata: b\r\rdata: c\r\r'},
    {name: 'mixed line ends', text: 'data: a\r\ndata: b\rdata: c\n\r\ndata: d\n\rdata: e\r\n\n\r\r'},
    {name: 'CR then LF as a blank line, not one line end', text: 'data: a\n\r\n\ndata: b\r\r\n'},
    {name: 'lone CR at the very end ends a line but dispatches nothing', text: 'data: a\n\ndata: b\r'},
    {name: 'BOM at the start', text: '\uFEFFdata: after bom\n\n'},
    {name: 'BOM at the start, CRLF', text: '\uFEFFid: 7\r\ndata: x\r\n\r\n'},
    {name: 'two BOMs: only the first is dropped', text: '\uFEFF\uFEFFdata: lost\n\ndata: kept\n\n'},
    {name: 'BOM later in the stream is no BOM', text: 'data: a\n\n\uFEFFdata: lost\n\ndata: \uFEFFkept\n\n'},
    {
        name: 'comments',
        text: ': heartbeat\n\n:\n:no space\n:  two spaces\ndata: a\n: between\ndata: b\n\n: 注释\n\n',
    },
    {
        name: 'retry values, valid and invalid',
        text:
            'retry: 3000\n\nretry:0\n\nretry: soon\n\nretry: -1\n\nretry: 1.5\n\nretry:  100\n\n' +
            'retry:\n\nretry\n\nretry: 12a\n\nretry: 007\ndata: x\n\nretry: 4500\n\n',
    },
    {name: 'retry too large for 64 bits', text: 'retry: 99999999999999999999\ndata: x\n\n'},
    {
        name: 'ids: set, emptied, without colon',
        text: 'id: 1\ndata: a\n\ndata: b\n\nid:\ndata: c\n\nid: 2\ndata: d\n\nid\ndata: e\n\nid:3\ndata: f\n\n',
    },
    {name: 'id containing NUL is ignored', text: 'id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\nid: \0\ndata: c\n\n'},
    {name: 'id containing NUL after a valid id in the same block', text: 'id: 4\nid: 5\0\ndata: a\n\n'},
    {
        name: 'id in a block without data persists (standard)',
        text: 'data: a\n\nid: 9\n\ndata: b\n\nid: 10\nevent: lonely\n\ndata: c\n\n',
        specIds: ['', '9', '10'],
    },
    {name: 'id with spaces keeps all but one leading space', text: 'id:  a b \ndata: x\n\n'},
    {name: 'fields without colon', text: 'data\n\nevent\ndata\ndata\n\ndata: a\nevent\n\n'},
    {name: 'data without space and with two spaces', text: 'data:x\n\ndata:  y\n\ndata:\tz\n\ndata: \n\n'},
    {name: 'multiple data lines', text: 'data: one\ndata:\ndata: three\ndata\ndata: 五\n\n'},
    {name: 'empty data', text: 'data:\n\ndata: \n\ndata\n\n'},
    {
        name: 'event with no data is not dispatched and its type does not leak',
        text: 'event: orphan\n\ndata: a\n\nevent: x\nid: 1\n\nevent: y\ndata: b\n\n',
        specIds: ['', '1'],
    },
    {name: 'last event type wins; empty type is message', text: 'event: a\nevent: b\ndata: x\n\nevent: a\nevent:\ndata: y\n\n'},
    {name: 'final block without the blank line is not dispatched', text: 'data: a\n\nevent: result\ndata: {"half":'},
    {name: 'final block ending in one LF is not dispatched', text: 'data: a\n\nevent: x\ndata: b\n'},
    {name: 'final block ending in one CRLF is not dispatched', text: 'data: a\r\n\r\ndata: b\r\n'},
    {
        name: 'unknown fields and case-sensitive names',
        text: 'foo: bar\ndata: a\nData: b\nDATA: c\nevent : x\ndata : d\n data: e\nid : 9\n\n',
    },
    {name: 'colons in values', text: 'data:: x\n\ndata: a:b:c\n\nevent::colon\ndata: y\n\n'},
    {name: 'NUL and control characters in data', text: 'data: a\0b\n\ndata: \u0001\u007f\t\n\n'},
    {
        name: 'UTF-8 Chinese, accents and emoji',
        text: 'event: 结果\ndata: 无极剑圣 易\ndata: café ñ\nid: 编号\n\ndata: 🃏🂡 4-byte\n\n',
    },
    {name: 'empty stream', text: ''},
    {name: 'blank lines only', text: '\n\n\r\n\r\r'},
    {
        name: 'very long lines',
        text:
            `: ${'h'.repeat(70000)}\n` +
            `id: ${'i'.repeat(5000)}\n` +
            `data: ${'长'.repeat(40000)}\n` +
            `data: ${'x'.repeat(100000)}\n\n` +
            `event: ${'e'.repeat(3000)}\ndata: y\n\n`,
    },
    // Only in a comment: how a bad byte becomes U+FFFD is sse-parse's JSON output, not parsing.
    {
        name: 'invalid UTF-8 byte in a comment',
        bytes: [0x3a, 0x20, 0xff, 0x0a, ...encoder.encode('data: ok\n\n')],
    },
];

// Generated streams: random blocks of random lines with random line ends. An `id:` line only
// goes into a block that also has a data line, so the reference's ids stay comparable (see
// the normalisation above); the hand-written cases cover ids in blocks without data.
function generated(seed) {
    const random = prng(seed);
    const pick = (list) => list[Math.floor(random() * list.length)];
    const words = ['a', 'hello world', '无极剑圣', '{"k":[1,2]}', '', ' lead', 'trail ', 'é', '🂡'];
    words.push('x:y', '\0');
    const ends = ['\n', '\r\n', '\r'];
    const end = () => (random() < 0.5 ? '\n' : pick(ends));
    let text = random() < 0.2 ? '\uFEFF' : '';
    const blocks = 1 + Math.floor(random() * 8);
    for (let b = 0; b < blocks; b++) {
        const lines = [];
        const dataLines = Math.floor(random() * 4);
        for (let i = 0; i < dataLines; i++) {
            lines.push(pick(['data: ', 'data:', 'data:  ']) + pick(words));
        }
        if (random() < 0.1 && dataLines > 0) lines.push('data');
        if (random() < 0.5) {
            lines.push(pick(['event: ', 'event:']) + pick(['progress', 'ping', 'result', '事件', '']));
        }
        if (dataLines > 0 && random() < 0.6) {
            lines.push(pick(['id: ', 'id:']) + pick(['1', '42', '', 'a\0b', '编号']));
        }
        if (random() < 0.3) {
            lines.push(pick([': heartbeat', ':', ':x', 'retry: 1000', 'retry: x', 'retry:5', 'foo: bar']));
        }
        // Shuffle, so that event, id and comments come before, between or after the data.
        for (let i = lines.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [lines[i], lines[j]] = [lines[j], lines[i]];
        }
        text += lines.map((line) => line + end()).join('');
        // The last block is sometimes left without its blank line.
        if (b < blocks - 1 || random() < 0.7) text += end();
    }
    return {name: `generated #${seed}`, text};
}

const CORPUS = [...HAND_WRITTEN, ...Array.from({length: 16}, (_, i) => generated(i + 1))];

// ---------------------------------------------------------------------------------------------

const cppMissing = !existsSync(SSE_PARSE_BIN);

/** Skips a C++ comparison when sse-parse is missing, or fails it where it is required. */
function needCpp(t) {
    if (!cppMissing) return true;
    const message = `${SSE_PARSE_BIN} missing: build it with cmake --build build --target sse-parse`;
    if (CPP_REQUIRED) assert.fail(message);
    t.skip(message);
    return false;
}

const streamBytes = (stream) => (stream.bytes ? Uint8Array.from(stream.bytes) : encoder.encode(stream.text));

/** The reference's result for one chunking, with the hand-written standard ids if any. */
function reference(stream, chunks, bytes) {
    const result = runReference(chunks, bytes);
    if (stream.specIds) result.events = result.events.map((e, i) => ({...e, id: stream.specIds[i]}));
    return result;
}

for (const [index, stream] of CORPUS.entries()) {
    const bytes = streamBytes(stream);
    const plans = chunkPlans(bytes, index + 1);

    test(`differential: ${stream.name}`, async (t) => {
        const expected = reference(stream, [bytes], bytes);
        if (stream.specIds) {
            const folded = runReference([bytes], bytes).events.map((e) => e.id);
            assert.equal(stream.specIds.length, folded.length, 'one standard id per event');
            assert.notDeepEqual(folded, stream.specIds, 'the folded ids are right here: drop specIds');
        }

        await t.test('eventsource-parser: every chunking gives the same result', () => {
            for (const plan of plans) {
                const got = reference(stream, split(bytes, plan.sizes), bytes);
                assert.deepEqual(got, expected, `chunks: ${plan.name}`);
            }
        });

        await t.test('web/js/sse-parser.js fed decoded text', () => {
            for (const plan of plans) {
                const got = runPage(decodeChunks(split(bytes, plan.sizes), {ignoreBOM: true}));
                assert.deepEqual(got, expected, `chunks: ${plan.name}`);
            }
        });

        await t.test('web/js/sse-parser.js fed bytes, as readEventStream does', () => {
            for (const plan of plans) {
                assert.deepEqual(runPage(split(bytes, plan.sizes)), expected, `chunks: ${plan.name}`);
            }
        });

        await t.test('tests/support/sse_parser.hpp through sse-parse', (t2) => {
            if (!needCpp(t2)) return;
            const retry = expected.retries.length ? Math.min(expected.retries.at(-1), INT64_MAX) : null;
            for (const plan of plans) {
                const got = runCpp(bytes, plan.sizes);
                assert.deepEqual(got.events, expected.events, `events, chunks: ${plan.name}`);
                assert.equal(got.retry, retry, `retry, chunks: ${plan.name}`);
                assert.equal(got.comments, expected.comments.length, `comments, chunks: ${plan.name}`);
            }
        });
    });
}

test('differential: the corpus is as tricky as it claims', () => {
    assert.ok(CORPUS.length >= 25, `at least 25 streams (${CORPUS.length})`);
    assert.ok(crlfSplits > 0, 'some chunk boundary splits a CRLF pair');
    assert.ok(utf8Splits > 0, 'some chunk boundary splits a multi-byte UTF-8 character');
    let events = 0;
    for (const stream of CORPUS) events += runReference([streamBytes(stream)], streamBytes(stream)).events.length;
    assert.ok(events >= 80, `the corpus dispatches at least 80 events (${events})`);
});

test('differential: sse-parse reads a file argument too', (t) => {
    if (!needCpp(t)) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'sse-parse-'));
    try {
        const file = path.join(dir, 'stream.txt');
        writeFileSync(file, 'id: 1\nevent: ping\ndata: {}\n\nretry: 250\n: c\n\n');
        const lines = execFileSync(SSE_PARSE_BIN, ['--summary', file]).toString('utf8').trim().split('\n');
        assert.deepEqual(lines.map((line) => JSON.parse(line)), [
            {event: 'ping', data: '{}', id: '1'},
            {summary: {retry: 250, comments: 1}},
        ]);
    } finally {
        rmSync(dir, {recursive: true, force: true});
    }
});
