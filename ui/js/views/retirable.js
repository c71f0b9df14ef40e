// Records that are retired rather than deleted (units, people): the edit panel's
// save-and-reselect step and the 编辑 / 撤销 / 恢复 row actions, worded per record.

import { openPanel, closePanel } from '../components/panel.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { actionButton } from './common.js';

// noun: '单位' or '人员'; table: () => the page's table (created after the actions).
export function retirable({ noun, panelHost, panelName, table, reload, retire, reinstate, retireDetails }) {
  async function saved(record, wasNew) {
    closePanel();
    toast(wasNew ? `已新建${noun}“${record.name}”` : `已保存${noun}“${record.name}”`, 'success');
    await reload();
    table().select(record.id);
  }

  function showForm(record, form) {
    openPanel({
      host: panelHost,
      name: panelName,
      title: record ? `编辑${noun}：${record.name}` : `新建${noun}`,
      content: form,
      onClose: () => table().clearSelection(),
    });
    if (record) table().select(record.id);
  }

  function confirmRetire(record) {
    return confirmDialog({
      title: `撤销${noun}`,
      message: `确定撤销“${record.name}”吗？`,
      details: retireDetails,
      confirmLabel: '撤销',
      danger: true,
      reason: { label: '撤销原因' },
      onConfirm: async ({ reason }) => {
        await retire({ id: record.id, reason });
        toast(`已撤销${noun}“${record.name}”`, 'success');
        await reload();
      },
    });
  }

  async function doReinstate(record) {
    try {
      await reinstate({ id: record.id });
      toast(`已恢复${noun}“${record.name}”`, 'success');
      await reload();
      table().select(record.id);
    } catch (error) {
      toastError(error);
    }
  }

  const rowActions = (edit) => (record) =>
    record.retired
      ? [actionButton('reinstate', '恢复', () => doReinstate(record))]
      : [actionButton('edit', '编辑', () => edit(record)), actionButton('retire', '撤销', () => confirmRetire(record), { danger: true })];

  return { saved, showForm, rowActions };
}
