// The library page in a real browser against the real server: two shared screenshots saved
// through the API, then the list (needing review first, page by page, filters), one decklist
// with its screenshot and the outline of a tile, the editor driven by the keyboard (quantity,
// event, a card chosen through the search box), the save with If-Match and its revisions, a
// stale save that conflicts, and the upload page's "Save to library" with its link.

import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';

import {BATCH_LIMIT_MS, DOC_IMAGES, ensureDir, fromDisk, launchBrowser, seriousViolations, withPage} from '../lib/browser.mjs';
import {startServer} from '../lib/decklist-server.mjs';
import {screenshotExpectations} from '../lib/truth.mjs';

let server;
let browser;
/** The two saved screenshots: [{expectation, id, decklist}] in the order they were saved. */
let saved;

async function api(route, init = {}) {
    const response = await fetch(server.url + route, init);
    const body = response.status === 204 ? null : await response.json();
    return {status: response.status, etag: response.headers.get('ETag'), body};
}

before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    saved = [];
    for (const expectation of screenshotExpectations().slice(0, 2)) {
        const form = new FormData();
        form.append('file', new Blob([readFileSync(expectation.path)], {type: 'image/jpeg'}), expectation.file);
        const {status, body} = await api('/api/v1/process?save=true', {method: 'POST', body: form});
        assert.equal(status, 200, `saving ${expectation.file}: ${JSON.stringify(body).slice(0, 300)}`);
        assert.match(body.saved?.id ?? '', /.+/, `${expectation.file} was saved`);
        saved.push({expectation, id: body.saved.id, decklist: body});
    }
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

/** Every request the page makes; the test ends by checking that none left the server. */
function recordRequests(page) {
    const urls = [];
    page.on('request', (request) => urls.push(request.url()));
    return urls;
}

function assertOnlyServer(urls) {
    const outside = urls.filter((url) => !url.startsWith(server.url + '/') && !/^(blob|data):/.test(url));
    assert.deepEqual(outside, [], 'no request leaves the server');
}

/** The library's order: the decklists needing review (newest first), then the others. */
async function expectedOrder() {
    const ids = [];
    for (const needsReview of ['true', 'false']) {
        const {body} = await api(`/api/v1/decklists?needs_review=${needsReview}&limit=200`);
        ids.push(...body.items.map((item) => item.id));
    }
    return ids;
}

const listIds = (page) => page.locator('#library-list > li').evaluateAll((items) => items.map((li) => li.dataset.id));

/** The outline's box and the tile's box scaled to the image as displayed, in page pixels. */
function highlightGeometry(page, bbox) {
    return page.evaluate((bbox) => {
        const image = document.getElementById('shot-image');
        const shown = image.getBoundingClientRect();
        const scale = shown.width / image.naturalWidth;
        const outline = document.getElementById('tile-highlight').getBoundingClientRect();
        return {
            outline: {x: outline.x, y: outline.y, width: outline.width, height: outline.height},
            expected: {x: shown.x + bbox.x * scale, y: shown.y + bbox.y * scale, width: bbox.width * scale,
                       height: bbox.height * scale},
        };
    }, bbox);
}

function assertSameBox(actual, expected, what) {
    for (const key of ['x', 'y', 'width', 'height']) {
        assert.ok(Math.abs(actual[key] - expected[key]) <= 1,
                  `${what}: ${key} ${actual[key]} where ${expected[key]} (${JSON.stringify({actual, expected})})`);
    }
}

/** Waits until the outline is shown and wholly inside both the screenshot's box and the window. */
function outlineInView(page) {
    return page.waitForFunction(() => {
        const outline = document.getElementById('tile-highlight');
        if (outline.hidden) return false;
        const box = outline.getBoundingClientRect();
        const frame = document.getElementById('shot-frame').getBoundingClientRect();
        return box.height > 0 && box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1 && box.top >= 0 &&
               box.bottom <= window.innerHeight;
    });
}

