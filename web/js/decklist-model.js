// What the page needs to know about a decklist JSON object, kept free of the DOM so that
// node's test runner can check it. The object is the one every endpoint returns (see
// API_REFERENCE.md): metadata, one array per section, stats, warnings and a text export.

/** The five panels in the order the app draws them, with the titles it prints. */
export const SECTIONS = [
    {key: 'legend', title: 'Legend', titleCn: '传奇牌'},
    {key: 'main_deck', title: 'Main deck', titleCn: '主牌组'},
    {key: 'battlefields', title: 'Battlefields', titleCn: '战场牌'},
    {key: 'runes', title: 'Runes', titleCn: '符文牌'},
    {key: 'side_deck', title: 'Side deck', titleCn: '备牌'},
];

/** Matches scored below this are marked for a person to check. */
export const LOW_CONFIDENCE_SCORE = 90;

/**
 * The cards of one section (the decklist JSON holds each section at its top level), then
 * the section's tiles that matched no card (listed apart, under `unmatched`), marked as such.
 */
export function sectionCards(decklist, key) {
    const cards = decklist?.[key];
    const unmatched = decklist?.unmatched?.[key];
    return [
        ...(Array.isArray(cards) ? cards : []),
        ...(Array.isArray(unmatched) ? unmatched : []).map((tile) => ({
            ...tile,
            name_en: null,
            name_cn: tile.ocr_text,
            match_type: 'none',
        })),
    ];
}

/** Why a person should check this decklist before trusting it; empty when nothing is amiss. */
export function reviewReasons(decklist) {
    if (!decklist?.needs_review) return [];
    const reasons = Array.isArray(decklist.review_reasons) ? decklist.review_reasons : [];
    return reasons.length ? reasons : [{code: 'unknown', message: 'needs review'}];
}

/** Sum of quantities in a section: what the app prints next to the panel title. */
export function sectionCount(decklist, key) {
    return sectionCards(decklist, key).reduce((sum, card) => sum + (Number(card.quantity) || 0), 0);
}

/** English name of the legend: the metadata field, else the first legend card's name. */
export function legendName(decklist) {
    const fromMetadata = decklist?.metadata?.legend_name_en;
    if (fromMetadata) return fromMetadata;
    const first = sectionCards(decklist, 'legend')[0];
    return first ? displayName(first) : '';
}

/** The English name when the card was matched, else the Chinese text that was read. */
export function displayName(card) {
    return card.name_en || card.name_cn || card.ocr_text || '?';
}

/** True when a card deserves a second look: unmatched or matched with a low score. */
export function isLowConfidence(card) {
    if (card.match_type === 'none' || !card.name_en) return true;
    return typeof card.match_score === 'number' && card.match_score < LOW_CONFIDENCE_SCORE;
}

/**
 * The text a player pastes elsewhere: the server's export when it sent one, else one built
 * here in the same spirit (a header, then "quantity name" lines per section).
 */
export function decklistText(decklist) {
    if (typeof decklist?.text === 'string' && decklist.text.trim() !== '') return decklist.text;
    const meta = decklist?.metadata ?? {};
    const lines = [];
    const title = meta.deck_name || decklist?.filename || 'Decklist';
    lines.push(title);
    const byline = [
        meta.player,
        meta.placement != null ? `#${meta.placement}` : null,
        meta.event,
        meta.date,
    ].filter(Boolean);
    if (byline.length) lines.push(byline.join(' · '));
    for (const section of SECTIONS) {
        const cards = sectionCards(decklist, section.key);
        if (cards.length === 0) continue;
        lines.push('', `${section.title} (${sectionCount(decklist, section.key)}):`);
        for (const card of cards) lines.push(`${card.quantity ?? 1} ${displayName(card)}`);
    }
    return lines.join('\n') + '\n';
}

/**
 * The rows a person reads: the section's cards with one row per card name. Two tiles of one
 * card (two printings of Fury Rune, or the same card shown twice) become one row with the
 * summed quantity; `printings` lists each tile's card number and quantity when there are
 * several. Unmatched tiles are never merged (their text is only what OCR read).
 */
