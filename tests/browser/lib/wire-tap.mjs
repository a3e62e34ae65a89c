// A recording HTTP proxy for the heartbeat tests (heartbeats.test.mjs here and in
// tests/python_clients): it forwards every request to the server unchanged and keeps each
// response body exactly as the client received it, so that a test can count the heartbeats
// that were on the wire of the very stream a client read, and prove it did not pass because
// none were sent. Not a test file itself (node --test runs *.test.mjs only).

import {once} from 'node:events';
import http from 'node:http';

/**
 * @returns {Promise<{url: string, exchanges: object[], close: () => Promise<void>}>} Each
 * exchange is {method, path, status, body, ended}: `body` is the response body received so
 * far (the whole of it once `ended`, a promise, has resolved).
 */
export async function startWireTap(targetPort) {
    const exchanges = [];
    const server = http.createServer((request, response) => {
        const chunks = [];
        let settle;
        const exchange = {
            method: request.method,
            path: request.url,
            status: 0,
            get body() {
                return Buffer.concat(chunks).toString('utf8');
            },
            ended: new Promise((resolve) => (settle = resolve)),
        };
        exchanges.push(exchange);
        // A connection of its own for each request (agent: false), so that every exchange is
        // one request on one upstream connection, as the client made it.
        const upstream = http.request(
            {host: '127.0.0.1', port: targetPort, method: request.method, path: request.url,
             headers: request.headers, agent: false},
            (answer) => {
                exchange.status = answer.statusCode;
                response.writeHead(answer.statusCode, answer.rawHeaders);
                response.flushHeaders();  // an event stream's head must not wait for an event
                answer.on('data', (chunk) => {
                    chunks.push(chunk);
                    response.write(chunk);
                });
                answer.on('end', () => response.end());
                answer.on('close', () => settle(exchange));
            },
        );
        upstream.on('error', () => {
            response.destroy();
            settle(exchange);
        });
        // A client that goes away (EventSource.close() after `complete`) ends the exchange.
        response.on('close', () => upstream.destroy());
        request.pipe(upstream);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return {
        url: `http://127.0.0.1:${server.address().port}`,
        exchanges,
        async close() {
            server.closeAllConnections();
            server.close();
            await once(server, 'close').catch(() => {});
        },
    };
}

/**
 * An event stream's blocks in order: {text, comment} for a comment-only block, otherwise
 * {text, event, data, id, retry} (absent fields undefined). The server frames with "\n".
 */
export function sseBlocks(body) {
    const blocks = body.split('\n\n');
    blocks.pop();  // what follows the last blank line: nothing, or an unfinished block
    return blocks.map((text) => {
        const lines = text.split('\n');
        if (lines.every((line) => line.startsWith(':'))) {
            return {text, comment: lines.map((line) => line.slice(1).trim()).join('\n')};
        }
        const block = {text};
        for (const line of lines) {
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (name === 'data') block.data = block.data === undefined ? value : `${block.data}\n${value}`;
            else if (name === 'event' || name === 'id' || name === 'retry') block[name] = value;
        }
        return block;
    });
}

/**
 * How many blocks that `isHeartbeat` picks lie strictly between the first and the last of the
 * other events (retry blocks aside): heartbeats sent while the batch was being read, not only
 * before or after it.
 */
export function heartbeatsBetweenEvents(blocks, isHeartbeat) {
    const isEvent = (b) => !isHeartbeat(b) && b.data !== undefined;
    const first = blocks.findIndex(isEvent);
    const last = blocks.findLastIndex(isEvent);
    return blocks.filter((b, i) => i > first && i < last && isHeartbeat(b)).length;
}