/** Resolves once the screenshot's box has stopped scrolling (a smooth scroll has ended). */
function scrollSettled(page) {
    return page.evaluate(() => new Promise((resolve) => {
        const frame = document.getElementById('shot-frame');
        let last = NaN;
        const check = () => {
            if (frame.scrollTop === last) return resolve();
            last = frame.scrollTop;
            requestAnimationFrame(() => requestAnimationFrame(check));
        };
        check();
    }));
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const rowOf = (page, section, cardNumber) =>
    page.locator(`[data-section="${section}"] li[data-card-number="${cardNumber}"]`);

test('the list: both saved decklists, needing review first, page by page, with filters', async () => {
    await withPage(browser.context, 'library-list', server, async (page) => {
        const urls = recordRequests(page);
        await page.goto(server.url + '/');
        assert.equal(await page.getAttribute('header a[href="library.html"]', 'href'), 'library.html',
                     'the upload page links to the library');
        // One decklist per request: the list must follow next_cursor to show both.
        await page.goto(server.url + '/library.html?page_size=1');
        await page.waitForFunction(() => document.querySelectorAll('#library-list > li').length === 2);
        await page.waitForSelector('#list-status:text-matches("2 decklists, all shown")');
        assert.deepEqual(await listIds(page), await expectedOrder());
        assert.deepEqual(new Set(await listIds(page)), new Set(saved.map((s) => s.id)));
        const listRequests = urls.filter((u) => u.includes('/api/v1/decklists?')).map((u) => new URL(u).searchParams);
        assert.ok(listRequests.every((p) => p.get('limit') === '1'));
        assert.ok(listRequests.some((p) => p.get('cursor')), 'a later page was asked for by its cursor');
        assert.ok(listRequests.some((p) => p.get('needs_review') === 'true') &&
                  listRequests.some((p) => p.get('needs_review') === 'false'), 'needing review first, then the rest');
        assert.equal(await page.isHidden('#load-more'), true, 'nothing more to load');

        // Each entry says who, which legend and which event.
        for (const {id, expectation} of saved) {
            const item = page.locator(`#library-list > li[data-id="${id}"]`);
            assert.equal((await item.locator('[data-field="player"]').textContent()).trim(), expectation.metadata.player);
            assert.equal((await item.locator('[data-field="legend"]').textContent()).trim(), expectation.legendEn);
        }

        // A filter asks the server again: the player's name leaves their decklist only.
        const [first] = saved;
        await page.fill('#filter-player', first.expectation.metadata.player);
        await page.press('#filter-player', 'Enter');
        await page.waitForFunction(() => document.querySelectorAll('#library-list > li').length === 1);
        assert.deepEqual(await listIds(page), [first.id]);
        assert.ok(urls.some((u) => new URL(u).searchParams.get('player') === first.expectation.metadata.player));
        await page.fill('#filter-player', 'nobody-has-this-name');
        await page.press('#filter-player', 'Enter');
        await page.waitForSelector('#list-status:text-matches("No decklist matches")');
        assert.equal(await page.locator('#library-list > li').count(), 0);
        await page.click('button[type="reset"]');
        await page.waitForFunction(() => document.querySelectorAll('#library-list > li').length === 2);

        assert.deepEqual(await seriousViolations(page), [], 'axe-core on the list');
        assertOnlyServer(urls);
    });
});

test('a decklist: the screenshot beside the reading, and a tile row outlines its tile', async () => {
    const [first] = saved;
    const {body: record} = await api(`/api/v1/decklists/${first.id}`);
    const decklist = record.decklist;
    await withPage(browser.context, 'library-decklist', server, async (page) => {
        const urls = recordRequests(page);
        await page.goto(server.url + '/library.html');
        await page.click(`#library-list > li[data-id="${first.id}"] a`);
        await page.waitForSelector('#edit-button');
        assert.equal(new URL(page.url()).hash, `#/decklists/${first.id}`);
        await page.waitForFunction(() => document.getElementById('shot-image').naturalWidth > 0);
        assert.equal(await page.evaluate(() => document.activeElement.id), 'decklist-title', 'the focus moves to the decklist');
        assert.equal((await page.textContent('[data-field="legend-name"]')).trim(), first.expectation.legendEn);
        assert.equal(await page.inputValue('[data-field="deck-code-value"]'), record.deck_code);
        assert.match(await page.getAttribute('#shot-image', 'src'), /^blob:/, 'the screenshot fetched from the server');
        assert.ok(urls.some((u) => u.endsWith(`/api/v1/decklists/${first.id}/image`)));

        // Beside the reading, one row per tile.
        const shot = await page.locator('#shot').boundingBox();
        const reading = await page.locator('.reading').boundingBox();
        assert.ok(shot.x + shot.width <= reading.x, `the screenshot is beside the reading: ${JSON.stringify({shot, reading})}`);
        for (const key of ['legend', 'main_deck', 'battlefields', 'runes', 'side_deck']) {
            const tiles = decklist[key].length + (decklist.unmatched?.[key]?.length ?? 0);
            assert.equal(await page.locator(`[data-section="${key}"] li[data-uid]`).count(), tiles, `${key}: one row per tile`);
        }

        // Enter on the last main-deck row (far down the screenshot), a click on a rune, Space on the legend.
        const lastMain = decklist.main_deck.at(-1);
        const rune = decklist.runes.at(-1);
        const legend = decklist.legend[0];
        const picks = [
            {section: 'main_deck', card: lastMain, how: 'Enter'},
            {section: 'runes', card: rune, how: 'click'},
            {section: 'legend', card: legend, how: 'Space'},
        ];
        for (const {section, card, how} of picks) {
            assert.ok(card.bbox, `${card.name_en} has its box`);
            const locate = rowOf(page, section, card.card_number).first().locator('.tile-locate');
            if (how === 'click') {
                await locate.click();
            } else {
                await locate.focus();
                await page.keyboard.press(how);
            }
            await page.waitForFunction((el) => el.getAttribute('aria-pressed') === 'true', await locate.elementHandle());
            assert.equal(await page.locator('.tile-locate[aria-pressed="true"]').count(), 1, 'one row chosen');
            await outlineInView(page);
            const {outline, expected} = await highlightGeometry(page, card.bbox);
            assertSameBox(outline, expected, `${card.name_en} (${how})`);
        }
        // The outline moves with the image when the window is resized.
        await page.setViewportSize({width: 1100, height: 800});
        await page.waitForFunction(({bbox}) => {
            const image = document.getElementById('shot-image');
            const scale = image.getBoundingClientRect().width / image.naturalWidth;
            return Math.abs(document.getElementById('tile-highlight').getBoundingClientRect().width - bbox.width * scale) < 1;
        }, {bbox: legend.bbox});
        const resized = await highlightGeometry(page, legend.bbox);
        assertSameBox(resized.outline, resized.expected, 'after a resize');
        await page.setViewportSize({width: 1366, height: 900});

        // The picture for the docs: the top of the page, a main-deck card outlined.
        await page.evaluate(() => window.scrollTo(0, 0));
        await rowOf(page, 'main_deck', decklist.main_deck[4].card_number).first().locator('.tile-locate').click();
        await outlineInView(page);
        await scrollSettled(page);
        await page.mouse.move(1, 300);
        ensureDir(DOC_IMAGES);
        await page.screenshot({path: path.join(DOC_IMAGES, 'library-decklist.png')});
        assert.deepEqual(await seriousViolations(page), [], 'axe-core on a decklist');
        await page.click('#theme-toggle');
        assert.deepEqual(await seriousViolations(page), [], 'axe-core on a decklist, other theme');
        await page.click('#theme-toggle');
        assertOnlyServer(urls);
    });
});

test('the editor: keyboard edits and the card search, saved with If-Match; a stale save conflicts', async () => {
    const [first, second] = saved;
    const before = await api(`/api/v1/decklists/${first.id}`);
    assert.equal(before.etag, '"1"');
    const main = before.body.decklist.main_deck;
    const once = (card) => main.filter((c) => c.card_number === card.card_number).length === 1;
    // A card whose quantity goes down by one, and another replaced by a side-deck card it lacks.
    const lowered = main.find((c) => c.quantity >= 2 && once(c));
    const inMain = new Set(main.map((c) => c.card_number));
    const chosen = before.body.decklist.side_deck.find((c) => !inMain.has(c.card_number));
    const replaced = main.find((c) => c !== lowered && once(c));
    assert.ok(lowered && chosen && replaced, 'the decklist has the cards this test edits');
    const newEvent = 'Library Test Open';

    await withPage(browser.context, 'library-editor', server, async (page) => {
        const urls = recordRequests(page);
        await page.goto(`${server.url}/library.html#/decklists/${first.id}`);
        await page.waitForSelector('#edit-button');

        // Edit by the keyboard: Enter on Edit puts the focus in the first field, Tab goes on.
        await page.focus('#edit-button');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#decklist-editor');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'meta-deck_name');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'meta-event');
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type(newEvent);

        const quantity = rowOf(page, 'main_deck', lowered.card_number).locator('.qty-input');
        await quantity.focus();
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type(String(lowered.quantity - 1));
        assert.equal(await quantity.inputValue(), String(lowered.quantity - 1));

        // The card search: Enter on "Change card", type, Escape closes the list, arrows choose, Enter picks.
        await rowOf(page, 'main_deck', replaced.card_number).locator('[data-action="change"]').focus();
        await page.keyboard.press('Enter');
        const search = page.locator('[role="combobox"]');
        await search.waitFor();
        assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'combobox');
        assert.equal(await page.evaluate(() => document.activeElement.labels[0].textContent),
                     `Card for ${replaced.name_en}`, 'the search box is labelled');
        await page.keyboard.type(chosen.name_en);
        const option = page.locator(`[role="option"][data-card-number="${chosen.card_number}"]`);
        await option.waitFor();
        assert.ok(urls.some((u) => new URL(u).pathname === '/api/v1/cards' &&
                                   new URL(u).searchParams.get('q') === chosen.name_en), 'the search asked the server');
        assert.equal(await search.getAttribute('aria-expanded'), 'true');
        await page.keyboard.press('Escape');
        assert.equal(await search.getAttribute('aria-expanded'), 'false', 'Escape closes the list');
        assert.equal(await page.isHidden('[role="listbox"]'), true);
        assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'combobox');
        await page.keyboard.press('ArrowDown');
        assert.equal(await search.getAttribute('aria-expanded'), 'true', 'ArrowDown opens it again');
        const firstOption = await page.getAttribute('[role="option"][data-index="0"]', 'id');
        assert.equal(await search.getAttribute('aria-activedescendant'), firstOption);
        const index = Number(await option.getAttribute('data-index'));
        for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
        assert.equal(await search.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
        assert.equal(await option.getAttribute('aria-selected'), 'true');
        assert.deepEqual(await seriousViolations(page), [], 'axe-core in the editor with the search open');
        await page.keyboard.press('Enter');
        await rowOf(page, 'main_deck', chosen.card_number).waitFor();
        assert.equal(await page.locator('[role="combobox"]').count(), 0, 'the search closed');
        assert.equal(await rowOf(page, 'main_deck', replaced.card_number).count(), 0, 'the replaced card is gone');
        assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'change',
                     'the focus is back on the row');

        // Save, by the keyboard: PATCH with If-Match "1".
        const patches = [];
        page.on('request', (request) => {
            if (request.method() === 'PATCH') patches.push({ifMatch: request.headers()['if-match'], body: request.postDataJSON()});
        });
        await page.focus('#save-button');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#save-status[data-kind="ok"]');
        assert.match(await page.textContent('#save-status'), /Saved as revision 2/);
        assert.equal(patches.length, 1);
        assert.equal(patches[0].ifMatch, '"1"');
        assert.deepEqual(patches[0].body.metadata, {event: newEvent}, 'only the changed field is sent');
        assert.equal(patches[0].body.reviewed, true);
        assert.deepEqual(Object.keys(patches[0].body.sections), ['main_deck'], 'only the changed section is sent');

        // The server's record: revision 2 with the new quantity, card and event.
        const after = await api(`/api/v1/decklists/${first.id}`);
        assert.equal(after.body.revision, 2);
        assert.equal(after.etag, '"2"');
        assert.equal(after.body.event, newEvent);
        assert.equal(after.body.decklist.metadata.event, newEvent);
        const mainAfter = after.body.decklist.main_deck;
        assert.equal(mainAfter.find((c) => c.card_number === lowered.card_number).quantity, lowered.quantity - 1);
        const added = mainAfter.find((c) => c.card_number === chosen.card_number);
        assert.equal(added?.match_type, 'manual', 'the chosen card is a person\'s choice');
        assert.equal(added.quantity, replaced.quantity, 'it keeps the replaced card\'s quantity');
        assert.ok(!mainAfter.some((c) => c.card_number === replaced.card_number));

        // The page shows the new revision, its deck code and both revisions in words.
        assert.equal(await page.textContent('[data-field="revision"]'), '2');
        assert.equal(typeof after.body.deck_code, 'string');
        assert.notEqual(after.body.deck_code, before.body.deck_code, 'the deck code changed with the cards');
        assert.equal(await page.inputValue('[data-field="deck-code-value"]'), after.body.deck_code);
        assert.equal((await page.textContent('[data-field="event"]')).trim(), newEvent);
        await page.waitForFunction(() => document.querySelectorAll('#revision-list > li').length === 2);
        const revisionText = await page.textContent('#revision-list > li[data-number="2"]');
        assert.match(revisionText, new RegExp(`Event changed from .* to “${newEvent}”`));
        assert.match(revisionText, new RegExp(
            `Main deck: ${escapeRegExp(lowered.name_en)} from ${lowered.quantity} to ${lowered.quantity - 1}`));
        assert.match(revisionText, new RegExp(`Main deck: added ${replaced.quantity} × ${escapeRegExp(chosen.name_en)}`));
        assert.match(revisionText, new RegExp(`Main deck: removed ${replaced.quantity} × ${escapeRegExp(replaced.name_en)}`));
        assert.match(revisionText, /Marked as reviewed/);
        assert.match(await page.textContent('#revision-list > li[data-number="1"]'), /Saved from the screenshot/);
        assert.equal(await page.evaluate(() => document.activeElement.id), 'edit-button');

        // Someone else saves first: the page's save is refused, says so, and Reload shows theirs.
        const other = await api(`/api/v1/decklists/${first.id}`, {
            method: 'PATCH',
            headers: {'Content-Type': 'application/json', 'If-Match': '"2"'},
            body: JSON.stringify({metadata: {player: 'Another Reviewer'}}),
        });
        assert.equal(other.status, 200);
        assert.equal(other.etag, '"3"');
        await page.click('#edit-button');
        await page.fill('#meta-deck_name', 'A name nobody will see');
        await page.click('#save-button');
        await page.waitForSelector('#save-conflict:not([hidden])');
        assert.match(await page.textContent('#save-conflict'), /Someone else changed this decklist.*revision 3/);
        assert.equal(await page.evaluate(() => document.activeElement.id), 'conflict-reload');
        assert.equal(patches.at(-1).ifMatch, '"2"');
        const kept = await api(`/api/v1/decklists/${first.id}`);
        assert.equal(kept.body.revision, 3, 'the stale save changed nothing');
        assert.notEqual(kept.body.decklist.metadata.deck_name, 'A name nobody will see');
        // Leaving with edits not saved asks first; staying keeps them.
        const asked = page.waitForEvent('dialog').then(async (dialog) => {
            const message = dialog.message();
            await dialog.dismiss();
            return message;
        });
        await page.click('#back-link');
        assert.match(await asked, /without saving/);
        await page.waitForFunction((id) => location.hash === `#/decklists/${id}`, first.id);
        assert.equal(await page.inputValue('#meta-deck_name'), 'A name nobody will see');
        await page.focus('#conflict-reload');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#save-conflict', {state: 'hidden'});
        assert.equal(await page.textContent('[data-field="revision"]'), '3');
        assert.equal((await page.textContent('[data-field="player"]')).trim(), 'Another Reviewer');
        await page.waitForFunction(() => document.querySelectorAll('#revision-list > li').length === 3);

        // Back in the list, the corrected decklist is where its review state puts it.
        await page.click('#back-link');
        await page.waitForFunction(() => document.querySelectorAll('#library-list > li').length === 2 &&
                                         /all shown/.test(document.getElementById('list-status').textContent));
        const order = await expectedOrder();
        assert.deepEqual(await listIds(page), order);
        const needsReview = (await api(`/api/v1/decklists/${first.id}`)).body.needs_review;
        assert.equal(await page.getAttribute(`#library-list > li[data-id="${first.id}"]`, 'data-review'), String(needsReview));
        if (needsReview) assert.deepEqual(order, [first.id, second.id], 'the decklist needing review comes first');
        assertOnlyServer(urls);
    });
});

