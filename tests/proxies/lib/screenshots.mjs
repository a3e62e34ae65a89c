// Real-size batches made at test time from the shared screenshots (4 files of about 1 MB,
// 1080 px wide; never copied into the repository): ImageMagick re-encodes each at several
// qualities of 97 and above and resizes it slightly, so every copy is a different file of
// about 1 MB that the server has to read and recognise in full.
//
// run.sh makes them once per run (`node lib/screenshots.mjs DIR`) and passes the folder in
// DECKLIST_PROXY_SCREENSHOTS; a test file run on its own makes its own, in a temp folder
// removed at exit.

import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

import {SCREENSHOT_DIR} from '../../browser/lib/truth.mjs';

const run = promisify(execFile);
// /usr/bin/convert is Debian's imagemagick (scripts/setup.sh installs it for the test tools).
export const CONVERT = process.env.DECKLIST_CONVERT || (existsSync('/usr/bin/convert') ? '/usr/bin/convert' : 'convert');

/** The variants, in order; each source screenshot is written once per variant. */
export const VARIANTS = {
    // The suite's large batches: 6 × 4 = 24 files, 20-25 MB.
    suite: [
        {quality: 98, sampling: '4:4:4', resize: 100},
        {quality: 99, sampling: '4:2:0', resize: 99},
        {quality: 100, sampling: '4:2:0', resize: 98},
        {quality: 98, sampling: '4:4:4', resize: 97},
        {quality: 99, sampling: '4:2:0', resize: 100},
        {quality: 100, sampling: '4:2:0', resize: 99},
    ],
    // bench/proxy_bench.mjs: 3 × 4 = 12 files none of the suite's runs has seen.
    bench: [
        {quality: 97, sampling: '4:4:4', resize: 98.5},
        {quality: 99, sampling: '4:2:0', resize: 97.5},
        {quality: 98, sampling: '4:4:4', resize: 99.5},
    ],
};

const sources = () => readdirSync(SCREENSHOT_DIR).filter((f) => /\.jpe?g$/i.test(f)).sort();

/**
 * Writes the `set` variants of every shared screenshot into `dir` (those not there yet), two
 * conversions at a time; returns their paths, variant by variant, so that consecutive files
 * come from different screenshots.
 */
export async function makeBatch(dir, set = 'suite') {
    mkdirSync(dir, {recursive: true});
    const jobs = [];
    VARIANTS[set].forEach((v, k) => {
        for (const file of sources()) {
            const out = path.join(dir, `${set}${k}-q${v.quality}-${v.resize}pc-${file}`);
            jobs.push({out, args: [path.join(SCREENSHOT_DIR, file), '-resize', `${v.resize}%`,
                                   '-sampling-factor', v.sampling, '-quality', String(v.quality), out]});
        }
    });
    const todo = jobs.filter((j) => !existsSync(j.out));
    const worker = async () => {
        for (let job = todo.shift(); job; job = todo.shift()) await run(CONVERT, job.args);
    };
    await Promise.all([worker(), worker()]);
    return jobs.map((j) => j.out);
}

let ownDir;
/** The suite's large batch (24 files), from DECKLIST_PROXY_SCREENSHOTS or a temp folder. */
export async function largeBatch() {
    let dir = process.env.DECKLIST_PROXY_SCREENSHOTS;
    if (!dir) {
        if (!ownDir) {
            ownDir = mkdtempSync(path.join(os.tmpdir(), 'decklist-batch-'));
            process.once('exit', () => rmSync(ownDir, {recursive: true, force: true}));
        }
        dir = ownDir;
    }
    return makeBatch(dir, 'suite');
}

export const totalBytes = (paths) => paths.reduce((sum, p) => sum + statSync(p).size, 0);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const [dir, set = 'suite'] = process.argv.slice(2);
    if (!dir) throw new Error('usage: node screenshots.mjs DIR [suite|bench]');
    const paths = await makeBatch(dir, set);
    console.log(`${paths.length} screenshots, ${(totalBytes(paths) / 1e6).toFixed(1)} MB in ${dir}`);
}
