// Experimental circuit mode (Dashboard:Live:Mode=Circuit; bench/README.md): the panel grid is an Interactive Server
// component and blazor.web.js keeps its circuit open. A hidden tab pauses the circuit, so the server drops the
// viewer's state and sends it nothing; showing the tab again resumes it, and the grid re-reads what changed.
(() => {
  'use strict';

  if (window.Blazor === undefined) {
    return;
  }

  let paused = false;

  async function sync() {
    try {
      if (document.visibilityState === 'hidden' && !paused) {
        paused = await Blazor.pauseCircuit();
      } else if (document.visibilityState === 'visible' && paused) {
        paused = !(await Blazor.resumeCircuit());
      }
    } catch {
      // No circuit (e.g. not started yet, or the page has no interactive grid): nothing to pause.
    }
  }

  document.addEventListener('visibilitychange', sync);
})();
