// The page in a real browser against the real server: Debian's chromium driven by
// playwright-core uploads the shared screenshots plus a text file named .jpg through the file
// input, and the test checks what a person would see.

import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';

import {chromium} from 'playwright-core';

import {BUILD_DIR, startServer} from '../lib/decklist-server.mjs';
import {screenshotExpectations} from '../lib/truth.mjs';

const CHROMIUM = process.env.DECKLIST_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
];
// Generous: real OCR of a whole batch on a loaded 2-core machine.
const BATCH_LIMIT_MS = 300_000;
const ARTIFACTS = path.join(BUILD_DIR, 'artifacts');

const BAD_FILE = {
    name: 'notes-not-a-screenshot.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('These are meeting notes saved with a .jpg name, not an image.\n'),
};

/** playwright cannot mix file paths and in-memory files in one upload: read them all. */
const fromDisk = (file) => ({name: path.basename(file), mimeType: 'image/jpeg', buffer: readFileSync(file)});

let server;
let context;
let userDataDir;

before(async () => {
    server = await startServer();
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'decklist-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_FLAGS,
        viewport: {width: 1366, height: 900},
    });
});

after(async () => {
    await context?.close();
    await server?.stop();
    if (userDataDir) rmSync(userDataDir, {recursive: true, force: true});
});

/**
 * Opens a page for `fn`; if `fn` throws, saves a screenshot of the page and adds the end of
 * the server's log to the error, so a failure in CI can be understood afterwards.
 */
async function withPage(name, fn, target = () => server) {
    const page = await context.newPage();
    try {
        await fn(page);
    } catch (error) {
        mkdirSync(ARTIFACTS, {recursive: true});
        await page.screenshot({path: path.join(ARTIFACTS, `browser-failure-${name}.png`), fullPage: true})
            .catch(() => {});
        error.message += `\n--- server log (last lines) ---\n${target().log().split('\n').slice(-40).join('\n')}`;
        throw error;
    } finally {
        await page.close();
    }
}

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
        new MutationObserver((mutations) => {
            for (const m of mutations) {
                for (const node of m.addedNodes) {
                    if (!(node instanceof HTMLElement) || !node.dataset.state) continue;
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
        const pageErrors = [];
        page.on('pageerror', (error) => pageErrors.push(error));
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
        assert.deepEqual(pageErrors, []);

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

test('cancel aborts the upload request and stops the unfinished slots', async () => {
    const expected = screenshotExpectations();
    const files = [...expected, ...expected].map((e) => e.path);  // long enough to cancel midway
    await withPage('cancel', async (page) => {
        const aborted = [];
        page.on('requestfailed', (request) => {
            if (request.url().endsWith('/api/v1/process-batch-fast')) aborted.push(request.failure()?.errorText);
        });
        await page.goto(server.url + '/');
        await page.setInputFiles('#file-input', files);
        await page.waitForSelector('.deck-card.is-done', {timeout: BATCH_LIMIT_MS});
        await page.click('#cancel-button');
        await page.waitForSelector('#summary[data-state="cancelled"]', {timeout: 10_000});

        assert.deepEqual(aborted, ['net::ERR_ABORTED'], 'the fetch was aborted');
        const stopped = await page.locator('.deck-card[data-state="stopped"]').count();
        const done = await page.locator('.deck-card[data-state="done"]').count();
        assert.ok(stopped > 0, 'some files were never finished');
        assert.equal(stopped + done, files.length, 'every slot is either finished or stopped');
        assert.match(await page.textContent('#summary [data-field="cancelled"]'), new RegExp(`^${stopped} cancelled`));
        assert.equal(await page.isEnabled('#file-input'), true, 'a new batch can be chosen');
    });
});

test('with parallel processing disabled the page falls back to the sequential stream', async () => {
    const [first] = screenshotExpectations();
    const sequential = await startServer({env: {DECKLIST_ENABLE_PARALLEL: 'false'}});
    try {
        await withPage('fallback', async (page) => {
            const posted = [];
            page.on('request', (request) => {
                if (request.method() === 'POST') posted.push(new URL(request.url()).pathname);
            });
            await page.goto(sequential.url + '/');
            await page.setInputFiles('#file-input', [fromDisk(first.path)]);
            await page.waitForSelector('#summary[data-state="complete"]', {timeout: BATCH_LIMIT_MS});
            assert.deepEqual(posted, ['/api/v1/process-batch-fast', '/api/v1/process-batch-stream']);
            const legend = await page.textContent('.deck-card[data-index="0"] [data-field="legend-name"]');
            assert.equal(legend.trim(), first.legendEn);
            assert.equal(await page.isHidden('#banner'), true, 'no error shown');
        }, () => sequential);
    } finally {
        await sequential.stop();
    }
});
