// What a person does with the results, through the real page and server: the deck code, the
// downloads of one decklist and of the whole batch, thumbnails and the full-size screenshot,
// card pictures on hover or focus, one row per card, retries, decklists needing review first,
// the light and dark themes, and axe-core's accessibility check.

import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';

import {CSV_COLUMNS} from '../../../web/js/decklist-model.js';
import {
    BAD_FILE,
    BATCH_LIMIT_MS,
    DOC_IMAGES,
    croppedScreenshot,
    ensureDir,
    fromDisk,
    launchBrowser,
    seriousViolations,
    withPage,
} from '../lib/browser.mjs';
import {startServer} from '../lib/decklist-server.mjs';
import {parseCsv, screenshotExpectations} from '../lib/truth.mjs';

const SECTION_KEYS = ['legend', 'main_deck', 'battlefields', 'runes', 'side_deck'];
const CARD_IMAGES = 'https://cmsassets.rgpub.io/**';

let server;
let browser;

before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: server.url});
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

const complete = (page) => page.waitForSelector('#summary[data-state="complete"]:not([hidden])',
                                                {timeout: BATCH_LIMIT_MS});

/** Clicks `selector` and returns the downloaded file's name and text. */
async function download(page, selector) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    return {name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8')};
}

/** Files in each POST /api/v1/batches the page sends. */
function countUploads(page) {
    const uploads = [];
    page.on('request', (request) => {
        if (request.method() !== 'POST' || !request.url().endsWith('/api/v1/batches')) return;
        const body = request.postDataBuffer()?.toString('latin1') ?? '';
        uploads.push([...body.matchAll(/filename="([^"]*)"/g)].map((m) => m[1]));
    });
    return uploads;
}

test('three screenshots and one bad file: deck codes, downloads, thumbnails, card pictures, retries', async () => {
    const expected = screenshotExpectations().slice(0, 3);
    const files = [...expected.map((e) => fromDisk(e.path)), BAD_FILE];
    const badIndex = 3;
    await withPage(browser.context, 'results', server, async (page) => {
        // The card pictures live on the card database's CDN; the test serves one of its own and
        // counts the requests, which must only come when a person looks at a card.
        const pictureRequests = [];
        const picture = readFileSync(expected[0].path);
        await page.route(CARD_IMAGES, (route) => {
            pictureRequests.push(route.request().url());
            return route.fulfill({status: 200, contentType: 'image/jpeg', body: picture});
        });
        const uploads = countUploads(page);
        await page.goto(server.url + '/');
        await page.setInputFiles('#file-input', files);
        await complete(page);

        const first = page.locator('.deck-card[data-index="0"]');
        // The card picture: no request until a card name is focused, then that card's image.
        await page.mouse.move(1, 1);  // away from the cards: a hover would rightly load a picture
        const decklist0 = JSON.parse((await download(page, '.deck-card[data-index="0"] [data-action="download-json"]')).text);
        await page.mouse.move(1, 1);
        assert.equal(pictureRequests.length, 0, 'no card picture loaded before anyone looked');
        assert.equal(await page.locator('.card-preview').count(), 0);
        const name = first.locator('[data-section="main_deck"] .card-row .has-image').first();
        await name.focus();
        const preview = first.locator('[data-section="main_deck"] .card-row .card-preview img').first();
        await preview.waitFor({state: 'visible'});
        await page.waitForFunction(() => document.querySelector('.card-preview img')?.naturalWidth > 0);
        const cardName = await name.textContent();
        const card = decklist0.main_deck.find((c) => c.name_en === cardName);
        assert.equal(await preview.getAttribute('src'), card.image_url_en);
        assert.equal(await preview.getAttribute('loading'), 'lazy');
        assert.deepEqual(pictureRequests, [card.image_url_en], 'only the card looked at was loaded');
        // ...and on hover, another card's.
        await first.locator('[data-section="runes"] .card-row').first().hover();
        await first.locator('[data-section="runes"] .card-preview img').waitFor({state: 'visible'});
        assert.equal(pictureRequests.length, 2);

        // One thumbnail per file, the chosen file itself (object URL, no request to the server).
        const thumbs = page.locator('.deck-card .thumb img');
        assert.equal(await thumbs.count(), files.length);
        for (const [index] of expected.entries()) {
            const img = page.locator(`.deck-card[data-index="${index}"] .thumb img`);
            assert.match(await img.getAttribute('src'), /^blob:/);
            await page.waitForFunction((i) => document.querySelector(`.deck-card[data-index="${i}"] .thumb img`)
                .naturalWidth > 0, index);
        }
        assert.equal(await page.locator(`.deck-card[data-index="${badIndex}"] .thumb.is-broken`).count(), 1,
                     'the text file gets a placeholder instead of a broken image');

        // The thumbnail opens the full-size screenshot next to the list.
        await first.locator('.thumb').click();
        const full = first.locator('.source-view img');
        await full.waitFor({state: 'visible'});
        await page.waitForFunction(() => document.querySelector('.deck-card[data-index="0"] .source-view img')
            .naturalWidth > 0);
        assert.equal(await full.evaluate((img) => img.naturalWidth), 1080, 'the full-size image');
        const list = await first.locator('.deck-body').boundingBox();
        const shown = await first.locator('.source-view').boundingBox();
        assert.ok(shown.x >= list.x + list.width - 1, `the screenshot is beside the list: ${JSON.stringify({list, shown})}`);
        assert.equal(await first.locator('.thumb').getAttribute('aria-expanded'), 'true');

        // Download all as JSON: the three decklists and the one error.
        const all = await download(page, '#download-json');
        assert.match(all.name, /^decklists-.*\.json$/);
        const batch = JSON.parse(all.text);
        assert.equal(batch.decklists.length, 3);
        assert.deepEqual(batch.decklists.map((d) => d.filename).sort(), expected.map((e) => e.file).sort());
        assert.deepEqual(batch.errors.map((e) => [e.filename, e.error_type]), [[BAD_FILE.name, 'validation']]);
        const byFile = new Map(batch.decklists.map((d) => [d.filename, d]));

        // The deck code of each decklist is shown and copied exactly.
        for (const [index, e] of expected.entries()) {
            const card = page.locator(`.deck-card[data-index="${index}"]`);
            const code = await card.locator('[data-field="deck-code-value"]').inputValue();
            assert.equal(code, byFile.get(e.file).deck_code, `${e.file} deck code`);
        }
        const code0 = byFile.get(expected[0].file).deck_code;
        assert.match(code0, /^[A-Z2-7]{20,}$/);
        await first.locator('[data-action="copy-code"]').click();
        await first.locator('[data-action="copy-code"].is-copied').waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code0);

        // One decklist as JSON and as text.
        const one = await download(page, '.deck-card[data-index="0"] [data-action="download-json"]');
        assert.equal(one.name, expected[0].file.replace(/\.jpg$/, '.json'));
        assert.deepEqual(JSON.parse(one.text), byFile.get(expected[0].file));
        const text = await download(page, '.deck-card[data-index="0"] [data-action="download-text"]');
        assert.equal(text.name, expected[0].file.replace(/\.jpg$/, '.txt'));
        assert.ok(text.text.includes(expected[0].legendEn), 'the text names the legend');

        // Download all as CSV: one row per card per deck, quantities adding up.
        const csv = await download(page, '#download-csv');
        const [header, ...rows] = parseCsv(csv.text.replace(/^\uFEFF/, '')).filter((r) => r.length > 1);
        assert.deepEqual(header, CSV_COLUMNS);
        const col = (name) => header.indexOf(name);
        for (const decklist of batch.decklists) {
            for (const key of SECTION_KEYS) {
                const names = rows.filter((r) => r[col('file')] === decklist.filename && r[col('section')] === key)
                                  .map((r) => r[col('name_en')]).filter(Boolean);
                const expectedNames = [...new Set(decklist[key].map((c) => c.name_en).filter(Boolean))];
                assert.deepEqual(names, expectedNames, `${decklist.filename} ${key}: one CSV row per card`);
            }
        }
        for (const e of expected) {
            const main = rows.filter((r) => r[col('file')] === e.file && r[col('section')] === 'main_deck');
            assert.equal(main.reduce((s, r) => s + Number(r[col('quantity')]), 0), e.mainDeckCount, `${e.file} CSV main deck`);
            assert.ok(main.every((r) => r[col('deck_code')] === byFile.get(e.file).deck_code));
        }

        // One row per card name: tiles of one card are merged, quantities summed.
        for (const [index, e] of expected.entries()) {
            const decklist = byFile.get(e.file);
            for (const key of SECTION_KEYS) {
                const section = page.locator(`.deck-card[data-index="${index}"] [data-section="${key}"]`);
                const names = await section.locator('.card-row').evaluateAll((rs) => rs.map((r) => r.dataset.card));
                const matched = names.filter(Boolean);
                assert.equal(new Set(matched).size, matched.length, `${e.file} ${key}: one row per card ${names}`);
                for (const name of new Set(decklist[key].map((c) => c.name_en))) {
                    const tilesOf = decklist[key].filter((c) => c.name_en === name);
                    const row = section.locator(`.card-row[data-card="${name.replace(/"/g, '\\"')}"]`);
                    assert.equal(Number(await row.locator('[data-field="qty"]').textContent()),
                                 tilesOf.reduce((s, c) => s + c.quantity, 0), `${e.file} ${name} quantity`);
                    assert.equal(await row.locator('[data-field="printings"]').count(), tilesOf.length > 1 ? 1 : 0,
                                 `${e.file} ${name}: printings noted only for merged rows`);
                }
            }
        }

        // Keyboard and screen-reader use: no serious or critical axe-core violation, either theme.
        assert.deepEqual(await seriousViolations(page), [], 'axe-core, first theme');
        await page.click('#theme-toggle');
        assert.deepEqual(await seriousViolations(page), [], 'axe-core, other theme');

        // A per-file retry sends that one file again and fills the same slot.
        assert.deepEqual(uploads, [files.map((f) => f.name)]);
        const bad = () => page.locator(`.deck-card[data-index="${badIndex}"]`);
        await bad().locator('[data-action="retry"]').click();
        await complete(page);
        assert.deepEqual(uploads[1], [BAD_FILE.name], 'only the failed file was sent again');
        assert.equal(await bad().getAttribute('data-state'), 'error');
        assert.equal(await page.locator('.deck-card.is-done').count(), 3, 'the decklists stay');
        assert.match(await page.textContent('#summary [data-field="successful"]'), /^3 of 4 read/);

        // "Retry failed" sends every failed file of the batch.
        assert.match(await page.textContent('#retry-failed'), /Retry failed \(1\)/);
        await page.click('#retry-failed');
        await complete(page);
        assert.deepEqual(uploads[2], [BAD_FILE.name]);
        assert.equal(uploads.length, 3);
    });
});

