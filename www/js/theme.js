// @ts-check
/**
 * Light and dark themes: follows the system (`prefers-color-scheme`) until
 * the reader presses the toggle; the choice is remembered in localStorage
 * (on this computer only).
 */

const KEY = 'whosaid-theme';

/** @returns {'light' | 'dark'} */
function systemTheme() {
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** @returns {'light' | 'dark' | null} */
function savedTheme() {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null; // storage disabled
  }
}

/**
 * @param {'light' | 'dark'} theme
 * @param {HTMLButtonElement | null} button
 */
function apply(theme, button) {
  document.documentElement.dataset.theme = theme;
  if (button) {
    button.setAttribute('aria-pressed', String(theme === 'dark'));
    const label = button.querySelector('.theme-toggle-label');
    if (label) label.textContent = 'Dark theme';
  }
}

/**
 * Applies the saved or system theme and wires the toggle button.
 * @param {HTMLButtonElement | null} button
 */
export function initTheme(button) {
  apply(savedTheme() ?? systemTheme(), button);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (!savedTheme()) apply(systemTheme(), button);
  });
  button?.addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(KEY, next);
    } catch {
      /* storage disabled: the choice lasts for this page view */
    }
    apply(next, button);
  });
}
