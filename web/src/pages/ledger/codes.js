// The ledger's and renovation's codes (core/ledger.h, core/renovation.h), as the UI names them.
export const MEASURES = [{ key: 'undecided', name: '待定' }, { key: 'renovation', name: '农村危房改造' }, { key: 'other', name: '其他方式' }]
export const TRANSITIONAL = [{ key: 'none', name: '未落实' }, { key: 'relatives', name: '投亲靠友' }, { key: 'rent', name: '租房居住' },
  { key: 'turnover', name: '周转房安置' }, { key: 'temporary', name: '临时安置房（板房）' }, { key: 'safe_room', name: '搬至安全房间居住' },
  { key: 'other', name: '其他措施' }]
export const METHODS = [{ key: 'repair', name: '修固' }, { key: 'rebuild', name: '原址翻建' }, { key: 'relocate_build', name: '异地新建' },
  { key: 'swap', name: '房屋置换' }, { key: 'new_build', name: '无房新建' }, { key: 'seismic_retrofit', name: '抗震加固' }, { key: 'other', name: '其他' }]
export const BUILD_MODES = [{ key: 'self_build', name: '自建' }, { key: 'unified', name: '统建' }, { key: 'agent', name: '代建' }]
export const RENOVATION_STATES = [{ key: 'draft', name: '草稿' }, { key: 'submitted', name: '已提交待镇审核' },
  { key: 'town_reviewed', name: '镇已审核待县审批' }, { key: 'county_approved', name: '县已审批待开工' }, { key: 'rejected', name: '未获批准' },
  { key: 'started', name: '已开工' }, { key: 'completed', name: '已竣工待验收' }, { key: 'accepted', name: '已验收' }]
export const FILE_KINDS = [{ key: 'application', name: '申请材料' }, { key: 'approval', name: '审批材料' }, { key: 'construction', name: '施工照片' },
  { key: 'completion', name: '竣工材料' }, { key: 'acceptance_photo', name: '验收照片' }, { key: 'acceptance', name: '验收单' }]
