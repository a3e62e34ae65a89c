// The streaming plan's fetch client (plan-client.mjs, unchanged) with heartbeats on the wire:
// the server sends `event: ping` every 20 ms, so that many fall between the events of a batch
// of two good screenshots and one bad file, and a recording proxy between the client and the
// server proves that the stream the client read really held them.

import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {heartbeatsBetweenEvents, sseBlocks, startWireTap} from '../browser/lib/wire-tap.mjs';
import {startServer} from '../browser/lib/decklist-server.mjs';
import {STREAMING_ROUTES, mixedBatch} from './plan-batch.mjs';
import {uploadBatch as planUpload} from './plan-client.mjs';

// Far below the time one screenshot takes to read (well above the 1 ms minimum of heartbeat_s).
const HEARTBEAT_S = '0.02';

const isPing = (block) => block.event === 'ping';

let server;
let tap;
before(async () => {
    server = await startServer({env: {DECKLIST_HEARTBEAT_S: HEARTBEAT_S}});
    tap = await startWireTap(server.port);
});
after(async () => {
    await tap?.close();
    await server?.stop();
});

for (const route of STREAMING_ROUTES) {
    test(`the plan's fetch client reads ${route} with pings between the events`, async () => {
        const files = mixedBatch();
        const seen = {progress: [], result: [], error: [], complete: [], order: []};
        const record = (type) => (data) => {
            seen[type].push(data);
            seen.order.push(type);
        };
        const before = tap.exchanges.length;
        // Resolving at all is the first assertion: a block it cannot read makes it throw.
        await planUpload(`${tap.url}${route}`, files, {
            onProgress: record('progress'),
            onResult: record('result'),
            onError: record('error'),
            onComplete: record('complete'),
        });

        assert.equal(seen.progress.length, 3, 'one progress event per file');
        assert.equal(seen.result.length, 2);
        for (const result of seen.result) {
            assert.equal(typeof result.decklist.decklist_id, 'string');
            assert.ok(result.decklist.decklist_id.length > 0);
        }
        assert.equal(seen.error.length, 1);
        assert.equal(seen.error[0].filename, 'bad.jpg');
        assert.equal(seen.complete.length, 1);
        const [complete] = seen.complete;
        assert.equal(complete.total, 3);
        assert.equal(complete.successful, 2);
        assert.equal(complete.failed, 1);
        assert.equal(typeof complete.average_accuracy, 'number');

        // The stream the client read: the same events, with pings in between them.
        const exchanges = tap.exchanges.slice(before);
        assert.deepEqual(exchanges.map((e) => `${e.method} ${e.path}`), [`POST ${route}`]);
        const [exchange] = exchanges;
        await exchange.ended;
        const blocks = sseBlocks(exchange.body);
        const pings = blocks.filter(isPing);
        assert.ok(pings.length >= 2, `pings on the wire: ${pings.length}`);
        for (const ping of pings) {
            assert.equal(ping.text, 'event: ping\ndata: {}', 'a block the client splits into two lines');
        }
        assert.ok(heartbeatsBetweenEvents(blocks, isPing) >= 1, 'pings came while the screenshots were read');
        assert.deepEqual(blocks.filter((b) => !isPing(b)).map((b) => b.event), seen.order,
                         'every other block reached the client, in order');
    });
}
