// Keeps a visible dashboard current, in place (docs/ops.md, "Live updates").
//
// The page marks its grid with data-live="{slug}", data-live-version="{version it was rendered with}" and, when its
// address names a time range, data-live-range="from=…&to=…".
// While the tab is visible, an EventSource on /live/{slug}?{range} receives the dashboard's version whenever one of its
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
  // A refresh that never reported its end (e.g. the fetch failed) stops blocking the next one after this.
  const REFRESH_BOUND_MS = 15000;
  // After the server refused or dropped the stream for good (e.g. 503, too many viewers): try again this much later.
  const REOPEN_MS = 30000;
  // A stopping instance names its own delay; this is for a reconnect event without one.
  const RECONNECT_MS = 1000;

  let events = null;
  // The stream open now: the slug and the range, as in its address.
  let stream = null;
  let latest = 0;
  let heard = false;
  let refreshStartedAt = 0;
  let again = false;
  let timer = 0;

  const grid = () => document.querySelector('[data-live]');
  const renderedVersion = () => Number(grid()?.dataset.liveVersion ?? 0);
  const visible = () => document.visibilityState === 'visible';
  const refreshing = () => Date.now() - refreshStartedAt < REFRESH_BOUND_MS;

  function close() {
    events?.close();
    events = null;
    stream = null;
    clearTimeout(timer);
    refreshStartedAt = 0;
    again = false;
  }

  function open(wanted) {
    stream = wanted;
    heard = false;
    events = new EventSource(`live/${wanted}`);
    events.onmessage = (e) => {
      const version = Number(e.data);
      // The first event (on every connect) is the version now: behind it only if something changed since the page was
      // rendered. Every later one is a change. (Comparing later ones with the rendered version would miss changes when
      // the page came from another instance, whose numbers differ.)
      const changed = heard ? version > latest : version > renderedVersion();
      heard = true;
      latest = Math.max(latest, version);
      if (changed) {
        refresh();
      }
    };
    // The instance is stopping (a rolling restart): reconnect after the delay it names, through the load balancer, to an
    // instance that stays; the first event there says whether anything changed meanwhile.
    events.addEventListener('reconnect', (e) => {
      close();
      timer = setTimeout(sync, Number(e.data) || RECONNECT_MS);
    });
    events.onerror = () => {
      // The browser retries a dropped stream by itself (and the first event after it says what was missed);
      // a refused one stays closed.
      if (events?.readyState === EventSource.CLOSED) {
        close();
        timer = setTimeout(sync, REOPEN_MS);
      } else {
        heard = false;
      }
    };
  }

  /** The stream the page now shown wants: its dashboard at its time range (a new range is a new stream, so the server
   * keeps the sources fresh at the range this viewer looks at). */
  function wantedStream() {
    const marked = grid();
    if (!visible() || !marked?.dataset.live) {
      return null;
    }

    const range = marked.dataset.liveRange;
    return encodeURIComponent(marked.dataset.live) + (range ? `?${range}` : '');
  }

  /** Opens, keeps or closes the stream for the page now shown and the tab's visibility. */
  function sync() {
    const wanted = wantedStream();
    if (wanted !== stream || (wanted !== null && events === null)) {
      close();
      if (wanted !== null) {
        open(wanted);
      }
    }
  }

  function refresh() {
    if (refreshing()) {
      // The refresh under way may have been answered before this change: one more when it ends.
      again = true;
      return;
    }

    refreshStartedAt = Date.now();
    clearTimeout(timer);
    timer = setTimeout(() => Blazor.navigateTo(location.href, { replaceHistoryEntry: true }), Math.random() * SPREAD_MS);
  }

  Blazor.addEventListener('enhancednavigationend', () => {
    refreshStartedAt = 0;
    sync();
    if (again && events !== null) {
      again = false;
      refresh();
    }
  });
  document.addEventListener('visibilitychange', sync);
  sync();
})();
