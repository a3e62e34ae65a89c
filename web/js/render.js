// Builds the DOM for one upload slot: waiting, a finished decklist, or a per-file error, and
// the batch summary; the library view (library.js) shares its element helper and the parts of a
// decklist both pages show (deck code, review reasons, warnings).
// Everything the server sent is inserted as text (never as HTML), so a card name or a filename
// cannot inject markup.

import {
    SECTIONS,
    decklistText,
    displayName,
    downloadName,
    groupedCards,
    isLowConfidence,
    printingsNote,
    reviewReasons,
    legendName,
    sectionCards,
    sectionCount,
} from './decklist-model.js';

/** Creates an element with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
        if (value == null || value === false) continue;
        if (name === 'class') node.className = value;
        else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
        if (child == null || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

const STATUS_TEXT = {
    queued: 'Waiting',
    validating: 'Checking the file',
    processing: 'Reading the decklist',
};

/** The screenshot's thumbnail: a button that shows the full-size image beside the list. */
function thumbnail(thumbUrl, filename) {
    if (!thumbUrl) return '';
    const button = el(
        'button',
        {type: 'button', class: 'thumb', 'data-action': 'source', 'aria-expanded': 'false',
         title: 'Show the screenshot beside the list'},
        el('img', {src: thumbUrl, alt: `Screenshot ${filename}`, decoding: 'async'}),
    );
    // A file that is no image (the server will say so) gets a plain placeholder, not a broken icon.
    button.querySelector('img').addEventListener('error', () => {
        button.classList.add('is-broken');
        button.disabled = true;
    }, {once: true});
    button.addEventListener('click', () => {
        const slot = button.closest('.deck-card');
        const open = slot.classList.toggle('is-expanded');
        button.setAttribute('aria-expanded', String(open));
        let figure = slot.querySelector('.source-view');
        if (open && !figure) {
            figure = el(
                'figure',
                {class: 'source-view', 'data-field': 'source'},
                el('img', {src: thumbUrl, alt: `Screenshot ${filename}, full size`}),
                el('figcaption', {}, filename),
            );
            slot.append(figure);
        }
        if (figure) figure.hidden = !open;
        if (open) slot.scrollIntoView({block: 'nearest'});
    });
    return button;
}

function slotHead(filename, thumbUrl, ...rest) {
    return el(
        'header',
        {class: 'deck-head'},
        el('div', {class: 'deck-file-row'}, thumbnail(thumbUrl, filename), el('p', {class: 'deck-file'}, filename)),
        ...rest,
    );
}

/** The placeholder shown where a file's card will appear. */
export function pendingSlot(index, filename, thumbUrl) {
    const slot = el('article', {class: 'deck-card is-pending', 'data-index': index, 'aria-label': filename});
    slot.append(
        slotHead(filename, thumbUrl),
        el('p', {class: 'slot-status', 'data-field': 'status'}, STATUS_TEXT.queued),
        el('div', {class: 'shimmer', 'aria-hidden': 'true'}, el('span'), el('span'), el('span')),
    );
    setSlotState(slot, 'queued');
    return slot;
}

export function setSlotState(slot, state) {
    slot.dataset.state = state;
    const status = slot.querySelector('[data-field="status"]');
    if (status && STATUS_TEXT[state]) status.textContent = STATUS_TEXT[state];
}

/**
 * The finished decklist card. `actions.download(blob, name)` saves a file; `thumbUrl` is the
 * object URL of the uploaded screenshot.
 */
