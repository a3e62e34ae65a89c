// Cross-origin use of the API from a real browser. A page is served by a small static server
// (node's http module) on a second loopback port; decklist-server allows that origin. The
// page, in Debian's chromium, calls the API the way a third-party web app would.

import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';

import {chromium} from '../browser/node_modules/playwright-core/index.mjs';

import {REPO_ROOT, RIFTBOUND_DIR, startServer} from '../browser/lib/decklist-server.mjs';

const CHROMIUM = process.env.DECKLIST_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                        '--disable-component-update', '--disable-sync', '--no-first-run'];
const BATCH_LIMIT_MS = 300_000;  // real OCR of the shared screenshots on a loaded 2-core machine
const SCREENSHOT_DIR = path.join(RIFTBOUND_DIR, 'screenshots');
const SCREENSHOTS = readdirSync(SCREENSHOT_DIR).filter((f) => /\.jpe?g$/i.test(f)).sort();

/** The test page's origin: a static server for an empty page and the shared screenshots. */
function startPageServer() {
    const server = http.createServer((req, res) => {
        const url = new URL(req.url, 'http://page');
        if (url.pathname === '/') {
            res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'});
            res.end('<!doctype html><title>third-party app</title><p>cross-origin client</p>');
            return;
        }
        const name = url.pathname.replace(/^\/shots\//, '');
        if (url.pathname.startsWith('/shots/') && SCREENSHOTS.includes(name)) {
            res.writeHead(200, {'Content-Type': 'image/jpeg'});
            res.end(readFileSync(path.join(SCREENSHOT_DIR, name)));
            return;
        }
        res.writeHead(404).end();
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let pageServer;
let pageOrigin;       // allowed by the API servers
let strangerOrigin;   // the same page under another name: not allowed
let api;              // keys off
let keyedApi;         // keys on
let browser;
let tempDir;
const API_KEY = execFileSync('bash', [path.join(REPO_ROOT, 'scripts/make-api-key.sh'), 'browser-test'])
    .toString();

before(async () => {
    pageServer = await startPageServer();
    const port = pageServer.address().port;
    pageOrigin = `http://127.0.0.1:${port}`;
    strangerOrigin = `http://localhost:${port}`;
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'decklist-access-'));
    // scripts/make-api-key.sh prints "key: KEY" and "line: HASH LABEL": the file gets the line.
    const keysFile = path.join(tempDir, 'api-keys.txt');
    writeFileSync(keysFile, `${/^line:\s*(.*)$/m.exec(API_KEY)[1]}\n`);
    const env = {DECKLIST_ALLOWED_ORIGINS: pageOrigin};
    api = await startServer({workers: 2, env});
    keyedApi = await startServer({workers: 1, env: {...env, DECKLIST_API_KEYS_FILE: keysFile}});
    browser = await chromium.launch({executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS});
});

after(async () => {
    await browser?.close();
    await api?.stop();
    await keyedApi?.stop();
    pageServer?.close();
    if (tempDir) rmSync(tempDir, {recursive: true, force: true});
});

const key = () => /^key:\s*(\S+)$/m.exec(API_KEY)[1];

async function onPage(origin, fn, arg) {
    const page = await browser.newPage();
    try {
        await page.goto(origin + '/');
        return await page.evaluate(fn, arg);
    } finally {
        await page.close();
    }
}

// Runs in the page: the screenshots as a multipart form, fetched from the page's own origin.
const PAGE_HELPERS = `
window.formOf = async (names, extra = []) => {
    const form = new FormData();
    for (const name of names) form.append('files', await (await fetch('/shots/' + name)).blob(), name);
    for (const [name, text] of extra) form.append('files', new Blob([text], {type: 'text/plain'}), name);
    return form;
};
window.readEvents = async (response) => {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const events = [];
    let buffer = '';
    for (;;) {
        const {value, done} = await reader.read();
        if (done) return events;
        buffer += value.replace(/\\r\\n?/g, '\\n');
        let end;
        while ((end = buffer.indexOf('\\n\\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = {event: 'message', data: ''};
            for (const line of block.split('\\n')) {
                if (line.startsWith('event:')) event.event = line.slice(6).trim();
                if (line.startsWith('data:')) event.data += line.slice(5).trim();
            }
            if (event.data) events.push({event: event.event, data: JSON.parse(event.data)});
        }
    }
};
window.eventSource = (url) => new Promise((resolve) => {
    const events = [];
    const source = new EventSource(url);
    for (const name of ['progress', 'result', 'error', 'complete'])
        source.addEventListener(name, (e) => {
            if (e.data) events.push({event: name, id: e.lastEventId, data: JSON.parse(e.data)});
            if (name === 'complete') { source.close(); resolve({events, failed: false}); }
        });
    // Without a complete event an error means the stream was refused (401, 404, CORS).
    source.onerror = () => {
        if (source.readyState === EventSource.CLOSED) resolve({events, failed: true});
    };
});
`;

async function withHelpers(origin, fn, arg) {
    const page = await browser.newPage();
    try {
        await page.goto(origin + '/');
        await page.addScriptTag({content: PAGE_HELPERS});
        return await page.evaluate(fn, arg);
    } finally {
        await page.close();
    }
}

test('fetch streams a batch of screenshots cross-origin: every result, then complete', {timeout: BATCH_LIMIT_MS}, async () => {
    const out = await withHelpers(pageOrigin, async ({url, names}) => {
        const response = await fetch(url + '/api/v1/process-batch-fast', {method: 'POST', body: await formOf(names)});
        return {status: response.status, requestId: response.headers.get('X-Request-ID'),
                events: await readEvents(response)};
    }, {url: api.url, names: SCREENSHOTS});
    assert.equal(out.status, 200);
    assert.match(out.requestId ?? '', /^[0-9a-f]{16}$/, 'X-Request-ID is exposed to the page');
    const results = out.events.filter((e) => e.event === 'result');
    assert.deepEqual(results.map((e) => e.data.filename).sort(), [...SCREENSHOTS].sort());
    for (const r of results) assert.ok(r.data.decklist.main_deck.length > 0, `${r.data.filename} has a main deck`);
    const last = out.events.at(-1);
    assert.equal(last.event, 'complete');
    assert.equal(last.data.total, SCREENSHOTS.length);
    assert.equal(last.data.successful, SCREENSHOTS.length);
});

test('a resumable batch is read through EventSource from another origin', {timeout: BATCH_LIMIT_MS}, async () => {
    const out = await withHelpers(pageOrigin, async ({url, name}) => {
        const response = await fetch(url + '/api/v1/batches',
                                     {method: 'POST', body: await formOf([name], [['notes.txt', 'not an image']])});
        const created = await response.json();
        return {status: response.status, created, stream: await eventSource(url + created.events_url)};
    }, {url: api.url, name: SCREENSHOTS[0]});
    assert.equal(out.status, 202);
    assert.equal(out.stream.failed, false);
    const events = out.stream.events;
    assert.equal(events.filter((e) => e.event === 'result').length, 1);
    assert.equal(events.filter((e) => e.event === 'error').length, 1);
    assert.equal(events.at(-1).event, 'complete');
    assert.deepEqual(events.map((e) => Number(e.id)), events.map((_, i) => i + 1), 'ids 1, 2, 3, ...');
});

test('with API keys: Authorization and ?access_token= work, no key is a readable 401', {timeout: BATCH_LIMIT_MS}, async () => {
    const out = await withHelpers(pageOrigin, async ({url, key, name}) => {
        const noKey = await fetch(url + '/api/v1/stats');
        const wrongKey = await fetch(url + '/api/v1/stats', {headers: {Authorization: 'Bearer wrong'}});
        const withKey = await fetch(url + '/api/v1/stats', {headers: {Authorization: `Bearer ${key}`}});
        const created = await (await fetch(url + '/api/v1/batches', {
            method: 'POST', headers: {'X-API-Key': key}, body: await formOf([name]),
        })).json();
        return {
            noKey: {status: noKey.status, body: await noKey.json(), auth: noKey.headers.get('WWW-Authenticate')},
            wrongKey: wrongKey.status,
            withKey: {status: withKey.status, body: await withKey.json()},
            created,
            withToken: await eventSource(url + created.events_url + '?access_token=' + encodeURIComponent(key)),
            withoutToken: await eventSource(url + created.events_url),
        };
    }, {url: keyedApi.url, key: key(), name: SCREENSHOTS[1]});
    assert.equal(out.noKey.status, 401);
    assert.equal(out.noKey.body.error_type, 'unauthorized');
    assert.match(out.noKey.auth ?? '', /^Bearer/);
    assert.equal(out.wrongKey, 401);
    assert.equal(out.withKey.status, 200);
    assert.equal(out.withKey.body.access.keys_enabled, true);
    assert.ok(out.created.batch_id, JSON.stringify(out.created));
    assert.equal(out.withToken.failed, false, keyedApi.log().split("\n").slice(-15).join("\n"));
    assert.equal(out.withToken.events.at(-1).event, 'complete');
    assert.equal(out.withToken.events.filter((e) => e.event === 'result').length, 1);
    assert.equal(out.withoutToken.failed, true, 'EventSource without a token is refused');
    assert.equal(out.withoutToken.events.length, 0);
    assert.ok(!keyedApi.log().includes(key()), 'the key never appears in the log');
    assert.match(keyedApi.log(), /access_token=REDACTED .* key=browser-test/);
});

test('a page on a disallowed origin cannot read responses', async () => {
    const out = await onPage(strangerOrigin, async ({url}) => {
        const attempt = async (init, target) => {
            try {
                const r = await fetch(url + target, init);
                return `read ${r.status}`;
            } catch (error) {
                return `blocked: ${error.name}`;
            }
        };
        return {
            simple: await attempt({}, '/api/v1/stats'),
            preflighted: await attempt({headers: {'X-Request-ID': 'x1'}}, '/api/v1/stats'),
            error: await attempt({}, '/api/v1/no-such-route'),
        };
    }, {url: api.url});
    assert.deepEqual(out, {simple: 'blocked: TypeError', preflighted: 'blocked: TypeError', error: 'blocked: TypeError'});
    // The same requests from the allowed origin are readable: the difference is the origin.
    const allowed = await onPage(pageOrigin, async ({url}) => (await fetch(url + '/api/v1/stats')).status, {url: api.url});
    assert.equal(allowed, 200);
});
