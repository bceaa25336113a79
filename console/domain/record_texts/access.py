"""Record texts of accounts and permissions."""
from __future__ import annotations

TEXTS = {
    "zh_CN": {
        "access.refused": "拒绝操作：{name}（{position}）无权{action}",
        "access.signin_failed": "登录失败：账号 {name}",
        "access.signed_in": "登录：{name}（{position}）",
        "access.account_added": "新增账号：{name}（{position}）",
        "access.account_disabled": "停用账号：{name}",
        "access.password_changed": "修改口令：账号 {name}",
    },
    "en": {
        "access.refused": "Refused: {name} ({position}) may not {action}",
        "access.signin_failed": "Sign-in failed: account {name}",
        "access.signed_in": "Signed in: {name} ({position})",
        "access.account_added": "Account added: {name} ({position})",
        "access.account_disabled": "Account disabled: {name}",
        "access.password_changed": "Password changed: account {name}",
    },
}

POSITION_WORDS = {
    "zh_CN": {
        "observer": "观察员",
        "field_unit": "现场队伍",
        "duty_officer": "值班员",
        "duty_leader": "带班领导",
        "commander": "现场指挥长",
        "admin": "系统管理员",
    },
    "en": {
        "observer": "observer",
        "field_unit": "field unit",
        "duty_officer": "duty officer",
        "duty_leader": "leader on duty",
        "commander": "on-scene commander",
        "admin": "administrator",
    },
}

ACTION_WORDS = {
    "zh_CN": {
        "intake": "接报",
        "log_entry": "记录值班日志",
        "reports": "报送信息",
        "shift": "交接班",
        "preplan_activation": "启动、调整或终止预案",
        "checklist_own_group": "处理本组任务",
        "checklist_all": "处理该任务",
        "dispatch": "调度和发送通知",
        "devices": "管理设备和摄像机",
        "sync_trust": "管理同步信任",
        "users": "管理账号",
        "preplan_library": "维护预案库",
    },
    "en": {
        "intake": "take reports",
        "log_entry": "write duty-log entries",
        "reports": "make reports",
        "shift": "open or hand over a shift",
        "preplan_activation": "activate, escalate or stand down a preplan",
        "checklist_own_group": "work on the own group's checklist items",
        "checklist_all": "work on this checklist item",
        "dispatch": "dispatch or send notifications",
        "devices": "manage devices and cameras",
        "sync_trust": "manage sync trust",
        "users": "manage accounts",
        "preplan_library": "edit the preplan library",
    },
}
