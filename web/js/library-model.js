// What the library view needs to know about a stored decklist, its corrections and its
// revisions, kept free of the DOM so that node's test runner can check it: the tiles a person
// edits, the PATCH body an edit becomes, the revisions' changes in words, and where a tile's box
// lies on the screenshot as shown.

import {SECTIONS} from './decklist-model.js';

/** The metadata a correction may set, with the words the page uses for them. */
export const METADATA_FIELDS = [
    {key: 'deck_name', label: 'Deck name'},
    {key: 'event', label: 'Event'},
    {key: 'date', label: 'Date'},
    {key: 'placement', label: 'Placement'},
    {key: 'player', label: 'Player'},
];

/** The server's limit on one card's quantity in a correction. */
export const MAX_QUANTITY = 99;

let nextUid = 1;

/**
 * The section's tiles in screenshot order: its cards, then the tiles that matched no card. Each
 * gets a `uid` that the view uses to find its row; `kind` is 'card' or 'unmatched'.
 */
export function sectionTiles(decklist, key) {
    const cards = Array.isArray(decklist?.[key]) ? decklist[key] : [];
    const unmatched = Array.isArray(decklist?.unmatched?.[key]) ? decklist.unmatched[key] : [];
    return [
        ...cards.map((card) => ({
            uid: nextUid++, kind: 'card', card_number: card.card_number ?? null, name_en: card.name_en ?? null,
            name_cn: card.name_cn ?? null, ocr_text: card.ocr_text ?? null, quantity: Number(card.quantity) || 1,
            bbox: card.bbox ?? null, match_type: card.match_type ?? null, match_score: card.match_score ?? null,
        })),
        ...unmatched.map((tile) => ({
            uid: nextUid++, kind: 'unmatched', card_number: null, name_en: null, name_cn: null,
            ocr_text: tile.ocr_text ?? '', quantity: Number(tile.quantity) || 1, bbox: tile.bbox ?? null,
            match_type: 'none', match_score: tile.match_score ?? null,
        })),
    ];
}

/** What an editor starts from: the metadata as form text and every section's tiles. */
export function draftOf(decklist) {
    const meta = decklist?.metadata ?? {};
    const metadata = {};
    for (const {key} of METADATA_FIELDS) metadata[key] = meta[key] == null ? '' : String(meta[key]);
    const sections = {};
    for (const {key} of SECTIONS) sections[key] = sectionTiles(decklist, key);
    return {metadata, sections};
}

/** A tile now showing the chosen card (a person's choice: match_type manual). */
export function withCard(tile, card) {
    return {
        ...tile, kind: 'card', card_number: card.card_number, name_en: card.name_en ?? null,
        name_cn: card.name_cn ?? null, match_type: 'manual', match_score: 100,
    };
}

/** A new tile for a card a person added: no place on the screenshot. */
export function addedTile(card) {
    return withCard({uid: nextUid++, kind: 'card', quantity: 1, bbox: null, ocr_text: null}, card);
}

/**
 * A section as a correction sends it: one entry per printing, quantities summed (the server
 * takes each printing once), in order of first appearance. Tiles with no card are left out: the
 * server drops a replaced section's unmatched tiles.
 */
export function sectionPatch(tiles) {
    const entries = [];
    const byNumber = new Map();
    for (const tile of tiles) {
        if (tile.kind !== 'card' || !tile.card_number) continue;
        const entry = byNumber.get(tile.card_number);
        if (entry) {
            entry.quantity += tile.quantity;
        } else {
            const created = {card_number: tile.card_number, quantity: tile.quantity};
            byNumber.set(tile.card_number, created);
            entries.push(created);
        }
    }
    return entries;
}

/** A section's contents as a comparable string: what changed when it differs. */
function sectionSignature(tiles) {
    return JSON.stringify(tiles.map((t) => [t.kind, t.card_number, t.ocr_text, t.quantity]));
}

/** The value a metadata field's text stands for: null when empty, a number for placement. */
function metadataValue(key, text) {
    const trimmed = String(text ?? '').trim();
    if (trimmed === '') return null;
    return key === 'placement' ? Number(trimmed) : trimmed;
}

/**
 * Why a draft cannot be sent as it stands (a message for the person), or '' when it can: a
 * quantity out of range, a placement that is no positive whole number, a date not YYYY-MM-DD.
 */
