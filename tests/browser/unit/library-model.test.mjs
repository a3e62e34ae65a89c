// Unit tests of the library view's helpers (web/js/library-model.js): the tiles an editor
// works on, the PATCH body an edit becomes, the revisions' changes in words, the box scaling.

import assert from 'node:assert/strict';
import {test} from 'node:test';

import {
    addedTile,
    buildPatch,
    describeChanges,
    draftOf,
    draftProblem,
    reviewPhases,
    scaledBox,
    sectionPatch,
    sectionTiles,
    sectionsDroppingTiles,
    withCard,
} from '../../../web/js/library-model.js';

const box = (y) => ({x: 10, y, width: 400, height: 100});
const decklist = {
    metadata: {deck_name: 'Blades', event: 'Open', date: '2025-09-13', placement: 2, player: 'Aipotu',
               legend_name_en: 'Wuju Bladesman'},
    legend: [{card_number: 'OGS-019', name_en: 'Wuju Bladesman', name_cn: '无极剑圣', quantity: 1, bbox: box(100)}],
    main_deck: [
        {card_number: 'OGN-044', name_en: 'Clockwork Keeper', name_cn: '小小守护者', quantity: 3, bbox: box(300)},
        {card_number: 'OGN-052', name_en: 'Stalwart Poro', name_cn: '强强魄罗', quantity: 2, bbox: box(400)},
    ],
    battlefields: [],
    runes: [
        {card_number: 'OGN-042', name_en: 'Calm Rune', name_cn: '翠意符文', quantity: 5, bbox: box(900)},
        {card_number: 'OGN-042', name_en: 'Calm Rune', name_cn: '翠意符文', quantity: 1, bbox: box(1000)},
    ],
    side_deck: [],
    unmatched: {main_deck: [{ocr_text: '模糊', quantity: 1, match_score: 40, bbox: box(500)}]},
};
const spirit = {card_number: 'OGN-145', name_en: 'Unyielding Spirit', name_cn: '坚毅不倒'};

test('sectionTiles lists cards, then unmatched tiles, each with its box and a uid', () => {
    const tiles = sectionTiles(decklist, 'main_deck');
    assert.deepEqual(tiles.map((t) => [t.kind, t.card_number, t.ocr_text, t.quantity, t.bbox.y]),
                     [['card', 'OGN-044', null, 3, 300], ['card', 'OGN-052', null, 2, 400],
                      ['unmatched', null, '模糊', 1, 500]]);
    assert.equal(new Set(tiles.map((t) => t.uid)).size, 3);
    assert.deepEqual(sectionTiles({}, 'main_deck'), []);
});

test('an unchanged draft sends nothing; reviewed alone is a patch', () => {
    assert.equal(buildPatch(decklist, draftOf(decklist)), null);
    assert.deepEqual(buildPatch(decklist, draftOf(decklist), {reviewed: true}), {reviewed: true});
});

test('metadata: only the fields that differ, trimmed, empty clears, placement a number', () => {
    const draft = draftOf(decklist);
    assert.equal(draft.metadata.placement, '2');
    draft.metadata.event = '  Grand Open ';
    draft.metadata.player = '';
    draft.metadata.placement = '2';
    draft.metadata.deck_name = 'Blades ';
    assert.deepEqual(buildPatch(decklist, draft), {metadata: {event: 'Grand Open', player: null}});
    draft.metadata.placement = '5';
    assert.deepEqual(buildPatch(decklist, draft).metadata.placement, 5);
});

test('a changed section is sent whole, one entry per printing; the others are not sent', () => {
    const draft = draftOf(decklist);
    draft.sections.main_deck[1].quantity = 3;
    const patch = buildPatch(decklist, draft);
    assert.deepEqual(patch, {sections: {main_deck: [{card_number: 'OGN-044', quantity: 3},
                                                    {card_number: 'OGN-052', quantity: 3}]}});
    // The unmatched tile has no card: it is not sent, and the server drops it.
    assert.deepEqual(sectionsDroppingTiles(decklist, draft).map((s) => s.key), ['main_deck']);
});

