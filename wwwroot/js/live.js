// Keeps a visible dashboard current, in place (docs/ops.md, "Live updates").
//
// The page marks its grid with data-live="{slug}" and data-live-version="{version it was rendered with}".
// While the tab is visible, an EventSource on /live/{slug} receives the dashboard's version whenever one of its
// sources got a new value; when that is newer than the rendered one, Blazor's enhanced navigation fetches the page
// again and patches the DOM (no reload: scroll, focus and script state stay). A hidden tab closes the stream and does
// nothing; when it shows again, the stream's first message says whether anything changed meanwhile.
// Without JavaScript, or without blazor.web.js, the page is plain streaming SSR, as rendered.
(() => {
  'use strict';

  if (window.Blazor === undefined || window.EventSource === undefined) {
    return;
  }

  // Spreads many viewers' refreshes over a moment instead of one burst, well inside the 1 s target.
  const SPREAD_MS = 200;
  // A refresh answered from the page cache may still carry the old version: try again after this, at most twice.
  const RETRY_MS = 500;
  const MAX_RETRIES = 2;
  // A refresh that never reported its end (e.g. the fetch failed) stops blocking the next one after this.
  const REFRESH_BOUND_MS = 15000;
  // After the server refused or dropped the stream for good (e.g. 503, too many viewers): try again this much later.
  const REOPEN_MS = 30000;

  let events = null;
  let slug = null;
  let latest = 0;
  let refreshStartedAt = 0;
  let retries = 0;
  let timer = 0;

  const grid = () => document.querySelector('[data-live]');
  const renderedVersion = () => Number(grid()?.dataset.liveVersion ?? 0);
  const visible = () => document.visibilityState === 'visible';
  const refreshing = () => Date.now() - refreshStartedAt < REFRESH_BOUND_MS;

  function close() {
    events?.close();
    events = null;
    slug = null;
    clearTimeout(timer);
    refreshStartedAt = 0;
  }

  function open(wanted) {
    slug = wanted;
    latest = 0;
    retries = 0;
    events = new EventSource(`live/${encodeURIComponent(wanted)}`);
    events.onmessage = (e) => {
      latest = Math.max(latest, Number(e.data));
      retries = 0;
      schedule(Math.random() * SPREAD_MS);
    };
    events.onerror = () => {
      // The browser retries a dropped stream by itself; a refused one stays closed.
      if (events?.readyState === EventSource.CLOSED) {
        close();
        timer = setTimeout(sync, REOPEN_MS);
      }
    };
  }

  /** Opens, keeps or closes the stream for the page now shown and the tab's visibility. */
  function sync() {
    const wanted = visible() ? grid()?.dataset.live ?? null : null;
    if (wanted !== slug || (wanted !== null && events === null)) {
      close();
      if (wanted !== null) {
        open(wanted);
      }
    }
  }

  function schedule(delay) {
    if (refreshing() || !visible() || latest <= renderedVersion()) {
      return;
    }

    refreshStartedAt = Date.now();
    clearTimeout(timer);
    timer = setTimeout(() => Blazor.navigateTo(location.href, { replaceHistoryEntry: true }), delay);
  }

  Blazor.addEventListener('enhancednavigationend', () => {
    refreshStartedAt = 0;
    sync();
    if (events !== null && latest > renderedVersion() && retries < MAX_RETRIES) {
      retries++;
      schedule(RETRY_MS);
    }
  });
  document.addEventListener('visibilitychange', sync);
  sync();
})();
