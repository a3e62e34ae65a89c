// Wires the page together: file choice and drop, one batch request at a time, a slot per file
// that fills in as its events arrive, the progress bar, cancel, retries, downloads, the API key,
// saving to the library and the theme toggle (theme.js).
//
// A *session* is the set of files a person chose; a *run* is one request for some of its files
// (all of them first, then the ones retried). Slots belong to the session, so a retry fills the
// same slot again.

import {
    BATCH_FAST_URL,
    BATCH_SEQUENTIAL_URL,
    BatchRejected,
    cancelBatch,
    createBatch,
    followBatch,
    streamBatch,
} from './batch-client.js';
import {decklistsCsv, reviewFirst} from './decklist-model.js';
import {decklistSlot, errorSlot, pendingSlot, setSlotState, summaryContent, waitText} from './render.js';
import {API_KEY_STORAGE, SAVE_STORAGE, storageGet, storageSet} from './storage.js';
import {setUpThemeToggle} from './theme.js';

const ui = {
    dropzone: document.getElementById('dropzone'),
    input: document.getElementById('file-input'),
    saveToLibrary: document.getElementById('save-to-library'),
    run: document.getElementById('run'),
    progress: document.getElementById('progress'),
    progressText: document.getElementById('progress-text'),
    progressStatus: document.getElementById('progress-status'),
    cancel: document.getElementById('cancel-button'),
    banner: document.getElementById('banner'),
    summary: document.getElementById('summary'),
    results: document.getElementById('results'),
    batchActions: document.getElementById('batch-actions'),
    downloadJson: document.getElementById('download-json'),
    downloadCsv: document.getElementById('download-csv'),
    retryFailed: document.getElementById('retry-failed'),
    settings: document.getElementById('settings'),
    settingsToggle: document.getElementById('settings-toggle'),
    settingsForm: document.getElementById('settings-form'),
    keyInput: document.getElementById('api-key'),
    keyClear: document.getElementById('api-key-clear'),
    keyPrompt: document.getElementById('key-prompt'),
    themeToggle: document.getElementById('theme-toggle'),
};

/** The files chosen last: {entries: [{index, file, thumbUrl, slot, decklist, error}]}; null before. */
let session = null;
/** The request in flight: {indices, controller, batch, follower, cancelled, completed}; null when idle. */
let run = null;
/** Indices waiting for an API key after a 401, run again once one is saved. */
let awaitingKey = null;

const apiKey = () => storageGet(API_KEY_STORAGE) || '';

// ---- sessions and runs ----------------------------------------------------------------------

function startSession(fileList) {
    const files = [...fileList];
    if (files.length === 0 || run) return;
    for (const entry of session?.entries ?? []) URL.revokeObjectURL(entry.thumbUrl);
    // The thumbnail is the chosen file itself: an object URL, no round trip to the server.
    session = {
        entries: files.map((file, index) => ({index, file, thumbUrl: URL.createObjectURL(file), slot: null,
                                              decklist: null, error: null})),
        lastComplete: null,
    };
    for (const entry of session.entries) entry.slot = pendingSlot(entry.index, entry.file.name, entry.thumbUrl);
    ui.results.replaceChildren(...session.entries.map((e) => e.slot));
    ui.dropzone.classList.add('is-compact');  // the results matter more now
    startRun(session.entries.map((e) => e.index));
}

function startRun(indices) {
    if (run || indices.length === 0) return;
    awaitingKey = null;
    for (const index of indices) {
        const entry = session.entries[index];
        entry.decklist = null;
        entry.error = null;
        replaceSlot(entry, pendingSlot(index, entry.file.name, entry.thumbUrl));
    }
    // The checkbox as it is when the run starts: a retry follows the checkbox of its own moment.
    run = {indices, controller: new AbortController(), batch: null, follower: null, cancelled: false,
           completed: false, save: ui.saveToLibrary.checked};
    ui.banner.hidden = true;
    ui.summary.hidden = true;
    ui.run.hidden = false;
    ui.run.dataset.state = 'running';
    ui.cancel.disabled = false;
    setBusy(true);
    renderProgress('Uploading…');
    execute(run);
}

