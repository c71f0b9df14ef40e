// A horizontal bar chart drawn as inline SVG from lib/supervision.js's
// geometry: no library, nothing from the network. Each bar is a button
// (role, tabindex, Enter/Space) when `onSelect` is given, so every number
// of the chart opens its list.

import { barChart } from '../lib/supervision.js';

const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  if (text !== null) node.textContent = text;
  return node;
}

// items: the rows; value(item) → number; label(item) → text; tone(item) →
// css modifier (red | amber | green | blue); name: data-chart.
export function barChartSvg(items, { name, value, label, text, tone = () => 'blue', max = null, onSelect = null, width = 520, title = '' }) {
  const g = barChart(items, { value, label, text, max, width });
  const svg = el('svg', {
    class: 'bar-chart',
    'data-chart': name,
    viewBox: `0 0 ${g.width} ${g.height}`,
    width: g.width,
    height: g.height,
    role: 'img',
    'aria-label': title,
  });
  g.bars.forEach((b, i) => {
    const item = items[i];
    const row = el('g', {
      class: ['bar-chart__row', onSelect ? 'bar-chart__row--link' : ''].join(' ').trim(),
      'data-bar': label(item),
      'data-value': b.value,
      tabindex: onSelect ? 0 : null,
      role: onSelect ? 'button' : null,
      'aria-label': `${b.label}：${b.valueText}`,
    });
    row.append(
      el('text', { class: 'bar-chart__label', x: g.labelWidth - 8, y: b.y + b.h / 2, 'text-anchor': 'end', 'dominant-baseline': 'central' }, b.label),
      el('rect', { class: 'bar-chart__track', x: b.x, y: b.y + 3, width: g.plot, height: b.h - 6, rx: 2 }),
      el('rect', { class: `bar-chart__bar bar-chart__bar--${tone(item)}`, x: b.x, y: b.y + 3, width: b.w, height: b.h - 6, rx: 2 }),
      el('text', { class: 'bar-chart__value', x: b.textX, y: b.y + b.h / 2, 'dominant-baseline': 'central' }, b.valueText),
    );
    if (onSelect) {
      row.addEventListener('click', () => onSelect(item));
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onSelect(item);
        }
      });
    }
    svg.append(row);
  });
  return svg;
}
