// Unit tests of the page's decklist helpers (web/js/decklist-model.js).

import assert from 'node:assert/strict';
import {test} from 'node:test';

import {
    CSV_COLUMNS,
    csvField,
    decklistText,
    decklistsCsv,
    displayName,
    downloadName,
    groupedCards,
    isLowConfidence,
    printingsNote,
    reviewFirst,
    legendName,
    reviewReasons,
    sectionCards,
    sectionCount,
} from '../../../web/js/decklist-model.js';

const card = (name_en, name_cn, quantity, match_score = 100, match_type = 'exact') => ({
    name_en,
    name_cn,
    ocr_text: name_cn,
    quantity,
    match_score,
    match_type,
});

const DECK = {
    filename: 'a.jpg',
    metadata: {deck_name: '剑圣', player: 'Aipotu', placement: 2, event: 'Regional', date: '2025-09-13'},
    legend: [card('Master Yi, Wuju Bladesman', '无极剑圣', 1)],
    main_deck: [card('Zhonya', '中娅', 3), card(null, '看不清', 2, 41, 'none')],
    battlefields: [],
    runes: [card('Calm Rune', '平静符文', 12)],
    side_deck: [],
    text: '',
};

test('sections are read from the top-level keys', () => {
    assert.equal(sectionCount(DECK, 'main_deck'), 5);
    assert.equal(sectionCount(DECK, 'runes'), 12);
    assert.deepEqual(sectionCards(DECK, 'side_deck'), []);
    assert.deepEqual(sectionCards({}, 'legend'), []);
});

test('the legend name comes from metadata, else from the legend card', () => {
    assert.equal(legendName(DECK), 'Master Yi, Wuju Bladesman');
    assert.equal(legendName({...DECK, metadata: {legend_name_en: 'Ahri'}}), 'Ahri');
    assert.equal(legendName({}), '');
});

test('unmatched cards and scores under 90 are low confidence', () => {
    assert.equal(isLowConfidence(card('A', 'a', 1, 90, 'fuzzy')), false);
    assert.equal(isLowConfidence(card('A', 'a', 1, 89.9, 'fuzzy')), true);
    assert.equal(isLowConfidence(card(null, 'a', 1, 0, 'none')), true);
});

test('the server text export wins when present', () => {
    assert.equal(decklistText({...DECK, text: 'server export\n'}), 'server export\n');
});

test('without a server export the text is built from the sections', () => {
    const text = decklistText(DECK);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], '剑圣');
    assert.equal(lines[1], 'Aipotu · #2 · Regional · 2025-09-13');
    assert.ok(lines.includes('Main deck (5):'));
    assert.ok(lines.includes('3 Zhonya'));
    assert.ok(lines.includes('2 看不清'), 'an unmatched card keeps its Chinese text');
    assert.ok(lines.includes('12 Calm Rune'));
    assert.ok(!text.includes('Side deck'), 'empty sections are left out');
});

test('unmatched tiles are listed after their section\'s cards, marked as unmatched', () => {
    const deck = {
        main_deck: [card('Zhonya', '中娅', 3)],
        unmatched: {main_deck: [{ocr_text: '看不清', quantity: 2, match_score: 41}]},
    };
    const cards = sectionCards(deck, 'main_deck');
    assert.equal(cards.length, 2);
    assert.equal(cards[1].name_cn, '看不清');
    assert.equal(cards[1].match_type, 'none');
    assert.ok(isLowConfidence(cards[1]));
    assert.equal(sectionCount(deck, 'main_deck'), 5);
    assert.deepEqual(sectionCards(deck, 'runes'), []);
});

test('review reasons come only with needs_review', () => {
    const reasons = [{code: 'section_off_rules', message: 'main_deck has 4 cards, expected 40'}];
    assert.deepEqual(reviewReasons({needs_review: true, review_reasons: reasons}), reasons);
    assert.deepEqual(reviewReasons({needs_review: false, review_reasons: []}), []);
    assert.deepEqual(reviewReasons({}), []);
    assert.equal(reviewReasons({needs_review: true}).length, 1);
});

