// What every suite file asserts about a batch that went through a proxy, and the scenarios
// they share: a large batch on a POST event stream, and one on the resumable path.

import assert from 'node:assert/strict';

import {collectEvents, getJson, multipartBody, postBatch, readFiles} from './sse-client.mjs';

const MB = 1e6;
const ms = (x) => `${x.toFixed(0)} ms`;
const seconds = (x) => `${(x / 1000).toFixed(2)} s`;

/** images.processed summed over `instances` (read from each directly, not through a proxy). */
export async function processedCount(instances) {
    const counts = await Promise.all(instances.map(async (i) => (await getJson(`${i.url}/api/v1/stats`)).body.images.processed));
    return counts.reduce((a, b) => a + b, 0);
}

/** One line saying what a stream delivered, for assertion messages. */
export function describeStream(events, total, error) {
    const results = events.filter((e) => e.type === 'result').length;
    const errors = events.filter((e) => e.type === 'error');
    const completes = events.filter((e) => e.type === 'complete').length;
    const errorTypes = errors.map((e) => `${e.data.index}:${e.data.error_type}`).join(',');
    return `${results} of ${total} results, ${errors.length} errors${errorTypes ? ` (${errorTypes})` : ''}, ` +
           `${completes ? `${completes} complete` : 'no complete'}${error ? `, stream broke off: ${error.message}` : ''}`;
}

/**
 * The batch contract on one whole stream of `names.length` files that should all be read:
 * exactly one `complete`, last; one `result` per file, none twice, none missing; the
 * counts in `complete` say the same. Returns the result events.
 */
export function assertWholeBatch(events, names, {error, label = ''} = {}) {
    const total = names.length;
    const what = `${label}${label ? ': ' : ''}${describeStream(events, total, error)}`;
    const completes = events.filter((e) => e.type === 'complete');
    assert.equal(completes.length, 1, `exactly one complete; ${what}`);
    assert.equal(events.at(-1).type, 'complete', `complete comes last; ${what}`);
    const finished = events.filter((e) => e.type === 'result' || e.type === 'error');
    const indices = finished.map((e) => e.data.index);
    assert.equal(new Set(indices).size, indices.length, `no index twice: ${indices}; ${what}`);
    assert.deepEqual([...indices].sort((a, b) => a - b), [...Array(total).keys()], `every index once; ${what}`);
    assert.deepEqual(events.filter((e) => e.type === 'error').map((e) => e.data), [], `no error; ${what}`);
    for (const e of finished) assert.equal(e.data.filename, names[e.data.index], `filename of index ${e.data.index}`);
    const {data: summary} = completes[0];
    assert.equal(summary.total, total, 'complete.total');
    assert.equal(summary.successful, total, 'complete.successful');
    assert.equal(summary.failed, 0, 'complete.failed');
    return events.filter((e) => e.type === 'result');
}

/**
 * Progress: exactly one per file, `processing`, current = index + 1, total = the file count.
 * On a full-duplex stream (`totalKnown` false) a progress event may be written before the
 * later files have arrived: its total is the count known so far, never more than the final.
 */
export function assertOneProgressPerFile(events, total, {totalKnown = true} = {}) {
    const progress = events.filter((e) => e.type === 'progress').map((e) => e.data);
    assert.deepEqual(progress.map((p) => p.index).sort((a, b) => a - b), [...Array(total).keys()],
                     'one progress event per file');
    for (const p of progress) {
        assert.equal(p.status, 'processing', `progress of index ${p.index}`);
        assert.equal(p.current, p.index + 1, `progress.current of index ${p.index}`);
        if (totalKnown) assert.equal(p.total, total, `progress.total of index ${p.index}`);
        else assert.ok(p.total > p.index && p.total <= total, `progress.total of index ${p.index}: ${p.total}`);
    }
}

/** Ids strictly increase (the resumable stream's contract, what Last-Event-ID relies on). */
export function assertIdsIncrease(events) {
    const ids = events.map((e) => Number(e.id));
    assert.ok(ids.every((id, k) => Number.isInteger(id) && (k === 0 || id > ids[k - 1])), `ids strictly increase: ${ids}`);
}

/**
 * Streaming, not held to the end: when the first result reached the client, the server had
 * not yet processed the last image (its images.processed count, read right after the first
 * result arrived, is below the batch size), and the first result came in less than `bar` of
 * the stream's total time. A proxy or server holding the results until the batch is done
 * fails both (the count is complete and the ratio about 1).
 */
export function assertFirstResultEarly(t, {startedAt, results, complete, processedAtFirstResult, total, bar = 0.4, label}) {
    const first = results[0];
    const ratio = (first.at - startedAt) / (complete.at - startedAt);
    t.diagnostic(`${label}: first result after ${ms(first.at - startedAt)}, complete after ${ms(complete.at - startedAt)} ` +
                 `(ratio ${ratio.toFixed(2)}); ${processedAtFirstResult} of ${total} images processed at the first result`);
    assert.ok(processedAtFirstResult < total,
              `${label}: all ${total} images were already processed when the first result arrived`);
    assert.ok(ratio < bar, `${label}: first result at ${ratio.toFixed(2)} of the stream's time (bar ${bar})`);
}

