// The page in a real browser against the real server: Debian's chromium driven by
// playwright-core uploads the shared screenshots plus a text file named .jpg through the file
// input, and the test checks what a person would see.

import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';

import {ARTIFACTS, BAD_FILE, BATCH_LIMIT_MS, fromDisk, launchBrowser, withPage as openPage} from '../lib/browser.mjs';
import {startServer} from '../lib/decklist-server.mjs';
import {screenshotExpectations} from '../lib/truth.mjs';

let server;
let browser;
let context;

before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = browser.context;
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

const withPage = (name, fn, target = () => server) => openPage(context, name, target(), fn);

/** Records, inside the page, every progress value and every slot that turns into a card. */
async function traceProgress(page) {
    await page.evaluate(() => {
        const trace = (window.__trace = []);
        const progress = document.getElementById('progress');
        const summary = document.getElementById('summary');
        // Several updates can land before the observer runs: each record's new value is the
        // next record's old value, and the last one's is the current value.
        new MutationObserver((records) => {
            records.forEach((record, i) => {
                const value = i + 1 < records.length ? records[i + 1].oldValue : progress.getAttribute('value');
                trace.push({kind: 'progress', value: Number(value)});
            });
        }).observe(progress, {attributes: true, attributeFilter: ['value'], attributeOldValue: true});
        const seen = new WeakSet();  // a card moved up (needs review first) is not a new card
        new MutationObserver((mutations) => {
            for (const m of mutations) {
                for (const node of m.addedNodes) {
                    if (!(node instanceof HTMLElement) || !node.dataset.state || seen.has(node)) continue;
                    seen.add(node);
                    trace.push({kind: 'slot', index: Number(node.dataset.index), state: node.dataset.state,
                                summaryShown: !summary.hidden});
                }
            }
        }).observe(document.getElementById('results'), {childList: true});
    });
}

test('a batch of screenshots and one bad file streams into cards, errors and a summary', async () => {
    const expected = screenshotExpectations();
    assert.ok(expected.length >= 4, 'the shared screenshots are present');
    const total = expected.length + 1;
    const badIndex = expected.length;

    await withPage('batch', async (page) => {
        await page.goto(server.url + '/');
        assert.equal(await page.title(), 'Decklist OCR · Riftbound');
        await traceProgress(page);

        await page.setInputFiles('#file-input', [...expected.map((e) => fromDisk(e.path)), BAD_FILE]);
        await page.waitForSelector('#summary[data-state="complete"]', {timeout: BATCH_LIMIT_MS});

        // The progress bar reached the total, one finished file at a time.
        assert.equal(await page.locator('#progress').evaluate((p) => [p.value, p.max].join('/')), `${total}/${total}`);
        assert.equal(await page.textContent('#progress-text'), `${total} / ${total}`);
        const trace = await page.evaluate(() => window.__trace);
        const values = trace.filter((t) => t.kind === 'progress').map((t) => t.value);
        const distinct = values.filter((v, i) => i === 0 || v !== values[i - 1]);
        assert.deepEqual(distinct.slice(-total), Array.from({length: total}, (_, i) => i + 1),
                         `the bar moved 1, 2, … ${total}: ${values}`);

        // Cards appeared as their results arrived, before the batch was complete.
        const filled = trace.filter((t) => t.kind === 'slot' && (t.state === 'done' || t.state === 'error'));
        assert.equal(filled.length, total, 'every file got its card or error once');
        assert.equal(filled[0].summaryShown, false, 'the first card appeared before the summary');

        // One card per screenshot, in upload order, with the right legend and main-deck count.
        for (const [index, e] of expected.entries()) {
            const card = page.locator(`.deck-card[data-index="${index}"]`);
            assert.equal(await card.getAttribute('data-state'), 'done', `${e.file} has a decklist card`);
            assert.equal((await card.locator('[data-field="legend-name"]').textContent()).trim(), e.legendEn,
                         `${e.file} legend`);
            const mainCount = await card.locator('[data-section="main_deck"] [data-field="count"]').textContent();
            assert.equal(Number(mainCount), e.mainDeckCount, `${e.file} main deck count`);
            assert.ok((await card.locator('.card-row').count()) > 10, `${e.file} lists its cards`);
        }
        assert.equal(await page.locator('.deck-card.is-done').count(), expected.length);

        // The text file is an error in its own slot, with the server's message.
        const bad = page.locator(`.deck-card[data-index="${badIndex}"]`);
        assert.equal(await bad.getAttribute('data-state'), 'error');
        assert.match(await bad.locator('.deck-file').textContent(), /notes-not-a-screenshot\.jpg/);
        assert.ok((await bad.locator('[data-field="error"]').textContent()).trim().length > 0);

        // The summary counts both.
        assert.match(await page.textContent('#summary [data-field="successful"]'), new RegExp(`^${expected.length} of ${total} read`));
        assert.match(await page.textContent('#summary [data-field="failed"]'), /^1 failed/);
        assert.equal(await page.isDisabled('#cancel-button'), true, 'nothing left to cancel');
        // Every file shows its own screenshot (an object URL of the chosen file).
        const thumbs = await page.locator('.deck-card .thumb img').evaluateAll((imgs) => imgs.map((i) => i.src));
        assert.equal(thumbs.length, total);
        assert.ok(thumbs.every((src) => src.startsWith('blob:')), `thumbnails are object URLs: ${thumbs}`);

        mkdirSync(ARTIFACTS, {recursive: true});
        await page.screenshot({path: path.join(ARTIFACTS, 'browser-batch.png'), fullPage: true});
        await page.setViewportSize({width: 390, height: 844});
        await page.screenshot({path: path.join(ARTIFACTS, 'browser-batch-phone.png')});
    });
});

