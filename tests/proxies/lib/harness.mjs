// Runs Debian's nginx, HAProxy and Caddy on loopback in front of real decklist-server
// instances, each proxy with the repository's recommended config (config/nginx.conf,
// config/haproxy.cfg, config/Caddyfile), its ports swapped for the test's, in a private
// directory (pid file, logs, temp paths). Every proxy is stopped by its handle's stop().

import {execFile, spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';

import {REPO_ROOT} from '../../browser/lib/decklist-server.mjs';

const run = promisify(execFile);
export const NGINX = process.env.DECKLIST_NGINX || '/usr/sbin/nginx';
export const HAPROXY = process.env.DECKLIST_HAPROXY || '/usr/sbin/haproxy';
export const CADDY = process.env.DECKLIST_CADDY || '/usr/bin/caddy';
const CONFIG_DIR = path.join(REPO_ROOT, 'config');
// The instances the recommended configs are written for, in order: node1 on 8081, node2 on 8082.
const CONFIG_PORTS = [8081, 8082];
// How long a proxy may take to listen after it was started.
const START_LIMIT_MS = 10_000;

// Every proxy still running, by pid. A test file that is killed (the runner's timeout, ^C)
// skips its after() hooks; these are then stopped on the way out instead of being orphaned
// (nginx daemonises, and `haproxy -db` outlives its parent).
const running = new Map();  // pid -> {dir}
function stopAllNow() {
    for (const [pid, {dir}] of running) {
        try {
            process.kill(pid, 'SIGTERM');
        } catch {}
        rmSync(dir, {recursive: true, force: true});
    }
    running.clear();
}
process.once('exit', stopAllNow);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(signal, () => {
        stopAllNow();
        process.exit(code);
    });
}

export async function freePort() {
    const server = net.createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const {port} = server.address();
    server.close();
    await once(server, 'close');
    return port;
}

/** Replaces `from` by `to` in `text`, failing when the config no longer has `from`. */
function substitute(text, from, to, file) {
    const matches = typeof from === 'string' ? text.includes(from) : from.test(text);
    if (!matches) throw new Error(`${file} has no ${from} to replace`);
    return typeof from === 'string' ? text.replaceAll(from, to) : text.replace(from, to);
}

function swapPorts(text, upstreamPorts, file) {
    CONFIG_PORTS.forEach((from, i) => {
        text = substitute(text, `127.0.0.1:${from}`, `127.0.0.1:${upstreamPorts[i]}`, file);
    });
    return text;
}

// ---------------------------------------------------------------------------------- nginx

/** config/nginx.conf with the upstream ports and the listen address replaced. */
export function nginxSiteConfig(upstreamPorts, listenPort) {
    const text = swapPorts(readFileSync(path.join(CONFIG_DIR, 'nginx.conf'), 'utf8'), upstreamPorts, 'config/nginx.conf');
    return substitute(text, /^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${listenPort};`, 'config/nginx.conf');
}

/**
 * What a new user writes first: one location, nginx's defaults for everything else (request
 * and response buffering on, 60 s timeouts). Only the body size limit is raised: with the
 * default 1 MB nginx refuses any batch with its own 413 before the server sees it.
 */
export function nginxPlainConfig(upstreamPorts, listenPort) {
    return `server {
    listen 127.0.0.1:${listenPort};
    client_max_body_size 520m;
    location / {
        proxy_pass http://127.0.0.1:${upstreamPorts[0]};
        proxy_http_version 1.1;
    }
}
`;
}

function nginxMainConfig(dir) {
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
 * Starts nginx in front of the instances listening on `upstreamPorts` (node1, node2), with
 * config/nginx.conf, or with the plain one-location config when `plain` is set; `edit(text)`
 * may change the site config (for experiments, e.g. a shorter timeout).
 * Resolves once nginx is listening: the command daemonises only after binding its sockets.
 */
export function startNginx(upstreamPorts, options = {}) {
    return onFreePort((port) => launchNginx(upstreamPorts, port, options));
}

async function launchNginx(upstreamPorts, port, {plain = false, edit = (text) => text}) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'decklist-nginx-'));
    mkdirSync(path.join(dir, 'tmp'));
    const site = plain ? nginxPlainConfig(upstreamPorts, port) : nginxSiteConfig(upstreamPorts, port);
    writeFileSync(path.join(dir, 'decklist.conf'), edit(site));
    writeFileSync(path.join(dir, 'nginx.conf'), nginxMainConfig(dir));
    const args = ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')];

    try {
        await run(NGINX, [...args, '-t', '-q']);  // a config error fails here with nginx's message
        await run(NGINX, args);  // fails when the port was taken meanwhile (Address already in use)
    } catch (error) {
        rmSync(dir, {recursive: true, force: true});
        throw error;
    }
    const pid = Number(readFileSync(path.join(dir, 'nginx.pid'), 'utf8'));
    running.set(pid, {dir});

    return {
        name: plain ? 'nginx (plain proxy_pass)' : 'nginx (config/nginx.conf)',
        url: `http://127.0.0.1:${port}`,
        log: () => readFileSync(path.join(dir, 'error.log'), 'utf8'),
        accessLog: () => readFileSync(path.join(dir, 'access.log'), 'utf8'),
        async stop() {
            await run(NGINX, [...args, '-s', 'stop']).catch(() => process.kill(pid, 'SIGTERM'));
            await waitForPidExit(pid);
            running.delete(pid);
            rmSync(dir, {recursive: true, force: true});
        },
    };
}

