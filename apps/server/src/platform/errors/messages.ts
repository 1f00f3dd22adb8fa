import type { Locale, ProblemCode } from "@linli/contracts";

type Localised = Record<Locale, string>;

/** Title of each problem, in each interface language. */
export const problemTitles: Record<ProblemCode, Localised> = {
  validation_failed: { "zh-CN": "请求内容有误", en: "The request is invalid" },
  malformed_json: { "zh-CN": "请求体不是有效的 JSON", en: "The request body is not valid JSON" },
  body_too_large: { "zh-CN": "请求体过大", en: "The request body is too large" },
  unsupported_media_type: { "zh-CN": "不支持的内容类型", en: "Unsupported content type" },
  bad_accept_language: {
    "zh-CN": "Accept-Language 请求头格式有误",
    en: "The Accept-Language header is malformed",
  },
  not_found: { "zh-CN": "未找到", en: "Not found" },
  method_not_allowed: { "zh-CN": "不支持此请求方法", en: "Method not allowed" },
  unauthenticated: { "zh-CN": "请先登录", en: "Please sign in" },
  forbidden: { "zh-CN": "没有权限", en: "You do not have permission" },
  csrf_failed: {
    "zh-CN": "请求缺少有效的防伪令牌，请刷新页面后重试",
    en: "The request lacks a valid anti-forgery token; reload the page and try again",
  },
  conflict: { "zh-CN": "与已有记录冲突", en: "Conflicts with an existing record" },
  invalid_credentials: { "zh-CN": "用户名或密码错误", en: "Wrong username or password" },
  account_locked: {
    "zh-CN": "连续登录失败次数过多，账号已临时锁定，请稍后再试",
    en: "Too many failed sign-ins: the account is locked for a while; please try again later",
  },
  two_factor_required: { "zh-CN": "请输入身份验证器中的动态验证码", en: "Enter the code from your authenticator app" },
  two_factor_invalid: { "zh-CN": "动态验证码或恢复码不正确或已使用", en: "The code is wrong or has been used already" },
  two_factor_enrollment_required: {
    "zh-CN": "您的角色要求先绑定双因素认证",
    en: "Your roles require you to set up two-factor authentication first",
  },
  password_change_required: {
    "zh-CN": "请先修改密码：初始密码或已过期的密码不能继续使用",
    en: "Change your password first: an issued or expired password cannot be used further",
  },
  rate_limited: { "zh-CN": "尝试次数过多，请稍后再试", en: "Too many attempts; please try again later" },
  service_unavailable: { "zh-CN": "服务暂不可用", en: "Service unavailable" },
  internal_error: { "zh-CN": "服务器内部错误", en: "Internal server error" },
};

