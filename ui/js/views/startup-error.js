// Shown when the program cannot even read its own state at start-up.

import { h } from '../components/dom.js';
import { authScreen } from './auth-common.js';

export function renderStartupError({ error, onRetry }) {
  const hints = {
    newer_schema: '数据库是由更新版本的党建调度台建立的。请安装新版本后再打开，不要用旧版本修改它。',
    storage: '无法读写数据文件。请检查磁盘空间和数据目录的权限。',
  };
  const body = h(
    'div',
    { class: 'startup-error', role: 'alert' },
    h('h2', { class: 'startup-error__title' }, '调度台无法启动'),
    h('p', null, error.message),
    hints[error.code] ? h('p', { class: 'muted' }, hints[error.code]) : null,
    h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'retry', onClick: onRetry }, '重试'),
  );
  return authScreen('error', { subtitle: '启动失败', body });
}