test('two tiles of one card are one row with the summed quantity and the printings noted', () => {
    const fury = (number, quantity) => ({...card('Fury Rune', '炽烈符文', quantity), card_number: number,
                                         image_url_en: `https://img/${number}`});
    const deck = {
        runes: [fury('OGN·007/298', 1), card('Calm Rune', '平静符文', 5), fury('OGN·301/298', 6)],
        unmatched: {runes: [{ocr_text: '看不清', quantity: 1, match_score: 30}, {ocr_text: '看不清', quantity: 1, match_score: 30}]},
    };
    const rows = groupedCards(deck, 'runes');
    assert.deepEqual(rows.map((r) => [displayName(r), r.quantity]),
                     [['Fury Rune', 7], ['Calm Rune', 5], ['看不清', 1], ['看不清', 1]]);
    assert.equal(printingsNote(rows[0]), '1 × OGN·007/298 + 6 × OGN·301/298');
    assert.equal(printingsNote(rows[1]), '', 'a single tile has no note');
    assert.equal(rows[0].image_url_en, 'https://img/OGN·007/298');
    assert.equal(sectionCount(deck, 'runes'), 14, 'the section count is unchanged');
});

test('the same printing twice is noted as tiles, and the lower score is kept', () => {
    const sett = (quantity, score) => ({...card('Sett, Kingpin', '瑟提, 魁首', quantity, score, 'fuzzy'),
                                        card_number: 'OGN·240/298'});
    const [row] = groupedCards({main_deck: [sett(1, 100), sett(1, 80)]}, 'main_deck');
    assert.equal(row.quantity, 2);
    assert.equal(printingsNote(row), '2 tiles: 1 + 1');
    assert.equal(row.match_score, 80);
    assert.ok(isLowConfidence(row));
});

test('decklists needing review sort first, each group in upload order', () => {
    const entries = [0, 1, 2, 3].map((index) => ({index, decklist: {needs_review: index % 2 === 1}}));
    assert.deepEqual(reviewFirst(entries).map((e) => e.index), [1, 3, 0, 2]);
});

test('two printings of one card are one CSV row with both card numbers', () => {
    const fury = (number, quantity) => ({...card('Fury Rune', '狂怒符文', quantity), card_number: number});
    const deck = {...DECK, runes: [fury('OGN·042/298', 6), card('Calm Rune', '平静符文', 5), fury('OGN·301/298', 1)]};
    const rows = decklistsCsv([deck]).trimEnd().split('\r\n').filter((l) => l.includes(',runes,'));
    assert.equal(rows.length, 2, rows.join('\n'));
    assert.ok(rows[0].includes(',runes,7,Fury Rune,狂怒符文,OGN·042/298 + OGN·301/298,6 × OGN·042/298 + 1 × OGN·301/298,'),
              rows[0]);
    assert.ok(rows[1].includes(',runes,5,Calm Rune,平静符文,,,exact,100'), rows[1]);
});

test('download names keep the screenshot name without its extension', () => {
    assert.equal(downloadName({filename: 'Screenshot_1.jpg'}, 'json'), 'Screenshot_1.json');
    assert.equal(downloadName({filename: 'a/b:c?.png'}, 'txt'), 'a_b_c_.txt');
    assert.equal(downloadName({}, 'txt'), 'decklist.txt');
});

test('the batch CSV has one row per card per deck, quoted as RFC 4180 wants', () => {
    const deck = {...DECK, deck_code: 'CMAA', metadata: {...DECK.metadata, event: 'Regional, "Hangzhou"'}};
    const csv = decklistsCsv([deck, {...deck, filename: 'b.jpg', needs_review: true}]);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines.length, 1 + 2 * 4, 'legend, two main-deck tiles and the runes, per deck');
    assert.equal(lines[1], 'a.jpg,剑圣,Aipotu,2,"Regional, ""Hangzhou""",2025-09-13,"Master Yi, Wuju Bladesman",CMAA,false,' +
                           'legend,1,"Master Yi, Wuju Bladesman",无极剑圣,,,exact,100');
    assert.ok(lines[3].includes(',main_deck,2,,看不清,,,none,41'), `unmatched tile: ${lines[3]}`);
    assert.ok(lines[5].startsWith('b.jpg,') && lines[5].includes(',true,legend,'));
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a\nb'), '"a\nb"');
    assert.equal(csvField(null), '');
});
