// Keeps what a viewer opened or typed across page updates: a panel's "Show as table", the time range's "Custom…" form
// and the from/to typed into it but not applied yet.
//
// A streamed panel batch or a live refresh brings the page as the server wrote it, where every <details> is closed and
// every field holds the applied value, and Blazor's DOM merge puts those back (the custom range form closed, and lost
// its text, while being filled in). This remembers what the viewer opened (by panel and class) and typed (by panel and
// field name), which survive the merge, and puts it back after each update, until the address changes (another range
// or dashboard starts afresh). Without this script, or without JavaScript, an update simply resets them, as before.
(() => {
  'use strict';

  const opened = new Set();
  const typed = new Map();
  let page = location.href;

  function scope(element) {
    return element.closest('[data-panel-id]')?.dataset.panelId ?? '';
  }

  const detailsKey = (details) => `${scope(details)}|${details.className}`;
  const fieldKey = (field) => `${scope(field)}|${field.form?.className ?? ''}|${field.name}`;

  /** Forgets everything once the address changed (the viewer applied a range or went elsewhere). */
  function current() {
    if (page !== location.href) {
      opened.clear();
      typed.clear();
      page = location.href;
    }
  }

  // 'toggle' does not bubble: listen while capturing. The state is read when the event is handled, not from the event:
  // a merge that closed a <details> queues a 'toggle' that arrives after the update below has opened it again.
  document.addEventListener('toggle', (event) => {
    const details = event.target;
    if (!(details instanceof HTMLDetailsElement)) return;
    current();
    if (details.open) opened.add(detailsKey(details)); else opened.delete(detailsKey(details));
  }, true);

  document.addEventListener('input', (event) => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement) || !field.name || field.closest('form[method="post"]')) return;
    current();
    typed.set(fieldKey(field), field.value);
  });

  function restore() {
    current();
    for (const details of document.querySelectorAll('details:not([open])')) {
      if (opened.has(detailsKey(details))) details.open = true;
    }
    if (typed.size === 0) return;
    for (const field of document.querySelectorAll('input[name]')) {
      const value = typed.get(fieldKey(field));
      if (value !== undefined && field.value !== value) field.value = value;
    }
  }

  // Raised after every streamed batch and every enhanced navigation (a live refresh is one).
  window.Blazor?.addEventListener?.('enhancedload', restore);
})();