export function decklistSlot(index, filename, decklist, {thumbUrl, actions} = {}) {
    const meta = decklist.metadata ?? {};
    const legendCard = sectionCards(decklist, 'legend')[0];
    const name = decklist.filename || filename;
    const slot = el('article', {class: 'deck-card is-done', 'data-index': index, 'data-state': 'done',
                                'aria-label': meta.deck_name || name});

    const head = slotHead(
        name,
        thumbUrl,
        el(
            'div',
            {class: 'deck-title-row'},
            el('h2', {class: 'deck-name', 'data-field': 'deck-name'}, meta.deck_name || 'Untitled deck'),
            meta.placement != null &&
                el('span', {class: 'placement', 'data-field': 'placement', title: 'Placement'}, `#${meta.placement}`),
        ),
        el(
            'p',
            {class: 'deck-meta'},
            meta.player && el('span', {class: 'player', 'data-field': 'player'}, meta.player),
            meta.event && el('span', {class: 'event', 'data-field': 'event'}, meta.event),
            meta.date && el('span', {class: 'date'}, meta.date),
        ),
        el(
            'p',
            {class: 'legend'},
            el('span', {class: 'label'}, 'Legend'),
            el('strong', {'data-field': 'legend-name'}, legendName(decklist) || 'unknown'),
            legendCard?.name_cn && el('span', {class: 'cn'}, legendCard.name_cn),
        ),
    );
    head.append(libraryNote(decklist, name));
    const reasons = reviewReasons(decklist);
    if (reasons.length) {
        slot.classList.add('needs-review');
        slot.dataset.review = 'true';
    }
    const body = el('div', {class: 'deck-body'});
    body.append(head, reviewBanner(reasons), deckCodeField(index, decklist),
                warningsList(warningsBesides(decklist.warnings, reasons)));
    for (const section of SECTIONS) body.append(sectionBlock(decklist, section));
    body.append(cardFooter(decklist, actions));
    slot.append(body);
    return slot;
}

/** Where a saved decklist lives in the library (the upload asked for ?save=true). */
function libraryNote(decklist, name) {
    const id = decklist.saved?.id;
    if (typeof id !== 'string' || id === '') return '';
    const revision = Number.isInteger(decklist.saved.revision) ? `, revision ${decklist.saved.revision}` : '';
    return el(
        'p',
        {class: 'saved-note', 'data-field': 'saved'},
        decklist.duplicate_of ? `Already in the library${revision}` : `Saved to the library${revision}`,
        ' · ',
        el('a', {href: `library.html#/decklists/${encodeURIComponent(id)}`, 'data-field': 'library-link',
                 'aria-label': `Open in the library: ${name}`}, 'Open in the library'),
    );
}

export function reviewBanner(reasons) {
    if (reasons.length === 0) return '';
    return el(
        'div',
        {class: 'review', 'data-field': 'needs-review', role: 'note'},
        el('strong', {}, '⚠ Needs review'),
        el(
            'ul',
            {},
            reasons.map((r) => el('li', {'data-code': r.code}, r.message)),
        ),
    );
}

/**
 * The deck code a player pastes into a deck builder, with its copy button; `index` makes the
 * field's id unique on the page.
 */
export function deckCodeField(index, decklist) {
    const id = `deck-code-${index}`;
    if (typeof decklist.deck_code !== 'string' || decklist.deck_code === '') {
        const why = (decklist.warnings ?? []).find((w) => typeof w === 'string' && w.startsWith('deck_code is null: '));
        return el(
            'p',
            {class: 'deck-code is-missing', 'data-field': 'deck-code'},
            el('span', {class: 'label'}, 'Deck code'),
            el('span', {}, why ? `none (${why.slice('deck_code is null: '.length)})` : 'none for this list'),
        );
    }
    const input = el('input', {id, type: 'text', readonly: true, spellcheck: 'false', class: 'deck-code-value',
                               'data-field': 'deck-code-value'});
    input.value = decklist.deck_code;
    input.addEventListener('focus', () => input.select());
    const copy = el('button', {type: 'button', class: 'copy-code', 'data-action': 'copy-code',
                               'aria-label': 'Copy deck code'}, 'Copy');
    copy.addEventListener('click', () => copyText(decklist.deck_code, copy));
    return el(
        'div',
        {class: 'deck-code', 'data-field': 'deck-code'},
        el('label', {class: 'label', for: id}, 'Deck code'),
        input,
        copy,
    );
}

/** The warnings that do not repeat a review reason (the engine words some of them twice). */
export function warningsBesides(warnings, reasons) {
    if (!Array.isArray(warnings)) return [];
    const said = reasons.map((r) => String(r.message).split(';')[0]);
    return warnings.filter((w) => !said.includes(String(w).split(';')[0]));
}

export function warningsList(warnings) {
    if (!Array.isArray(warnings) || warnings.length === 0) return '';
    return el(
        'ul',
        {class: 'warnings', 'data-field': 'warnings', 'aria-label': 'Warnings'},
        warnings.map((text) => el('li', {}, text)),
    );
}

