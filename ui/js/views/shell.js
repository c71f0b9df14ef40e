// The main window: navigation on the left, title bar with the page's
// actions, the page, and a status bar with user, database and backup.

import { h } from '../components/dom.js';
import { closePanel } from '../components/panel.js';
import { toastError } from '../components/toast.js';
import { formatDateTime } from '../lib/dates.js';
import { readFolded, writeFolded, toggled, openedFor } from '../lib/nav-groups.js';
import { getUser, getAppInfo, subscribe, can } from '../state.js';
import { unitsPage } from './units.js';
import { peoplePage } from './people.js';
import { assistancePage } from './assistance.js';
import { usersPage } from './users.js';
import { auditPage } from './audit.js';
import { settingsPage } from './settings.js';
import { plansPage } from './plans.js';
import { calendarPage } from './calendar.js';
import { documentsPage, verifyPage } from './documents.js';
import { specPage } from './spec.js';
import { periodicPage } from './periodic.js';
import { omissionsPage } from './omissions.js';
import { rectificationsPage } from './rectifications.js';
import { dashboardPage } from './dashboard.js';
import { supervisionPage } from './supervision.js';
import { meetingsPage } from './meetings.js';
import { summariesPage } from './summaries.js';
import { statsPage } from './stats.js';
import { alertsChip } from './supervision/alerts-chip.js';
import { rulesPage } from './assessment/rules.js';
import { scoringPage } from './assessment/scoring.js';
import { rewardsPage } from './assessment/rewards.js';
import { dutyPage } from './assessment/duty.js';
import { hotlinePage } from './assessment/hotline.js';
import { inspectionsPage } from './assessment/inspections.js';
import { reportsPage } from './assessment/reports.js';
import { dutyStatusItem } from './assessment/duty-status.js';
import { emergencyPage } from './registers/emergency.js';
import { dutiesPage } from './registers/duties.js';
import { archivePage } from './registers/archive.js';

// `key` names a group in the remembered folding (lib/nav-groups.js).
const NAV_GROUPS = [
  { key: 'dispatch', label: '调度工作', pages: [dashboardPage, plansPage, documentsPage, supervisionPage, rectificationsPage, meetingsPage, summariesPage, statsPage, verifyPage, calendarPage] },
  { key: 'tables', label: '表格化管理', pages: [specPage, periodicPage, omissionsPage] },
  { key: 'assessment', label: '考核与值班', pages: [scoringPage, rulesPage, rewardsPage, dutyPage, hotlinePage, emergencyPage, inspectionsPage, reportsPage] },
  { key: 'registers', label: '制度与文档', pages: [archivePage, dutiesPage] },
  { key: 'org', label: '组织', pages: [unitsPage, peoplePage, assistancePage] },
  { key: 'system', label: '系统', pages: [usersPage, auditPage, settingsPage] },
];

function visible(page) {
  return page.id !== 'users' || can.manageUsers();
}

