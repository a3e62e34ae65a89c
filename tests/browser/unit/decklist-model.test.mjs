// Unit tests of the page's decklist helpers (web/js/decklist-model.js).

import assert from 'node:assert/strict';
import {test} from 'node:test';

import {
    decklistText,
    isLowConfidence,
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