test('two tiles of one printing become one entry with the summed quantity', () => {
    const draft = draftOf(decklist);
    draft.sections.runes.push(addedTile(spirit));
    assert.deepEqual(sectionPatch(draft.sections.runes), [{card_number: 'OGN-042', quantity: 6},
                                                          {card_number: 'OGN-145', quantity: 1}]);
});

test('choosing a card for a tile keeps its box and quantity; removing a tile changes the section', () => {
    const draft = draftOf(decklist);
    const [keeper, , unread] = draft.sections.main_deck;
    const chosen = withCard(unread, spirit);
    assert.deepEqual([chosen.kind, chosen.match_type, chosen.quantity, chosen.bbox.y, chosen.uid],
                     ['card', 'manual', 1, 500, unread.uid]);
    draft.sections.main_deck = [keeper, chosen];
    assert.deepEqual(buildPatch(decklist, draft).sections.main_deck,
                     [{card_number: 'OGN-044', quantity: 3}, {card_number: 'OGN-145', quantity: 1}]);
    assert.deepEqual(sectionsDroppingTiles(decklist, draft), []);
    assert.equal(addedTile(spirit).bbox, null, 'an added card has no place on the screenshot');
});

test('draftProblem names a bad quantity, placement or date', () => {
    const draft = draftOf(decklist);
    assert.equal(draftProblem(draft), '');
    draft.sections.main_deck[0].quantity = 0;
    assert.match(draftProblem(draft), /Main deck: the quantity of Clockwork Keeper must be a whole number from 1 to 99/);
    draft.sections.main_deck[0].quantity = NaN;
    assert.match(draftProblem(draft), /Clockwork Keeper/);
    draft.sections.main_deck[0].quantity = 3;
    draft.metadata.placement = '2.5';
    assert.match(draftProblem(draft), /Placement/);
    draft.metadata.placement = '';
    draft.metadata.date = '13/09/2025';
    assert.match(draftProblem(draft), /Date/);
});

test('revisions in words', () => {
    assert.deepEqual(describeChanges({kind: 'saved'}), ['Saved from the screenshot']);
    const names = new Map([['OGN-044', 'Clockwork Keeper']]);
    const sentences = describeChanges({
        metadata: {event: {from: 'Open', to: 'Grand Open'}, player: {from: null, to: 'Ai'}, date: {from: '2025-09-13', to: null}},
        sections: {main_deck: {
            added: [{card_number: 'OGN-145', name_cn: '坚毅不倒', quantity: 2}],
            removed: [{card_number: 'OGN-052', name_cn: '强强魄罗', quantity: 1}],
            quantity: [{card_number: 'OGN-044', name_cn: '小小守护者', from: 3, to: 2}],
            unmatched_cleared: [{ocr_text: '模糊', quantity: 1}],
        }},
        reviewed: true,
        needs_review: {from: true, to: false},
    }, (number) => names.get(number) ?? null);
    assert.deepEqual(sentences, [
        'Event changed from “Open” to “Grand Open”',
        'Player set to “Ai”',
        'Date cleared (was “2025-09-13”)',
        'Main deck: added 2 × 坚毅不倒',
        'Main deck: removed 1 × 强强魄罗',
        'Main deck: Clockwork Keeper from 3 to 2',
        'Main deck: dropped the unmatched tile “模糊”',
        'Marked as reviewed',
        'No longer needs review',
    ]);
    assert.deepEqual(describeChanges({needs_review: {from: false, to: true}}), ['Now needs review']);
    assert.deepEqual(describeChanges({}), ['No change']);
});

test('needing review first is two queries, unless the filter names one', () => {
    assert.deepEqual(reviewPhases(''), ['true', 'false']);
    assert.deepEqual(reviewPhases('true'), ['true']);
    assert.deepEqual(reviewPhases('false'), ['false']);
});

test('scaledBox scales by displayed width over natural width', () => {
    assert.deepEqual(scaledBox({x: 100, y: 2000, width: 440, height: 138}, 540, 1080),
                     {left: 50, top: 1000, width: 220, height: 69});
    assert.equal(scaledBox(null, 540, 1080), null);
    assert.equal(scaledBox(box(1), 540, 0), null, 'an image not loaded yet has no scale');
});
