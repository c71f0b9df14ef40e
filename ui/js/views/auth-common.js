// The frame shared by the screens shown before the main window: setup,
// login, lock and the start-up error.

import { h } from '../components/dom.js';
import { getAppInfo } from '../state.js';

export function brandHeader(subtitle) {
  return h(
    'header',
    { class: 'auth-card__brand' },
    h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '党'),
    h('div', null, h('div', { class: 'auth-card__name' }, '党建调度台'), h('div', { class: 'auth-card__sub' }, subtitle)),
  );
}

export function authScreen(name, { subtitle, body, wide = false }) {
  const info = getAppInfo();
  return h(
    'section',
    { class: 'auth-screen', 'data-screen': name },
    h(
      'div',
      { class: ['auth-card', wide && 'auth-card--wide'] },
      brandHeader(subtitle),
      h('div', { class: 'auth-card__body' }, body),
    ),
    h('footer', { class: 'auth-screen__footer' }, info && info.version ? `版本 ${info.version} · 离线运行，数据只保存在本机` : '离线运行，数据只保存在本机'),
  );
}
