// The OpenAPI document as the real build/decklist-server serves it: valid OpenAPI 3.1 for
// @seriousme/openapi-schema-validator, the same at each of its URLs, and describing real
// answers: the bodies of a few routes are validated with Ajv against the response schemas
// the document gives for their status, and each event of a batch against its x-events schema;
// /docs shows it in Swagger UI; both stay public with API keys on.
// (That every route is documented and the other way round is
// tests/unit/http/openapi/openapi_routes_test.cpp, which reads the router's table.)

import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {Validator} from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';

import {RIFTBOUND_DIR, startServer} from '../browser/lib/decklist-server.mjs';

const DOCUMENT_ID = 'openapi.json';
let server;
let documentText;
let ajv;

before(async () => {
    server = await startServer({workers: 1});
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    documentText = await response.text();
    // The document's own keywords (openapi, paths, x-events, ...) are not JSON Schema's.
    ajv = new Ajv2020({strict: false, allErrors: true});
    ajv.addSchema(JSON.parse(documentText), DOCUMENT_ID);
});

after(async () => {
    await server?.stop();
});

function documentObject() {
    return JSON.parse(documentText);
}

function resolve(document, node) {
    while (node && node.$ref) {
        node = node.$ref
            .slice(2)
            .split('/')
            .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
            .reduce((parent, token) => parent?.[token], document);
    }
    return node;
}

// The Ajv validator of the JSON body the document promises for this operation and status.
function bodyValidator(documentPath, method, status) {
    const document = documentObject();
    const operation = document.paths[documentPath]?.[method];
    assert.ok(operation, `${method} ${documentPath} is not in the document`);
    const response = resolve(document, operation.responses[String(status)]);
    assert.ok(response, `${method} ${documentPath} documents no ${status} answer`);
    const schema = response.content?.['application/json']?.schema;
    assert.ok(schema, `${method} ${documentPath} ${status} has no JSON schema`);
    return compile(schema);
}

// Schemas inside the document refer to its components: compile them relative to it.
function compile(schema) {
    const rebased = JSON.parse(
        JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${DOCUMENT_ID}#/`),
    );
    return ajv.compile(rebased);
}

function assertValid(validate, body, what) {
    const valid = validate(body);
    assert.ok(valid, `${what}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`);
}

async function expectDocumented(documentPath, method, url, init) {
    const response = await fetch(`${server.url}${url}`, {method: method.toUpperCase(), ...init});
    const body = await response.json();
    assertValid(bodyValidator(documentPath, method, response.status), body, `${method} ${url} ${response.status}`);
    return {status: response.status, body};
}

function uploadForm(field, files) {
    const form = new FormData();
    for (const [name, bytes, type] of files) form.append(field, new Blob([bytes], {type}), name);
    return form;
}

function firstScreenshot() {
    const folder = path.join(RIFTBOUND_DIR, 'screenshots');
    const name = readdirSync(folder).filter((file) => /\.(jpe?g|png)$/i.test(file)).sort()[0];
    return [name, readFileSync(path.join(folder, name)), 'image/jpeg'];
}

const NOT_AN_IMAGE = ['notes.txt', Buffer.from('not an image'), 'text/plain'];

test('the served document is valid OpenAPI 3.1', async () => {
    const document = documentObject();
    assert.match(document.openapi, /^3\.1\./);
    const result = await new Validator().validate(document);
    assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
});

test('the document is the same at each of its URLs and declares itself public', async () => {
    for (const url of ['/openapi.json', '/api/openapi.json']) {
        const response = await fetch(`${server.url}${url}`);
        assert.equal(response.status, 200, url);
        assert.equal(await response.text(), documentText, url);
    }
    const open = documentObject().paths['/api/v1/openapi.json'].get.security;
    assert.deepEqual(open, [{}]);
});

test('health, readiness, stats and deck codes answer as documented', async () => {
    const health = await expectDocumented('/health', 'get', '/health');
    assert.equal(health.status, 200);
    await expectDocumented('/api/v1/health', 'get', '/api/v1/health');
    await expectDocumented('/ready', 'get', '/ready');
    const stats = await expectDocumented('/api/v1/stats', 'get', '/api/v1/stats');
    assert.equal(stats.status, 200);
    const badCode = await expectDocumented('/api/v1/deck-codes/{code}', 'get', '/api/v1/deck-codes/not-a-code');
    assert.equal(badCode.status, 400);
});

test('a /process error and a /process-batch answer are documented bodies', async () => {
    const refused = await expectDocumented('/api/v1/process', 'post', '/api/v1/process', {
        body: uploadForm('file', [NOT_AN_IMAGE]),
    });
    assert.equal(refused.status, 400);
    const notMultipart = await expectDocumented('/api/v1/process', 'post', '/api/v1/process', {
        body: 'plain',
        headers: {'content-type': 'text/plain'},
    });
    assert.equal(notMultipart.status, 415);
    const batch = await expectDocumented('/api/v1/process-batch', 'post', '/api/v1/process-batch', {
        body: uploadForm('files', [firstScreenshot(), NOT_AN_IMAGE]),
    });
    assert.equal(batch.status, 200);
    assert.equal(batch.body.successful, 1);
    assert.equal(batch.body.failed, 1);
});

// "event: name\ndata: {...}\nid: n\n\n" blocks; comments and retry: lines carry no event.
function parseEvents(text) {
    const events = [];
    for (const block of text.split('\n\n')) {
        const fields = Object.fromEntries(
            block
                .split('\n')
                .filter((line) => line && !line.startsWith(':'))
                .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
        );
        if (fields.event) events.push({name: fields.event, data: JSON.parse(fields.data)});
    }
    return events;
}