/**
 * POSTs `paths` to `url` (a process-batch-stream or -fast endpoint, through a proxy) as fast
 * as the socket takes it, and checks the whole stream: every result, one complete, no
 * duplicate, one progress per file, the first result early. `instances` are the servers
 * behind the proxy, read directly for their processed counts.
 */
export async function largeBatchStream(t, {url, instances, paths, label, minBytes = 20 * MB, deadlineMs = 90_000}) {
    const files = readFiles(paths);
    const names = files.map((f) => f.name);
    const before = await processedCount(instances);
    let atFirstResult;
    let atUploadEnd;
    const run = await postBatch(url, files, {
        deadlineMs,
        onEvent: (e) => {
            if (e.type === 'result' && !atFirstResult) atFirstResult = processedCount(instances);
        },
        onUploadEnd: () => (atUploadEnd = processedCount(instances)),
    });
    t.diagnostic(`${label}: ${files.length} files, ${(run.bodyBytes / MB).toFixed(1)} MB; head after ` +
                 `${run.headAt === undefined ? '-' : ms(run.headAt - run.startedAt)}, upload ended after ` +
                 `${run.uploadEndAt === undefined ? '-' : ms(run.uploadEndAt - run.startedAt)}, ` +
                 `${run.heartbeats.length} heartbeats; ${describeStream(run.events, files.length, run.error)}`);
    assert.ok(run.bodyBytes >= minBytes, `the body (${run.bodyBytes} bytes) is at least ${minBytes}`);
    assert.equal(run.status, 200, `${label}: status ${run.status} ${run.text.slice(0, 300)} ${run.error?.message ?? ''}`);
    assert.match(run.headers['content-type'], /^text\/event-stream/);
    const results = assertWholeBatch(run.events, names, {error: run.error, label});
    assertOneProgressPerFile(run.events, files.length);
    assertFirstResultEarly(t, {startedAt: run.startedAt, results, complete: run.events.at(-1), total: files.length,
                               processedAtFirstResult: (await atFirstResult) - before, label});
    return {run, processedAtUploadEnd: atUploadEnd === undefined ? undefined : (await atUploadEnd) - before};
}

/**
 * The resumable path with a large batch through a proxy: POST /api/v1/batches (202 once
 * the upload is in), then its events the way EventSource reads them: a GET that drops after
 * half the results, a reconnect with Last-Event-ID for the rest, and a full replay to compare.
 */
export async function largeBatchResumable(t, {proxyUrl, instances, paths, label, minBytes = 20 * MB}) {
    const files = readFiles(paths);
    const names = files.map((f) => f.name);
    const before = await processedCount(instances);
    const created = await postBatch(`${proxyUrl}/api/v1/batches`, files, {headers: {Accept: 'application/json'}});
    assert.ok(created.bodyBytes >= minBytes, `the body (${created.bodyBytes} bytes) is at least ${minBytes}`);
    assert.equal(created.status, 202, `${label}: ${created.status} ${created.text} ${created.error?.message ?? ''}`);
    const batch = JSON.parse(created.text);
    const eventsUrl = new URL(batch.events_url, proxyUrl).href;

    let atFirstResult;
    const eventSource = {Accept: 'text/event-stream', 'Cache-Control': 'no-cache'};
    const half = Math.ceil(files.length / 2);
    let seen = 0;
    const part1 = await collectEvents(eventsUrl, {
        headers: eventSource,
        onEvent: (e) => {
            if (e.type === 'result' && !atFirstResult) atFirstResult = processedCount(instances);
        },
        stopAfter: (e) => e.type === 'result' && ++seen === half,
    });
    assert.equal(part1.error, undefined, `${label}: the first GET broke off: ${part1.error?.message}`);
    const lastSeen = part1.events.at(-1).id;
    const part2 = await collectEvents(eventsUrl, {headers: {...eventSource, 'Last-Event-ID': lastSeen}});
    assert.equal(part2.error, undefined, `${label}: the resumed GET broke off: ${part2.error?.message}`);
    const events = [...part1.events, ...part2.events];
    t.diagnostic(`${label}: 202 after ${(created.endAt - created.startedAt).toFixed(0)} ms; ` +
                 `${part1.events.length} events, then ${part2.events.length} after Last-Event-ID ${lastSeen}`);

    const results = assertWholeBatch(events, names, {label});
    assertIdsIncrease(events);
    const full = await collectEvents(eventsUrl, {headers: eventSource});
    const strip = ({type, id, data}) => ({type, id, data});
    assert.deepEqual(events.map(strip), full.events.map(strip), 'the two parts = the whole stream, replayed');
    assertFirstResultEarly(t, {startedAt: created.startedAt, results, complete: events.at(-1), total: files.length,
                               processedAtFirstResult: (await atFirstResult) - before, label});
}

