// Builds the DOM for one upload slot: waiting, a finished decklist, or a per-file error.
// Everything the server sent is inserted as text (never as HTML), so a card name or a filename
// cannot inject markup.

import {
    SECTIONS,
    decklistText,
    displayName,
    isLowConfidence,
    reviewReasons,
    legendName,
    sectionCards,
    sectionCount,
} from './decklist-model.js';

/** Creates an element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
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

/** The placeholder shown where a file's card will appear. */
export function pendingSlot(index, filename) {
    const slot = el('article', {class: 'deck-card is-pending', 'data-index': index});
    slot.append(
        el('header', {class: 'deck-head'}, el('p', {class: 'deck-file'}, filename)),
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

/** The finished decklist card. */
export function decklistSlot(index, filename, decklist) {
    const meta = decklist.metadata ?? {};
    const legendCard = sectionCards(decklist, 'legend')[0];
    const slot = el('article', {class: 'deck-card is-done', 'data-index': index, 'data-state': 'done'});

    const head = el(
        'header',
        {class: 'deck-head'},
        el('p', {class: 'deck-file'}, decklist.filename || filename),
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
    const reasons = reviewReasons(decklist);
    if (reasons.length) slot.classList.add('needs-review');
    slot.append(head, reviewBanner(reasons), warningsList(decklist.warnings));
    for (const section of SECTIONS) slot.append(sectionBlock(decklist, section));
    slot.append(cardFooter(decklist));
    return slot;
}

function reviewBanner(reasons) {
    if (reasons.length === 0) return '';
    return el(
        'div',
        {class: 'review', 'data-field': 'needs-review', role: 'note'},
        el('strong', {}, 'Needs review'),
        el(
            'ul',
            {},
            reasons.map((r) => el('li', {'data-code': r.code}, r.message)),
        ),
    );
}

function warningsList(warnings) {
    if (!Array.isArray(warnings) || warnings.length === 0) return '';
    return el(
        'ul',
        {class: 'warnings', 'data-field': 'warnings', 'aria-label': 'Warnings'},
        warnings.map((text) => el('li', {}, text)),
    );
}

function sectionBlock(decklist, section) {
    const cards = sectionCards(decklist, section.key);
    const block = el('details', {class: 'deck-section', 'data-section': section.key, open: true});
    block.append(
        el(
            'summary',
            {},
            el('span', {class: 'section-title'}, section.title),
            el('span', {class: 'cn'}, section.titleCn),
            el('span', {class: 'section-count', 'data-field': 'count'}, sectionCount(decklist, section.key)),
        ),
    );
    if (cards.length === 0) {
        block.append(el('p', {class: 'empty'}, 'none'));
        return block;
    }
    const rows = cards.map((card) => {
        const doubtful = isLowConfidence(card);
        const score = typeof card.match_score === 'number' ? Math.round(card.match_score) : null;
        return el(
            'li',
            {class: doubtful ? 'card-row is-doubtful' : 'card-row'},
            el('span', {class: 'qty'}, card.quantity ?? 1),
            el(
                'span',
                {class: 'names'},
                el('span', {class: 'en'}, displayName(card)),
                el('span', {class: 'cn'}, card.name_en ? card.name_cn : card.ocr_text || ''),
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
    });
    block.append(el('ul', {class: 'card-list'}, rows));
    return block;
}

function cardFooter(decklist) {
    const stats = decklist.stats ?? {};
    const facts = [];
    if (typeof stats.total_cards === 'number') facts.push(`${stats.total_cards} cards`);
    if (typeof stats.accuracy === 'number') facts.push(`${stats.accuracy.toFixed(1)}% matched`);
    if (typeof decklist.timing_ms?.total === 'number') facts.push(`${Math.round(decklist.timing_ms.total)} ms`);
    const copy = el('button', {type: 'button', class: 'copy-button'}, 'Copy as text');
    copy.addEventListener('click', () => copyText(decklistText(decklist), copy));
    return el('footer', {class: 'deck-foot'}, el('span', {class: 'facts'}, facts.join(' · ')), copy);
}

async function copyText(text, button) {
    let copied = false;
    try {
        await navigator.clipboard.writeText(text);
        copied = true;
    } catch {
        // The clipboard API needs a secure context; an http deployment falls back to a selection.
        const area = el('textarea', {class: 'offscreen', readonly: true});
        area.value = text;
        document.body.append(area);
        area.select();
        copied = document.execCommand('copy');
        area.remove();
    }
    button.textContent = copied ? 'Copied ✓' : 'Copy failed';
    button.classList.toggle('is-copied', copied);
    setTimeout(() => {
        button.textContent = 'Copy as text';
        button.classList.remove('is-copied');
    }, 1600);
}

/** A file the server could not read: the message sits where its card would be. */
export function errorSlot(index, filename, error) {
    return el(
        'article',
        {class: 'deck-card is-error', 'data-index': index, 'data-state': 'error', role: 'alert'},
        el('header', {class: 'deck-head'}, el('p', {class: 'deck-file'}, error.filename || filename)),
        el('p', {class: 'error-kind'}, errorTitle(error.error_type)),
        el('p', {class: 'error-message', 'data-field': 'error'}, error.error || 'Unknown error'),
    );
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
        default:
            return 'Failed';
    }
}

/** The line shown when the batch completes (the complete event's data). */
export function summaryContent(summary, {cancelledByUser = false} = {}) {
    const parts = [
        el('strong', {'data-field': 'successful'}, `${summary.successful ?? 0} of ${summary.total ?? 0} read`),
        el('span', {'data-field': 'failed'}, `${summary.failed ?? 0} failed`),
    ];
    if (summary.cancelled) parts.push(el('span', {'data-field': 'cancelled'}, `${summary.cancelled} cancelled`));
    if (typeof summary.average_accuracy === 'number') {
        parts.push(el('span', {}, `${summary.average_accuracy.toFixed(1)}% cards matched`));
    }
    if (typeof summary.processing_time_seconds === 'number') {
        parts.push(el('span', {}, `${summary.processing_time_seconds.toFixed(1)} s`));
    }
    const title = cancelledByUser ? 'Batch cancelled' : 'Batch complete';
    return [el('span', {class: 'summary-title'}, title), ...parts];
}
