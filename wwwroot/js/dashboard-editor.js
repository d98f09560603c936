// The admin's visual dashboard editor, as an enhancement of plain forms (docs/admin.md, "The dashboard editor").
//
// Without this script every tile has a position field and width / height selects, and "Save layout" posts them.
// With it: drag a tile by its handle (⠿) to move it, or drag its lower right corner to resize it, in grid units;
// arrow keys on the handle move it too. Each gesture fills in the same fields and posts the same form (Blazor's
// enhanced post: no reload), so the server applies exactly what the form would. A panel's settings form previews
// what is typed (its "Preview" button) as fields change. Events are delegated from the document, so the tiles
// Blazor re-renders after each post need no new listeners.
(() => {
  'use strict';

  const GRID = '[data-editor-grid="on"]';
  let busy = false;          // A post is on its way: its answer re-renders the tiles (and carries the next version).
  let gesture = null;        // The drag or resize under way.
  let keyTimer = 0;
  let previewTimer = 0;

  const tileOf = (element) => element?.closest('.editor-tile');
  const formOf = (grid) => grid.closest('form');

  function submitLayout(grid) {
    const form = formOf(grid);
    if (!form || busy) {
      return;
    }

    // Positions follow the tiles' order on screen.
    grid.querySelectorAll('.editor-tile').forEach((tile, index) => {
      const position = tile.querySelector('.tile-position');
      if (position) {
        position.value = String(index + 1);
      }
    });
    busy = true;
    form.requestSubmit(form.querySelector('.save-layout') ?? undefined);
  }

  /** The tile and grid a pointer gesture on <control> starts on (the pointer then stays with it), or null. */
  function begin(event, control, kind) {
    const tile = tileOf(control);
    const grid = tile?.closest(GRID);
    if (!grid || busy || event.button !== 0) {
      return null;
    }

    event.preventDefault();
    control.setPointerCapture?.(event.pointerId);
    tile.classList.add(kind === 'move' ? 'dragging' : 'resizing');
    return { kind, tile, grid };
  }

  // --- Moving: the tile under the pointer trades places with the dragged one as the pointer passes it.
  function startDrag(event, handle) {
    const started = begin(event, handle, 'move');
    if (started) {
      gesture = { ...started, moved: false };
    }
  }

  function moveDrag(event) {
    const target = tileOf(document.elementsFromPoint(event.clientX, event.clientY).find((e) => tileOf(e) && tileOf(e) !== gesture.tile));
    if (!target || target.parentElement !== gesture.grid) {
      return;
    }

    const tiles = [...gesture.grid.children];
    const before = tiles.indexOf(gesture.tile) > tiles.indexOf(target);
    gesture.grid.insertBefore(gesture.tile, before ? target : target.nextSibling);
    gesture.moved = true;
  }

  // --- Resizing: the corner's position in whole columns and rows of the grid as it is laid out now.
  function startResize(event, corner) {
    const started = begin(event, corner, 'resize');
    if (!started) {
      return;
    }

    const { tile, grid } = started;
    const style = getComputedStyle(grid);
    const columns = style.gridTemplateColumns.split(' ').filter((c) => c.trim().length > 0);
    const gap = parseFloat(style.columnGap) || 0;
    const rowGap = parseFloat(style.rowGap) || 0;
    gesture = {
      ...started,
      column: parseFloat(columns[0]) || grid.clientWidth,
      row: parseFloat(style.gridAutoRows) || tile.getBoundingClientRect().height,
      gap,
      rowGap,
      maxWidth: Math.min(Number(grid.dataset.columns) || 4, columns.length),
      start: { width: size(tile, 'w'), height: size(tile, 'h') },
    };
  }

  function size(tile, axis) {
    const match = [...tile.classList].find((c) => c.startsWith(`${axis}-`));
    return match ? Number(match.slice(2)) : 1;
  }

  function setSize(tile, axis, value) {
    tile.classList.remove(...[...tile.classList].filter((c) => c.startsWith(`${axis}-`)));
    tile.classList.add(`${axis}-${value}`);
    const select = tile.querySelector(axis === 'w' ? '.tile-width' : '.tile-height');
    if (select) {
      select.value = String(value);
    }
  }

  function moveResize(event) {
    const box = gesture.tile.getBoundingClientRect();
    const width = Math.round((event.clientX - box.left + gesture.gap) / (gesture.column + gesture.gap));
    const height = Math.round((event.clientY - box.top + gesture.rowGap) / (gesture.row + gesture.rowGap));
    setSize(gesture.tile, 'w', Math.min(Math.max(width, 1), gesture.maxWidth));
    setSize(gesture.tile, 'h', Math.min(Math.max(height, 1), 3));
  }

  function finish() {
    const done = gesture;
    gesture = null;
    done.tile.classList.remove('dragging', 'resizing');
    const changed = done.kind === 'move'
      ? done.moved
      : size(done.tile, 'w') !== done.start.width || size(done.tile, 'h') !== done.start.height;
    if (changed) {
      submitLayout(done.grid);
    }
  }

  document.addEventListener('pointerdown', (event) => {
    const handle = event.target.closest?.('.drag-handle');
    if (handle) {
      startDrag(event, handle);
      return;
    }

    const corner = event.target.closest?.('.resize-handle');
    if (corner) {
      startResize(event, corner);
    }
  });

  document.addEventListener('pointermove', (event) => {
    if (gesture?.kind === 'move') {
      moveDrag(event);
    } else if (gesture?.kind === 'resize') {
      moveResize(event);
    }
  });

  document.addEventListener('pointerup', () => gesture && finish());
  document.addEventListener('pointercancel', () => gesture && finish());

  // Arrow keys on a handle move its tile one place; the layout is saved when the keys rest.
  document.addEventListener('keydown', (event) => {
    const handle = event.target.closest?.('.drag-handle');
    const tile = tileOf(handle);
    const grid = tile?.closest(GRID);
    if (!grid || busy || !['ArrowLeft', 'ArrowUp', 'ArrowRight', 'ArrowDown'].includes(event.key)) {
      return;
    }

    event.preventDefault();
    if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      tile.previousElementSibling && grid.insertBefore(tile, tile.previousElementSibling);
    } else if (tile.nextElementSibling) {
      grid.insertBefore(tile, tile.nextElementSibling.nextSibling);
    }

    handle.focus();
    clearTimeout(keyTimer);
    keyTimer = setTimeout(() => submitLayout(grid), 700);
  });

  // A size picked in a tile's select applies at once, like a resize.
  document.addEventListener('change', (event) => {
    const select = event.target.closest?.('.tile-width, .tile-height');
    const grid = select?.closest(GRID);
    if (grid) {
      submitLayout(grid);
      return;
    }

    // A panel's settings: show what is typed in the preview (never saves).
    const form = event.target.closest?.('form[data-auto-preview="on"]');
    if (form && !busy) {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(() => preview(form), 300);
    }
  });

  function preview(form) {
    // The action travels as a field of its own: a form submitted by script may not send its submitter's value.
    const action = document.createElement('input');
    action.type = 'hidden';
    action.name = 'Panel.Action';
    action.value = 'preview';
    form.append(action);
    busy = true;
    form.requestSubmit();
    action.remove();
  }

  // The post's answer is on the page: gestures may start again.
  // (blazor.web.js comes after this script in the page.) Should an answer never come, gestures unlock after a while.
  const ready = () => { busy = false; };
  document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener?.('enhancedload', ready));
  document.addEventListener('submit', () => setTimeout(ready, 15000));
})();