test('copy as text puts the decklist on the clipboard', async () => {
    const [first] = screenshotExpectations();
    await withPage('copy', async (page) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: server.url});
        await page.goto(server.url + '/');
        await page.setInputFiles('#file-input', [first.path]);
        await page.waitForSelector('#summary[data-state="complete"]', {timeout: BATCH_LIMIT_MS});
        await page.click('.deck-card[data-index="0"] .copy-button');
        await page.waitForSelector('.copy-button.is-copied');
        const text = await page.evaluate(() => navigator.clipboard.readText());
        assert.ok(text.includes(first.legendEn), `the copied text names the legend: ${text.slice(0, 200)}`);
        assert.ok(text.split('\n').length > 10, 'the copied text lists the cards');
    });
});

test('cancel asks the server to cancel the batch and stops the unfinished slots', async () => {
    // One worker and 32 files: the batch takes seconds after the first card is done, so the
    // click always lands while most files are still waiting, however the upload raced them.
    const expected = screenshotExpectations();
    const files = Array.from({length: 8}, () => expected).flat().map((e) => e.path);
    const slow = await startServer({workers: 1});
    try {
        await withPage('cancel', async (page) => {
            const deletes = [];
            page.on('request', (request) => {
                if (request.method() === 'DELETE') deletes.push(new URL(request.url()).pathname);
            });
            await page.goto(slow.url + '/');
            await page.setInputFiles('#file-input', files);
            await page.waitForSelector('.deck-card.is-done', {timeout: BATCH_LIMIT_MS});
            await page.click('#cancel-button');
            await page.waitForSelector('#summary[data-state="cancelled"]', {timeout: 30_000});

            assert.equal(deletes.length, 1, 'one DELETE of the batch');
            assert.match(deletes[0], /^\/api\/v1\/batches\/[A-Za-z0-9_]+-[0-9a-f]{32}$/);
            const stopped = await page.locator('.deck-card[data-state="stopped"]').count();
            const done = await page.locator('.deck-card[data-state="done"]').count();
            assert.ok(stopped > 0, 'some files were never finished');
            assert.equal(stopped + done, files.length, 'every slot is either finished or stopped');
            assert.match(await page.textContent('#summary [data-field="cancelled"]'), new RegExp(`^${stopped} cancelled`));
            assert.equal(await page.isEnabled('#file-input'), true, 'a new batch can be chosen');
            assert.match(await page.textContent('#retry-failed'), new RegExp(`\\(${stopped}\\)`),
                         'the cancelled files can be retried');
        }, () => slow);
    } finally {
        await slow.stop();
    }
});

test('without a /batches route the page falls back to the POST streams', async () => {
    const [first] = screenshotExpectations();
    const sequential = await startServer({env: {DECKLIST_ENABLE_PARALLEL: 'false'}});
    try {
        await withPage('fallback', async (page) => {
            // As a proxy that does not forward /api/v1/batches would answer.
            await page.route('**/api/v1/batches', (route) => route.fulfill({
                status: 404, contentType: 'application/json',
                body: JSON.stringify({error: 'no such route', error_type: 'not_found', detail: 'no such route'}),
            }));
            const posted = [];
            page.on('request', (request) => {
                if (request.method() === 'POST') posted.push(new URL(request.url()).pathname);
            });
            await page.goto(sequential.url + '/');
            await page.setInputFiles('#file-input', [fromDisk(first.path)]);
            await page.waitForSelector('#summary[data-state="complete"]', {timeout: BATCH_LIMIT_MS});
            assert.deepEqual(posted, ['/api/v1/batches', '/api/v1/process-batch-fast', '/api/v1/process-batch-stream']);
            const legend = await page.textContent('.deck-card[data-index="0"] [data-field="legend-name"]');
            assert.equal(legend.trim(), first.legendEn);
            assert.equal(await page.isHidden('#banner'), true, 'no error shown');
        }, () => sequential);
    } finally {
        await sequential.stop();
    }
});
