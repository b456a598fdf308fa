// Chinese names for the candidate groups of DOMAIN.md's roles table and for the API's states.

export const GROUPS = {
  'civil-affairs': '民政局',
  'district-office': '区镇/街道办',
  'procurement-agency': '采购代理机构',
  'expert-panel': '评审专家',
  evaluator: '第三方评估机构',
  provider: '承接机构',
  'community-liaison': '社区对接专人',
  station: '社工站',
  'incubation-panel': '孵化评审委员会',
  'social-worker': '驻站社工',
};

// The procurement units of the Kunshan round, by the code their groups carry (district-<code>): the unit
// catalogue of workers/.../procurement/KunshanUnits.java.
export const UNITS = {
  KFQ: '昆山开发区', GXQ: '昆山高新区', HQ: '花桥经济开发区',
  ZP: '张浦镇', ZS: '周市镇', LJ: '陆家镇', BC: '巴城镇', QD: '千灯镇', DSH: '淀山湖镇', ZZ: '周庄镇', JX: '锦溪镇',
  BL: '柏庐城市管理片区', TL: '亭林城市管理片区', QY: '青阳城市管理片区', ZC: '震川城市管理片区',
};

// Names the console has learnt while it runs (an organisation's name from a task's variables, a station's from
// GET /api/stations), by organisation or station id.
const KNOWN = new Map();

/** Remembers names by id ({ '<orgId or stationId>': '<name>' }) for groupName. */
export function learnNames(names) {
  for (const [id, name] of Object.entries(names ?? {})) {
    if (id && typeof name === 'string' && name.trim()) KNOWN.set(id, name.trim());
  }
}

// The groups of one unit, organisation or station: <prefix>-<id>.
const OWN_GROUPS = {
  district: (code) => (UNITS[code] ? `${UNITS[code]}（区镇/街道办）` : `区镇/街道办 ${code}`),
  provider: (orgId) => `服务机构 ${KNOWN.get(orgId) ?? orgId}`,
  evaluator: (orgId) => `第三方评估机构 ${KNOWN.get(orgId) ?? orgId}`,
  station: (id) => KNOWN.get(id) ?? `社工站 ${id}`,
  supervisor: (id) => `${KNOWN.get(id) ?? `社工站 ${id}`}督导`,
};

/** A group id as officials read it: 民政局, 张浦镇（区镇/街道办）, 服务机构 昆山市阳光社工服务社 … */
export function groupName(id) {
  if (GROUPS[id]) return GROUPS[id];
  const match = /^(district|provider|evaluator|station|supervisor)-(.+)$/.exec(String(id ?? ''));
  return match ? OWN_GROUPS[match[1]](match[2]) : id;
}

export const INSTANCE_STATES = { ACTIVE: '运行中', COMPLETED: '已完成', TERMINATED: '已取消' };
export const ELEMENT_STATES = { ACTIVE: '进行中', COMPLETED: '已完成', TERMINATED: '已终止' };
export const TASK_STATES = {
  CREATED: '待办', COMPLETED: '已完成', CANCELED: '已取消', FAILED: '失败',
  CREATING: '创建中', ASSIGNING: '分配中', UPDATING: '更新中', COMPLETING: '完成中', CANCELING: '取消中',
};
export const INCIDENT_TYPES = {
  JOB_NO_RETRIES: '作业重试次数耗尽',
  IO_MAPPING_ERROR: '变量映射错误',
  CONDITION_ERROR: '网关条件错误',
  EXTRACT_VALUE_ERROR: '取值错误',
  UNHANDLED_ERROR_EVENT: '未处理的错误事件',
  FORM_NOT_FOUND: '表单未找到',
  CALLED_DECISION_ERROR: '决策调用错误',
  DECISION_EVALUATION_ERROR: '决策计算错误',
};

export const ELEMENT_TYPES = {
  PROCESS: '流程', SUB_PROCESS: '子流程', EVENT_SUB_PROCESS: '事件子流程', START_EVENT: '开始事件',
  END_EVENT: '结束事件', INTERMEDIATE_CATCH_EVENT: '中间捕获事件', INTERMEDIATE_THROW_EVENT: '中间抛出事件',
  BOUNDARY_EVENT: '边界事件', SERVICE_TASK: '服务任务', USER_TASK: '人工任务', SCRIPT_TASK: '脚本任务',
  SEND_TASK: '发送任务', RECEIVE_TASK: '接收任务', MANUAL_TASK: '手工任务', TASK: '任务',
  BUSINESS_RULE_TASK: '规则任务', CALL_ACTIVITY: '调用活动', EXCLUSIVE_GATEWAY: '排他网关',
  PARALLEL_GATEWAY: '并行网关', INCLUSIVE_GATEWAY: '包容网关', EVENT_BASED_GATEWAY: '事件网关',
  MULTI_INSTANCE_BODY: '多实例',
  AD_HOC_SUB_PROCESS: '自由子流程',
};

// Who may see a resident's name in the task list: those who serve residents (the station, its social workers and
// supervisors, the guidance centre that dispatches, community liaisons) and administrators. Everyone else sees
// the case or order number and the surname only: the bureau, districts, agencies, experts, providers and
// evaluators have no need for a resident's full name in a list (the task's own form may still show it).
const PERSONAL_DATA_GROUPS = ['admin', 'station', 'social-worker', 'guidance-centre', 'community-liaison'];
const PERSONAL_DATA_PREFIXES = ['station-', 'supervisor-'];

export function mayReadPersonalData(user) {
  return (user?.groups ?? []).some((group) => PERSONAL_DATA_GROUPS.includes(group)
    || PERSONAL_DATA_PREFIXES.some((prefix) => group.startsWith(prefix)));
}

/** 王小明 → 王**: the surname stays, so a colleague can still tell two residents apart on the phone. */
export function maskName(name) {
  const chars = [...String(name)];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

