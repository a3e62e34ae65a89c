// Heartbeats between a batch's events, in chromium: the server sends one every 20 ms, and a
// recording proxy between the browser and the server (lib/wire-tap.mjs) proves they were on the
// wire of the very stream the browser read. The resumable route's stream, read by EventSource,
// carries `: heartbeat` comments; the POST streams, read with fetch by the page's fallback,
// carry `event: ping` blocks. Neither may show an error, lose a result or reconnect.

import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {BAD_FILE, BATCH_LIMIT_MS, fromDisk, launchBrowser, withPage} from '../lib/browser.mjs';
import {startServer} from '../lib/decklist-server.mjs';
import {traceSlots} from '../lib/page-trace.mjs';
import {screenshotExpectations} from '../lib/truth.mjs';
import {heartbeatsBetweenEvents, sseBlocks, startWireTap} from '../lib/wire-tap.mjs';

// Far below the time one screenshot takes to read (well above the 1 ms minimum of heartbeat_s).
const HEARTBEAT_S = '0.02';
const EVENTS_PATH = /^\/api\/v1\/batches\/[^/?]+\/events(\?|$)/;

const isComment = (block) => block.comment === 'heartbeat';
const isPing = (block) => block.event === 'ping';

let server;
let tap;
let browser;

before(async () => {
    // One worker: the batch takes seconds, so the event stream opened after the upload's 202
    // is there while the screenshots are read.
    server = await startServer({workers: 1, env: {DECKLIST_HEARTBEAT_S: HEARTBEAT_S}});
    tap = await startWireTap(server.port);
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await tap?.close();
    await server?.stop();
});

/** The exchanges through the tap since `before` (an index into tap.exchanges) that `match`. */
function exchangesSince(before, match) {
    return tap.exchanges.slice(before).filter(match);
}

/** Asserts the heartbeats on a stream's wire; returns the stream's other events. */
async function assertHeartbeats(exchange, isHeartbeat, exactText) {
    await exchange.ended;
    const blocks = sseBlocks(exchange.body);
    const heartbeats = blocks.filter(isHeartbeat);
    assert.ok(heartbeats.length >= 2, `heartbeats on the wire: ${heartbeats.length}`);
    for (const heartbeat of heartbeats) assert.equal(heartbeat.text, exactText);
    assert.ok(heartbeatsBetweenEvents(blocks, isHeartbeat) >= 1, 'heartbeats came while the screenshots were read');
    return blocks.filter((b) => !isHeartbeat(b) && b.data !== undefined);
}

/** Every screenshot has its decklist card, the bad file its error, and nothing else is shown. */
async function assertEveryResultShown(page, expected, files) {
    await page.waitForSelector('#summary[data-state="complete"]:not([hidden])', {timeout: BATCH_LIMIT_MS});
    const trace = await page.evaluate(() => window.__trace);
    assert.deepEqual([...trace.filled].sort((a, b) => a - b), files.map((_, i) => i),
                     `each file filled once: ${trace.filled}`);
    assert.ok(!trace.connection.includes('reconnecting'), `connection states: ${trace.connection}`);
    for (const [index, e] of expected.entries()) {
        const card = page.locator(`.deck-card[data-index="${index}"]`);
        assert.equal(await card.getAttribute('data-state'), 'done', `${e.file} has a decklist card`);
        assert.equal((await card.locator('[data-field="legend-name"]').textContent()).trim(), e.legendEn,
                     `${e.file} legend`);
    }
    assert.equal(await page.locator('.deck-card[data-state="error"]').count(), 1);
    assert.equal(await page.getAttribute(`.deck-card[data-index="${expected.length}"]`, 'data-state'), 'error');
    assert.match(await page.textContent('#summary [data-field="successful"]'),
                 new RegExp(`^${expected.length} of ${files.length} read`));
    assert.equal(await page.isHidden('#banner'), true, 'no error shown');
}

function countByType(events) {
    const counts = {};
    for (const {event} of events) counts[event] = (counts[event] ?? 0) + 1;
    return counts;
}

