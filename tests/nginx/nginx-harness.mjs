// Runs Debian's nginx on loopback with the repository's config/nginx.conf, its ports swapped
// for the test's, in a private prefix directory (its own pid file, logs and temp paths).

import {execFile} from 'node:child_process';
import {once} from 'node:events';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';

import {REPO_ROOT} from '../browser/lib/decklist-server.mjs';

const run = promisify(execFile);
export const NGINX = process.env.DECKLIST_NGINX || '/usr/sbin/nginx';
const SITE_CONFIG = path.join(REPO_ROOT, 'config', 'nginx.conf');
// The instances config/nginx.conf is written for, in order: node1 on 8081, node2 on 8082.
const CONFIG_PORTS = [8081, 8082];

async function freePort() {
    const server = net.createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const {port} = server.address();
    server.close();
    await once(server, 'close');
    return port;
}

/** config/nginx.conf with the upstream ports and the listen address replaced. */
export function siteConfig(upstreamPorts, listenPort) {
    let text = readFileSync(SITE_CONFIG, 'utf8');
    CONFIG_PORTS.forEach((from, i) => {
        text = text.replaceAll(`127.0.0.1:${from};`, `127.0.0.1:${upstreamPorts[i]};`);
    });
    const listen = /^(\s*)listen 80;$/m;
    if (!listen.test(text)) throw new Error('config/nginx.conf has no "listen 80;" line to replace');
    return text.replace(listen, `$1listen 127.0.0.1:${listenPort};`);
}

function mainConfig(dir) {
    // As root, nginx would switch its workers to "nobody", who cannot write our temp dir.
    const user = process.getuid?.() === 0 ? `user ${os.userInfo().username};` : '';
    return `${user}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 256; }
http {
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/tmp/body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
    include ${dir}/decklist.conf;
}
`;
}

/**
 * Starts nginx in front of the instances listening on `upstreamPorts` (node1, node2).
 * Resolves once nginx is listening: the command daemonises only after binding its sockets.
 */
export async function startNginx(upstreamPorts) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'decklist-nginx-'));
    mkdirSync(path.join(dir, 'tmp'));
    const port = await freePort();
    writeFileSync(path.join(dir, 'decklist.conf'), siteConfig(upstreamPorts, port));
    writeFileSync(path.join(dir, 'nginx.conf'), mainConfig(dir));
    const args = ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')];

    await run(NGINX, [...args, '-t', '-q']);  // a config error fails here with nginx's message
    await run(NGINX, args);
    const pid = Number(readFileSync(path.join(dir, 'nginx.pid'), 'utf8'));

    return {
        url: `http://127.0.0.1:${port}`,
        errorLog: () => readFileSync(path.join(dir, 'error.log'), 'utf8'),
        accessLog: () => readFileSync(path.join(dir, 'access.log'), 'utf8'),
        async stop() {
            await run(NGINX, [...args, '-s', 'stop']).catch(() => process.kill(pid, 'SIGTERM'));
            await waitForExit(pid);
            rmSync(dir, {recursive: true, force: true});
        },
    };
}

/** nginx is not our child once daemonised: watch its pid until it is gone. */
async function waitForExit(pid) {
    for (let i = 0; i < 200; i++) {
        try {
            process.kill(pid, 0);
        } catch {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`nginx (pid ${pid}) did not exit`);
}
