/** The interface text in Chinese; `en.ts` must have exactly the same keys (type-checked). */
export const zhCN = {
  app: { name: "邻里", tagline: "社区治理平台" },
  menu: { home: "首页", users: "用户管理" },
  header: { language: "界面语言", signOut: "退出登录" },
  login: {
    title: "登录邻里",
    username: "用户名",
    password: "密码",
    submit: "登录",
    usernameRequired: "请输入用户名",
    passwordRequired: "请输入密码",
  },
  home: {
    welcome: "欢迎，{{name}}",
    intro: "邻里把网格、居民、事件、走访、议事、志愿服务与社区工作者管理连在一起。",
    roles: "您的角色",
    noRoles: "尚未分配角色",
  },
  users: {
    title: "用户管理",
    search: "按用户名或姓名开头搜索",
    username: "用户名",
    displayName: "姓名",
    roles: "角色",
    status: "状态",
    active: "正常",
    disabled: "已停用",
    createdAt: "创建时间",
    more: "加载更多",
  },
  roles: {
    city_admin: "市级管理员",
    county_admin: "区县管理员",
    township_admin: "街道管理员",
    chief_grid_leader: "总网格长",
    grid_leader: "网格长",
    grid_member: "网格员",
    property_staff: "物业人员",
    committee_member: "业委会成员",
    social_worker: "社工",
    police_liaison: "民警",
    resident: "居民",
    system_admin: "系统管理员",
    security_admin: "安全管理员",
    audit_admin: "审计管理员",
  },
  errors: { network: "无法连接服务器，请稍后再试", generic: "操作失败" },
  notFound: { title: "页面不存在", back: "返回首页" },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof zhCN>;
