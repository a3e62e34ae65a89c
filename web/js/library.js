// The library page: the saved decklists (filters, needing review first, more as the list is
// scrolled), and one decklist (#/decklists/<id>) with its screenshot beside the reading, where a
// tile's row outlines the tile on the screenshot, an editor for corrections (saved with the
// ETag the decklist was read with, so that no one overwrites another reviewer's change) and the
// decklist's revisions.

import {SECTIONS, isLowConfidence, legendName, reviewReasons} from './decklist-model.js';
import {
    FILTER_KEYS,
    getDecklist,
    getRevisions,
    listDecklists,
    listEvents,
    patchDecklist,
    screenshotUrl,
    searchCards,
} from './library-api.js';
import {
    MAX_QUANTITY,
    METADATA_FIELDS,
    addedTile,
    buildPatch,
    describeChanges,
    draftOf,
    draftProblem,
    reviewPhases,
    scaledBox,
    sectionsDroppingTiles,
    withCard,
} from './library-model.js';
import {deckCodeField, el, reviewBanner, warningsBesides, warningsList} from './render.js';
import {setUpThemeToggle} from './theme.js';

/** Decklists per request; ?page_size= on the page's URL changes it (1 to 200). */
const PAGE_SIZE = (() => {
    const n = Number(new URLSearchParams(location.search).get('page_size'));
    return Number.isInteger(n) && n >= 1 && n <= 200 ? n : 30;
})();
const FILTER_DELAY_MS = 400;
const SEARCH_DELAY_MS = 200;
const SEARCH_LIMIT = 12;

const ui = {
    listView: document.getElementById('list-view'),
    listTitle: document.getElementById('list-title'),
    filters: document.getElementById('filters'),
    eventFilter: document.getElementById('filter-event'),
    legendOptions: document.getElementById('legend-options'),
    listStatus: document.getElementById('list-status'),
    list: document.getElementById('library-list'),
    sentinel: document.getElementById('list-sentinel'),
    loadMore: document.getElementById('load-more'),
    decklistView: document.getElementById('decklist-view'),
    shotFrame: document.getElementById('shot-frame'),
    image: document.getElementById('shot-image'),
    highlight: document.getElementById('tile-highlight'),
    shotCaption: document.getElementById('shot-caption'),
    shotNote: document.getElementById('shot-note'),
    readingHead: document.getElementById('reading-head'),
    readingBody: document.getElementById('reading-body'),
    saveStatus: document.getElementById('save-status'),
    conflict: document.getElementById('save-conflict'),
    conflictText: document.getElementById('save-conflict-text'),
    conflictReload: document.getElementById('conflict-reload'),
    revisionList: document.getElementById('revision-list'),
    themeToggle: document.getElementById('theme-toggle'),
};

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const scrollBehavior = () => (reducedMotion.matches ? 'auto' : 'smooth');

/** English card names by card number, from every decklist and search result seen. */
const knownNames = new Map();

function learnNames(cards) {
    for (const card of cards) if (card?.card_number && card.name_en) knownNames.set(card.card_number, card.name_en);
}

/** The words for a failed request; a 401 points to the key in the upload page's Settings. */
function failure(error) {
    if (error.unauthorized) {
        return 'This server needs an API key: enter it under Settings on the upload page, then come back.';
    }
    return error.body?.error || error.message;
}

// ---- the list -------------------------------------------------------------------------------

/**
 * The list as loaded so far: {filters, phases, phase, cursor, loading, done, failed, shown}.
 * `phases` are the needs_review values queried one after the other (needing review first).
 */
let list = null;
/** A decklist was corrected since the list was loaded: load it again when it is shown. */
let listStale = false;
/** The decklist whose view was open last, to give its list entry the focus on return. */
let lastOpenedId = null;

function currentFilters() {
    const data = new FormData(ui.filters);
    const filters = {};
    for (const key of FILTER_KEYS) filters[key] = String(data.get(key) ?? '').trim();
    return filters;
}

function resetList() {
    const filters = currentFilters();
    list = {filters, phases: reviewPhases(filters.needs_review), phase: 0, cursor: '', loading: false,
            done: false, failed: null, shown: 0};
    listStale = false;
    ui.list.replaceChildren();
    loadMore();
}

