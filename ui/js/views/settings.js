// 设置/关于: program and database facts, the admin's settings, backups and
// the user's own password.

import * as api from '../api/index.js';
import { h } from '../components/dom.js';
import { textField, passwordField, formError, formActions } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { toast, toastError } from '../components/toast.js';
import { required, minLength, sameAs, differentFrom, integerBetween } from '../lib/validate.js';
import { formatDateTime } from '../lib/dates.js';
import { can, getAppInfo, updateAppInfo, getSession, setSession } from '../state.js';
import { section, loadFailed, trimmed } from './common.js';
import { docSettingsSection } from './settings-docs.js';
import { attachmentSettingsSection } from './loop/attachment-settings.js';

const settingsSchema = {
  idleLockMinutes: [integerBetween(1, 240, '自动锁定时间')],
  backupDir: [required('备份目录')],
  backupKeep: [integerBetween(1, 365, '保留份数')],
};

const passwordSchema = {
  oldPassword: [required('原密码')],
  newPassword: [required('新密码'), minLength(8, '新密码'), differentFrom('oldPassword', '新密码不能与原密码相同')],
  newPasswordConfirm: [required('确认新密码'), sameAs('newPassword', '两次输入的新密码不一致')],
};

function lastBackupText(value) {
  return value ? formatDateTime(value) : '尚未备份';
}

function aboutList(info) {
  const item = (label, value, key) => [h('dt', null, label), h('dd', { 'data-about': key, class: 'selectable' }, value)];
  return h(
    'dl',
    { class: 'detail-list detail-list--wide' },
    item('程序版本', info.version, 'version'),
    item('数据库结构版本', String(info.schemaVersion), 'schemaVersion'),
    item('数据目录', info.dataDir, 'dataDir'),
    item('数据库文件', info.dbPath, 'dbPath'),
  );
}

export const settingsPage = {
  id: 'settings',
  title: '设置/关于',
  description: '程序信息、自动锁定与备份设置、公文设置、修改本人密码',
  render(ctx) {
    const admin = can.changeSettings();
    const banner = h('div', { class: 'page-banner' });
    const aboutBody = h('div');
    const lastBackup = h('span', { 'data-about': 'lastBackupAt', class: 'num' });
    const backupDirText = h('span', { 'data-about': 'backupDir', class: 'selectable' });

    function showBackupFacts(info) {
      lastBackup.textContent = lastBackupText(info.lastBackupAt);
      backupDirText.textContent = info.backupDir || '—';
    }

    // Settings form: fields are disabled for everyone but the admin.
    const settingsForm = h(
      'form',
      { class: 'form form--narrow', 'data-form': 'settings' },
      textField({ name: 'idleLockMinutes', label: '无操作自动锁定（分钟）', required: true, inputmode: 'numeric', hint: '1–240 分钟；离开座位超过这个时间，调度台自动锁定' }),
      textField({ name: 'backupDir', label: '备份目录', required: true, hint: '建议选在另一块硬盘或移动硬盘上' }),
      textField({ name: 'backupKeep', label: '保留备份份数', required: true, inputmode: 'numeric', hint: '1–365 份；超过时自动删除最旧的备份' }),
      formError(),
      admin ? formActions('保存设置') : h('p', { class: 'muted' }, '只有管理员可以修改这些设置。'),
    );
    if (!admin) {
      for (const input of settingsForm.querySelectorAll('input')) input.disabled = true;
    }
    bindForm(settingsForm, {
      schema: settingsSchema,
      submit: async (values) => {
        const saved = await api.updateSettings({
          idleLockMinutes: Number(values.idleLockMinutes.trim()),
          backupDir: trimmed(values.backupDir),
          backupKeep: Number(values.backupKeep.trim()),
        });
        fillSettings(saved);
        updateAppInfo({ idleLockMinutes: saved.idleLockMinutes, backupDir: saved.backupDir, backupKeep: saved.backupKeep, lastBackupAt: saved.lastBackupAt });
        const session = getSession();
        if (session) setSession({ ...session, idleLockMinutes: saved.idleLockMinutes });
        showBackupFacts(getAppInfo());
        toast('设置已保存', 'success');
      },
    });

    function fillSettings(settings) {
      settingsForm.elements.idleLockMinutes.value = String(settings.idleLockMinutes);
      settingsForm.elements.backupDir.value = settings.backupDir ?? '';
      settingsForm.elements.backupKeep.value = String(settings.backupKeep);
    }

    const backupButton = can.backup()
      ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'backup-now', onClick: backupNow }, '立即备份')
      : null;

    async function backupNow() {
      backupButton.disabled = true;
      try {
        const result = await api.backupNow();
        updateAppInfo({ lastBackupAt: result.at });
        showBackupFacts(getAppInfo());
        toast(`已备份到 ${result.path}`, 'success');
      } catch (error) {
        toastError(error);
      } finally {
        backupButton.disabled = false;
      }
    }

    const docs = docSettingsSection({ admin });

    const passwordForm = h(
      'form',
      { class: 'form form--narrow', 'data-form': 'password' },
      passwordField({ name: 'oldPassword', label: '原密码', autocomplete: 'current-password' }),
      passwordField({ name: 'newPassword', label: '新密码', hint: '至少 8 位' }),
      passwordField({ name: 'newPasswordConfirm', label: '确认新密码' }),
      formError(),
      formActions('修改密码'),
    );
    bindForm(passwordForm, {
      schema: passwordSchema,
      submit: async (values) => {
        await api.changePassword({ oldPassword: values.oldPassword, newPassword: values.newPassword });
        passwordForm.reset();
        toast('密码已修改，下次登录请使用新密码', 'success');
      },
    });

    ctx.root.append(
      banner,
      h(
        'div',
        { class: 'settings-grid' },
        section({ name: 'about', title: '关于', description: '党建调度台 · 离线运行，数据只保存在本机', body: aboutBody }),
        section({
          name: 'backup',
          title: '备份',
          actions: [backupButton],
          body: h(
            'dl',
            { class: 'detail-list detail-list--wide' },
            h('dt', null, '最近备份'),
            h('dd', null, lastBackup),
            h('dt', null, '备份目录'),
            h('dd', null, backupDirText),
          ),
        }),
        section({ name: 'settings', title: '设置', body: settingsForm }),
        attachmentSettingsSection(),
        section({ name: 'password', title: '修改本人密码', body: passwordForm }),
        docs.element,
      ),
    );

    async function load() {
      try {
        const [info, settings] = await Promise.all([api.appInfo(), api.getSettings()]);
        banner.replaceChildren();
        updateAppInfo(info);
        aboutBody.replaceChildren(aboutList(info));
        fillSettings(settings);
        showBackupFacts({ ...info, lastBackupAt: settings.lastBackupAt ?? info.lastBackupAt });
        await docs.load();
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
