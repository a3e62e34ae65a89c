// A TCP proxy between chromium and the server that a test controls: it forwards bytes both
// ways, notes every request head it sees, and can cut a batch's event stream right after a
// given event, as a dropped Wi-Fi or a restarted proxy would. The cut comes in two steps: the
// stream is held after the event (nothing more is forwarded), and dropped when the test says
// so, once the page has shown the event; dropping at once would race chromium, which may
// abandon bytes it has received but not yet handed to EventSource when the connection fails.

import net from 'node:net';
import {once} from 'node:events';

const REQUEST_HEAD = /(GET|POST|DELETE|HEAD|OPTIONS|PUT) (\S+) HTTP\/1\.[01]\r\n([\s\S]*?)\r\n\r\n/g;

export async function startCutProxy(targetPort) {
    const requests = [];  // {method, path, headers}
    const sockets = new Set();
    let cut = null;  // {eventType, resolve}

    const server = net.createServer((client) => {
        const upstream = net.connect(targetPort, '127.0.0.1');
        sockets.add(client).add(upstream);
        const drop = () => {
            client.destroy();
            upstream.destroy();
            sockets.delete(client);
            sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);

        let held = false;  // the stream was cut: nothing more goes to the client
        let head = '';  // the end of what the client sent, to find request heads across chunks
        let eventsResponse = null;  // the text of an event stream's response so far
        client.on('data', (chunk) => {
            head = (head + chunk.toString('latin1')).slice(-16384);
            for (const match of head.matchAll(REQUEST_HEAD)) {
                const headers = {};
                for (const line of match[3].split('\r\n')) {
                    const colon = line.indexOf(':');
                    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
                }
                const request = {method: match[1], path: match[2], headers};
                requests.push(request);
                if (request.method === 'GET' && /\/batches\/[^/?]+\/events/.test(request.path)) eventsResponse = '';
                head = head.slice(match.index + match[0].length);
            }
            if (!upstream.destroyed) upstream.write(chunk);
        });
        upstream.on('data', (chunk) => {
            if (cut && eventsResponse !== null) {
                const before = eventsResponse.length;
                eventsResponse += chunk.toString('latin1');
                const at = eventsResponse.indexOf(`event: ${cut.eventType}\n`);
                const end = at < 0 ? -1 : eventsResponse.indexOf('\n\n', at);
                if (end >= 0) {
                    // Forward the stream up to the end of that event's block, then hold it:
                    // the rest of the server's answer is swallowed until the test drops it.
                    const block = eventsResponse.slice(at, end);
                    const keep = end + 2 - before;
                    const armed = cut;
                    cut = null;
                    held = true;
                    client.write(chunk.subarray(0, Math.max(0, keep)), () => {
                        armed.resolve({lastId: /\nid: (\d+)/.exec(block)?.[1] ?? null, drop});
                    });
                    return;
                }
            }
            if (!held) client.write(chunk);
        });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = server.address().port;

    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        /**
         * Resolves with {lastId, drop} once an event stream has been held after its first
         * `eventType` event; drop() closes both sides of that connection.
         */
        cutAfter(eventType) {
            return new Promise((resolve) => (cut = {eventType, resolve}));
        },
        async close() {
            for (const socket of sockets) socket.destroy();
            server.close();
            await once(server, 'close').catch(() => {});
        },
    };
}