test('the page reads a resumable batch with heartbeat comments between its events', async () => {
    const expected = screenshotExpectations();
    const files = [...expected.map((e) => fromDisk(e.path)), BAD_FILE];
    await withPage(browser.context, 'heartbeats-page', server, async (page) => {
        await page.goto(tap.url + '/');
        await traceSlots(page);
        const before = tap.exchanges.length;
        await page.setInputFiles('#file-input', files);
        await assertEveryResultShown(page, expected, files);

        const streams = exchangesSince(before, (e) => e.method === 'GET' && EVENTS_PATH.test(e.path));
        assert.equal(streams.length, 1, `one EventSource connection, never reopened: ${streams.map((e) => e.path)}`);
        const events = await assertHeartbeats(streams[0], isComment, ': heartbeat');
        assert.deepEqual(countByType(events),
                         {progress: files.length, result: expected.length, error: 1, complete: 1});
    });
});

test('the page\'s fetch fallback reads a POST stream with ping events between its events', async () => {
    const expected = screenshotExpectations().slice(0, 2);
    const files = [...expected.map((e) => fromDisk(e.path)), BAD_FILE];
    await withPage(browser.context, 'heartbeats-fallback', server, async (page) => {
        // As a proxy that does not forward /api/v1/batches would answer: the page posts to
        // /api/v1/process-batch-fast instead and reads its response with its own SSE parser.
        await page.route('**/api/v1/batches', (route) => route.fulfill({
            status: 404, contentType: 'application/json',
            body: JSON.stringify({error: 'no such route', error_type: 'not_found', detail: 'no such route'}),
        }));
        await page.goto(tap.url + '/');
        await traceSlots(page);
        const before = tap.exchanges.length;
        await page.setInputFiles('#file-input', files);
        await assertEveryResultShown(page, expected, files);

        const streams = exchangesSince(before, (e) => e.method === 'POST');
        assert.deepEqual(streams.map((e) => e.path), ['/api/v1/process-batch-fast']);
        const events = await assertHeartbeats(streams[0], isPing, 'event: ping\ndata: {}');
        assert.deepEqual(countByType(events),
                         {progress: files.length, result: expected.length, error: 1, complete: 1});
    });
});

test('EventSource delivers every event of a resumable batch and nothing for its heartbeats', async () => {
    const expected = screenshotExpectations();
    const form = new FormData();
    for (const e of expected) form.append('files', new Blob([fromDisk(e.path).buffer], {type: 'image/jpeg'}), e.file);
    form.append('files', new Blob([BAD_FILE.buffer], {type: BAD_FILE.mimeType}), BAD_FILE.name);
    const total = expected.length + 1;

    await withPage(browser.context, 'heartbeats-eventsource', server, async (page) => {
        await page.goto(tap.url + '/');
        const response = await fetch(`${server.url}/api/v1/batches`, {method: 'POST', body: form});
        assert.equal(response.status, 202);
        const {batch_id: batchId} = await response.json();
        const before = tap.exchanges.length;
        // A bare EventSource, listening for the API's events and for anything else it might
        // dispatch: unnamed messages (what a comment would become if it were read as data),
        // `ping` events and connection errors (an `error` event that is no MessageEvent).
        const seen = await page.evaluate((url) => new Promise((resolve) => {
            const seen = {events: [], opens: 0, messages: 0, pings: 0, connectionErrors: 0};
            const source = new EventSource(url);
            source.onopen = () => seen.opens++;
            source.onmessage = () => seen.messages++;
            source.addEventListener('ping', () => seen.pings++);
            for (const type of ['progress', 'result', 'error', 'complete']) {
                source.addEventListener(type, (event) => {
                    if (!(event instanceof MessageEvent)) {
                        seen.connectionErrors++;
                        return;
                    }
                    seen.events.push({event: type, data: event.data, id: event.lastEventId});
                    if (type === 'complete') {
                        source.close();  // otherwise EventSource reconnects when the stream ends
                        resolve(seen);
                    }
                });
            }
        }), `/api/v1/batches/${encodeURIComponent(batchId)}/events`);

        assert.equal(seen.opens, 1);
        assert.equal(seen.connectionErrors, 0);
        assert.equal(seen.messages, 0, 'no heartbeat was dispatched as a message');
        assert.equal(seen.pings, 0);
        const streams = exchangesSince(before, (e) => e.method === 'GET' && EVENTS_PATH.test(e.path));
        assert.equal(streams.length, 1, 'one connection, never reopened');
        const onWire = await assertHeartbeats(streams[0], isComment, ': heartbeat');
        assert.deepEqual(seen.events, onWire.map(({event, data, id}) => ({event, data, id})),
                         'EventSource delivered exactly the events on the wire, in order');
        assert.deepEqual(countByType(seen.events), {progress: total, result: expected.length, error: 1, complete: 1});
    });
});
