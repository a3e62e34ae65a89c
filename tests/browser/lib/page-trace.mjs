// What the page does to its result slots while a batch runs, recorded in the page itself so
// that a test can check each slot was filled once and which connection states were shown.

/** Every slot that turns into a card or an error, and every connection state the page shows. */
export async function traceSlots(page) {
    await page.evaluate(() => {
        const trace = (window.__trace = {filled: [], connection: []});
        const seen = new WeakSet();
        new MutationObserver((mutations) => {
            for (const m of mutations) {
                for (const node of m.addedNodes) {
                    if (!(node instanceof HTMLElement) || seen.has(node)) continue;
                    seen.add(node);
                    if (node.dataset.state === 'done' || node.dataset.state === 'error') {
                        trace.filled.push(Number(node.dataset.index));
                    }
                }
            }
        }).observe(document.getElementById('results'), {childList: true});
        const run = document.getElementById('run');
        new MutationObserver(() => trace.connection.push(run.dataset.connection ?? ''))
            .observe(run, {attributes: true, attributeFilter: ['data-connection']});
    });
}