function sectionBlock(decklist, section) {
    const rows = groupedCards(decklist, section.key);
    const block = el('details', {class: 'deck-section', 'data-section': section.key, open: true});
    block.append(
        el(
            'summary',
            {},
            el('span', {class: 'section-title'}, section.title),
            el('span', {class: 'cn', lang: 'zh'}, section.titleCn),
            el('span', {class: 'section-count', 'data-field': 'count'}, sectionCount(decklist, section.key)),
        ),
    );
    if (rows.length === 0) {
        block.append(el('p', {class: 'empty'}, 'none'));
        return block;
    }
    block.append(el('ul', {class: 'card-list'}, rows.map(cardRow)));
    return block;
}

function cardRow(card) {
    const doubtful = isLowConfidence(card);
    const score = typeof card.match_score === 'number' ? Math.round(card.match_score) : null;
    const note = printingsNote(card);
    const image = card.image_url_en || card.printings?.find((p) => p.image_url_en)?.image_url_en;
    const name = el('span', {class: 'en'}, displayName(card));
    const row = el(
        'li',
        {class: doubtful ? 'card-row is-doubtful' : 'card-row', 'data-card': card.name_en || ''},
        el('span', {class: 'qty', 'data-field': 'qty'}, card.quantity ?? 1),
        el(
            'span',
            {class: 'names'},
            name,
            el('span', {class: 'cn', lang: 'zh'}, card.name_en ? card.name_cn : card.ocr_text || ''),
            note && el('span', {class: 'printings', 'data-field': 'printings'}, note),
        ),
        doubtful &&
            el(
                'span',
                {
                    class: 'doubt',
                    title: card.name_en ? `Match score ${score} — please check` : 'No card matched this text',
                },
                card.name_en ? `≈${score}` : 'no match',
            ),
    );
    if (image) {
        // The card's picture on hover or keyboard focus. The <img> is only created then, so a
        // list of 60 cards costs no image requests until someone looks.
        name.tabIndex = 0;
        name.classList.add('has-image');
        const show = () => {
            if (row.querySelector('.card-preview')) return;
            row.append(
                el('span', {class: 'card-preview', 'aria-hidden': 'true'},
                   el('img', {src: image, alt: '', loading: 'lazy', decoding: 'async', width: 220,
                              referrerpolicy: 'no-referrer'})),
            );
        };
        row.addEventListener('mouseenter', show);
        name.addEventListener('focus', show);
    }
    return row;
}

function cardFooter(decklist, actions) {
    const stats = decklist.stats ?? {};
    const facts = [];
    if (typeof stats.total_cards === 'number') facts.push(`${stats.total_cards} cards`);
    if (typeof stats.accuracy === 'number') facts.push(`${stats.accuracy.toFixed(1)}% matched`);
    if (typeof decklist.timing_ms?.total === 'number') facts.push(`${Math.round(decklist.timing_ms.total)} ms`);
    const copy = el('button', {type: 'button', class: 'copy-button', 'data-action': 'copy-text'}, 'Copy as text');
    copy.addEventListener('click', () => copyText(decklistText(decklist), copy));
    const json = el('button', {type: 'button', 'data-action': 'download-json', 'aria-label': 'Download JSON'}, 'JSON');
    json.addEventListener('click', () => actions?.download(
        new Blob([JSON.stringify(decklist, null, 2) + '\n'], {type: 'application/json'}),
        downloadName(decklist, 'json')));
    const text = el('button', {type: 'button', 'data-action': 'download-text', 'aria-label': 'Download text'}, 'Text');
    text.addEventListener('click', () => actions?.download(
        new Blob([decklistText(decklist)], {type: 'text/plain;charset=utf-8'}), downloadName(decklist, 'txt')));
    return el(
        'footer',
        {class: 'deck-foot'},
        el('span', {class: 'facts'}, facts.join(' · ')),
        el('span', {class: 'deck-actions', role: 'group', 'aria-label': 'Export'},
           copy, el('span', {class: 'download-label', 'aria-hidden': 'true'}, 'Download'),
           json, text),
    );
}