export function groupedCards(decklist, key) {
    const rows = [];
    const byName = new Map();
    for (const card of sectionCards(decklist, key)) {
        const name = card.name_en;
        if (!name || card.match_type === 'none') {
            rows.push({...card, printings: []});
            continue;
        }
        const row = byName.get(name);
        const printing = {card_number: card.card_number ?? '', quantity: Number(card.quantity) || 0,
                          image_url_en: card.image_url_en ?? null};
        if (!row) {
            const first = {...card, quantity: printing.quantity, printings: [printing]};
            byName.set(name, first);
            rows.push(first);
            continue;
        }
        row.quantity += printing.quantity;
        row.printings.push(printing);
        // The row is as doubtful as its least certain tile.
        if (typeof card.match_score === 'number' &&
            (typeof row.match_score !== 'number' || card.match_score < row.match_score)) {
            row.match_score = card.match_score;
        }
    }
    for (const row of rows) if (row.printings.length < 2) row.printings = [];
    return rows;
}

/**
 * The tiles behind a merged row: "6 × OGN·042/298 + 1 × OGN·301/298" for two printings, or
 * "2 tiles: 1 + 1" when the same printing was shown twice. Empty for a single tile.
 */
export function printingsNote(row) {
    if (!row.printings || row.printings.length < 2) return '';
    const byNumber = new Map();
    for (const p of row.printings) {
        const number = p.card_number || 'unnumbered';
        byNumber.set(number, (byNumber.get(number) ?? 0) + p.quantity);
    }
    if (byNumber.size === 1) {
        return `${row.printings.length} tiles: ${row.printings.map((p) => p.quantity).join(' + ')}`;
    }
    return [...byNumber].map(([number, quantity]) => `${quantity} × ${number}`).join(' + ');
}

/** Decklists needing review first, each group in upload order (`index`). */
export function reviewFirst(entries) {
    return [...entries].sort((a, b) => {
        const ra = a.decklist?.needs_review ? 0 : 1;
        const rb = b.decklist?.needs_review ? 0 : 1;
        return ra - rb || a.index - b.index;
    });
}

/** A filename for a decklist's downloads, without characters file systems refuse. */
export function downloadName(decklist, extension, fallback = 'decklist') {
    const base = (decklist?.filename || fallback).replace(/\.[A-Za-z0-9]{1,5}$/, '');
    const safe = base.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || fallback;
    return `${safe}.${extension}`;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(value) {
    const text = value == null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
    'file', 'deck_name', 'player', 'placement', 'event', 'date', 'legend', 'deck_code',
    'needs_review', 'section', 'quantity', 'name_en', 'name_cn', 'card_number', 'printings',
    'match_type', 'match_score',
];

/**
 * The whole batch as CSV: one row per card per deck, as the page shows it (groupedCards).
 * A card shown in several tiles has its summed quantity, every distinct card number in
 * card_number (" + " between them) and the tiles in printings; unmatched tiles keep a row
 * each, with an empty name_en and the OCR text as name_cn.
 */
export function decklistsCsv(decklists) {
    const lines = [CSV_COLUMNS.join(',')];
    for (const decklist of decklists) {
        const meta = decklist?.metadata ?? {};
        const deckFields = [
            decklist?.filename, meta.deck_name, meta.player, meta.placement, meta.event, meta.date,
            legendName(decklist), decklist?.deck_code, decklist?.needs_review ? 'true' : 'false',
        ];
        for (const section of SECTIONS) {
            for (const card of groupedCards(decklist, section.key)) {
                const numbers = card.printings.length
                    ? [...new Set(card.printings.map((p) => p.card_number).filter(Boolean))].join(' + ')
                    : card.card_number ?? '';
                const fields = [
                    ...deckFields, section.key, card.quantity ?? 1, card.name_en ?? '',
                    card.name_en ? card.name_cn : card.ocr_text ?? card.name_cn ?? '', numbers,
                    printingsNote(card), card.match_type ?? '',
                    typeof card.match_score === 'number' ? card.match_score : '',
                ];
                lines.push(fields.map(csvField).join(','));
            }
        }
    }
    return lines.join('\r\n') + '\r\n';
}
