// A dropped connection in the middle of a batch: the page listens to the batch's events with
// EventSource, through a TCP proxy that the test cuts right after the first result. EventSource
// reconnects with Last-Event-ID, the server replays what came after it, and every file still
// gets exactly one card or error.

import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {BAD_FILE, BATCH_LIMIT_MS, fromDisk, launchBrowser, withPage} from '../lib/browser.mjs';
import {startCutProxy} from '../lib/cut-proxy.mjs';
import {startServer} from '../lib/decklist-server.mjs';
import {traceSlots} from '../lib/page-trace.mjs';
import {screenshotExpectations} from '../lib/truth.mjs';

let server;
let proxy;
let browser;

before(async () => {
    server = await startServer();
    proxy = await startCutProxy(server.port);
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.stop();
});

test('a connection cut mid-batch resumes with Last-Event-ID and loses nothing', async () => {
    const expected = screenshotExpectations();
    const files = [...expected.map((e) => fromDisk(e.path)), BAD_FILE];
    await withPage(browser.context, 'resume', server, async (page) => {
        await page.goto(proxy.url + '/');
        await traceSlots(page);  // every card or error put in a slot, every connection state

        const cut = proxy.cutAfter('result');
        await page.setInputFiles('#file-input', files);
        const {lastId, drop} = await cut;
        assert.match(lastId ?? '', /^\d+$/, 'the stream was cut right after an event with an id');
        // The connection drops once the page has shown that result, so EventSource has its id.
        await page.waitForSelector('.deck-card.is-done', {timeout: BATCH_LIMIT_MS});
        drop();
        assert.equal(await page.isHidden('#summary'), true, 'cut before the batch was complete in the page');
        await page.waitForSelector('#summary[data-state="complete"]:not([hidden])', {timeout: BATCH_LIMIT_MS});

        // The page reconnected, and said so while it did.
        const streams = proxy.requests.filter((r) => r.method === 'GET' && /\/events/.test(r.path));
        assert.equal(streams.length, 2, `one reconnect: ${streams.map((r) => r.path)}`);
        assert.equal(streams[0].headers['last-event-id'], undefined);
        assert.equal(streams[1].headers['last-event-id'], lastId, 'EventSource resumed after the last event it had');
        assert.equal(streams[0].path, streams[1].path);
        const trace = await page.evaluate(() => window.__trace);
        assert.ok(trace.connection.includes('reconnecting'), `connection states: ${trace.connection}`);

        // Nothing lost, nothing twice.
        assert.deepEqual([...trace.filled].sort((a, b) => a - b), files.map((_, i) => i),
                         `each file filled once: ${trace.filled}`);
        assert.equal(await page.locator('.deck-card.is-done').count(), expected.length);
        assert.equal(await page.locator('.deck-card[data-state="error"]').count(), 1);
        assert.match(await page.textContent('#summary [data-field="successful"]'),
                     new RegExp(`^${expected.length} of ${files.length} read`));
        assert.equal(await page.isHidden('#banner'), true, 'no error shown');
        for (const [index, e] of expected.entries()) {
            const legend = await page.textContent(`.deck-card[data-index="${index}"] [data-field="legend-name"]`);
            assert.equal(legend.trim(), e.legendEn, `${e.file} legend`);
        }
    });
});
