// API keys and per-client limits through the page: a server with keys on asks for one (401),
// the settings panel takes it, the batch then runs with the key as a Bearer header and as
// access_token on the EventSource URL; a file over the image rate limit says how long to wait.

import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';

import {BATCH_LIMIT_MS, fromDisk, launchBrowser, withPage} from '../lib/browser.mjs';
import {startServer} from '../lib/decklist-server.mjs';
import {screenshotExpectations} from '../lib/truth.mjs';

const KEY = 'browser-suite-key-5f1c0a9e7b3d4c2a';
let keyDir;
let browser;

before(async () => {
    keyDir = mkdtempSync(path.join(os.tmpdir(), 'decklist-keys-'));
    const sha = createHash('sha256').update(KEY).digest('hex');
    writeFileSync(path.join(keyDir, 'api-keys'), `# browser suite\n${sha} browser-suite\n`, {mode: 0o600});
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    if (keyDir) rmSync(keyDir, {recursive: true, force: true});
});

const complete = (page) => page.waitForSelector('#summary[data-state="complete"]:not([hidden])',
                                                {timeout: BATCH_LIMIT_MS});

test('with API keys on, the page asks for a key and the batch runs once it is entered', async () => {
    const [first] = screenshotExpectations();
    const server = await startServer({env: {DECKLIST_API_KEYS_FILE: path.join(keyDir, 'api-keys')}});
    try {
        await withPage(browser.context, 'keys', server, async (page) => {
            const seen = [];
            page.on('request', (request) => {
                const url = new URL(request.url());
                if (!url.pathname.startsWith('/api/')) return;
                seen.push({method: request.method(), path: url.pathname, token: url.searchParams.get('access_token'),
                           authorization: request.headers().authorization ?? null});
            });
            await page.goto(server.url + '/');
            await page.setInputFiles('#file-input', [fromDisk(first.path)]);

            // No key: a clear prompt, the settings open, the focus in the key field.
            await page.waitForSelector('#key-prompt:not([hidden])');
            assert.match(await page.textContent('#key-prompt'), /needs an API key/);
            assert.equal(await page.isVisible('#settings'), true);
            assert.equal(await page.evaluate(() => document.activeElement.id), 'api-key');
            assert.equal(await page.getAttribute('.deck-card[data-index="0"]', 'data-state'), 'stopped');

            // A wrong key: asked again.
            await page.fill('#api-key', 'not-the-key');
            await page.click('#api-key-save');
            await page.waitForSelector('#key-prompt:not([hidden])');
            assert.match(await page.textContent('#key-prompt'), /did not accept/);

            // The right key: the same batch runs.
            await page.fill('#api-key', KEY);
            await page.press('#api-key', 'Enter');
            await complete(page);
            assert.equal(await page.isHidden('#key-prompt'), true);
            const legend = await page.textContent('.deck-card[data-index="0"] [data-field="legend-name"]');
            assert.equal(legend.trim(), first.legendEn);
            assert.match(await page.textContent('#summary [data-field="successful"]'), /^1 of 1 read/);
            assert.equal(await page.evaluate(() => localStorage.getItem('decklist.apiKey')), KEY);

            const posts = seen.filter((r) => r.method === 'POST');
            assert.deepEqual(posts.map((r) => r.authorization), [null, 'Bearer not-the-key', `Bearer ${KEY}`]);
            const streams = seen.filter((r) => r.path.endsWith('/events'));
            assert.equal(streams.length, 1);
            assert.equal(streams[0].token, KEY, 'EventSource carries the key as access_token');

            // Stored: a reload keeps working without asking.
            await page.reload();
            assert.equal(await page.inputValue('#api-key'), KEY);
            await page.setInputFiles('#file-input', [fromDisk(first.path)]);
            await complete(page);
            assert.equal(await page.isHidden('#key-prompt'), true);
        });
    } finally {
        await server.stop();
    }
});

test('a file over the image rate limit shows the reason and how long to wait', async () => {
    const expected = screenshotExpectations().slice(0, 3);
    // Two images a minute: the third file of the batch has no token left.
    const server = await startServer({env: {DECKLIST_IMAGES_PER_MINUTE_PER_CLIENT: '2'}});
    try {
        await withPage(browser.context, 'rate-limit', server, async (page) => {
            await page.goto(server.url + '/');
            await page.evaluate(() => localStorage.removeItem('decklist.apiKey'));
            await page.reload();
            await page.setInputFiles('#file-input', expected.map((e) => fromDisk(e.path)));
            await complete(page);
            const limited = page.locator('.deck-card[data-error-type="rate_limited"]');
            assert.equal(await limited.count(), 1, 'one file over the limit');
            assert.equal(await limited.locator('.error-kind').textContent(), 'Too many images for now');
            assert.match(await limited.locator('[data-field="error"]').textContent(), /images_per_minute_per_client|per minute/);
            const wait = await limited.locator('[data-field="wait"]').textContent();
            const seconds = Number(/Try again in (\d+) s/.exec(wait)?.[1]);
            assert.ok(seconds >= 1 && seconds <= 30, `the wait from retry_after_s: ${wait}`);
            assert.equal(await page.locator('.deck-card.is-done').count(), 2);
            assert.match(await page.textContent('#retry-failed'), /\(1\)/);

            // A new batch right away is refused before the upload (429): the banner says why and for how long.
            await page.setInputFiles('#file-input', [fromDisk(expected[0].path)]);
            await page.waitForSelector('#banner:not([hidden])');
            assert.match(await page.textContent('#banner'), /refused: .*Try again in \d+ s/);
        });
    } finally {
        await server.stop();
    }
});
