// Uploads that are not simply fast: the two orders of a slow uploader (the upload slower
// than the processing, and the processing slower than the upload), and a client whose upload
// stalls after its first image with the socket left open. Direct and through each proxy with
// its recommended config (config/nginx.conf, config/haproxy.cfg, config/Caddyfile), against
// real decklist-server instances started with read_timeout_s 3.

import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {startServer} from '../browser/lib/decklist-server.mjs';
import {assertOneProgressPerFile, assertWholeBatch, describeStream, largeBatchStream, processedCount, stalledUpload}
    from './lib/batch.mjs';
import {startCaddy, startHaproxy, startNginx} from './lib/harness.mjs';
import {largeBatch} from './lib/screenshots.mjs';
import {postBatch, readFiles} from './lib/sse-client.mjs';

const READ_TIMEOUT_S = 3;
// The slow link: each screenshot takes this many times as long to upload as the server takes
// to read one (measured in before(), so that a loaded machine does not swap the two orders).
const SLOWER_BY = 2.5;
let slowRate;  // bytes per second

let quick;  // two workers: reads each screenshot faster than a slow link delivers the next
let single;  // one worker: slower than a fast upload
// Each proxy with its recommended config, once in front of `quick` and once of `single`.
const PROXIES = [
    {name: 'config/nginx.conf', start: startNginx},
    {name: 'config/haproxy.cfg', start: startHaproxy},
    {name: 'config/Caddyfile', start: startCaddy},
];
const viaQuick = new Map();  // proxy name -> running proxy
const viaSingle = new Map();
let batch;

before(async () => {
    const env = {DECKLIST_READ_TIMEOUT_S: String(READ_TIMEOUT_S)};
    let paths;
    [quick, single, paths] = await Promise.all([
        startServer({instanceId: 'quick', workers: 2, env}),
        startServer({instanceId: 'single', workers: 1, env}),
        largeBatch(),
    ]);
    batch = paths;
    for (const proxy of PROXIES) {
        viaQuick.set(proxy.name, await proxy.start([quick.port, quick.port]));
        viaSingle.set(proxy.name, await proxy.start([single.port, single.port]));
    }
    // How long the server takes to read one screenshot, once warm (the first also loads
    // Tesseract's models): from the end of its upload to its result.
    const [file] = readFiles(batch.slice(0, 1));
    let perImageMs = 0;
    for (let i = 0; i < 2; i++) {
        const run = await postBatch(`${quick.url}/api/v1/process-batch-stream`, [file]);
        perImageMs = run.events.find((e) => e.type === 'result').at - run.uploadEndAt;
    }
    slowRate = Math.min(4e6, file.bytes.length / (SLOWER_BY * perImageMs / 1000));
    console.log(`# one screenshot read in ${perImageMs.toFixed(0)} ms; the slow link: ${(slowRate / 1e6).toFixed(2)} MB/s`);
});

after(async () => {
    await Promise.all([...viaQuick.values(), ...viaSingle.values()].map((proxy) => proxy.stop()));
    await Promise.all([quick?.stop(), single?.stop()]);
});

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** A throttled upload of `count` screenshots to `url`; the counts of `instance` along the way. */
async function slowUpload(t, url, instance, count, label, {duplex = false} = {}) {
    const files = readFiles(batch.slice(0, count));
    const before = await processedCount([instance]);
    let atUploadEnd;
    let atFirstResult;
    const run = await postBatch(url, files, {
        rate: slowRate,
        deadlineMs: 120_000,
        onUploadEnd: () => (atUploadEnd = processedCount([instance])),
        onEvent: (e) => {
            if (e.type === 'result' && !atFirstResult) atFirstResult = processedCount([instance]);
        },
    });
    const results = run.events.filter((e) => e.type === 'result');
    t.diagnostic(`${label}: ${(run.bodyBytes / 1e6).toFixed(1)} MB at ${(slowRate / 1e6).toFixed(2)} MB/s; upload ended after ` +
                 `${seconds(run.uploadEndAt - run.startedAt)}, head after ${seconds(run.headAt - run.startedAt)}, first ` +
                 `result after ${results.length ? seconds(results[0].at - run.startedAt) : '-'}, end after ` +
                 `${seconds(run.endAt - run.startedAt)}; ${describeStream(run.events, count, run.error)}`);
    assert.equal(run.status, 200, `${label}: ${run.status} ${run.text} ${run.error?.message ?? ''}`);
    assertWholeBatch(run.events, files.map((f) => f.name), {error: run.error, label});
    assertOneProgressPerFile(run.events, count, {totalKnown: !duplex});
    return {run, results, processedAtUploadEnd: (await atUploadEnd) - before,
            processedAtFirstResult: (await atFirstResult) - before};
}

for (const {name} of PROXIES) {
    test(`upload slower than processing, through ${name}: held until the upload is in, nothing lost`, async (t) => {
        const count = 5;
        const {run, processedAtUploadEnd, processedAtFirstResult} = await slowUpload(
            t, `${viaQuick.get(name).url}/api/v1/process-batch-stream`, quick, count, `${name}, slow upload`);
        // The server read each screenshot as soon as its part was in ...
        assert.ok(processedAtUploadEnd >= count - 2,
                  `only ${processedAtUploadEnd} of ${count} images were processed when the upload ended`);
        // ... but began its answer only once the whole body had arrived (nginx stops forwarding
        // the body once the answer has begun), then sent every event that was ready.
        assert.ok(run.headAt >= run.uploadEndAt,
                  `the response head came ${seconds(run.uploadEndAt - run.headAt)} before the upload ended`);
        assert.ok(processedAtFirstResult < count, 'the last image was still being processed at the first result');
    });
}

test('upload slower than processing, direct with ?duplex=1: results arrive while the upload runs', async (t) => {
    const count = 5;
    const {run, results} = await slowUpload(t, `${quick.url}/api/v1/process-batch-stream?duplex=1`, quick, count,
                                            'direct, duplex=1, slow upload', {duplex: true});
    assert.ok(run.headAt < run.uploadEndAt, 'the response began before the upload ended');
    assert.ok(results[0].at < run.uploadEndAt,
              `the first result came ${seconds(results[0].at - run.uploadEndAt)} after the upload ended`);
});

for (const {name} of PROXIES) {
    test(`processing slower than upload (one worker, a fast upload), through ${name}`, async (t) => {
        const paths = batch.slice(0, 12);
        const {processedAtUploadEnd} = await largeBatchStream(t, {
            url: `${viaSingle.get(name).url}/api/v1/process-batch-stream`,
            instances: [single],
            paths,
            label: `${name}, one worker`,
            minBytes: 10e6,
        });
        assert.ok(processedAtUploadEnd <= 2,
                  `${processedAtUploadEnd} of ${paths.length} images were processed when the upload ended`);
    });
}

test('a client that stalls after its first image, direct: its result, an error and complete in time', async (t) => {
    await stalledUpload(t, {url: `${quick.url}/api/v1/process-batch-stream`, paths: batch, readTimeoutS: READ_TIMEOUT_S,
                            label: 'direct'});
});

test('a client that stalls after its first image, through config/nginx.conf', async (t) => {
    await stalledUpload(t, {url: `${viaQuick.get('config/nginx.conf').url}/api/v1/process-batch-stream`, paths: batch,
                            readTimeoutS: READ_TIMEOUT_S, label: 'nginx'});
});
