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