async function copyText(text, button) {
    const label = button.dataset.label ?? (button.dataset.label = button.textContent);
    let copied = false;
    try {
        await navigator.clipboard.writeText(text);
        copied = true;
    } catch {
        // The clipboard API needs a secure context; an http deployment falls back to a selection.
        const area = el('textarea', {class: 'offscreen', readonly: true, 'aria-hidden': 'true'});
        area.value = text;
        document.body.append(area);
        area.select();
        copied = document.execCommand('copy');
        area.remove();
    }
    // The accessible name must contain the visible text: change both, then put both back.
    const ariaLabel = button.getAttribute('aria-label');
    button.textContent = copied ? 'Copied ✓' : 'Copy failed';
    if (ariaLabel) button.setAttribute('aria-label', copied ? 'Copied ✓' : 'Copy failed');
    button.classList.toggle('is-copied', copied);
    setTimeout(() => {
        button.textContent = label;
        if (ariaLabel) button.setAttribute('aria-label', ariaLabel);
        button.classList.remove('is-copied');
    }, 1600);
}

/**
 * A file the server could not read: the message sits where its card would be, with a retry
 * button (`actions.retry()`); a cancelled file is shown as stopped rather than failed.
 */
export function errorSlot(index, filename, error, {thumbUrl, actions} = {}) {
    const name = error.filename || filename;
    const cancelled = error.error_type === 'cancelled';
    const wait = Number.isFinite(error.retry_after_s) ? error.retry_after_s : null;
    const retry = el('button', {type: 'button', class: 'retry-button', 'data-action': 'retry',
                                'aria-label': `Retry ${name}`}, 'Retry');
    retry.addEventListener('click', () => actions?.retry());
    return el(
        'article',
        {class: cancelled ? 'deck-card is-stopped' : 'deck-card is-error', 'data-index': index,
         'data-state': cancelled ? 'stopped' : 'error', 'data-error-type': error.error_type || 'internal',
         'aria-label': name},
        slotHead(name, thumbUrl),
        el('p', {class: 'error-kind', 'data-field': 'status'}, errorTitle(error.error_type)),
        el('p', {class: 'error-message', 'data-field': 'error'}, error.error || 'Unknown error'),
        wait != null && el('p', {class: 'error-wait', 'data-field': 'wait'}, waitText(wait)),
        el('footer', {class: 'deck-foot'}, retry),
    );
}

/** "Try again in 20 s" (or in minutes for long waits). */
export function waitText(seconds) {
    const s = Math.max(1, Math.ceil(seconds));
    return s >= 120 ? `Try again in ${Math.ceil(s / 60)} min` : `Try again in ${s} s`;
}

function errorTitle(type) {
    switch (type) {
        case 'validation':
            return 'Not a readable image';
        case 'processing':
            return 'No decklist found';
        case 'timeout':
            return 'Took too long';
        case 'cancelled':
            return 'Cancelled';
        case 'limit':
            return 'Over a server limit';
        case 'rate_limited':
            return 'Too many images for now';
        case 'upload_incomplete':
            return 'Upload cut off';
        default:
            return 'Failed';
    }
}

/** The batch summary line: counts of the slots as they stand, plus the server's facts. */
export function summaryContent(summary, {cancelledByUser = false} = {}) {
    const parts = [
        el('strong', {'data-field': 'successful'}, `${summary.successful ?? 0} of ${summary.total ?? 0} read`),
        el('span', {'data-field': 'failed'}, `${summary.failed ?? 0} failed`),
    ];
    if (summary.cancelled) parts.push(el('span', {'data-field': 'cancelled'}, `${summary.cancelled} cancelled`));
    if (typeof summary.needs_review === 'number') {
        parts.push(el('span', {'data-field': 'needs-review', class: summary.needs_review ? 'has-review' : ''},
                      `${summary.needs_review} need${summary.needs_review === 1 ? 's' : ''} review`));
    }
    if (typeof summary.average_accuracy === 'number') {
        parts.push(el('span', {}, `${summary.average_accuracy.toFixed(1)}% cards matched`));
    }
    if (typeof summary.processing_time_seconds === 'number') {
        parts.push(el('span', {}, `${summary.processing_time_seconds.toFixed(1)} s`));
    }
    const title = cancelledByUser ? 'Batch cancelled' : 'Batch complete';
    return [el('span', {class: 'summary-title'}, title), ...parts];
}