async function execute(current) {
    const files = current.indices.map((i) => session.entries[i].file);
    const onEvent = (type, data) => handleEvent(current, type, data);
    try {
        try {
            current.batch = await createBatch(files, {apiKey: apiKey(), signal: current.controller.signal,
                                                      save: current.save});
        } catch (error) {
            // No /batches route (an older server, or a proxy that does not forward it): the
            // streaming POST still works, without resume.
            if (!(error instanceof BatchRejected && (error.status === 404 || error.status === 405))) throw error;
            await streamFallback(current, files, onEvent);
            return;
        }
        if (current.cancelled) {
            await cancelBatch(current.batch, {apiKey: apiKey()}).catch(() => {});
        }
        renderProgress('Reading…');
        current.follower = followBatch(current.batch, {
            apiKey: apiKey(),
            onEvent,
            onConnection: (state) => {
                ui.run.dataset.connection = state;
                if (state === 'reconnecting') renderProgress('Connection lost, reconnecting…');
                else if (!current.completed) renderProgress('Reading…');
            },
        });
        await current.follower.done;
    } catch (error) {
        if (error.name === 'AbortError') {
            markUnfinished(current, 'Cancelled');
        } else if (error instanceof BatchRejected && error.unauthorized) {
            markUnfinished(current, 'Needs an API key');
            awaitingKey = current.indices;
            askForKey(error);
        } else if (error instanceof BatchRejected) {
            markUnfinished(current, 'Refused');
            const wait = error.retryAfterSeconds;
            showBanner(`The batch was refused: ${error.message}${wait != null ? `. ${waitText(wait)}.` : ''}`);
        } else {
            showBanner(`The connection failed: ${error.message}`);
            markUnfinished(current, 'Not finished');
        }
    } finally {
        finishRun(current);
    }
}

async function streamFallback(current, files, onEvent) {
    const options = {signal: current.controller.signal, onEvent, apiKey: apiKey(), save: current.save};
    try {
        await streamBatch(files, {...options, url: BATCH_FAST_URL});
    } catch (error) {
        if (!(error instanceof BatchRejected && error.parallelDisabled)) throw error;
        await streamBatch(files, {...options, url: BATCH_SEQUENTIAL_URL});
    }
    if (!current.completed) {
        showBanner('The connection closed before the batch finished. Files without a card were not read.');
        markUnfinished(current, 'Not finished');
    }
}

function finishRun(current) {
    current.follower?.close();
    run = null;
    ui.cancel.disabled = true;
    ui.run.dataset.state = current.completed && !current.cancelled ? 'complete' : 'stopped';
    delete ui.run.dataset.connection;
    setBusy(false);
    if (awaitingKey) {
        ui.summary.hidden = true;
    } else {
        showSummary(current);
    }
    renderProgress('');
    renderBatchActions();
}

function handleEvent(current, type, data) {
    const index = sessionIndex(current, data);
    const entry = index == null ? null : session.entries[index];
    switch (type) {
        case 'progress':
            if (entry && !isFinished(entry)) setSlotState(entry.slot, data.status);
            renderProgress(entry ? `${statusVerb(data.status)} ${entry.file.name}` : '');
            break;
        case 'result':
            if (!entry || isFinished(entry)) break;  // never twice, even if an event came again
            entry.decklist = data.decklist ?? {};
            replaceSlot(entry, decklistSlot(index, entry.file.name, entry.decklist,
                                            {thumbUrl: entry.thumbUrl, actions: slotActions(entry)}));
            placeForReview(entry);
            renderProgress();
            break;
        case 'error':
            if (!entry) {
                showBanner(`${data.filename || 'A file'}: ${data.error}`);
                break;
            }
            if (isFinished(entry)) break;
            entry.error = data;
            replaceSlot(entry, errorSlot(index, entry.file.name, data,
                                         {thumbUrl: entry.thumbUrl, actions: slotActions(entry)}));
            // A retry waits for this run to end (setBusy(false) enables it).
            for (const button of entry.slot.querySelectorAll('[data-action="retry"]')) button.disabled = true;
            renderProgress();
            break;
        case 'complete':
            current.completed = true;
            session.lastComplete = data;
            ui.cancel.disabled = true;
            break;
        default:
            break;
    }
}

