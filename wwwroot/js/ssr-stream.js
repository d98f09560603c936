// Applies Blazor's streamed SSR batches in the browser.
//
// With [StreamRendering] the server flushes the page shell at once, with each streaming component's
// content between <!--bl:N--> and <!--/bl:N--> comments. As components finish, it appends batches
// after </html> (the HTML parser puts them at the end of <body>):
//
//   <blazor-ssr>
//     <template blazor-component-id="N">new content of component N</template> ...
//     <template type="redirection" [from="form-post"] [enhanced="true"]>URL</template>
//     <template type="not-found" ...>URL</template>
//     <template type="error">message</template>
//     <blazor-ssr-end></blazor-ssr-end>
//   </blazor-ssr>
//
// Blazor's own blazor.web.js is not available in this project, so this small script does the
// browser side: <blazor-ssr-end> is a custom element, and when the parser connects it, everything
// before it in the same <blazor-ssr> has been parsed, so the batch is applied and removed.
// It is an external, dependency-free classic script, so a CSP of script-src 'self' is enough.
// If blazor.web.js is ever present, it does this job itself and this script defines nothing
// (blazor.web.js must then come before this script, or replace it).
(() => {
  'use strict';

  if (window.Blazor !== undefined || document.querySelector('script[src*="blazor.web.js"]')) {
    return;
  }

  const START = 'bl:';
  const END = '/bl:';

  // Component id -> { start: Comment, end: Comment }. Built by one walk over the document's
  // comments the first time it is needed, then kept current from the content this script inserts,
  // so a batch costs the size of its own content, not a document scan per template. A stale or
  // missing entry (something else changed the DOM) triggers at most one full rescan per batch.
  let markers = null;
  let rescannedThisBatch = false;

  // Once a navigation has started, the page is going away: later streamed content is ignored.
  let leaving = false;

  /** Adds the bl: comment pairs under root to the index; replace: new content wins over old. */
  function indexMarkers(root, replace) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
    const open = new Map();
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = node.data;
      if (text.startsWith(START)) {
        const id = text.substring(START.length);
        if (replace || !markers.has(id)) {
          open.set(id, node);
        }
      } else if (text.startsWith(END)) {
        const id = text.substring(END.length);
        const start = open.get(id);
        if (start !== undefined) {
          markers.set(id, { start, end: node });
          open.delete(id);
        }
      }
    }
  }

  function rebuildIndex() {
    markers = new Map();
    indexMarkers(document, false);
    rescannedThisBatch = true;
  }

  function isLive(pair) {
    return pair !== undefined && pair.start.isConnected && pair.end.parentNode === pair.start.parentNode;
  }

  /** The live marker pair of component id, or null. */
  function findMarkers(id) {
    if (markers === null) {
      rebuildIndex();
    }

    let pair = markers.get(id);
    if (!isLive(pair) && !rescannedThisBatch) {
      rebuildIndex();
      pair = markers.get(id);
    }

    return isLive(pair) ? pair : null;
  }

  /** Replaces the nodes between component id's markers with the template's content. The markers
   *  stay, so later batches for the same or nested components still find them. */
  function replaceComponent(id, template) {
    const pair = findMarkers(id);
    if (pair === null) {
      console.warn(`ssr-stream: no <!--bl:${id}--> markers in the page; streamed content ignored.`);
      return;
    }

    const content = template.content;
    indexMarkers(content, true); // nested boundaries arriving with the new content
    const { start, end } = pair;
    const parent = start.parentNode;
    while (start.nextSibling !== null && start.nextSibling !== end) {
      parent.removeChild(start.nextSibling);
    }

    // Moves (adopts) the parsed nodes; as with innerHTML, scripts in streamed markup do not run.
    parent.insertBefore(content, end);
  }

  /** Follows a redirection or not-found template: its text is the URL (possibly the server's
   *  opaque _framework/opaque-redirect?url=… form), relative to the document's base URI. */
  function navigate(template) {
    let url;
    try {
      url = new URL((template.content.textContent || '').trim(), document.baseURI);
    } catch {
      console.warn('ssr-stream: invalid navigation URL ignored.');
      return;
    }

    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      console.warn('ssr-stream: navigation to a non-http(s) URL ignored.');
      return;
    }

    if (template.getAttribute('from') === 'form-post') {
      // After a form post the address bar still shows the post's URL: add a history entry, so Back
      // returns to the page before the post (unless we are already there).
      if (url.href !== location.href) {
        leaving = true;
        location.assign(url.href);
      }
    } else {
      // A GET already put this URL in history: replace it, as an HTTP redirect would.
      leaving = true;
      location.replace(url.href);
    }
  }

  /** Shows a server error as a visible, announced banner: the message as text, never as HTML. */
  function showError(template) {
    const banner = document.createElement('div');
    banner.className = 'stream-error';
    banner.setAttribute('role', 'alert');
    const title = document.createElement('strong');
    title.textContent = 'This page could not be fully loaded.';
    const message = document.createElement('span');
    message.textContent = (template.content.textContent || '').trim() || 'Error';
    banner.append(title, ' ', message);
    const host = document.querySelector('main') || document.body;
    host.insertBefore(banner, host.firstChild);
  }

  /** Applies one <blazor-ssr> batch, its templates in order, and removes it from the document. */
  function applyBatch(batch) {
    batch.remove();
    rescannedThisBatch = false;
    for (const template of Array.from(batch.children)) {
      if (leaving) {
        return;
      }

      if (template.localName !== 'template') {
        continue;
      }

      try {
        const id = template.getAttribute('blazor-component-id');
        if (id !== null) {
          replaceComponent(id, template);
          continue;
        }

        switch (template.getAttribute('type')) {
          case 'redirection':
          case 'not-found':
            navigate(template);
            break;
          case 'error':
            showError(template);
            break;
          default:
            break;
        }
      } catch (e) {
        // One bad template must not stop the rest of the batch or later batches.
        console.warn('ssr-stream: could not apply streamed content', e);
      }
    }
  }

  /** Applies complete batches already in the document (e.g. the script was loaded late). A batch
   *  without its end element was cut off mid-stream and is left alone. */
  function applyPendingBatches() {
    for (const batch of document.querySelectorAll('blazor-ssr')) {
      if (batch.isConnected && batch.querySelector(':scope > blazor-ssr-end') !== null) {
        applyBatch(batch);
      }
    }
  }

  if (!customElements.get('blazor-ssr-end')) {
    // The parser connects <blazor-ssr-end> after the templates before it are complete. Defining
    // the element also upgrades any already in the document, applying batches that came early.
    customElements.define('blazor-ssr-end', class extends HTMLElement {
      connectedCallback() {
        const batch = this.parentNode;
        if (batch !== null && batch.localName === 'blazor-ssr') {
          applyBatch(batch);
        }
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', applyPendingBatches, { once: true });
  } else {
    applyPendingBatches();
  }
})();
