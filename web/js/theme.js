// Light or dark: the system's choice (prefers-color-scheme) unless the toggle set one, which is
// remembered. Shared by the upload page and the library.

import {THEME_STORAGE, storageGet, storageSet} from './storage.js';

const systemLight = window.matchMedia('(prefers-color-scheme: light)');

function currentTheme() {
    return document.documentElement.dataset.theme || (systemLight.matches ? 'light' : 'dark');
}

function applyTheme(toggle, theme) {
    // Switch at once: the buttons' colour transitions would otherwise fade through both themes.
    const root = document.documentElement;
    root.classList.add('theme-switching');
    requestAnimationFrame(() => requestAnimationFrame(() => root.classList.remove('theme-switching')));
    if (theme) root.dataset.theme = theme;
    else delete root.dataset.theme;  // follow the system
    const other = currentTheme() === 'light' ? 'dark' : 'light';
    toggle.textContent = other === 'light' ? '☀ Light theme' : '☾ Dark theme';
    toggle.dataset.next = other;
}

/** Wires the theme toggle button and applies the remembered theme. */
export function setUpThemeToggle(toggle) {
    applyTheme(toggle, storageGet(THEME_STORAGE));
    systemLight.addEventListener('change', () => applyTheme(toggle, storageGet(THEME_STORAGE)));
    toggle.addEventListener('click', () => {
        const next = toggle.dataset.next;
        // Choosing the theme the system already has means "follow the system" again.
        const chosen = next === (systemLight.matches ? 'light' : 'dark') ? '' : next;
        storageSet(THEME_STORAGE, chosen);
        applyTheme(toggle, chosen);
    });
}