test('the upload page saves to the library when asked, and links to the saved decklist', async () => {
    const [first] = saved;
    await withPage(browser.context, 'library-upload', server, async (page) => {
        const posts = [];
        page.on('request', (request) => {
            if (request.method() === 'POST') posts.push(new URL(request.url()));
        });
        await page.goto(server.url + '/');
        assert.equal(await page.isChecked('#save-to-library'), false, 'off unless asked');
        await page.focus('#save-to-library');
        await page.keyboard.press('Space');
        assert.equal(await page.isChecked('#save-to-library'), true);
        // The same bytes again: the server answers with the stored decklist and the same id.
        await page.setInputFiles('#file-input', [fromDisk(first.expectation.path)]);
        await page.waitForSelector('#summary[data-state="complete"]:not([hidden])', {timeout: BATCH_LIMIT_MS});
        assert.deepEqual(posts.map((url) => `${url.pathname}${url.search}`), ['/api/v1/batches?save=true']);
        const link = page.locator('.deck-card[data-index="0"] [data-field="library-link"]');
        assert.equal(await link.getAttribute('href'), `library.html#/decklists/${first.id}`);
        assert.match(await page.textContent('.deck-card[data-index="0"] [data-field="saved"]'), /library/);

        // The choice is remembered, and the link opens the decklist in the library.
        await page.reload();
        assert.equal(await page.isChecked('#save-to-library'), true);
        await page.setInputFiles('#file-input', [fromDisk(first.expectation.path)]);
        await page.waitForSelector('#summary[data-state="complete"]:not([hidden])', {timeout: BATCH_LIMIT_MS});
        await page.click('.deck-card[data-index="0"] [data-field="library-link"]');
        await page.waitForSelector('#edit-button');
        assert.equal(new URL(page.url()).pathname, '/library.html');
        const {body} = await api(`/api/v1/decklists/${first.id}`);
        assert.equal(await page.textContent('[data-field="revision"]'), String(body.revision));
        // Unchecked again, for whoever uses this browser profile next.
        await page.goto(server.url + '/');
        await page.uncheck('#save-to-library');
    });
});