const fieldText = {
  required: { "zh-CN": "必填", en: "is required" },
  invalid_type: { "zh-CN": "类型应为 {expected}", en: "must be of type {expected}" },
  unknown_field: { "zh-CN": "不是允许的字段", en: "is not an allowed field" },
  too_small_string: { "zh-CN": "至少 {minimum} 个字符", en: "must be at least {minimum} characters" },
  too_big_string: { "zh-CN": "最多 {maximum} 个字符", en: "must be at most {maximum} characters" },
  too_small_number: { "zh-CN": "不能小于 {minimum}", en: "must be at least {minimum}" },
  too_big_number: { "zh-CN": "不能大于 {maximum}", en: "must be at most {maximum}" },
  too_small_array: { "zh-CN": "至少 {minimum} 项", en: "must have at least {minimum} items" },
  too_big_array: { "zh-CN": "最多 {maximum} 项", en: "must have at most {maximum} items" },
  invalid_format: { "zh-CN": "格式不正确", en: "is not in the expected format" },
  invalid_value: { "zh-CN": "取值不在允许范围内", en: "is not one of the allowed values" },
  taken: { "zh-CN": "已被使用", en: "is already taken" },
  separation_of_duties: {
    "zh-CN": "系统管理员、安全管理员和审计管理员不能由同一账号兼任",
    en: "cannot combine the system, security and audit administrator posts",
  },
  not_grantable: { "zh-CN": "包含您无权授予的角色", en: "includes a role you may not grant" },
  outside_scope: {
    "zh-CN": "超出您自己的管辖范围（不能为空，也不能比您的范围更大）",
    en: "reaches beyond your own scope (it may be neither empty nor wider than yours)",
  },
  too_short_password: { "zh-CN": "至少 {minimum} 个字符", en: "must be at least {minimum} characters" },
  too_few_classes: {
    "zh-CN": "须包含小写字母、大写字母、数字、其他字符中的至少 {required} 种",
    en: "must mix at least {required} of: lower-case letters, upper-case letters, digits, other characters",
  },
  unchanged: { "zh-CN": "不能与当前密码相同", en: "must differ from the current password" },
  too_common: { "zh-CN": "过于常见，容易被猜中", en: "is too common to be safe" },
  contains_username: { "zh-CN": "不能包含用户名", en: "must not contain the username" },
  locked_grant: { "zh-CN": "不能移除锁定的权限", en: "cannot remove a locked grant" },
  incorrect: { "zh-CN": "不正确", en: "is incorrect" },
  self: { "zh-CN": "不能对自己的账号执行此操作", en: "cannot be your own account" },
  too_big: { "zh-CN": "过大", en: "is too large" },
  malformed: { "zh-CN": "格式不正确", en: "is malformed" },
  unknown_region: { "zh-CN": "不是有效的社区区划代码", en: "is not the code of a current community" },
  in_future: { "zh-CN": "不能晚于今天", en: "cannot be later than today" },
  not_in_community: { "zh-CN": "不属于该社区", en: "is not of this community" },
  unknown_user: { "zh-CN": "账号不存在或已停用", en: "is not an active account" },
  outside_community: { "zh-CN": "该人员的管辖范围不包括此社区或网格", en: "does not work in this community or grid" },
  post_taken: { "zh-CN": "该时段内此岗位已有人在任", en: "is already held by someone for an overlapping time" },
  already_serving: { "zh-CN": "此人在该时段内已在本网格任职", en: "already serves this grid for an overlapping time" },
  before_start: { "zh-CN": "不能早于开始日期", en: "cannot be before the start" },
  already_ended: { "zh-CN": "该任期已在此日期前结束", en: "has already ended by then" },
  not_utf8: { "zh-CN": "不是有效的 UTF-8 文本", en: "is not valid UTF-8 text" },
  ring_not_closed: { "zh-CN": "边界环未闭合（首尾坐标须相同）", en: "does not close (the last position must equal the first)" },
  self_crossing: { "zh-CN": "边界自相交", en: "crosses itself" },
  no_area: { "zh-CN": "边界不围成面积", en: "encloses no area" },
  overlaps: { "zh-CN": "与本社区的网格 {grid}（{name}）重叠", en: "overlaps grid {grid} ({name}) of the same community" },
  outside_community_area: { "zh-CN": "超出所属社区的范围", en: "reaches outside the community's area" },
  duplicate: { "zh-CN": "有重复项", en: "contains duplicates" },
  too_precise: { "zh-CN": "最多两位小数", en: "must have at most two decimals" },
  unknown_building: { "zh-CN": "楼栋不存在", en: "is not a known building" },
  not_in_building: { "zh-CN": "不是该楼栋的单元", en: "is not an entrance of this building" },
  unknown_compound: { "zh-CN": "本社区没有这个小区", en: "is not a compound of this community" },
  missing_column: { "zh-CN": "缺少表头“{column}”", en: 'lacks the column "{column}"' },
  not_a_workbook: { "zh-CN": "不是有效的 Excel（.xlsx）文件", en: "is not an Excel (.xlsx) workbook" },
  not_a_feature_collection: { "zh-CN": "不是 GeoJSON FeatureCollection", en: "is not a GeoJSON FeatureCollection" },
  id_length: { "zh-CN": "身份证号应为 18 位", en: "must be 18 characters" },
  id_format: { "zh-CN": "身份证号只能是 17 位数字加 1 位数字或 X", en: "must be 17 digits and a final digit or X" },
  id_birth_date: { "zh-CN": "身份证号中的出生日期不存在", en: "holds a birth date that does not exist" },
  id_check_digit: { "zh-CN": "身份证号校验位不正确", en: "has a wrong check character" },
  not_a_mobile: { "zh-CN": "不是有效的手机号码", en: "is not a mainland mobile number" },
  invalid: { "zh-CN": "无效", en: "is invalid" },
} satisfies Record<string, Localised>;

/** Localised message for a field problem, with `{name}` placeholders filled from params. */
export function fieldMessage(key: string, locale: Locale, params: Record<string, unknown> = {}): string {
  const entry = (fieldText as Record<string, Localised>)[key] ?? fieldText.invalid;
  return entry[locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}
