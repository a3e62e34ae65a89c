// Wires the page together: file choice and drop, one streaming upload at a time, a slot per
// file that fills in as its events arrive, the progress bar, cancel, and the closing summary.

import {BATCH_FAST_URL, BATCH_SEQUENTIAL_URL, BatchRejected, streamBatch} from './batch-client.js';
import {decklistSlot, errorSlot, pendingSlot, setSlotState, summaryContent} from './render.js';

const ui = {
    dropzone: document.getElementById('dropzone'),
    input: document.getElementById('file-input'),
    run: document.getElementById('run'),
    progress: document.getElementById('progress'),
    progressText: document.getElementById('progress-text'),
    progressStatus: document.getElementById('progress-status'),
    cancel: document.getElementById('cancel-button'),
    banner: document.getElementById('banner'),
    summary: document.getElementById('summary'),
    results: document.getElementById('results'),
};

/** The batch being streamed; null when idle. */
let batch = null;

function startBatch(fileList) {
    const files = [...fileList];
    if (files.length === 0 || batch) return;
    batch = {
        files,
        slots: files.map((file, index) => pendingSlot(index, file.name)),
        finished: 0,
        total: files.length,
        completed: false,
        controller: new AbortController(),
    };
    ui.results.replaceChildren(...batch.slots);
    ui.banner.hidden = true;
    ui.summary.hidden = true;
    ui.run.hidden = false;
    ui.dropzone.classList.add('is-compact');  // the results matter more now
    ui.run.dataset.state = 'running';
    ui.cancel.disabled = false;
    setBusy(true);
    renderProgress(batch, 'Uploading…');
    runBatch(batch);
}

async function runBatch(current) {
    const options = {
        signal: current.controller.signal,
        onEvent: (type, data) => handleEvent(current, type, data),
    };
    try {
        try {
            await streamBatch(current.files, {...options, url: BATCH_FAST_URL});
        } catch (error) {
            if (!(error instanceof BatchRejected && error.parallelDisabled)) throw error;
            await streamBatch(current.files, {...options, url: BATCH_SEQUENTIAL_URL});
        }
        if (!current.completed) {
            showBanner('The connection closed before the batch finished. Files without a card were not read.');
            markUnfinished(current, 'Not finished');
        }
    } catch (error) {
        if (error.name === 'AbortError' && current.completed) {
            // Cancel clicked in the instant between the complete event and the end of the body.
        } else if (error.name === 'AbortError') {
            markUnfinished(current, 'Cancelled');
            showSummary(current, {
                total: current.total,
                successful: current.slots.filter((s) => s.dataset.state === 'done').length,
                failed: current.slots.filter((s) => s.dataset.state === 'error').length,
                cancelled: current.total - current.finished,
            }, {cancelledByUser: true});
        } else if (error instanceof BatchRejected) {
            ui.results.replaceChildren();
            showBanner(`The batch was refused: ${error.message}`);
        } else {
            showBanner(`The connection failed: ${error.message}`);
            markUnfinished(current, 'Not finished');
        }
    } finally {
        ui.cancel.disabled = true;
        ui.run.dataset.state = current.completed ? 'complete' : 'stopped';
        setBusy(false);
        batch = null;
    }
}

function handleEvent(current, type, data) {
    const index = slotIndex(current, data);
    switch (type) {
        case 'progress':
            if (index != null) setSlotState(current.slots[index], data.status);
            // The server's total grows while the upload arrives; we already know how many we sent.
            if (Number.isInteger(data.total)) current.total = Math.max(current.total, data.total);
            renderProgress(current, data.filename ? `${statusVerb(data.status)} ${data.filename}` : '');
            break;
        case 'result':
            fillSlot(current, index, decklistSlot(index, data.filename, data.decklist ?? {}));
            break;
        case 'error':
            fillSlot(current, index, errorSlot(index, data.filename, data));
            break;
        case 'complete':
            current.completed = true;
            ui.cancel.disabled = true;
            renderProgress(current, '');
            showSummary(current, data);
            break;
        default:
            break;
    }
}

/** Events name their file by upload index; fall back to the filename if the index is odd. */
function slotIndex(current, data) {
    if (Number.isInteger(data.index) && data.index >= 0 && data.index < current.slots.length) {
        return data.index;
    }
    const byName = current.files.findIndex((file) => file.name === data.filename);
    return byName >= 0 ? byName : null;
}

function fillSlot(current, index, replacement) {
    if (index == null) {
        ui.results.append(replacement);  // an event we cannot place still deserves to be seen
    } else {
        const previous = current.slots[index];
        if (previous.dataset.state === 'done' || previous.dataset.state === 'error') return;
        previous.replaceWith(replacement);
        current.slots[index] = replacement;
    }
    current.finished += 1;
    renderProgress(current);
}

function markUnfinished(current, label) {
    for (const slot of current.slots) {
        if (slot.dataset.state === 'done' || slot.dataset.state === 'error') continue;
        slot.dataset.state = 'stopped';
        const status = slot.querySelector('[data-field="status"]');
        if (status) status.textContent = label;
    }
}

function statusVerb(status) {
    return status === 'validating' ? 'Checking' : status === 'processing' ? 'Reading' : 'At';
}

function renderProgress(current, status) {
    ui.progress.max = current.total;
    ui.progress.value = Math.min(current.finished, current.total);
    ui.progressText.textContent = `${current.finished} / ${current.total}`;
    if (status !== undefined) ui.progressStatus.textContent = status;
}

function showSummary(current, summary, options) {
    ui.summary.replaceChildren(...summaryContent(summary, options));
    ui.summary.hidden = false;
    ui.summary.dataset.state = options?.cancelledByUser ? 'cancelled' : 'complete';
}

function showBanner(text) {
    ui.banner.textContent = text;
    ui.banner.hidden = false;
}

function setBusy(busy) {
    ui.input.disabled = busy;
    ui.dropzone.classList.toggle('is-busy', busy);
    document.body.classList.toggle('is-busy', busy);
}

ui.input.addEventListener('change', () => {
    startBatch(ui.input.files);
    ui.input.value = '';  // choosing the same files again must fire `change` again
});

ui.cancel.addEventListener('click', () => batch?.controller.abort());

// Dropping anywhere on the page uploads; without this the browser would open the image instead.
for (const name of ['dragenter', 'dragover']) {
    document.addEventListener(name, (event) => {
        event.preventDefault();
        if (!batch) ui.dropzone.classList.add('is-dragging');
    });
}
document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) ui.dropzone.classList.remove('is-dragging');
});
document.addEventListener('drop', (event) => {
    event.preventDefault();
    ui.dropzone.classList.remove('is-dragging');
    const files = [...(event.dataTransfer?.files ?? [])];
    startBatch(files);
});