/** Events name their file by index within the run's request; the slot is the session's. */
function sessionIndex(current, data) {
    if (Number.isInteger(data.index) && data.index >= 0 && data.index < current.indices.length) {
        return current.indices[data.index];
    }
    const byName = current.indices.find((i) => session.entries[i].file.name === data.filename);
    return byName ?? null;
}

const isFinished = (entry) => entry.decklist != null || entry.error != null;
const isFailed = (entry) => entry.error != null || (entry.decklist == null && entry.slot.dataset.state === 'stopped');

function slotActions(entry) {
    return {
        download: saveFile,
        retry: () => startRun([entry.index]),
    };
}

function replaceSlot(entry, replacement) {
    const hadFocus = entry.slot?.contains(document.activeElement);
    if (entry.slot?.isConnected) entry.slot.replaceWith(replacement);
    entry.slot = replacement;
    if (hadFocus) replacement.querySelector('button')?.focus();
}

/**
 * Decklists that need review go first, in upload order; the rest keep upload order. Only the
 * finished card moves, so nothing else shifts under a person who is reading another card.
 */
function placeForReview(entry) {
    if (!entry.decklist?.needs_review) return;
    const order = reviewFirst(session.entries);
    const next = order.slice(order.indexOf(entry) + 1).find((e) => e.slot !== entry.slot && e.slot.isConnected);
    if (next) next.slot.before(entry.slot);
    else ui.results.append(entry.slot);
}

function markUnfinished(current, label) {
    for (const index of current.indices) {
        const entry = session.entries[index];
        if (isFinished(entry)) continue;
        entry.slot.dataset.state = 'stopped';
        const status = entry.slot.querySelector('[data-field="status"]');
        if (status) status.textContent = label;
        if (!entry.slot.querySelector('[data-action="retry"]')) {
            const retry = document.createElement('button');
            retry.type = 'button';
            retry.className = 'retry-button';
            retry.dataset.action = 'retry';
            retry.textContent = 'Retry';
            retry.setAttribute('aria-label', `Retry ${entry.file.name}`);
            retry.addEventListener('click', () => startRun([entry.index]));
            entry.slot.append(retry);
        }
    }
}

function statusVerb(status) {
    return status === 'validating' ? 'Checking' : status === 'processing' ? 'Reading' : 'At';
}

function renderProgress(status) {
    const total = session.entries.length;
    const finished = session.entries.filter(isFinished).length;
    ui.progress.max = total;
    ui.progress.value = finished;
    ui.progressText.textContent = `${finished} / ${total}`;
    if (status !== undefined) ui.progressStatus.textContent = status;
}

function showSummary(current) {
    const entries = session.entries;
    const complete = session.lastComplete ?? {};
    const summary = {
        total: entries.length,
        successful: entries.filter((e) => e.decklist).length,
        failed: entries.filter((e) => e.error && e.error.error_type !== 'cancelled').length,
        cancelled: entries.filter((e) => !isFinished(e) || e.error?.error_type === 'cancelled').length,
        needs_review: entries.filter((e) => e.decklist?.needs_review).length,
        processing_time_seconds: current.completed ? complete.processing_time_seconds : undefined,
    };
    const cancelledByUser = current.cancelled;
    ui.summary.replaceChildren(...summaryContent(summary, {cancelledByUser}));
    ui.summary.hidden = false;
    ui.summary.dataset.state = cancelledByUser ? 'cancelled' : current.completed ? 'complete' : 'stopped';
}

function renderBatchActions() {
    const entries = session?.entries ?? [];
    const read = entries.filter((e) => e.decklist).length;
    const failed = entries.filter(isFailed).length;
    ui.batchActions.hidden = entries.length === 0;
    ui.downloadJson.disabled = ui.downloadCsv.disabled = run != null || read === 0;
    ui.retryFailed.disabled = run != null || failed === 0;
    ui.retryFailed.textContent = failed ? `Retry failed (${failed})` : 'Retry failed';
}

function showBanner(text) {
    ui.banner.textContent = text;
    ui.banner.hidden = false;
}

function setBusy(busy) {
    ui.input.disabled = busy;
    ui.dropzone.classList.toggle('is-busy', busy);
    document.body.classList.toggle('is-busy', busy);
    for (const button of ui.results.querySelectorAll('[data-action="retry"]')) button.disabled = busy;
    renderBatchActions();
}

// ---- downloads ------------------------------------------------------------------------------