// Every event of a stream validated against the x-events schema its 200 answer documents;
// returns the events' names.
async function assertEventsDocumented(documentPath, method, response) {
    assert.equal(response.status, 200, `${method} ${documentPath}`);
    assert.match(response.headers.get('content-type'), /^text\/event-stream/);
    const events = parseEvents(await response.text());
    const document = documentObject();
    const streamResponse = resolve(document, document.paths[documentPath][method].responses['200']);
    assert.ok(streamResponse['x-events'], `${method} ${documentPath} 200 names no x-events`);
    for (const event of events) {
        const schema = streamResponse['x-events'][event.name];
        assert.ok(schema, `${documentPath}: event ${event.name} is not documented`);
        assertValid(compile(schema), event.data, `${documentPath}: event ${event.name}`);
    }
    return events.map((event) => event.name);
}

test('a decklist from /process and every POST stream\'s events are documented bodies', async () => {
    const one = await expectDocumented('/api/v1/process', 'post', '/api/v1/process', {
        body: uploadForm('file', [firstScreenshot()]),
    });
    assert.equal(one.status, 200);
    assert.ok(one.body.stats.total_cards > 0);

    const single = await fetch(`${server.url}/api/v1/process-stream`, {
        method: 'POST', body: uploadForm('file', [firstScreenshot()]),
    });
    const singleNames = await assertEventsDocumented('/api/v1/process-stream', 'post', single);
    assert.ok(singleNames.includes('result') && singleNames.at(-1) === 'complete', singleNames.join());

    for (const route of ['/api/v1/process-batch-stream', '/api/v1/process-batch-fast']) {
        const response = await fetch(`${server.url}${route}`, {
            method: 'POST', body: uploadForm('files', [firstScreenshot(), NOT_AN_IMAGE]),
        });
        const names = await assertEventsDocumented(route, 'post', response);
        assert.deepEqual([...new Set(names)].sort(), ['complete', 'error', 'progress', 'result'], route);
    }
});

test('a resumable batch: created, its events and its snapshot as documented', async () => {
    const created = await expectDocumented('/api/v1/batches', 'post', '/api/v1/batches', {
        body: uploadForm('files', [firstScreenshot(), NOT_AN_IMAGE]),
    });
    assert.equal(created.status, 202);

    // The stream ends after complete, so reading it whole is waiting for the batch to end.
    const stream = await fetch(`${server.url}${created.body.events_url}`);
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type'), /^text\/event-stream/);
    const events = parseEvents(await stream.text());
    const document = documentObject();
    const streamResponse = resolve(
        document,
        document.paths['/api/v1/batches/{id}/events'].get.responses['200'],
    );
    for (const event of events) {
        const schema = streamResponse['x-events'][event.name];
        assert.ok(schema, `event ${event.name} is not documented`);
        assertValid(compile(schema), event.data, `event ${event.name}`);
    }
    assert.deepEqual(
        [...new Set(events.map((event) => event.name))].sort(),
        ['complete', 'error', 'progress', 'result'],
    );

    const snapshot = await expectDocumented('/api/v1/batches/{id}', 'get', created.body.status_url);
    assert.equal(snapshot.status, 200);
    assert.equal(snapshot.body.state, 'completed');
    const missing = await expectDocumented('/api/v1/batches/{id}', 'delete', '/api/v1/batches/no-such-batch');
    assert.equal(missing.status, 404);
});

test('/docs serves Swagger UI over the served document', async () => {
    for (const url of ['/docs', '/docs/']) {
        const page = await fetch(`${server.url}${url}`);
        assert.equal(page.status, 200, url);
        assert.match(page.headers.get('content-type'), /^text\/html/);
        assert.match(await page.text(), /\/docs\/vendor\/swagger-ui-bundle\.js/);
    }
    const bundle = await fetch(`${server.url}/docs/vendor/swagger-ui-bundle.js`);
    assert.equal(bundle.status, 200);
    assert.match(await bundle.text(), /SwaggerUIBundle/);
    const init = await (await fetch(`${server.url}/docs/reference.js`)).text();
    assert.match(init, /url: '\/api\/v1\/openapi\.json'/);
});

test('with API keys on, the document and /docs stay public and a keyless API call is a documented 401', async () => {
    const keyDir = mkdtempSync(path.join(os.tmpdir(), 'decklist-openapi-keys-'));
    const key = 'openapi-suite-key-3c9e1f7a2b5d4e6f';
    const sha = createHash('sha256').update(key).digest('hex');
    writeFileSync(path.join(keyDir, 'api-keys'), `${sha} openapi-suite\n`, {mode: 0o600});
    const keyed = await startServer({workers: 1, env: {DECKLIST_API_KEYS_FILE: path.join(keyDir, 'api-keys')}});
    try {
        for (const url of ['/api/v1/openapi.json', '/api/openapi.json', '/openapi.json', '/docs']) {
            const response = await fetch(`${keyed.url}${url}`);
            assert.equal(response.status, 200, url);
        }
        const refused = await fetch(`${keyed.url}/api/v1/stats`);
        assert.equal(refused.status, 401);
        assertValid(bodyValidator('/api/v1/stats', 'get', 401), await refused.json(), 'stats 401');
        const allowed = await fetch(`${keyed.url}/api/v1/stats`, {headers: {'x-api-key': key}});
        assert.equal(allowed.status, 200);
        assertValid(bodyValidator('/api/v1/stats', 'get', 200), await allowed.json(), 'stats with a key');
    } finally {
        await keyed.stop();
        rmSync(keyDir, {recursive: true, force: true});
    }
});
