// Starts the real build/decklist-server on an ephemeral loopback port for a test, and stops it.
// Shared by the browser suite and the proxies suite (tests/proxies imports it). Each server
// keeps its decklist library in a temporary directory of its own (unless env names
// DECKLIST_DATA_DIR), removed when it stops.

import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BUILD_DIR = path.resolve(REPO_ROOT, process.env.DECKLIST_BUILD_DIR || 'build');
export const SHARED_DIR = path.resolve(
    process.env.DECKLIST_SHARED_DIR || path.join(REPO_ROOT, '..', 'shared'),
);
export const RIFTBOUND_DIR = path.join(SHARED_DIR, 'riftbound');
export const SERVER_BINARY = process.env.DECKLIST_SERVER || path.join(BUILD_DIR, 'decklist-server');

// How long a server may take to load the card database and warm up Tesseract.
const STARTUP_LIMIT_MS = 60_000;

/**
 * @param {{workers?: number, instanceId?: string, env?: object}} options
 * @returns {Promise<{url: string, port: number, instanceId?: string, log: () => string, stop: () => Promise<void>}>}
 */
export async function startServer({workers, instanceId, env = {}} = {}) {
    if (!existsSync(SERVER_BINARY)) throw new Error(`no server binary at ${SERVER_BINARY}; build it first`);
    const args = ['--bind', '127.0.0.1', '--port', '0', '--cards', path.join(RIFTBOUND_DIR, 'cards.csv')];
    if (workers) args.push('--workers', String(workers));
    const dataDir = env.DECKLIST_DATA_DIR ? undefined : mkdtempSync(path.join(os.tmpdir(), 'decklist-data-'));
    const child = spawn(SERVER_BINARY, args, {
        cwd: REPO_ROOT,
        env: {
            ...process.env,
            DECKLIST_WEB_ROOT: path.join(REPO_ROOT, 'web'),
            OMP_THREAD_LIMIT: '1',
            ...(instanceId ? {DECKLIST_INSTANCE_ID: instanceId} : {}),
            ...(dataDir ? {DECKLIST_DATA_DIR: dataDir} : {}),
            ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk) => (output += chunk);
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);

    // The server prints "listening on ADDR:PORT" once it accepts connections (--port 0).
    const port = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`server did not start within ${STARTUP_LIMIT_MS} ms:\n${output}`));
        }, STARTUP_LIMIT_MS);
        const onData = () => {
            const match = /listening on [^\s:]+:(\d+)/.exec(output);
            if (!match) return;
            clearTimeout(timer);
            child.stdout.off('data', onData);
            child.off('exit', onExit);
            resolve(Number(match[1]));
        };
        const onExit = (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`));
        };
        child.stdout.on('data', onData);
        child.on('exit', onExit);
    });

    // Listening is not ready: until its OCR workers have loaded Tesseract the server answers
    // /ready with 503, and a proxy's health check that sees it takes the instance out of its
    // pool for several check intervals (HAProxy needs `rise` good checks to bring it back).
    await waitUntilReady(`http://127.0.0.1:${port}`, () => output);

    return {
        url: `http://127.0.0.1:${port}`,
        port,
        instanceId,
        log: () => output,
        async stop() {
            if (child.exitCode === null && child.signalCode === null) {
                const exited = once(child, 'exit');
                child.kill('SIGTERM');
                await exited;
            }
            if (dataDir) rmSync(dataDir, {recursive: true, force: true});
        },
    };
}

/** Resolves once GET /ready answers 200; rejects with the server's log after STARTUP_LIMIT_MS. */
async function waitUntilReady(url, log) {
    const deadline = Date.now() + STARTUP_LIMIT_MS;
    for (;;) {
        const response = await fetch(`${url}/ready`).catch(() => undefined);
        await response?.arrayBuffer();
        if (response?.status === 200) return;
        if (Date.now() > deadline) throw new Error(`server not ready within ${STARTUP_LIMIT_MS} ms:\n${log()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}
