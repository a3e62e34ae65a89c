// The batch the streaming plan's test cases send: two good screenshots around a text file
// named like a JPEG (valid, invalid, valid), read from the shared screenshots at test time.

import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';

import {RIFTBOUND_DIR} from '../browser/lib/decklist-server.mjs';

export const STREAMING_ROUTES = ['/api/process-batch-stream', '/api/process-batch-fast'];

export function screenshot(name) {
    const bytes = readFileSync(path.join(RIFTBOUND_DIR, 'screenshots', name));
    return new File([bytes], name, {type: 'image/jpeg'});
}

export function mixedBatch() {
    const [first, second] = readdirSync(path.join(RIFTBOUND_DIR, 'screenshots'))
        .filter((name) => name.endsWith('.jpg'))
        .sort();
    const bad = new File(['this is a text file, not a JPEG\n'], 'bad.jpg', {type: 'image/jpeg'});
    return [screenshot(first), bad, screenshot(second)];
}