/** nginx is not our child once daemonised: watch its pid until it is gone. */
async function waitForPidExit(pid) {
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

// -------------------------------------------------------------------------- HAProxy, Caddy

/**
 * config/haproxy.cfg from its `defaults` section on, behind a global section for a
 * foreground process that logs to stdout (the file's own global section is for Debian's
 * service: chroot, a stats socket, user haproxy, daemon).
 */
export function haproxyConfig(upstreamPorts, listenPort) {
    const file = 'config/haproxy.cfg';
    const text = readFileSync(path.join(CONFIG_DIR, 'haproxy.cfg'), 'utf8');
    const start = text.search(/^defaults\b/m);
    if (start < 0) throw new Error(`${file} has no defaults section`);
    let body = swapPorts(text.slice(start), upstreamPorts, file);
    body = substitute(body, /^(\s*)bind :80$/m, `$1bind 127.0.0.1:${listenPort}`, file);
    return `global\n    maxconn 256\n    log stdout format raw local0 info\n\n${body}`;
}

/**
 * config/Caddyfile with the site bound to loopback on `listenPort`, the admin endpoint off
 * (tests would race for its fixed port) and the upstream ports replaced.
 */
export function caddyConfig(upstreamPorts, listenPort) {
    const file = 'config/Caddyfile';
    let text = swapPorts(readFileSync(path.join(CONFIG_DIR, 'Caddyfile'), 'utf8'), upstreamPorts, file);
    text = substitute(text, /^(\s*)admin localhost:2019$/m, '$1admin off', file);
    return substitute(text, /^:80 \{$/m, `:${listenPort} {\n\tbind 127.0.0.1`, file);
}

/** The inode of the socket listening on 127.0.0.1:port, from /proc/net/tcp, if any. */
function listeningInode(port) {
    const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        if (fields[1] === local && fields[3] === '0A') return fields[9];  // 0A: LISTEN
    }
    return undefined;
}

function holdsSocket(pid, inode) {
    try {
        return readdirSync(`/proc/${pid}/fd`).some((fd) => {
            try {
                return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
            } catch {
                return false;
            }
        });
    } catch {
        return false;
    }
}

/**
 * Resolves once `child` itself listens on 127.0.0.1:port (bounded by START_LIMIT_MS). Its own
 * socket, not just any: other suites on the machine bind ephemeral ports too, and a port that
 * freePort() saw free may be taken before the proxy binds it (the proxy then exits).
 */
async function waitForListening(port, child, output) {
    const deadline = Date.now() + START_LIMIT_MS;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before listening:\n${output()}`);
        const inode = listeningInode(port);
        if (inode && holdsSocket(child.pid, inode)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`not listening on ${port} within ${START_LIMIT_MS} ms:\n${output()}`);
}

/** Starts `command args` as a child; its handle's stop() sends SIGTERM and waits for the exit. */
async function startChild(name, command, args, {port, dir, env}) {
    const child = spawn(command, args, {cwd: dir, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
    running.set(child.pid, {dir});
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (output += c));
    const stop = async () => {
        if (child.exitCode === null && child.signalCode === null) {
            const exited = once(child, 'exit');
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            await exited;
            clearTimeout(timer);
        }
        running.delete(child.pid);
        rmSync(dir, {recursive: true, force: true});
    };
    try {
        await waitForListening(port, child, () => output);
    } catch (error) {
        await stop();
        throw new Error(`${name}: ${error.message}`);
    }
    return {name, url: `http://127.0.0.1:${port}`, log: () => output, stop};
}

/**
 * Starts a proxy on a free port: `launch(port)` starts it there. A port that freePort() saw
 * free can be taken by another process before the proxy binds it; then the proxy exits and
 * another port is tried (three in all).
 */
async function onFreePort(launch) {
    for (let attempt = 1; ; attempt++) {
        try {
            return await launch(await freePort());
        } catch (error) {
            if (attempt === 3 || !/exited \(|Address already in use/.test(error.message)) throw error;
        }
    }
}

/** HAProxy with config/haproxy.cfg (changed by `edit`) in front of node1 and node2, in the foreground (-db). */
export function startHaproxy(upstreamPorts, {edit = (text) => text} = {}) {
    return onFreePort(async (port) => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'decklist-haproxy-'));
        const config = path.join(dir, 'haproxy.cfg');
        writeFileSync(config, edit(haproxyConfig(upstreamPorts, port)));
        await run(HAPROXY, ['-c', '-q', '-f', config]).catch((error) => {
            rmSync(dir, {recursive: true, force: true});
            throw error;  // a config error fails here with HAProxy's message
        });
        return startChild('HAProxy (config/haproxy.cfg)', HAPROXY, ['-db', '-f', config], {port, dir, env: {}});
    });
}

/** Caddy with config/Caddyfile (changed by `edit`) in front of node1 and node2; its data and config dirs private. */
export function startCaddy(upstreamPorts, {edit = (text) => text} = {}) {
    return onFreePort(async (port) => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'decklist-caddy-'));
        const config = path.join(dir, 'Caddyfile');
        writeFileSync(config, edit(caddyConfig(upstreamPorts, port)));
        const env = {HOME: dir, XDG_DATA_HOME: path.join(dir, 'data'), XDG_CONFIG_HOME: path.join(dir, 'config')};
        await run(CADDY, ['validate', '--config', config, '--adapter', 'caddyfile'], {env: {...process.env, ...env}})
            .catch((error) => {
                rmSync(dir, {recursive: true, force: true});
                throw error;  // a config error fails here with Caddy's message
            });
        return startChild('Caddy (config/Caddyfile)', CADDY, ['run', '--config', config, '--adapter', 'caddyfile'],
                          {port, dir, env});
    });
}
