// Streaming through nginx: Debian's nginx with config/nginx.conf in front of two real
// decklist-server instances (node1, node2), and nginx as a new user first writes it (one
// plain proxy_pass location, nginx's defaults) in front of node1. Each instance has one
// worker, so a batch's images are processed one after another and its stream spans many
// image times.

import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {startServer} from '../browser/lib/decklist-server.mjs';
import {screenshotExpectations} from '../browser/lib/truth.mjs';
import {assertWholeBatch, largeBatchResumable, largeBatchStream, processedCount} from './lib/batch.mjs';
import {startNginx} from './lib/harness.mjs';
import {largeBatch} from './lib/screenshots.mjs';
import {collectEvents, getJson, uploadForm} from './lib/sse-client.mjs';

const BAD_FILE = {name: 'readme.jpg', bytes: 'plain text, not a JPEG\n', type: 'image/jpeg'};
const SCREENSHOTS = screenshotExpectations().map((e) => e.path);

let instances;  // {node1, node2}
let proxy;  // config/nginx.conf
let plain;  // location / { proxy_pass; proxy_http_version 1.1; }
let batch;  // 24 real-size screenshots, > 20 MB

before(async () => {
    const [node1, node2, paths] = await Promise.all([
        startServer({instanceId: 'node1', workers: 1}),
        startServer({instanceId: 'node2', workers: 1}),
        largeBatch(),
    ]);
    instances = {node1, node2};
    batch = paths;
    [proxy, plain] = await Promise.all([
        startNginx([node1.port, node2.port]),
        startNginx([node1.port, node2.port], {plain: true}),
    ]);
});

after(async () => {
    await Promise.all([proxy?.stop(), plain?.stop()]);
    await Promise.all(Object.values(instances ?? {}).map((i) => i.stop()));
});

const imagesProcessed = async (instance) => (await getJson(`${instance.url}/api/v1/stats`)).body.images.processed;