async function loadMore() {
    const current = list;
    if (!current || current.loading || current.done) return;
    current.loading = true;
    current.failed = null;
    renderListState();
    try {
        // A phase with nothing (no decklist needs review) goes straight on to the next one.
        let items = [];
        while (!current.done && items.length === 0) {
            const needsReview = current.phases[current.phase];
            const page = await listDecklists({...current.filters, needs_review: needsReview},
                                             {cursor: current.cursor, limit: PAGE_SIZE});
            if (current !== list) return;
            items = page.items ?? [];
            ui.list.append(...items.map(listItem));
            current.shown += items.length;
            rememberLegends(items);
            if (page.next_cursor) {
                current.cursor = page.next_cursor;
            } else {
                current.phase += 1;
                current.cursor = '';
                current.done = current.phase >= current.phases.length;
            }
        }
    } catch (error) {
        if (current !== list) return;
        current.failed = error;
    } finally {
        if (current === list) {
            current.loading = false;
            renderListState();
            watchSentinel();
        }
    }
}

function renderListState() {
    const current = list;
    ui.list.setAttribute('aria-busy', String(current.loading));
    ui.loadMore.hidden = current.done;
    const count = `${current.shown} decklist${current.shown === 1 ? '' : 's'}`;
    if (current.failed) {
        ui.listStatus.textContent = `The list could not be loaded: ${failure(current.failed)}`;
        ui.loadMore.textContent = 'Try again';
        return;
    }
    ui.loadMore.textContent = 'Load more';
    if (current.loading) {
        ui.listStatus.textContent = current.shown ? `${count}, loading more…` : 'Loading…';
    } else if (current.done && current.shown === 0) {
        const filtered = Object.values(current.filters).some(Boolean);
        ui.listStatus.textContent = filtered
            ? 'No decklist matches these filters.'
            : 'The library is empty: upload screenshots with “Save to library” checked.';
    } else {
        ui.listStatus.textContent = current.done ? `${count}, all shown` : `${count} so far`;
    }
}

// Scrolling near the end loads the next page. Observing again after each page makes the observer
// report the sentinel's state afresh, so a page that does not fill the screen is followed by the
// next one at once.
const sentinelObserver = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && list && !list.failed && !ui.listView.hidden) loadMore();
}, {rootMargin: '0px 0px 300px 0px'});

function watchSentinel() {
    sentinelObserver.unobserve(ui.sentinel);
    if (list && !list.done && !list.failed) sentinelObserver.observe(ui.sentinel);
}

function listItem(summary) {
    const title = summary.player || summary.filename || 'Unknown player';
    const where = [summary.event, summary.date].filter(Boolean).join(' · ');
    return el(
        'li',
        {class: summary.needs_review ? 'library-item needs-review' : 'library-item', 'data-id': summary.id,
         'data-review': String(Boolean(summary.needs_review))},
        el(
            'a',
            {class: 'library-card', href: `#/decklists/${encodeURIComponent(summary.id)}`},
            el('span', {class: 'item-head'},
               el('strong', {class: 'item-player', 'data-field': 'player'}, title),
               summary.placement != null && el('span', {class: 'placement'}, `#${summary.placement}`)),
            el('span', {class: 'item-legend', 'data-field': 'legend'}, summary.legend || 'Legend unknown'),
            el('span', {class: 'item-meta', 'data-field': 'event'}, where || 'No event'),
            summary.needs_review &&
                el('span', {class: 'review-mark', 'data-field': 'needs-review'}, '⚠ Needs review'),
            el('span', {class: 'item-foot'},
               [summary.filename, `revision ${summary.revision}`].filter(Boolean).join(' · ')),
        ),
    );
}

const seenLegends = new Set();

function rememberLegends(items) {
    for (const item of items) {
        if (!item.legend || seenLegends.has(item.legend)) continue;
        seenLegends.add(item.legend);
        ui.legendOptions.append(el('option', {value: item.legend}));
    }
}

/** The event filter's choices, and the editor's suggestions for the event field. */
async function loadEvents() {
    try {
        const events = await listEvents();
        const chosen = ui.eventFilter.value;
        ui.eventFilter.replaceChildren(
            el('option', {value: ''}, 'Any event'),
            ...events.map((e) => el('option', {value: e.event}, `${e.event} (${e.decklists})`)),
        );
        ui.eventFilter.value = events.some((e) => e.event === chosen) ? chosen : '';
        eventNames = events.map((e) => e.event);
    } catch {
        // The filter still offers "Any event"; the list itself says when the server fails.
    }
}

let eventNames = [];

let filterTimer = null;
ui.filters.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(filterTimer);
    resetList();
});
ui.filters.addEventListener('reset', () => {
    clearTimeout(filterTimer);
    setTimeout(resetList);  // the form's fields are reset after this event
});
ui.filters.addEventListener('change', (event) => {
    if (event.target.matches('select, input[type="date"]')) {
        clearTimeout(filterTimer);
        resetList();
    }
});
ui.filters.addEventListener('input', (event) => {
    if (!event.target.matches('input[type="search"], input[type="text"]')) return;
    clearTimeout(filterTimer);
    filterTimer = setTimeout(resetList, FILTER_DELAY_MS);
});
ui.loadMore.addEventListener('click', () => loadMore());