test('a decklist needing review is marked, says why, comes first and is counted; both themes', async () => {
    const [good, other] = screenshotExpectations();
    await withPage(browser.context, 'review', server, async (page) => {
        await page.emulateMedia({colorScheme: 'light'});
        await page.goto(server.url + '/');
        await page.evaluate(() => localStorage.removeItem('decklist.theme'));  // the other test's choice
        await page.reload();
        // The bottom of a real screenshot cut away: the engine reports the cut and the missing cards.
        const cut = await croppedScreenshot(page, other.path, 2600, 'cut-off-screenshot.jpg');
        await page.setInputFiles('#file-input', [fromDisk(good.path), cut]);
        await complete(page);

        const firstCard = page.locator('#results > .deck-card').first();
        assert.equal(await firstCard.getAttribute('data-index'), '1', 'the decklist needing review comes first');
        assert.match(await firstCard.getAttribute('class'), /needs-review/);
        const reasons = await firstCard.locator('[data-field="needs-review"] li').evaluateAll(
            (items) => items.map((li) => [li.dataset.code, li.textContent]));
        assert.ok(reasons.some(([code]) => code === 'image_cut_off'), `reasons: ${JSON.stringify(reasons)}`);
        assert.ok(reasons.every(([, message]) => message.length > 10), 'each reason is named');
        assert.ok(await firstCard.locator('[data-field="needs-review"]').isVisible());
        assert.match(await page.textContent('#summary [data-field="needs-review"]'), /^1 needs review/);
        assert.equal(await page.locator('#results > .deck-card').nth(1).getAttribute('data-index'), '0');

        // Light by the system's preference; the toggle switches and is remembered.
        const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const light = await background();
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? ''), '');
        ensureDir(DOC_IMAGES);
        await page.mouse.move(1, 300);  // no hover state in the pictures
        await page.screenshot({path: path.join(DOC_IMAGES, 'page-light.png')});
        await page.click('#theme-toggle');
        await page.mouse.move(1, 300);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
        const dark = await background();
        assert.notEqual(dark, light);
        await page.waitForFunction(() => !document.documentElement.classList.contains('theme-switching') &&
            document.getAnimations().every((a) => a.playState !== 'running'));
        await page.screenshot({path: path.join(DOC_IMAGES, 'page-dark.png')});
        await firstCard.locator('.thumb').click();
        await page.waitForFunction(() => document.querySelector('.source-view img')?.naturalWidth > 0);
        await page.screenshot({path: path.join(DOC_IMAGES, 'page-source-view.png')});
        assert.deepEqual(await seriousViolations(page), [], 'axe-core with a decklist needing review');
        await page.reload();
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'remembered');
        assert.equal(await background(), dark);
        // Choosing the system's own theme (light) means following the system again.
        await page.click('#theme-toggle');
        assert.equal(await page.evaluate(() => localStorage.getItem('decklist.theme')), null);
        assert.equal(await background(), light);
        await page.emulateMedia({colorScheme: 'dark'});
        assert.equal(await background(), dark, 'prefers-color-scheme: dark is followed');
    });
});