test('the page and the API answer through nginx', async () => {
    const page = await fetch(`${proxy.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    const health = await getJson(`${proxy.url}/health`);
    assert.equal(health.status, 200);
    assert.match(health.body.status, /^(ok|healthy|starting)$/);  // the body as the server says it
});

test('two concurrent streams land on both instances and arrive progressively', async (t) => {
    const before = await Promise.all([imagesProcessed(instances.node1), imagesProcessed(instances.node2)]);
    const files = SCREENSHOTS.slice(0, 3);
    const stream = () =>
        collectEvents(`${proxy.url}/api/v1/process-batch-fast`, {method: 'POST', body: uploadForm(files)});

    // The second stream starts while the first holds its connection, so least_conn must send
    // it to the other instance.
    let firstEventSeen;
    const firstEvent = new Promise((resolve) => (firstEventSeen = resolve));
    const streamA = collectEvents(`${proxy.url}/api/v1/process-batch-fast`, {
        method: 'POST',
        body: uploadForm(files),
        onEvent: () => firstEventSeen(),
    });
    await firstEvent;
    const [a, b] = await Promise.all([streamA, stream()]);

    const after = await Promise.all([imagesProcessed(instances.node1), imagesProcessed(instances.node2)]);
    const deltas = after.map((n, i) => n - before[i]);
    assert.deepEqual(deltas, [files.length, files.length], `images processed per instance: ${deltas}`);

    for (const {events, headers, error} of [a, b]) {
        assert.match(headers.get('content-type'), /^text\/event-stream/);
        const results = assertWholeBatch(events, files.map((f) => f.split('/').at(-1)), {error});
        // With one worker the images run one after another, so the complete event cannot be
        // written before the images after the first have been processed. A buffering proxy
        // delivers the first result together with complete (measured with buffering and gzip
        // on: 0.2 s apart against 3 s of later images); a streaming one about the later images'
        // processing time earlier. Half of it leaves room for stages that overlap (decoding
        // the next upload while the worker is busy) and still tells the two apart.
        const [first, ...later] = results;
        const complete = events.at(-1);
        const laterProcessingMs = later.reduce((sum, r) => sum + r.data.decklist.timing_ms.total, 0);
        t.diagnostic(`first result ${(complete.at - first.at).toFixed(0)} ms before complete; ` +
                     `the ${later.length} later images took ${laterProcessingMs.toFixed(0)} ms`);
        assert.ok(complete.at - first.at >= 0.5 * laterProcessingMs,
                  `first result ${(complete.at - first.at).toFixed(0)} ms before complete; ` +
                  `later images took ${laterProcessingMs.toFixed(0)} ms`);
    }
});

/** POSTs a resumable batch through nginx; returns the 202 body. */
async function createBatch(files) {
    const {status, body} = await getJson(`${proxy.url}/api/v1/batches`, {
        method: 'POST',
        body: uploadForm(files, [BAD_FILE]),
    });
    assert.equal(status, 202, JSON.stringify(body));
    return body;
}

test('resumable batches stay on their instance, stream live and resume without loss', async () => {
    const files = SCREENSHOTS.slice(0, 3);
    const total = files.length + 1;
    // Sequential POSTs with no open connections: least_conn falls back to round robin.
    const batches = [await createBatch(files), await createBatch(files)];
    const owners = batches.map((b) => b.batch_id.split('-')[0]);
    assert.deepEqual([...owners].sort(), ['node1', 'node2'], 'the two batches went to different instances');

    await Promise.all(batches.map(async (batch, i) => {
        const owner = instances[owners[i]];
        const other = instances[owners[1 - i]];
        const eventsUrl = new URL(batch.events_url, proxy.url).href;
        const statusUrl = new URL(batch.status_url, proxy.url).href;
        assert.equal(new URL(eventsUrl).origin, proxy.url, 'events_url leads back through the proxy');

        // Live through nginx; when the first result arrives the batch is still running.
        let statusAtFirstResult;
        const part1 = await collectEvents(eventsUrl, {
            onEvent: async (e) => {
                if (e.type === 'result' && !statusAtFirstResult) statusAtFirstResult = await getJson(statusUrl);
            },
            stopAfter: (e) => e.type === 'result',
        });
        const lastSeen = part1.events.at(-1).id;
        assert.equal(part1.events.at(-1).type, 'result');
        assert.equal(statusAtFirstResult.status, 200);
        assert.equal(statusAtFirstResult.body.state, 'running', 'the first result arrived mid-batch');
        assert.ok(statusAtFirstResult.body.finished < total);

        // Reconnect through nginx the way EventSource does: Last-Event-ID.
        const part2 = await collectEvents(eventsUrl, {headers: {'Last-Event-ID': lastSeen}});
        assert.ok(part2.events.length > 0);
        const full = await collectEvents(eventsUrl);  // the whole batch, replayed from the start

        const strip = ({type, id, data}) => ({type, id, data});
        assert.deepEqual([...part1.events, ...part2.events].map(strip), full.events.map(strip),
                         'first part + resumed part = the whole stream: no loss, no duplicate');
        const ids = full.events.map((e) => Number(e.id));
        assert.ok(ids.every((id, k) => k === 0 || id > ids[k - 1]), `ids strictly increase: ${ids}`);
        assert.equal(full.events.at(-1).type, 'complete');
        assert.equal(full.events.filter((e) => e.type === 'complete').length, 1);
        assert.equal(full.events.at(-1).data.total, total);
        assert.equal(full.events.at(-1).data.successful, files.length);
        assert.equal(full.events.at(-1).data.failed, 1);

        // The query-parameter form of the resume works through nginx too.
        const byQuery = await collectEvents(`${eventsUrl}?last_event_id=${lastSeen}`);
        assert.deepEqual(byQuery.events.map(strip), part2.events.map(strip));

        // The batch exists only on its owner: nginx's routing is what makes it reachable.
        const status = await getJson(statusUrl);
        assert.equal(status.status, 200);
        assert.equal(status.body.state, 'completed');
        assert.equal((await getJson(`${owner.url}${new URL(statusUrl).pathname}`)).status, 200);
        assert.equal((await getJson(`${other.url}${new URL(statusUrl).pathname}`)).status, 404);
    }));
});

// A batch larger than every buffer nginx has (client_body_buffer_size 16 kB, proxy buffers of
// a few pages, and the 1 MB that nginx's own client_max_body_size default would allow):
// nginx stops forwarding the request body once the upstream's response has begun, so these
// lose images unless the server holds the response until the upload is complete.
test('a 24-screenshot batch (> 20 MB) through config/nginx.conf: every result, one complete', async (t) => {
    const {processedAtUploadEnd} = await largeBatchStream(t, {
        url: `${proxy.url}/api/v1/process-batch-stream`,
        instances: Object.values(instances),
        paths: batch,
        label: 'config/nginx.conf',
    });
    // This order of a slow uploader: processing (one worker) is the slower side.
    assert.ok(processedAtUploadEnd < batch.length / 2,
              `${processedAtUploadEnd} of ${batch.length} images were processed when the upload ended`);
});

test('a 24-screenshot batch (> 20 MB) through a plain proxy_pass location with nginx defaults', async (t) => {
    // Request buffering on: nginx takes the whole upload into a temp file first, then sends it.
    await largeBatchStream(t, {
        url: `${plain.url}/api/v1/process-batch-fast`,
        instances: [instances.node1],
        paths: batch,
        label: 'plain proxy_pass',
    });
});

test('a 24-screenshot resumable batch (> 20 MB) through config/nginx.conf, read as EventSource does', async (t) => {
    await largeBatchResumable(t, {
        proxyUrl: proxy.url,
        instances: Object.values(instances),
        paths: batch,
        label: 'config/nginx.conf, /api/v1/batches',
    });
});

test('nginx logged no upstream failure', () => {
    for (const p of [proxy, plain]) {
        const failures = p.log().split('\n').filter((line) => /\[(error|crit|alert|emerg)\]|upstream timed out/.test(line));
        assert.deepEqual(failures, [], `${p.name} error log`);
    }
});