// ---- one decklist ---------------------------------------------------------------------------

/**
 * The decklist shown: {id, record, etag, editing, draft, highlight, imageUrl, saving}. `draft`
 * holds the tiles the rows show (draftOf the record), edited in place while `editing`.
 */
let view = null;

function closeDecklist() {
    if (!view) return;
    closePicker(false);
    if (view.imageUrl) URL.revokeObjectURL(view.imageUrl);
    view = null;
}

async function openDecklist(id) {
    closeDecklist();
    const current = (view = {id, record: null, etag: null, editing: false, draft: null, highlight: null,
                             imageUrl: null, saving: false});
    lastOpenedId = id;
    ui.listView.hidden = true;
    ui.decklistView.hidden = false;
    ui.readingHead.replaceChildren(el('h1', {class: 'view-title', id: 'decklist-title', tabindex: '-1'}, 'Loading…'));
    ui.readingBody.replaceChildren();
    ui.revisionList.replaceChildren();
    ui.saveStatus.textContent = '';
    ui.conflict.hidden = true;
    ui.shotNote.textContent = '';
    ui.shotCaption.textContent = '';
    ui.image.removeAttribute('src');
    ui.image.alt = '';
    hideHighlight();
    window.scrollTo({top: 0});
    try {
        const {record, etag} = await getDecklist(id);
        if (current !== view) return;
        showRecord(record, etag);
        document.getElementById('decklist-title').focus({preventScroll: true});
        loadScreenshot(current);
        loadRevisions(current);
    } catch (error) {
        if (current !== view) return;
        const title = error.status === 404 ? 'No such decklist' : 'The decklist could not be loaded';
        ui.readingHead.replaceChildren(
            el('h1', {class: 'view-title', id: 'decklist-title', tabindex: '-1'}, title),
            el('p', {class: 'error-message'}, failure(error)),
        );
        document.getElementById('decklist-title').focus({preventScroll: true});
    }
}

/** Shows `record` (a GET or PATCH answer) in view mode. */
function showRecord(record, etag) {
    view.record = record;
    view.etag = etag || `"${record.revision}"`;
    view.editing = false;
    view.draft = draftOf(record.decklist);
    learnNames(SECTIONS.flatMap(({key}) => record.decklist?.[key] ?? []));
    renderDecklist();
}

function renderDecklist() {
    closePicker(false);
    view.highlight = null;
    hideHighlight();
    ui.shotNote.textContent = '';
    ui.readingHead.replaceChildren(...readingHead(view.record));
    ui.readingBody.replaceChildren(view.editing ? editorForm() : readingView());
}

function readingHead(record) {
    const decklist = record.decklist ?? {};
    const meta = decklist.metadata ?? {};
    const reasons = reviewReasons(decklist);
    return [
        el('h1', {class: 'view-title deck-name', id: 'decklist-title', tabindex: '-1', 'data-field': 'deck-name'},
           meta.deck_name || 'Untitled deck'),
        el('p', {class: 'deck-meta'},
           meta.player && el('span', {class: 'player', 'data-field': 'player'}, meta.player),
           meta.placement != null && el('span', {'data-field': 'placement'}, `#${meta.placement}`),
           meta.event && el('span', {class: 'event', 'data-field': 'event'}, meta.event),
           meta.date && el('span', {'data-field': 'date'}, meta.date)),
        el('p', {class: 'legend'},
           el('span', {class: 'label'}, 'Legend'),
           el('strong', {'data-field': 'legend-name'}, legendName(decklist) || 'unknown')),
        deckCodeField('library', decklist),
        reviewBanner(reasons),
        warningsList(warningsBesides(decklist.warnings, reasons)),
        el('p', {class: 'record-facts'},
           'Revision ', el('span', {'data-field': 'revision'}, record.revision),
           ' · updated ', timeElement(record.updated_at),
           record.filename ? ` · ${record.filename}` : ''),
    ];
}

function timeElement(at) {
    const date = new Date(at);
    const text = Number.isNaN(date.getTime())
        ? String(at ?? '')
        : date.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'});
    return el('time', {datetime: at}, text);
}

function readingView() {
    const body = el('div', {class: 'reading-sections'});
    body.append(el('div', {class: 'reading-actions'},
                   el('button', {type: 'button', id: 'edit-button', 'data-action': 'edit'}, 'Edit')));
    for (const section of SECTIONS) body.append(sectionBlock(section, false));
    return body;
}

