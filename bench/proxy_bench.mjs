// A 12-screenshot batch through each of the four proxy setups the project tests (nginx with
// config/nginx.conf, nginx as a plain proxy_pass location with its defaults, HAProxy with
// config/haproxy.cfg, Caddy with config/Caddyfile), all in front of the same two real
// decklist-server instances on loopback. Prints, per setup: results of 12, whether `complete`
// came, the time to the first result and to `complete` (as the client saw them, from the
// start of the request), and their ratio against the bar (< 0.4).
//
//   node bench/proxy_bench.mjs [WORKERS] [ROUNDS] [stream|fast]
//   (defaults: 1 worker per instance, 1 round, POST /api/v1/process-batch-stream; `fast` is
//   /api/v1/process-batch-fast, which uses all WORKERS)
//
// The 12 screenshots are made at run time by ImageMagick from the shared screenshots
// (re-encoded and slightly resized; no run of the test suite uses these variants) into a
// temp folder that is removed at the end. Needs the proxies suite's packages (nginx-light,
// haproxy, caddy, imagemagick) and build/decklist-server (DECKLIST_SERVER to override).

import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {SERVER_BINARY, startServer} from '../tests/browser/lib/decklist-server.mjs';
import {startCaddy, startHaproxy, startNginx} from '../tests/proxies/lib/harness.mjs';
import {makeBatch, totalBytes} from '../tests/proxies/lib/screenshots.mjs';
import {postBatch, readFiles} from '../tests/proxies/lib/sse-client.mjs';

const workers = Number(process.argv[2] || 1);
const rounds = Number(process.argv[3] || 1);
const endpoint = `/api/v1/process-batch-${process.argv[4] === 'fast' ? 'fast' : 'stream'}`;
const BAR = 0.4;

const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? '?';
console.log(`# ${new Date().toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' ')} on ` +
            `${os.cpus().length} CPUs: ${cpu}; load average before: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'decklist-proxy-bench-'));
const stops = [];
try {
    const paths = await makeBatch(dir, 'bench');
    const files = readFiles(paths);
    console.log(`# ${files.length} screenshots (${(totalBytes(paths) / 1e6).toFixed(1)} MB), ${SERVER_BINARY}, ` +
                `2 instances × ${workers} worker(s), POST ${endpoint}, ${rounds} round(s)`);

    const [node1, node2] = await Promise.all([
        startServer({instanceId: 'node1', workers}),
        startServer({instanceId: 'node2', workers}),
    ]);
    stops.push(() => node1.stop(), () => node2.stop());
    // Warm-up: each instance reads one screenshot (Tesseract's first call loads its models).
    for (const node of [node1, node2]) await postBatch(`${node.url}/api/v1/process-batch-stream`, files.slice(0, 1));

    const ports = [node1.port, node2.port];
    const setups = [
        ['nginx, config/nginx.conf', () => startNginx(ports)],
        ['nginx, plain proxy_pass', () => startNginx(ports, {plain: true})],
        ['HAProxy, config/haproxy.cfg', () => startHaproxy(ports)],
        ['Caddy, config/Caddyfile', () => startCaddy(ports)],
    ];
    const pad = (s, n) => String(s).padEnd(n);
    console.log(`${pad('setup', 30)}${pad('round', 7)}${pad('results', 9)}${pad('complete', 10)}` +
                `${pad('first (s)', 11)}${pad('total (s)', 11)}first/total`);
    for (const [name, start] of setups) {
        const proxy = await start();
        try {
            for (let round = 1; round <= rounds; round++) {
                const run = await postBatch(`${proxy.url}${endpoint}`, files, {deadlineMs: 120_000});
                const results = run.events.filter((e) => e.type === 'result');
                const complete = run.events.find((e) => e.type === 'complete');
                const first = results.length ? (results[0].at - run.startedAt) / 1000 : NaN;
                const total = ((complete?.at ?? run.endAt) - run.startedAt) / 1000;
                const ratio = first / total;
                const verdict = complete && results.length === files.length && ratio < BAR ? 'meets' : 'MISSES';
                console.log(`${pad(name, 30)}${pad(round, 7)}${pad(`${results.length}/${files.length}`, 9)}` +
                            `${pad(complete ? 'yes' : 'no', 10)}${pad(first.toFixed(2), 11)}${pad(total.toFixed(2), 11)}` +
                            `${ratio.toFixed(2)} (${verdict} < ${BAR})${run.error ? `  stream broke off: ${run.error.message}` : ''}`);
            }
        } finally {
            await proxy.stop();
        }
    }
} finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dir, {recursive: true, force: true});
}