export function draftProblem(draft) {
    for (const {key, title} of SECTIONS) {
        for (const tile of draft.sections[key]) {
            const q = tile.quantity;
            if (!Number.isInteger(q) || q < 1 || q > MAX_QUANTITY) {
                const name = tile.name_en || tile.name_cn || tile.ocr_text || 'a card';
                return `${title}: the quantity of ${name} must be a whole number from 1 to ${MAX_QUANTITY}.`;
            }
        }
    }
    const placement = metadataValue('placement', draft.metadata.placement);
    if (placement != null && !(Number.isInteger(placement) && placement >= 1)) {
        return 'Placement must be a whole number from 1 up, or empty.';
    }
    const date = metadataValue('date', draft.metadata.date);
    if (date != null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'Date must be YYYY-MM-DD, or empty.';
    return '';
}

/**
 * The PATCH body for a draft against the decklist it started from: the metadata fields that
 * differ (null clears one), every section that differs (whole, as sectionPatch), and `reviewed`.
 * Null when there is nothing to send.
 */
export function buildPatch(decklist, draft, {reviewed = false} = {}) {
    const original = draftOf(decklist);
    const patch = {};
    const metadata = {};
    for (const {key} of METADATA_FIELDS) {
        const before = metadataValue(key, original.metadata[key]);
        const after = metadataValue(key, draft.metadata[key]);
        if (before !== after) metadata[key] = after;
    }
    if (Object.keys(metadata).length) patch.metadata = metadata;
    const sections = {};
    for (const {key} of SECTIONS) {
        if (sectionSignature(original.sections[key]) !== sectionSignature(draft.sections[key])) {
            sections[key] = sectionPatch(draft.sections[key]);
        }
    }
    if (Object.keys(sections).length) patch.sections = sections;
    if (reviewed) patch.reviewed = true;
    return Object.keys(patch).length ? patch : null;
}

/** Sections a draft sends that still hold tiles with no card (the server drops those). */
export function sectionsDroppingTiles(decklist, draft) {
    const original = draftOf(decklist);
    const changed = ({key}) => sectionSignature(original.sections[key]) !== sectionSignature(draft.sections[key]);
    return SECTIONS.filter((s) => changed(s) && draft.sections[s.key].some((t) => t.kind === 'unmatched'));
}

/**
 * Needs-review first, as two queries: every decklist needing review (newest first), then the
 * others. A filter on needs_review leaves one query.
 */
export function reviewPhases(needsReview) {
    if (needsReview === 'true' || needsReview === 'false') return [needsReview];
    return ['true', 'false'];
}

/** A tile's box in pixels of the image as displayed, `displayedWidth / naturalWidth` of it. */
export function scaledBox(bbox, displayedWidth, naturalWidth) {
    if (!bbox || !(naturalWidth > 0)) return null;
    const scale = displayedWidth / naturalWidth;
    return {left: bbox.x * scale, top: bbox.y * scale, width: bbox.width * scale, height: bbox.height * scale};
}

const quoted = (value) => `“${value}”`;

function cardName(change, nameOf) {
    const english = change.card_number ? nameOf(change.card_number) : null;
    return english || change.name_cn || change.card_number || 'a card';
}

function metadataSentence(key, {from, to}) {
    const label = METADATA_FIELDS.find((f) => f.key === key)?.label ?? key;
    if (from == null) return `${label} set to ${quoted(to)}`;
    if (to == null) return `${label} cleared (was ${quoted(from)})`;
    return `${label} changed from ${quoted(from)} to ${quoted(to)}`;
}

/**
 * A revision's `changes` in words, one sentence each. `nameOf(card_number)` gives a card's
 * English name when the page knows it (the revision names cards by number and Chinese name).
 */
export function describeChanges(changes, nameOf = () => null) {
    if (!changes || typeof changes !== 'object') return [];
    if (changes.kind === 'saved') return ['Saved from the screenshot'];
    const sentences = [];
    for (const [key, change] of Object.entries(changes.metadata ?? {})) {
        sentences.push(metadataSentence(key, change ?? {}));
    }
    for (const [key, change] of Object.entries(changes.sections ?? {})) {
        const title = SECTIONS.find((s) => s.key === key)?.title ?? key;
        for (const card of change.added ?? []) {
            sentences.push(`${title}: added ${card.quantity} × ${cardName(card, nameOf)}`);
        }
        for (const card of change.removed ?? []) {
            sentences.push(`${title}: removed ${card.quantity} × ${cardName(card, nameOf)}`);
        }
        for (const card of change.quantity ?? []) {
            sentences.push(`${title}: ${cardName(card, nameOf)} from ${card.from} to ${card.to}`);
        }
        for (const tile of change.unmatched_cleared ?? []) {
            sentences.push(`${title}: dropped the unmatched tile ${quoted(tile.ocr_text)}`);
        }
    }
    if (changes.reviewed) sentences.push('Marked as reviewed');
    if (changes.needs_review) sentences.push(changes.needs_review.to ? 'Now needs review' : 'No longer needs review');
    return sentences.length ? sentences : ['No change'];
}
