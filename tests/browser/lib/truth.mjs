// Expected values for the shared screenshots, read at test time from the ground truth and the
// card database (never copied into the repository).

import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';

import {RIFTBOUND_DIR} from './decklist-server.mjs';

export const SCREENSHOT_DIR = path.join(RIFTBOUND_DIR, 'screenshots');
const TRUTH_DIR = path.join(RIFTBOUND_DIR, 'truth');

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text) {
    const rows = [];
    let row = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                field += '"';
                i++;
            } else if (c === '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c === '"') {
            quoted = true;
        } else if (c === ',') {
            row.push(field);
            field = '';
        } else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n') i++;
            row.push(field);
            rows.push(row);
            row = [];
            field = '';
        } else {
            field += c;
        }
    }
    if (field !== '' || row.length) rows.push([...row, field]);
    return rows;
}

/** name_cn → name_en from cards.csv (all printings of a name share the English name). */
export function englishNames() {
    const text = readFileSync(path.join(RIFTBOUND_DIR, 'cards.csv'), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = parseCsv(text);
    const cn = header.indexOf('name_cn');
    const en = header.indexOf('name_en');
    const names = new Map();
    for (const row of rows) if (row[cn] && !names.has(row[cn])) names.set(row[cn], row[en]);
    return names;
}

/**
 * One entry per shared screenshot: {file, path, legendEn, mainDeckCount, metadata}.
 */
export function screenshotExpectations() {
    const names = englishNames();
    return readdirSync(SCREENSHOT_DIR)
        .filter((file) => /\.(jpe?g|png)$/i.test(file))
        .sort()
        .map((file) => {
            const truthFile = path.join(TRUTH_DIR, file.replace(/\.[^.]+$/, '.json'));
            const truth = JSON.parse(readFileSync(truthFile, 'utf8'));
            const legendCn = truth.sections.legend[0].db_name_cn;
            if (!names.has(legendCn)) throw new Error(`${legendCn} is not in cards.csv`);
            return {
                file,
                path: path.join(SCREENSHOT_DIR, file),
                legendEn: names.get(legendCn),
                mainDeckCount: truth.sections.main_deck.reduce((sum, e) => sum + e.quantity, 0),
                metadata: truth.metadata,
            };
        });
}
