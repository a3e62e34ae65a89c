// Clients written for the Python (FastAPI) service, run unchanged against the real
// decklist-server: the streaming plan's naive fetch client (plan-client.mjs) on both streaming
// endpoints with two good screenshots and one bad file, the same batch through
// eventsource-parser (robust-client.mjs), and the plain JSON shapes such clients read.

import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import {after, before, test} from 'node:test';

import {startServer} from '../browser/lib/decklist-server.mjs';
import {STREAMING_ROUTES, mixedBatch} from './plan-batch.mjs';
import {uploadBatch as planUpload} from './plan-client.mjs';
import {uploadBatch as robustUpload} from './robust-client.mjs';

let server;
before(async () => {
    server = await startServer();
});
after(async () => {
    await server?.stop();
});

/** Runs the plan's client and collects what each of its callbacks received, in order. */
async function runPlanClient(route, files) {
    const seen = {progress: [], result: [], error: [], complete: [], order: []};
    const record = (type) => (data) => {
        seen[type].push(data);
        seen.order.push(type);
    };
    await planUpload(`${server.url}${route}`, files, {
        onProgress: record('progress'),
        onResult: record('result'),
        onError: record('error'),
        onComplete: record('complete'),
    });
    return seen;
}

function assertPlanExpectations(seen, files) {
    assert.equal(seen.progress.length, 3, 'one progress event per file');
    for (const progress of seen.progress) {
        assert.equal(progress.status, 'processing');
        assert.equal(progress.total, 3);
        assert.equal(progress.current, progress.index + 1);
        assert.equal(progress.filename, files[progress.index].name);
    }
    assert.deepEqual(seen.progress.map((p) => p.current).sort(), [1, 2, 3]);

    assert.equal(seen.result.length, 2);
    for (const result of seen.result) {
        assert.equal(typeof result.decklist.decklist_id, 'string');
        assert.ok(result.decklist.decklist_id.length > 0);
        assert.equal(result.filename, files[result.index].name);
    }
    assert.notEqual(seen.result[0].decklist.decklist_id, seen.result[1].decklist.decklist_id);

    assert.equal(seen.error.length, 1);
    const [error] = seen.error;
    assert.equal(error.index, 1);
    assert.equal(error.filename, 'bad.jpg');
    assert.equal(typeof error.error, 'string');
    assert.equal(error.error_type, 'validation');

    // Each file's progress comes before its result or error; complete comes last, once.
    const next = {progress: 0, result: 0, error: 0, complete: 0};
    const announced = new Set();
    for (const type of seen.order) {
        const data = seen[type][next[type]++];
        if (type === 'progress') announced.add(data.index);
        if (type === 'result' || type === 'error') assert.ok(announced.has(data.index), `progress before the ${type} of file ${data.index}`);
    }
    assert.equal(seen.complete.length, 1);
    assert.equal(seen.order.at(-1), 'complete');
    const [complete] = seen.complete;
    assert.equal(complete.total, 3);
    assert.equal(complete.successful, 2);
    assert.equal(complete.failed, 1);
    assert.equal(typeof complete.average_accuracy, 'number');
    const mean = seen.result.reduce((sum, r) => sum + r.decklist.stats.accuracy, 0) / seen.result.length;
    assert.ok(Math.abs(complete.average_accuracy - mean) <= 0.051, `${complete.average_accuracy} vs ${mean}`);
}

for (const route of STREAMING_ROUTES) {
    test(`the plan's fetch client reads ${route} without an exception`, async () => {
        const files = mixedBatch();
        const seen = await runPlanClient(route, files);
        assertPlanExpectations(seen, files);
    });

    test(`eventsource-parser reads ${route} the same way`, async () => {
        const files = mixedBatch();
        const events = [];
        await robustUpload(`${server.url}${route}`, files, {onEvent: (type, data, id) => events.push({type, data, id})});
        const seen = {progress: [], result: [], error: [], complete: [], order: []};
        for (const {type, data} of events) {
            seen[type].push(data);
            seen.order.push(type);
        }
        assertPlanExpectations(seen, files);
        // Our addition: ids after the data line, strictly increasing, for resuming.
        const ids = events.map((e) => Number(e.id));
        assert.ok(ids.every((id, i) => Number.isInteger(id) && (i === 0 || id > ids[i - 1])), `ids ${ids}`);
    });
}

// The control: the plan's client really is that strict, so the passes above mean something.
// Framing it cannot read (a retry block first, id before data) makes it throw.
test("the plan's client throws on framing it cannot read", async (t) => {
    for (const stream of ['retry: 2000\n\nevent: complete\ndata: {}\n\n', 'event: complete\nid: 1\ndata: {}\n\n']) {
        const fake = createServer((request, response) => {
            request.resume();
            response.writeHead(200, {'Content-Type': 'text/event-stream'});
            response.end(stream);
        });
        await new Promise((resolve) => fake.listen(0, '127.0.0.1', resolve));
        t.after(() => fake.close());
        const ignore = () => {};
        await assert.rejects(
            planUpload(`http://127.0.0.1:${fake.address().port}/`, [], {onProgress: ignore, onResult: ignore, onError: ignore, onComplete: ignore}),
            (error) => error instanceof TypeError || error instanceof SyntaxError,
            JSON.stringify(stream),
        );
    }
});

test('the streaming headers are the ones the plan asserts', async () => {
    for (const route of STREAMING_ROUTES) {
        const form = new FormData();
        form.append('files', new File(['not an image'], 'bad.jpg', {type: 'image/jpeg'}));
        const response = await fetch(`${server.url}${route}`, {method: 'POST', body: form});
        assert.equal(response.status, 200, route);
        assert.equal(response.headers.get('content-type'), 'text/event-stream', route);
        assert.equal(response.headers.get('cache-control'), 'no-cache', route);
        await response.text();  // read the stream to its end, so that the batch finishes
    }
});

test('health has the Python service shape', async () => {
    for (const target of ['/health', '/api/v1/health']) {
        const response = await fetch(`${server.url}${target}`);
        assert.equal(response.status, 200);
        const health = await response.json();
        assert.equal(health.status, health.ocr_ready ? 'healthy' : 'starting');
        assert.equal(health.service, 'decklist-ocr');
        assert.equal(typeof health.version, 'string');
        assert.equal(health.matcher_loaded, true);
        assert.equal(health.total_cards_in_db, health.cards_loaded);
        assert.ok(health.total_cards_in_db > 0);
    }
});

test('a refused request shows its message in detail, as FastAPI clients read it', async () => {
    const response = await fetch(`${server.url}/api/v1/process-batch-stream`, {method: 'POST', body: new FormData()});
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(typeof body.detail, 'string');
    assert.equal(body.detail, body.error);
    assert.equal(body.error_type, 'validation');
});

test('stats carry the matcher and parser sections beside ours', async () => {
    const stats = await (await fetch(`${server.url}/api/v1/stats`)).json();
    assert.equal(stats.matcher.loaded, true);
    assert.ok(stats.matcher.total_cards > 0);
    assert.equal(stats.parser.images_parsed, stats.images.processed);
    assert.equal(stats.parser.failures, stats.images.failed);
    assert.equal(stats.parser.average_ms, stats.images.latency.mean_ms);
    assert.ok('requests' in stats && 'workers' in stats);
});