export function renderShell({ onLogout, onLock }) {
  const user = getUser();
  const links = new Map();
  let currentId = null;

  const title = h('h1', { id: 'page-title', class: 'topbar__title' });
  const description = h('p', { class: 'topbar__desc' });
  const actions = h('div', { class: 'topbar__actions', 'data-page-actions': true });
  const content = h('main', { class: 'content', id: 'content', tabindex: '-1' });
  const workspace = h(
    'div',
    { class: 'workspace' },
    h('header', { class: 'topbar' }, h('div', { class: 'topbar__heading' }, title, description), actions),
    content,
  );

  // Groups fold and open on a click of their heading and stay so after a
  // restart; the current page's group opens when the page is shown, and a
  // folded group still shows its current page's link.
  let folded = readFolded(window.localStorage);
  const groups = [];
  const nav = h(
    'nav',
    { class: 'sidebar__nav', 'aria-label': '功能导航' },
    NAV_GROUPS.map((group) => {
      const pages = group.pages.filter(visible);
      if (pages.length === 0) return null;
      const listId = `nav-list-${group.key}`;
      const toggle = h(
        'button',
        { type: 'button', class: 'nav-group__toggle', 'data-nav-group': group.key, 'aria-controls': listId, onClick: () => setFolded(toggled(folded, group.key)) },
        h('span', { class: 'nav-group__label' }, group.label),
        h('span', { class: 'nav-group__count num' }, String(pages.length)),
      );
      const list = h(
        'ul',
        { class: 'nav-list', id: listId },
        pages.map((page) => {
          const link = h('a', { href: `#${page.id}`, class: 'nav-link', 'data-nav': page.id, onClick: (event) => {
            event.preventDefault();
            navigate(page.id);
          } }, page.title);
          links.set(page.id, { page, link });
          return h('li', { class: 'nav-item' }, link);
        }),
      );
      const element = h('div', { class: 'nav-group', 'data-group': group.key }, toggle, list);
      groups.push({ key: group.key, label: group.label, pages, element, toggle });
      return element;
    }),
  );

  function drawGroups() {
    for (const group of groups) {
      const isFolded = folded.has(group.key);
      group.element.classList.toggle('nav-group--folded', isFolded);
      group.toggle.setAttribute('aria-expanded', String(!isFolded));
      group.toggle.title = isFolded ? `展开“${group.label}”` : `收起“${group.label}”`;
    }
  }

  function setFolded(next) {
    folded = next;
    writeFolded(window.localStorage, folded);
    drawGroups();
  }
  drawGroups();

  const statusUser = h('span', { id: 'status-user' });
  // Today's due and overdue (the desktop notification's list) → 工作台.
  const alerts = alertsChip({ onOpen: () => navigate('dashboard') });
  const statusDb = h('span', { id: 'status-db', class: 'status-item__value status-item__path' });
  const statusBackup = h('span', { id: 'status-backup', class: 'status-item__value num' });
  const statusDuty = dutyStatusItem();
  const statusBar = h(
    'footer',
    { class: 'statusbar' },
    alerts.element,
    h('span', { class: 'status-item' }, h('span', { class: 'status-item__label' }, '用户'), statusUser),
    statusDuty.element,
    h('span', { class: 'status-item status-item--grow' }, h('span', { class: 'status-item__label' }, '数据库'), statusDb),
    h('span', { class: 'status-item' }, h('span', { class: 'status-item__label' }, '最近备份'), statusBackup),
    h('button', { type: 'button', class: 'btn btn--bar', 'data-action': 'lock', title: '离开座位时锁定调度台', onClick: onLock }, '锁定'),
    h('button', { type: 'button', class: 'btn btn--bar', 'data-action': 'logout', onClick: onLogout }, '退出登录'),
  );

  const screen = h(
    'section',
    { class: 'app-shell', 'data-screen': 'main', 'data-user-id': user ? user.id : '' },
    h(
      'aside',
      { class: 'sidebar' },
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '党'), h('div', null, h('div', { class: 'brand__name' }, '党建调度台'), h('div', { class: 'brand__sub' }, '党建调度室'))),
      nav,
    ),
    workspace,
    statusBar,
  );

  function updateStatus() {
    const current = getUser();
    const info = getAppInfo() ?? {};
    statusUser.textContent = current ? `${current.displayName} · ${current.roleLabel}` : '';
    statusDb.textContent = info.dbPath ?? '';
    statusDb.title = info.dbPath ?? '';
    statusBackup.textContent = info.lastBackupAt ? formatDateTime(info.lastBackupAt) : '尚未备份';
  }

  // A page may register clean-up (listeners, timers) to run when it is left.
  let leaveHandlers = [];
  function leavePage() {
    const handlers = leaveHandlers;
    leaveHandlers = [];
    for (const handler of handlers) {
      try {
        handler();
      } catch (error) {
        console.error(error);
      }
    }
  }

  function setTitle(text, desc = '') {
    title.textContent = text;
    description.textContent = desc ?? '';
  }

  function navigate(id) {
    const entry = links.get(id) ?? links.get('units');
    closePanel();
    leavePage();
    statusDuty.refresh();
    currentId = entry.page.id;
    for (const [pageId, { link }] of links) {
      if (pageId === currentId) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
      link.parentElement.classList.toggle('nav-item--current', pageId === currentId);
    }
    setFolded(openedFor(folded, groups, currentId));
    entry.link.scrollIntoView?.({ block: 'nearest' });
    title.textContent = entry.page.title;
    alerts.refresh();
    description.textContent = entry.page.description ?? '';
    actions.replaceChildren();
    const root = h('div', { class: 'page', 'data-page': currentId });
    content.replaceChildren(root);
    content.scrollTop = 0;
    Promise.resolve()
      .then(() =>
        entry.page.render({ root, actions, panelHost: workspace, navigate, setTitle, onLeave: (handler) => leaveHandlers.push(handler) }),
      )
      .catch(toastError);
  }

  // Ctrl+F searches the current list instead of opening the webview's find bar.
  function onKeydown(event) {
    if (screen.hidden) return;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
      const search = content.querySelector('[data-search]');
      if (search) {
        event.preventDefault();
        search.focus();
        search.select();
      }
    }
  }
  document.addEventListener('keydown', onKeydown);
  const unsubscribe = subscribe(updateStatus);
  updateStatus();

  return {
    screen,
    navigate,
    currentPage: () => currentId,
    destroy() {
      document.removeEventListener('keydown', onKeydown);
      statusDuty.stop();
      unsubscribe();
      closePanel();
      leavePage();
    },
  };
}
