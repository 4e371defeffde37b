// How a failed call is shown: the server's Chinese message as a toast, and a
// stale version (409) as a question whether to reload the record.
import { ElMessage, ElMessageBox } from 'element-plus'

export function showError(err, prefix = '') {
  const text = (err && err.message) || '操作失败'
  ElMessage({ type: 'error', message: prefix ? `${prefix}：${text}` : text, duration: 5000, showClose: true })
}

// For writes that carry a version: on 409 offer to reload, else a toast.
export async function handleWriteError(err, reload) {
  if (err && err.status === 409) {
    try {
      await ElMessageBox.confirm(
        `${err.message}。该记录已被他人修改，您看到的不是最新内容。是否重新加载后再操作？`,
        '记录已被修改',
        { confirmButtonText: '重新加载', cancelButtonText: '取消', type: 'warning' },
      )
      await reload()
    } catch { /* the user keeps the page */ }
    return
  }
  showError(err)
}
