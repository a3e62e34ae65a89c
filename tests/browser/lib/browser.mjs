// Debian's chromium for the browser suite's e2e tests: one persistent context per test file,
// pages that leave a screenshot and the server's log behind when a test fails, and the files a
// test uploads.

import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {chromium} from 'playwright-core';

import {BUILD_DIR, REPO_ROOT} from './decklist-server.mjs';

export const CHROMIUM = process.env.DECKLIST_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
];
// Generous: real OCR of a whole batch on a loaded 2-core machine.
export const BATCH_LIMIT_MS = 300_000;
export const ARTIFACTS = path.join(BUILD_DIR, 'artifacts');
// Screenshots of the page that the docs show (README.md, docs/WEB_PAGE.md): written into
// docs/images with DECKLIST_DOC_IMAGES=1, otherwise into build/artifacts, so that an ordinary
// run leaves the working tree as it was.
export const DOC_IMAGES = process.env.DECKLIST_DOC_IMAGES === '1'
    ? path.join(REPO_ROOT, 'docs', 'images')
    : path.join(ARTIFACTS, 'doc-images');

export const BAD_FILE = {
    name: 'notes-not-a-screenshot.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('These are meeting notes saved with a .jpg name, not an image.\n'),
};

/** playwright cannot mix file paths and in-memory files in one upload: read them all. */
export const fromDisk = (file) => ({name: path.basename(file), mimeType: 'image/jpeg', buffer: readFileSync(file)});

/** Starts chromium with a fresh profile; `close()` ends it and removes the profile. */
export async function launchBrowser(options = {}) {
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'decklist-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_FLAGS,
        viewport: {width: 1366, height: 900},
        acceptDownloads: true,
        ...options,
    });
    return {
        context,
        async close() {
            await context.close();
            rmSync(userDataDir, {recursive: true, force: true});
        },
    };
}

/**
 * Opens a page for `fn`; if `fn` throws, saves a screenshot of the page and adds the end of
 * the server's log to the error, so a failure in CI can be understood afterwards. Page errors
 * (uncaught exceptions in the page) fail the test too.
 */
export async function withPage(context, name, server, fn) {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    try {
        await fn(page);
        if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);
    } catch (error) {
        mkdirSync(ARTIFACTS, {recursive: true});
        await page.screenshot({path: path.join(ARTIFACTS, `browser-failure-${name}.png`), fullPage: true})
            .catch(() => {});
        error.message += `\n--- server log (last lines) ---\n${server.log().split('\n').slice(-40).join('\n')}`;
        throw error;
    } finally {
        await page.close();
    }
}

/** Runs axe-core in the page; returns the serious and critical violations, one line each. */
export async function seriousViolations(page) {
    const axePath = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'node_modules',
                              'axe-core', 'axe.min.js');
    // Colours measured in the middle of a transition (a theme switch) would be neither theme's.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.addScriptTag({content: readFileSync(axePath, 'utf8')});
    const results = await page.evaluate(() => window.axe.run(document, {resultTypes: ['violations']}));
    return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
}

/** A copy of a screenshot cut off below `height` pixels, made by the page's canvas (JPEG). */
export async function croppedScreenshot(page, file, height, name) {
    const base64 = readFileSync(file).toString('base64');
    const jpeg = await page.evaluate(async ({base64, height}) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], {type: 'image/jpeg'}));
        const canvas = new OffscreenCanvas(bitmap.width, Math.min(height, bitmap.height));
        canvas.getContext('2d').drawImage(bitmap, 0, 0);
        const blob = await canvas.convertToBlob({type: 'image/jpeg', quality: 0.9});
        const out = new Uint8Array(await blob.arrayBuffer());
        let text = '';
        for (let i = 0; i < out.length; i += 0x8000) text += String.fromCharCode(...out.subarray(i, i + 0x8000));
        return btoa(text);
    }, {base64, height});
    return {name, mimeType: 'image/jpeg', buffer: Buffer.from(jpeg, 'base64')};
}

export function ensureDir(dir) {
    mkdirSync(dir, {recursive: true});
    return dir;
}
