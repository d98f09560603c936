// Hover read-out for the server-rendered timeseries charts (src/Dashboard/Panels/Charts/TimeseriesChart.razor).
//
// Progressive enhancement: without this script the chart is the same SVG, with its <title>/<desc> summary and the
// "Show as table" data. With it, a crosshair, a dot on each series and a tooltip with the exact time and values follow
// the pointer. Everything comes from the page itself: the SVG's data-* attributes (time and value ranges, plot box)
// and the data table's rows (each row's <time datetime>: its UTC time; each cell's data-v: the raw value, its text: the
// formatted one). On the dashboard grid a long table is an even sample of the rows; the read-out snaps to those.
// One listener on the document, so panels streamed in later or patched by a live refresh need no set-up; elements are
// made with the DOM API (no innerHTML) and placed with attributes or CSSOM (the CSP allows no inline style attributes).
(() => {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const PALETTE = 10; // SeriesPalette.Colours
  let active = null; // { figure, svg, data, line, dots, tip }

  /** The chart's table, read when the pointer arrives (a live refresh may have replaced the rows since). */
  function read(figure) {
    // A history's min and max columns (class "bucket-range") are for reading, not series: left out here.
    const names = [...figure.querySelectorAll('.chart-data thead th:not(.bucket-range)')].slice(1).map((th) => th.textContent);
    const rows = [...figure.querySelectorAll('.chart-data tbody tr')].map((tr) => ({
      t: Date.parse(tr.querySelector('time').getAttribute('datetime')),
      label: tr.querySelector('th').textContent,
      cells: [...tr.querySelectorAll('td:not(.bucket-range)')].map((td) => ({
        v: td.dataset.v === undefined ? null : Number(td.dataset.v),
        text: td.textContent,
      })),
    }));
    return { names, rows };
  }

  /** The row whose time is nearest to t (rows are in time order). */
  function nearest(rows, t) {
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].t < t) lo = mid + 1; else hi = mid;
    }
    return lo > 0 && t - rows[lo - 1].t < rows[lo].t - t ? rows[lo - 1] : rows[lo];
  }

  function svgElement(name, attributes) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    return element;
  }

  function start(figure, svg) {
    const data = read(figure);
    if (data.rows.length === 0) return null;
    const tip = document.createElement('div');
    tip.className = 'chart-tooltip';
    tip.setAttribute('role', 'status');
    figure.append(tip);
    const line = svgElement('line', { class: 'crosshair' });
    svg.append(line);
    return { figure, svg, data, line, dots: [], tip };
  }

  function stop() {
    if (active === null) return;
    active.tip.remove();
    active.line.remove();
    active.dots.forEach((dot) => dot.remove());
    active = null;
  }

  function show(state, clientX) {
    const { svg, data, line, tip, figure } = state;
    const plot = svg.querySelector('svg.plot').getBoundingClientRect();
    const from = Number(svg.dataset.from);
    const to = Number(svg.dataset.to);
    const yMin = Number(svg.dataset.yMin);
    const yMax = Number(svg.dataset.yMax);
    const top = Number(svg.dataset.plotTop);
    const height = Number(svg.dataset.plotHeight);
    const fraction = Math.min(1, Math.max(0, (clientX - plot.left) / plot.width));
    const row = nearest(data.rows, from + fraction * (to - from));
    const x = `${(((row.t - from) / (to - from)) * 100).toFixed(2)}%`;

    for (const [key, value] of Object.entries({ x1: x, x2: x, y1: top, y2: top + height })) line.setAttribute(key, value);
    state.dots.forEach((dot) => dot.remove());
    state.dots = [];
    const items = [];
    row.cells.forEach((cell, i) => {
      const colour = `series-${i % PALETTE}`;
      if (cell.v !== null && Number.isFinite(cell.v)) {
        const y = top + height * (1 - (cell.v - yMin) / (yMax - yMin));
        const dot = svgElement('circle', { class: `hover-dot ${colour}`, cx: x, cy: y.toFixed(1), r: 4 });
        svg.append(dot);
        state.dots.push(dot);
      }
      const item = document.createElement('li');
      const name = document.createElement('span');
      const swatch = document.createElement('span');
      swatch.className = `swatch-dot ${colour}`;
      name.append(swatch, data.names[i] ?? '');
      const value = document.createElement('span');
      value.textContent = cell.v === null ? '–' : cell.text;
      item.append(name, value);
      items.push(item);
    });

    const time = document.createElement('time');
    time.textContent = row.label;
    const list = document.createElement('ul');
    list.append(...items);
    tip.replaceChildren(time, list);

    // Beside the crosshair, on whichever side has room.
    const box = figure.getBoundingClientRect();
    const at = plot.left - box.left + ((row.t - from) / (to - from)) * plot.width;
    const width = tip.offsetWidth;
    tip.style.left = `${at + 12 + width <= box.width ? at + 12 : Math.max(0, at - 12 - width)}px`;
  }

  document.addEventListener('pointermove', (event) => {
    const svg = event.target instanceof Element ? event.target.closest('svg.chart-svg') : null;
    const figure = svg?.closest('figure.chart.timeseries') ?? null;
    if (figure === null) {
      stop();
      return;
    }
    if (active?.figure !== figure || !active.svg.isConnected) {
      stop();
      active = start(figure, svg);
    }
    if (active !== null) show(active, event.clientX);
  });
  document.addEventListener('pointerleave', stop);
  // A live refresh or navigation may replace the chart under a still pointer.
  window.Blazor?.addEventListener?.('enhancedload', stop);
})();