/** Polls `probe` every 50 ms until it returns true; fails after `timeoutMs`. */
export async function until(probe, {timeoutMs = 10_000, what = 'condition'} = {}) {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
        if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

const batchesInFlight = async (instances) =>
    (await Promise.all(instances.map(async (i) => (await getJson(`${i.url}/api/v1/stats`)).body.batches.in_flight)))
        .reduce((a, b) => a + b, 0);

/**
 * Resumable batches through a proxy in front of node1 and node2 (each with one worker):
 * while one batch's upload holds its connection open on one instance (a client uploading at
 * 2 MB/s), a second batch must go to the other (least connections; with no connection open
 * Caddy breaks the tie at random), and each batch's events, status and replay reach its owner.
 */
export async function resumableRouting({proxyUrl, instances, paths}) {
    const files = readFiles(paths);
    const post = async (options) => {
        const created = await postBatch(`${proxyUrl}/api/v1/batches`, files, {headers: {Accept: 'application/json'}, ...options});
        assert.equal(created.status, 202, `${created.status} ${created.text} ${created.error?.message ?? ''}`);
        return JSON.parse(created.text);
    };
    const list = Object.values(instances);
    assert.equal(await batchesInFlight(list), 0, 'no batch is running before');
    const slow = post({rate: 2e6});
    await until(async () => (await batchesInFlight(list)) === 1, {what: 'the slow upload started its batch'});
    const batches = [await post(), await slow];
    const owners = batches.map((b) => b.batch_id.split('-')[0]);
    assert.deepEqual([...owners].sort(), ['node1', 'node2'], 'the two batches went to different instances');
    await Promise.all(batches.map(async (batch, i) => {
        const eventsUrl = new URL(batch.events_url, proxyUrl).href;
        const part1 = await collectEvents(eventsUrl, {stopAfter: (e) => e.type === 'result'});
        const part2 = await collectEvents(eventsUrl, {headers: {'Last-Event-ID': part1.events.at(-1).id}});
        const events = [...part1.events, ...part2.events];
        assertWholeBatch(events, files.map((f) => f.name), {label: `batch on ${owners[i]}`});
        assertIdsIncrease(events);
        const status = await getJson(new URL(batch.status_url, proxyUrl).href);
        assert.equal(status.status, 200);
        assert.equal(status.body.state, 'completed');
        const path = new URL(batch.status_url, proxyUrl).pathname;
        assert.equal((await getJson(`${instances[owners[i]].url}${path}`)).status, 200, 'the owner has it');
        assert.equal((await getJson(`${instances[owners[1 - i]].url}${path}`)).status, 404, 'the other has not');
    }));
}

/**
 * Three screenshots; the client sends the first whole and half of the second, then stops
 * with the socket open. Within read_timeout_s (`readTimeoutS`) + 2 s of the stall: the first
 * one's result, an `upload_incomplete` error for the second, `complete` counting the two
 * files the server saw the start of. Nothing about the third, which never began.
 */
export async function stalledUpload(t, {url, paths, readTimeoutS, label}) {
    const files = readFiles(paths.slice(0, 3));
    const {fileStarts} = multipartBody(files);
    const stallAt = fileStarts[1] + Math.floor(files[1].bytes.length / 2);
    const limitMs = (readTimeoutS + 2) * 1000;
    const run = await postBatch(url, files, {stallAt, deadlineMs: limitMs + 10_000});
    const complete = run.events.find((e) => e.type === 'complete');
    t.diagnostic(`${label}: stalled after ${seconds(run.stalledAt - run.startedAt)} at byte ${run.bytesSent} of ` +
                 `${run.bodyBytes}; head ${run.headAt === undefined ? '-' : `${seconds(run.headAt - run.stalledAt)} after the stall`}, ` +
                 `complete ${complete ? `${seconds(complete.at - run.stalledAt)} after the stall` : 'never'}; ` +
                 `${describeStream(run.events, 3, run.error)}`);
    assert.equal(run.status, 200, `${label}: ${run.status} ${run.text} ${run.error?.message ?? ''}`);
    assert.ok(run.stalledAt !== undefined && run.uploadEndAt === undefined, 'the upload stalled');

    const what = describeStream(run.events, 3, run.error);
    assert.ok(complete, `${label}: no complete; ${what}`);
    assert.equal(run.events.filter((e) => e.type === 'complete').length, 1, `one complete; ${what}`);
    assert.equal(run.events.at(-1).type, 'complete', 'complete comes last');
    assert.ok(complete.at - run.stalledAt <= limitMs,
              `complete came ${seconds(complete.at - run.stalledAt)} after the stall (limit ${seconds(limitMs)})`);

    const finished = run.events.filter((e) => e.type === 'result' || e.type === 'error');
    assert.deepEqual(finished.map((e) => [e.type, e.data.index]).sort((a, b) => a[1] - b[1]),
                     [['result', 0], ['error', 1]], `the first image's result and the second's error; ${what}`);
    const error = finished.find((e) => e.type === 'error').data;
    assert.equal(error.error_type, 'upload_incomplete', JSON.stringify(error));
    assert.equal(error.filename, files[1].name);
    assert.equal(complete.data.total, 2, 'complete.total counts the files the server saw the start of');
    assert.equal(complete.data.successful, 1);
    assert.equal(complete.data.failed, 1);
}