function saveFile(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function batchStamp() {
    return new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

ui.downloadJson.addEventListener('click', () => {
    const entries = session?.entries ?? [];
    const body = {
        generated_at: new Date().toISOString(),
        total: entries.length,
        decklists: entries.filter((e) => e.decklist).map((e) => e.decklist),
        errors: entries.filter((e) => e.error).map((e) => ({index: e.index, filename: e.file.name,
                                                            error: e.error.error, error_type: e.error.error_type})),
    };
    saveFile(new Blob([JSON.stringify(body, null, 2) + '\n'], {type: 'application/json'}),
             `decklists-${batchStamp()}.json`);
});

ui.downloadCsv.addEventListener('click', () => {
    const decklists = (session?.entries ?? []).filter((e) => e.decklist).map((e) => e.decklist);
    // A byte-order mark, so that spreadsheet programs read the Chinese names as UTF-8.
    saveFile(new Blob(['\uFEFF' + decklistsCsv(decklists)], {type: 'text/csv;charset=utf-8'}),
             `decklists-${batchStamp()}.csv`);
});

ui.retryFailed.addEventListener('click', () => {
    startRun((session?.entries ?? []).filter(isFailed).map((e) => e.index));
});

// ---- cancel ---------------------------------------------------------------------------------

ui.cancel.addEventListener('click', async () => {
    const current = run;
    if (!current || current.cancelled) return;
    current.cancelled = true;
    ui.cancel.disabled = true;
    if (!current.batch) {
        current.controller.abort();  // still uploading (or the fetch-stream fallback)
        return;
    }
    renderProgress('Cancelling…');
    // The server cancels the files not yet read and ends the stream with `complete`.
    try {
        await cancelBatch(current.batch, {apiKey: apiKey()});
    } catch {
        current.follower?.close();
    }
});

// ---- API key --------------------------------------------------------------------------------

function openSettings(open) {
    ui.settings.hidden = !open;
    ui.settingsToggle.setAttribute('aria-expanded', String(open));
}

function askForKey(error) {
    const had = apiKey() !== '';
    ui.keyPrompt.textContent = had
        ? 'The server did not accept the saved API key. Enter a valid key and press Save to run the batch.'
        : 'This server needs an API key. Enter it below and press Save to run the batch.';
    ui.keyPrompt.title = error.body?.detail || error.message;
    ui.keyPrompt.hidden = false;
    openSettings(true);
    ui.keyInput.focus();
    showBanner('The server asked for an API key: see Settings above.');
}

ui.keyInput.value = apiKey();
ui.settingsToggle.addEventListener('click', () => openSettings(ui.settings.hidden));
ui.settingsForm.addEventListener('submit', (event) => {
    event.preventDefault();
    storageSet(API_KEY_STORAGE, ui.keyInput.value.trim());
    ui.keyPrompt.hidden = true;
    ui.settings.dataset.saved = 'true';
    if (awaitingKey && !run) {
        openSettings(false);
        startRun(awaitingKey);
    }
});
ui.keyClear.addEventListener('click', () => {
    ui.keyInput.value = '';
    storageSet(API_KEY_STORAGE, '');
});

// ---- theme ----------------------------------------------------------------------------------

setUpThemeToggle(ui.themeToggle);

// ---- saving to the library ------------------------------------------------------------------

ui.saveToLibrary.checked = storageGet(SAVE_STORAGE) === 'true';
ui.saveToLibrary.addEventListener('change', () => storageSet(SAVE_STORAGE, ui.saveToLibrary.checked ? 'true' : ''));

// ---- file choice ----------------------------------------------------------------------------

ui.input.addEventListener('change', () => {
    startSession(ui.input.files);
    ui.input.value = '';  // choosing the same files again must fire `change` again
});

// Dropping anywhere on the page uploads; without this the browser would open the image instead.
for (const name of ['dragenter', 'dragover']) {
    document.addEventListener(name, (event) => {
        event.preventDefault();
        if (!run) ui.dropzone.classList.add('is-dragging');
    });
}
document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) ui.dropzone.classList.remove('is-dragging');
});
document.addEventListener('drop', (event) => {
    event.preventDefault();
    ui.dropzone.classList.remove('is-dragging');
    startSession([...(event.dataTransfer?.files ?? [])]);
});
