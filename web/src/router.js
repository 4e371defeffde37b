// The console's pages. Each names the action its role needs (as the server
// reports it in `may`); the server still checks every call.
import { createRouter, createWebHistory } from 'vue-router'
import { ElMessage } from 'element-plus'
import { session, restoreSession, may, forget, loadCodes, codeName } from './api/session.js'
import { setUnauthorizedHandler } from './api/client.js'

const routes = [
  { path: '/login', component: () => import('./pages/login/LoginPage.vue'), meta: { public: true, title: '登录' } },
  // Where '/' leads depends on who is logged in: decided in beforeEach, once the session is known.
  { path: '/', redirect: '/dashboard' },
  { path: '/dashboard', component: () => import('./pages/dashboard/DashboardPage.vue'), meta: { title: '工作台', menu: true, icon: 'DataAnalysis' } },
  { path: '/households', component: () => import('./pages/households/HouseholdList.vue'), meta: { title: '农户清单', menu: true, icon: 'List' } },
  { path: '/households/:id', component: () => import('./pages/households/HouseholdDetail.vue'), meta: { title: '农户详情' } },
  { path: '/households/:id/pick', component: () => import('./pages/map/PickParcel.vue'), meta: { title: '选择图斑', needs: 'manual_match' } },
  { path: '/records', component: () => import('./pages/records/RecordsPage.vue'), meta: { title: '四类信息', menu: true, icon: 'Tickets' } },
  { path: '/records/:id', component: () => import('./pages/records/RecordPage.vue'), meta: { title: '四类信息' } },
  { path: '/ledger', component: () => import('./pages/ledger/LedgerPage.vue'), meta: { title: '危房台账', menu: true, icon: 'Memo' } },
  { path: '/ledger/:id', component: () => import('./pages/ledger/LedgerEntry.vue'), meta: { title: '危房台账' } },
  { path: '/changes', component: () => import('./pages/changes/ChangesPage.vue'), meta: { title: '变更申请', menu: true, icon: 'Switch' } },
  { path: '/field', component: () => import('./pages/field/FieldTasks.vue'), meta: { title: '外业核实', menu: true, icon: 'Location' } },
  { path: '/field/:id', component: () => import('./pages/field/FieldTask.vue'), meta: { title: '核实任务' } },
  { path: '/samples', component: () => import('./pages/samples/SamplesPage.vue'), meta: { title: '县级抽查', menu: true, icon: 'Aim', needs: 'draw_samples' } },
  { path: '/imports', component: () => import('./pages/imports/ImportsPage.vue'), meta: { title: '数据导入', menu: true, icon: 'Upload', needs: 'import_data' } },
  { path: '/jobs', component: () => import('./pages/jobs/JobsPage.vue'), meta: { title: '对应与初判', menu: true, icon: 'Cpu', needs: 'run_jobs' } },
  { path: '/campaign', component: () => import('./pages/campaign/CampaignPage.vue'), meta: { title: '工作设置', menu: true, icon: 'Setting', needs: 'set_campaign' } },
  { path: '/users', component: () => import('./pages/users/UsersPage.vue'), meta: { title: '用户管理', menu: true, icon: 'User', needs: 'manage_users' } },
  { path: '/audit', component: () => import('./pages/audit/AuditPage.vue'), meta: { title: '审计日志', menu: true, icon: 'Document', needs: 'read_audit' } },
  { path: '/password', component: () => import('./pages/account/PasswordPage.vue'), meta: { title: '修改密码' } },
  { path: '/two-step', component: () => import('./pages/account/TwoStepPage.vue'), meta: { title: '两步验证' } },
  { path: '/:rest(.*)*', component: () => import('./pages/NotFound.vue'), meta: { title: '页面不存在' } },
]

// Where a user lands: a field worker on its tasks, everyone else on the dashboard.
function landingPage() {
  return session.user && session.user.role === 'field_worker' ? '/field' : '/dashboard'
}

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (!session.checked) await restoreSession()
  if (to.meta.public) return session.user && to.path === '/login' ? landingPage() : true
  if (session.user && to.redirectedFrom && to.redirectedFrom.path === '/' && landingPage() !== to.path) return landingPage()
  if (!session.user) return { path: '/login', query: to.fullPath !== '/dashboard' ? { next: to.fullPath } : {} }
  if (session.user.must_change_password && to.path !== '/password') return { path: '/password', query: { first: '1' } }
  if (session.user.two_step_required && !['/two-step', '/password'].includes(to.path)) return '/two-step'

  if (to.meta.needs && !may(to.meta.needs)) {
    // Say why, rather than land somewhere else without a word.
    await loadCodes().catch(() => {})
    ElMessage.warning(`「${to.meta.title}」需要“${codeName('action', to.meta.needs)}”的权限，您的角色（${session.user.role_name}）没有，已转到首页`)
    return landingPage()
  }
  return true
})

router.afterEach((to) => {
  document.title = `${to.meta.title || '安居'} · 安居`
})

setUnauthorizedHandler(() => {
  if (!session.user) return
  forget()
  const here = router.currentRoute.value
  router.replace({ path: '/login', query: { next: here.fullPath, expired: '1' } })
})