function sectionBlock(section, editing) {
    const tiles = view.draft.sections[section.key];
    const headingId = `section-${section.key}`;
    const expected = view.record.decklist?.stats?.sections?.[section.key]?.expected;
    const block = el(
        'section',
        {class: 'tile-section', 'data-section': section.key, 'aria-labelledby': headingId},
        el('h2', {class: 'tile-section-title', id: headingId},
           el('span', {class: 'section-title'}, section.title),
           el('span', {class: 'cn', lang: 'zh'}, section.titleCn),
           el('span', {class: 'section-count', 'data-field': 'count',
                       title: Number.isInteger(expected) ? `${expected} expected` : null}, sectionTotal(tiles))),
    );
    const rows = el('ul', {class: 'tile-list'}, tiles.map((tile) => tileRow(tile, editing)));
    block.append(rows);
    if (tiles.length === 0 && !editing) block.append(el('p', {class: 'empty'}, 'none'));
    if (editing) {
        block.append(el('div', {class: 'section-actions'},
                        el('button', {type: 'button', 'data-action': 'add',
                                      'aria-label': `Add card to ${section.title}`}, 'Add card')));
    }
    return block;
}

const sectionTotal = (tiles) => tiles.reduce((sum, t) => sum + (Number.isInteger(t.quantity) ? t.quantity : 0), 0);

function tileName(tile) {
    return tile.kind === 'card' ? tile.name_en || tile.name_cn || tile.card_number : tile.ocr_text || 'unread tile';
}

function tileRow(tile, editing) {
    const unmatched = tile.kind !== 'card';
    const classes = ['tile-row', (unmatched || isLowConfidence(tile)) && 'is-doubtful', editing && 'is-editing'];
    const row = el('li', {class: classes.filter(Boolean).join(' '), 'data-uid': tile.uid, 'data-kind': tile.kind,
                          'data-card-number': tile.card_number ?? ''});
    const locate = el(
        'button',
        {type: 'button', class: 'tile-locate', 'data-action': 'locate', 'aria-pressed': 'false',
         title: 'Show on the screenshot'},
        !editing && el('span', {class: 'qty', 'data-field': 'qty'}, tile.quantity),
        el('span', {class: 'names'},
           el('span', {class: 'en', 'data-field': 'name', lang: unmatched ? 'zh' : null}, tileName(tile)),
           !unmatched && tile.name_cn && tile.name_en && el('span', {class: 'cn', lang: 'zh'}, tile.name_cn),
           tile.card_number && el('span', {class: 'card-number'}, tile.card_number)),
        unmatched ? el('span', {class: 'doubt'}, 'no match')
            : tile.match_type === 'manual' ? el('span', {class: 'manual'}, 'chosen')
            : isLowConfidence(tile) && el('span', {class: 'doubt'}, `≈${Math.round(tile.match_score)}`),
    );
    row.append(locate);
    if (!editing) return row;

    const name = tileName(tile);
    const qtyId = `qty-${tile.uid}`;
    const quantity = el('input', {type: 'number', id: qtyId, class: 'qty-input', min: 1, max: MAX_QUANTITY, step: 1,
                                  inputmode: 'numeric', 'data-action': 'quantity'});
    quantity.value = String(tile.quantity);
    row.append(
        el('span', {class: 'tile-controls'},
           el('label', {class: 'visually-hidden', for: qtyId}, `Quantity of ${name}`),
           quantity,
           el('button', {type: 'button', 'data-action': 'change',
                         'aria-label': `${unmatched ? 'Choose card for' : 'Change card'} ${name}`},
              unmatched ? 'Choose card' : 'Change card'),
           el('button', {type: 'button', class: 'remove-button', 'data-action': 'remove',
                         'aria-label': `Remove ${name}`}, 'Remove')),
    );
    if (unmatched) {
        row.append(el('p', {class: 'tile-hint'}, 'Choose its card, or it is dropped when this section is saved.'));
    }
    return row;
}

/** The tile behind a row: {key, index, tile} in the draft. */
function findTile(uid) {
    for (const {key} of SECTIONS) {
        const index = view.draft.sections[key].findIndex((t) => t.uid === uid);
        if (index >= 0) return {key, index, tile: view.draft.sections[key][index]};
    }
    return null;
}

function updateCount(key) {
    const block = ui.readingBody.querySelector(`[data-section="${key}"]`);
    block.querySelector('[data-field="count"]').textContent = sectionTotal(view.draft.sections[key]);
}

// ---- the screenshot and the highlight -----------------------------------------------------

