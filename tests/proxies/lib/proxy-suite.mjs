// The tests HAProxy and Caddy share: the proxy with its recommended config in front of two
// real instances (node1, node2), each with one worker so that a batch's stream spans many
// image times, and read_timeout_s 3 so that a stalled upload ends soon.

import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {startServer} from '../../browser/lib/decklist-server.mjs';
import {screenshotExpectations} from '../../browser/lib/truth.mjs';
import {largeBatchResumable, largeBatchStream, resumableRouting, stalledUpload} from './batch.mjs';
import {largeBatch} from './screenshots.mjs';
import {getJson} from './sse-client.mjs';

/**
 * @param {string} name e.g. 'HAProxy'
 * @param {(ports: number[]) => Promise<{name, url, log, stop}>} startProxy
 * @param {string} endpoint the POST stream the large batch goes to
 */
const READ_TIMEOUT_S = 3;

export function proxySuite(name, startProxy, endpoint) {
    let instances;
    let proxy;
    let batch;

    before(async () => {
        const env = {DECKLIST_READ_TIMEOUT_S: String(READ_TIMEOUT_S)};
        const [node1, node2, paths] = await Promise.all([
            startServer({instanceId: 'node1', workers: 1, env}),
            startServer({instanceId: 'node2', workers: 1, env}),
            largeBatch(),
        ]);
        instances = {node1, node2};
        batch = paths;
        proxy = await startProxy([node1.port, node2.port]);
    });

    after(async () => {
        await proxy?.stop();
        await Promise.all(Object.values(instances ?? {}).map((i) => i.stop()));
    });

    test(`the page and the API answer through ${name}`, async () => {
        const page = await fetch(`${proxy.url}/`);
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-type'), /^text\/html/);
        const health = await getJson(`${proxy.url}/health`);
        assert.equal(health.status, 200);
        assert.match(health.body.status, /^(ok|healthy|starting)$/);  // the body as the server says it
    });

    test(`a 24-screenshot batch (> 20 MB) through ${name}: every result, one complete, first result early`, async (t) => {
        await largeBatchStream(t, {
            url: `${proxy.url}${endpoint}`,
            instances: Object.values(instances),
            paths: batch,
            label: proxy.name,
        });
    });

    test(`a 24-screenshot resumable batch (> 20 MB) through ${name}, read as EventSource does`, async (t) => {
        await largeBatchResumable(t, {
            proxyUrl: proxy.url,
            instances: Object.values(instances),
            paths: batch,
            label: `${proxy.name}, /api/v1/batches`,
        });
    });

    test(`resumable batches through ${name} reach the instance that owns them`, async () => {
        const paths = screenshotExpectations().map((e) => e.path).slice(0, 2);
        await resumableRouting({proxyUrl: proxy.url, instances, paths});
    });

    test(`a client that stalls after its first image, through ${name}`, async (t) => {
        await stalledUpload(t, {url: `${proxy.url}${endpoint}`, paths: batch, readTimeoutS: READ_TIMEOUT_S, label: name});
    });
}