async function loadScreenshot(current) {
    const record = current.record;
    ui.shotCaption.textContent = record.filename || '';
    if (!record.has_image) {
        ui.shotFrame.hidden = true;
        ui.shotNote.textContent = 'No screenshot is kept for this decklist.';
        return;
    }
    ui.shotFrame.hidden = false;
    try {
        const url = await screenshotUrl(current.id);
        if (current !== view) {
            URL.revokeObjectURL(url);
            return;
        }
        current.imageUrl = url;
        ui.image.alt = `Screenshot ${record.filename || ''}`.trim();
        ui.image.src = url;
    } catch (error) {
        if (current === view) ui.shotNote.textContent = `The screenshot could not be loaded: ${failure(error)}`;
    }
}

function hideHighlight() {
    ui.highlight.hidden = true;
}

/** Puts the outline on the highlighted tile, scaled to the image as it is displayed. */
function placeHighlight() {
    // The layout width, unrounded: clientWidth is a whole number, and a long screenshot's lower
    // tiles would drift by the rounding times their distance from the top.
    const shown = ui.image.getBoundingClientRect().width;
    const box = view?.highlight && scaledBox(view.highlight, shown, ui.image.naturalWidth);
    if (!box) {
        hideHighlight();
        return false;
    }
    Object.assign(ui.highlight.style, {left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`,
                                       height: `${box.height}px`});
    ui.highlight.hidden = false;
    return true;
}

/** Scrolls the screenshot (its own scroll box) to the outline, and the screenshot into view. */
function revealHighlight() {
    const frame = ui.shotFrame;
    const top = ui.highlight.offsetTop - (frame.clientHeight - ui.highlight.offsetHeight) / 2;
    frame.scrollTo({top: Math.max(0, top), behavior: scrollBehavior()});
    const shown = frame.getBoundingClientRect();
    if (shown.bottom < 0 || shown.top > window.innerHeight) {
        frame.scrollIntoView({block: 'nearest', behavior: scrollBehavior()});
    }
}

function locate(button, tile) {
    for (const pressed of ui.readingBody.querySelectorAll('.tile-locate[aria-pressed="true"]')) {
        pressed.setAttribute('aria-pressed', 'false');
    }
    button.setAttribute('aria-pressed', 'true');
    view.highlight = tile.bbox;
    if (!tile.bbox) {
        hideHighlight();
        ui.shotNote.textContent = `${tileName(tile)}: its place on the screenshot is not known.`;
        return;
    }
    ui.shotNote.textContent = `${tileName(tile)} is outlined on the screenshot.`;
    // Before the image has loaded its size is unknown: the load handler places the outline.
    if (placeHighlight()) revealHighlight();
}

ui.image.addEventListener('load', () => {
    if (placeHighlight()) revealHighlight();
});
new ResizeObserver(() => placeHighlight()).observe(ui.image);

// ---- the editor -----------------------------------------------------------------------------

function editorForm() {
    const form = el('form', {class: 'editor', id: 'decklist-editor', novalidate: true,
                             'aria-label': 'Correct the decklist'});
    form.append(metadataFields());
    for (const section of SECTIONS) form.append(sectionBlock(section, true));
    form.append(el(
        'div',
        {class: 'editor-actions'},
        el('span', {class: 'reviewed-option'},
           el('input', {type: 'checkbox', id: 'mark-reviewed', checked: true}),
           el('label', {for: 'mark-reviewed'}, 'I checked it against the screenshot (marks it reviewed)')),
        el('button', {type: 'submit', class: 'primary-button', id: 'save-button'}, 'Save'),
        el('button', {type: 'button', 'data-action': 'cancel-edit'}, 'Cancel'),
    ));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        save();
    });
    return form;
}

function metadataFields() {
    const options = el('datalist', {id: 'event-options'}, eventNames.map((name) => el('option', {value: name})));
    return el(
        'fieldset',
        {class: 'meta-fields'},
        el('legend', {}, 'Details'),
        METADATA_FIELDS.map(({key, label}) => {
            const id = `meta-${key}`;
            const type = key === 'date' ? 'date' : key === 'placement' ? 'number' : 'text';
            const input = el('input', {id, name: key, type, class: 'meta-input', autocomplete: 'off',
                                       'data-meta': key, list: key === 'event' ? 'event-options' : null,
                                       min: key === 'placement' ? 1 : null, step: key === 'placement' ? 1 : null});
            input.value = view.draft.metadata[key];
            return el('div', {class: 'meta-field'}, el('label', {for: id}, label), input);
        }),
        options,
    );
}

function startEditing() {
    view.editing = true;
    view.draft = draftOf(view.record.decklist);
    ui.saveStatus.textContent = '';
    ui.saveStatus.dataset.kind = '';
    renderDecklist();
    document.getElementById('meta-deck_name').focus();
}

function stopEditing() {
    view.editing = false;
    view.draft = draftOf(view.record.decklist);
    renderDecklist();
    document.getElementById('edit-button').focus();
    setStatus('Edits discarded.');
}

function setStatus(text, kind = '') {
    ui.saveStatus.textContent = text;
    ui.saveStatus.dataset.kind = kind;
}

function removeTile(row, found) {
    view.draft.sections[found.key].splice(found.index, 1);
    const next = row.nextElementSibling ?? row.previousElementSibling;
    const section = row.closest('[data-section]');
    row.remove();
    updateCount(found.key);
    (next?.querySelector('.tile-locate') ?? section.querySelector('[data-action="add"]')).focus();
    setStatus(`Removed ${tileName(found.tile)} (not saved yet).`);
}

function changeTile(row, found, trigger) {
    openPicker({
        label: `Card for ${tileName(found.tile)}`,
        trigger,
        place: (picker) => row.append(picker),
        onPick: (card) => {
            const tile = withCard(found.tile, card);
            const index = view.draft.sections[found.key].indexOf(found.tile);
            view.draft.sections[found.key][index] = tile;
            const replacement = tileRow(tile, true);
            row.replaceWith(replacement);
            updateCount(found.key);
            replacement.querySelector('[data-action="change"]').focus();
            setStatus(`${tileName(found.tile)} is now ${tileName(tile)} (not saved yet).`);
        },
    });
}

function addTile(section, trigger) {
    const key = section.dataset.section;
    openPicker({
        label: `Card to add to ${SECTIONS.find((s) => s.key === key).title}`,
        trigger,
        place: (picker) => trigger.parentElement.before(picker),
        onPick: (card) => {
            const tile = addedTile(card);
            view.draft.sections[key].push(tile);
            const row = tileRow(tile, true);
            section.querySelector('.tile-list').append(row);
            section.querySelector('.empty')?.remove();
            updateCount(key);
            row.querySelector('.qty-input').focus();
            setStatus(`Added ${tileName(tile)} (not saved yet).`);
        },
    });
}

ui.readingBody.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button || !view) return;
    const action = button.dataset.action;
    if (action === 'edit') return startEditing();
    if (action === 'cancel-edit') return stopEditing();
    if (action === 'add') return addTile(button.closest('[data-section]'), button);
    const row = button.closest('li[data-uid]');
    const found = row && findTile(Number(row.dataset.uid));
    if (!found) return;
    if (action === 'locate') locate(button, found.tile);
    else if (action === 'change') changeTile(row, found, button);
    else if (action === 'remove') removeTile(row, found);
});

ui.readingBody.addEventListener('input', (event) => {
    const input = event.target;
    if (!view?.editing) return;
    if (input.dataset.action === 'quantity') {
        const found = findTile(Number(input.closest('li[data-uid]').dataset.uid));
        const value = input.value.trim() === '' ? NaN : Number(input.value);
        found.tile.quantity = value;
        const valid = Number.isInteger(value) && value >= 1 && value <= MAX_QUANTITY;
        if (valid) input.removeAttribute('aria-invalid');
        else input.setAttribute('aria-invalid', 'true');
        updateCount(found.key);
    } else if (input.dataset.meta) {
        view.draft.metadata[input.dataset.meta] = input.value;
    }
});

async function save() {
    const current = view;
    if (!current?.editing || current.saving) return;
    const problem = draftProblem(current.draft);
    if (problem) {
        setStatus(`Not saved: ${problem}`, 'error');
        return;
    }
    const reviewed = document.getElementById('mark-reviewed').checked;
    const patch = buildPatch(current.record.decklist, current.draft, {reviewed});
    if (!patch) {
        setStatus('Nothing to save: nothing was changed.');
        return;
    }
    const dropping = sectionsDroppingTiles(current.record.decklist, current.draft).map((s) => s.title);
    current.saving = true;
    ui.conflict.hidden = true;
    setStatus('Saving…');
    try {
        const {record, etag} = await patchDecklist(current.id, current.etag, patch);
        if (current !== view) return;
        showRecord(record, etag);
        listStale = true;
        document.getElementById('edit-button').focus();
        const review = record.needs_review ? ' It needs review: see the reasons above.' : '';
        const dropped = dropping.length ? ` Tiles without a card were dropped from ${dropping.join(', ')}.` : '';
        const code = record.deck_code ? 'Deck code updated.' : 'No deck code for this list.';
        setStatus(`Saved as revision ${record.revision}. ${code}${review}${dropped}`, 'ok');
        loadRevisions(current);
        loadEvents();
    } catch (error) {
        if (current !== view) return;
        if (error.conflict) {
            showConflict(error.body.current);
        } else {
            setStatus(`Not saved: ${failure(error)}`, 'error');
        }
    } finally {
        current.saving = false;
    }
}

function showConflict(latest) {
    setStatus('Not saved.', 'error');
    const who = latest ? ` It is now at revision ${latest.revision}.` : '';
    ui.conflictText.textContent = `Someone else changed this decklist since you opened it.${who} ` +
        'Your changes were not saved: reload to see the current version, then make them again.';
    ui.conflict.hidden = false;
    ui.conflictReload.focus();
}

ui.conflictReload.addEventListener('click', async () => {
    const current = view;
    if (!current) return;
    try {
        const {record, etag} = await getDecklist(current.id);
        if (current !== view) return;
        ui.conflict.hidden = true;
        showRecord(record, etag);
        setStatus(`Reloaded: this is revision ${record.revision}.`);
        document.getElementById('edit-button').focus();
        loadRevisions(current);
    } catch (error) {
        if (current === view) setStatus(`The reload failed: ${failure(error)}`, 'error');
    }
});

// ---- the card search (a combobox with a listbox) ----------------------------------------

let picker = null;
let pickerCount = 0;

/**
 * Opens a search box over the card database's Chinese and English names. `place(element)` puts
 * it in the page; `onPick(card)` gets the card chosen; Escape closes the list, and a second
 * Escape (or Cancel) closes the search and gives the focus back to `trigger`.
 */
function openPicker({label, trigger, place, onPick}) {
    closePicker(false);
    const n = ++pickerCount;
    const inputId = `card-search-${n}`;
    const listId = `${inputId}-list`;
    const hintId = `${inputId}-hint`;
    const input = el('input', {type: 'text', id: inputId, class: 'picker-input', role: 'combobox',
                               'aria-expanded': 'false', 'aria-controls': listId, 'aria-autocomplete': 'list',
                               'aria-describedby': hintId, autocomplete: 'off', spellcheck: 'false'});
    const listbox = el('ul', {class: 'picker-list', id: listId, role: 'listbox', 'aria-label': 'Cards found',
                              hidden: true});
    const status = el('span', {class: 'picker-status', role: 'status'});
    const cancel = el('button', {type: 'button', class: 'picker-cancel'}, 'Cancel');
    const element = el(
        'div',
        {class: 'card-picker'},
        el('label', {for: inputId}, label),
        el('div', {class: 'picker-field'}, input, cancel),
        listbox,
        el('p', {class: 'picker-hint', id: hintId},
           'Type a Chinese or English name. ↑ ↓ choose, Enter picks, Escape closes the list. ', status),
    );
    const state = (picker = {element, input, listbox, status, trigger, onPick, cards: [], active: -1, timer: null,
                             controller: null, listId});
    place(element);
    input.addEventListener('input', () => scheduleSearch(state));
    input.addEventListener('keydown', (event) => pickerKey(state, event));
    cancel.addEventListener('click', () => closePicker(true));
    listbox.addEventListener('mousedown', (event) => event.preventDefault());  // the focus stays in the box
    listbox.addEventListener('click', (event) => {
        const option = event.target.closest('[role="option"]');
        if (option) pick(state, Number(option.dataset.index));
    });
    input.focus();
}

function closePicker(returnFocus) {
    const state = picker;
    if (!state) return;
    picker = null;
    clearTimeout(state.timer);
    state.controller?.abort();
    state.element.remove();
    if (returnFocus && state.trigger?.isConnected) state.trigger.focus();
}

function scheduleSearch(state) {
    clearTimeout(state.timer);
    const query = state.input.value.trim();
    if (!query) {
        state.controller?.abort();
        setOptions(state, []);
        state.status.textContent = '';
        return;
    }
    state.timer = setTimeout(() => runSearch(state, query), SEARCH_DELAY_MS);
}

async function runSearch(state, query) {
    state.controller?.abort();
    const controller = (state.controller = new AbortController());
    try {
        const cards = await searchCards(query, {limit: SEARCH_LIMIT, signal: controller.signal});
        if (controller !== state.controller || state !== picker) return;
        learnNames(cards);
        setOptions(state, cards);
        state.status.textContent = cards.length
            ? `${cards.length} card${cards.length === 1 ? '' : 's'} found.`
            : 'No card matches.';
    } catch (error) {
        if (error.name !== 'AbortError' && state === picker) {
            state.status.textContent = `The search failed: ${failure(error)}`;
        }
    }
}

function setOptions(state, cards) {
    state.cards = cards;
    state.active = -1;
    state.listbox.replaceChildren(...cards.map((card, index) => el(
        'li',
        {role: 'option', id: `${state.listId}-${index}`, class: 'picker-option', 'aria-selected': 'false',
         'data-index': index, 'data-card-number': card.card_number},
        el('span', {class: 'en'}, card.name_en || card.name_cn),
        el('span', {class: 'cn', lang: 'zh'}, card.name_cn),
        el('span', {class: 'card-number'}, card.card_number),
        card.type_en && el('span', {class: 'card-type'}, card.type_en),
    )));
    state.input.removeAttribute('aria-activedescendant');
    showOptions(state, cards.length > 0);
}

function showOptions(state, open) {
    state.listbox.hidden = !open;
    state.input.setAttribute('aria-expanded', String(open));
    if (open) state.element.scrollIntoView({block: 'nearest'});
    if (!open) {
        state.input.removeAttribute('aria-activedescendant');
        setActive(state, -1);
    }
}

function setActive(state, index) {
    state.active = index;
    for (const option of state.listbox.children) {
        option.setAttribute('aria-selected', String(Number(option.dataset.index) === index));
    }
    const option = state.listbox.children[index];
    if (!option) return;
    state.input.setAttribute('aria-activedescendant', option.id);
    // Within the list only: scrollIntoView would scroll the page as well.
    const list = state.listbox;
    const bottom = option.offsetTop + option.offsetHeight;
    if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop;
    else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
}

function pickerKey(state, event) {
    const open = !state.listbox.hidden;
    const count = state.cards.length;
    switch (event.key) {
        case 'ArrowDown':
            event.preventDefault();
            if (!count) return;
            if (!open) showOptions(state, true);
            setActive(state, open ? Math.min(state.active + 1, count - 1) : 0);
            break;
        case 'ArrowUp':
            event.preventDefault();
            if (!count) return;
            if (!open) showOptions(state, true);
            setActive(state, open ? Math.max(state.active - 1, 0) : count - 1);
            break;
        case 'Enter':
            event.preventDefault();  // Enter in the editor's fields saves; here it picks
            if (open && state.active >= 0) pick(state, state.active);
            break;
        case 'Escape':
            event.preventDefault();
            event.stopPropagation();
            if (open) showOptions(state, false);
            else closePicker(true);
            break;
        default:
            break;
    }
}

function pick(state, index) {
    const card = state.cards[index];
    if (!card) return;
    closePicker(false);
    state.onPick(card);
}

// ---- revisions ------------------------------------------------------------------------------

async function loadRevisions(current) {
    try {
        const revisions = await getRevisions(current.id);
        if (current !== view) return;
        const nameOf = (number) => knownNames.get(number) ?? null;
        ui.revisionList.replaceChildren(...revisions.map((revision) => el(
            'li',
            {class: 'revision', 'data-number': revision.number},
            el('p', {class: 'revision-head'},
               el('strong', {}, `Revision ${revision.number}`), ' · ',
               el('span', {'data-field': 'author'}, revision.author || 'unknown author'), ' · ',
               timeElement(revision.at)),
            el('ul', {class: 'revision-changes'},
               describeChanges(revision.changes, nameOf).map((sentence) => el('li', {}, sentence))),
        )));
    } catch (error) {
        if (current === view) {
            ui.revisionList.replaceChildren(el('li', {}, `The revisions could not be loaded: ${failure(error)}`));
        }
    }
}

// ---- routing --------------------------------------------------------------------------------

function showList() {
    const from = view ? lastOpenedId : null;
    closeDecklist();
    ui.decklistView.hidden = true;
    ui.listView.hidden = false;
    if (!list || listStale) {
        resetList();
    } else {
        watchSentinel();
    }
    if (from) {
        const link = ui.list.querySelector(`li[data-id="${CSS.escape(from)}"] a`);
        (link ?? ui.listTitle).focus();
    }
}

/** True while the editor holds changes that were not saved. */
function hasUnsavedEdits() {
    return Boolean(view?.editing && view.record && buildPatch(view.record.decklist, view.draft));
}

function route() {
    const match = /^#\/decklists\/([^/?#]+)$/.exec(location.hash);
    if (view && match?.[1] !== encodeURIComponent(view.id) && hasUnsavedEdits() &&
        !window.confirm('Leave this decklist without saving your edits?')) {
        history.replaceState(null, '', `#/decklists/${encodeURIComponent(view.id)}`);
        return;
    }
    if (match) openDecklist(decodeURIComponent(match[1]));
    else showList();
}

setUpThemeToggle(ui.themeToggle);
window.addEventListener('hashchange', route);
window.addEventListener('beforeunload', (event) => {
    if (hasUnsavedEdits()) event.preventDefault();
});
loadEvents();
route();
