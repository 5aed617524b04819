import type { Language } from '../../../common/i18n/languages';
import { appointmentStrings } from './strings/appointment';
import { formStrings } from './strings/form';
import { demoStrings } from './strings/demo';

/** Every string the screens show, in the three languages of the hall. */
const zhCN = {
  appointment: appointmentStrings['zh-CN'],
  form: formStrings['zh-CN'],
  demo: demoStrings['zh-CN'],
  attract: {
    prompts: {
      idCard: '请放置身份证',
      idCardHint: '将身份证平放在感应区',
      face: '刷脸办事',
      faceHint: '已绑定人脸的市民请看摄像头',
      qr: '扫码预约码',
      qrHint: '将预约二维码对准扫描口',
    },
    touchToStart: '点击屏幕开始办事',
    about: '关于本机',
  },
  mode: { elder: '长辈版' },
  menu: {
    title: '请选择办理事项',
    home: '返回首页',
    identityRequired: '需身份证',
    empty: '暂无可办理的事项，请咨询工作人员',
  },
  idle: {
    title: '您还在吗？',
    body: '{{seconds}} 秒后将返回首页，并清除您的信息',
    continue: '继续办理',
  },
  about: {
    title: '关于本机',
    appVersion: '软件版本',
    shell: '运行方式',
    uptime: '核心运行时间',
    dataDir: '数据目录',
    terminalId: '终端编号',
    platform: '系统平台',
    back: '返回',
    uptimeValue: '{{hours}} 小时 {{minutes}} 分 {{seconds}} 秒',
    shells: { electron: '桌面应用', web: '浏览器（Web 外壳）', headless: '无界面' },
  },
  errors: {
    coreUnavailable: '终端暂时无法使用，请稍后再试或联系工作人员',
    cardUnreadable: '证件信息无法识别，请到人工窗口',
  },
  "staff": {
    "pinPlaceholder": "请输入密码",
    "pinEntered": "已输入 {{count}} 位",
    "clear": "清空",
    "backspace": "退格",
    "setPinTitle": "首次使用：请设置管理密码",
    "confirmPinTitle": "请再次输入管理密码",
    "setPinHint": "密码为 6 至 12 位数字，请妥善保管",
    "enterPinTitle": "请输入管理密码",
    "pinRule": "密码须为 6 至 12 位数字",
    "pinMismatch": "两次输入不一致，请重新设置",
    "wrongPin": "密码错误，还可尝试 {{count}} 次",
    "locked": "密码错误次数过多，管理模式已锁定，请 {{minutes}} 分 {{seconds}} 秒后再试",
    "cancel": "取消",
    "confirm": "确定"
  },
  "settings": {
    "title": "终端设置",
    "save": "保存（{{count}} 项更改）",
    "exit": "退出管理模式",
    "saved": "已保存 {{count}} 项更改，已生效",
    "refused": "设置未保存：请按提示修改标出的项目，原设置保持不变",
    "changePin": "修改管理密码",
    "currentPin": "请输入当前密码",
    "newPin": "请输入新密码",
    "pinChanged": "管理密码已修改",
    "pinNotChanged": "密码未修改：当前密码错误或新密码不符合要求",
    "faceOff": {
      "title": "刷脸办事已关闭。是否删除本机保存的全部人脸模板？",
      "text": "删除后，本机绑定的人脸和从大厅同步来的人脸副本都将清除，且无法恢复；市民仍可刷身份证办事。重新开启刷脸办事时，大厅共享的绑定会重新同步，仅在本机绑定的需市民重新绑定。",
      "keep": "保留",
      "delete": "全部删除",
      "deleted": "已删除本机 {{count}} 个人脸模板",
      "failed": "人脸模板未能删除，请稍后重试"
    },
    "on": "开",
    "off": "关",
    "none": "（未设置）",
    "secretKept": "（已设置，不显示）",
    "emulated": "内置模拟设备",
    "moveUp": "上移",
    "moveDown": "下移",
    "sections": {
      "terminal": "终端",
      "hub": "中心平台",
      "services": "事项",
      "ui": "界面",
      "devices": "设备",
      "face": "人脸",
      "retention": "数据保留",
      "staff": "管理"
    },
    "looksLike": {
      "idCard": "像身份证阅读器",
      "printer": "像打印机",
      "scanner": "像扫码器",
      "unknown": "未知设备"
    },
    "fields": {
      "terminal_id": "终端编号",
      "terminal_hallName_zh_CN": "大厅名称（简体）",
      "terminal_hallName_zh_HK": "大厅名称（繁体）",
      "terminal_hallName_en": "大厅名称（英文）",
      "production": "正式运行（关闭演示与模拟设备）",
      "hub_url": "中心平台地址",
      "hub_terminalSecret": "终端密钥",
      "hub_caFile": "中心平台 CA 证书文件（PEM）",
      "hub_requestTimeoutMs": "请求超时（毫秒）",
      "hub_syncIntervalS": "同步间隔（秒）",
      "hub_heartbeatIntervalS": "心跳间隔（秒）",
      "services_shown": "显示的事项及顺序",
      "ui_languages": "可选语言",
      "ui_defaultLanguage": "默认语言",
      "ui_elderModeDefault": "默认长辈版",
      "ui_idleTimeoutS": "无操作超时（秒）",
      "ui_elderIdleTimeoutS": "长辈版无操作超时（秒）",
      "ui_countdownS": "返回首页倒计时（秒）",
      "ui_voice": "语音提示",
      "devices_idCard_enabled": "身份证阅读器",
      "devices_idCard_port": "阅读器端口",
      "devices_idCard_baudRate": "阅读器波特率",
      "devices_idCard_pollIntervalMs": "寻卡间隔（毫秒）",
      "devices_printer_enabled": "凭条打印机",
      "devices_printer_port": "打印机端口",
      "devices_printer_baudRate": "打印机波特率",
      "devices_printer_profile": "打印机型号",
      "devices_scanner_enabled": "扫码器",
      "devices_scanner_kind": "扫码器类型",
      "devices_scanner_port": "扫码器端口",
      "devices_scanner_baudRate": "扫码器波特率",
      "devices_camera_enabled": "摄像头",
      "face_enabled": "刷脸办事",
      "face_sharingOffered": "允许市民选择大厅共享",
      "face_templateRetentionDays": "人脸模板保留天数",
      "privacy_operator_zh_CN": "个人信息处理者（简体）",
      "privacy_operator_zh_HK": "个人信息处理者（繁体）",
      "privacy_operator_en": "个人信息处理者（英文）",
      "privacy_contact": "个人信息问题联系方式",
      "retention_acknowledgedPersonalDataDays": "已同步个人数据保留天数",
      "retention_logDays": "日志保留天数",
      "retention_processingRecordDays": "人脸处理记录保留天数（至少 1096）",
      "queue_quotaMiB": "离线队列磁盘配额（MiB）",
      "staff_autoExitS": "管理模式自动退出（秒）",
      "services_appointmentEarlyMinutes": "预约签到：开始前可提前签到（分钟）",
      "services_appointmentLateMinutes": "预约签到：开始后仍可签到（分钟）",
      "services_appointmentCodePattern": "预约码格式（正则表达式）"
    }
  },
  "tech": {
    "title": "技术诊断",
    "device": "设备",
    "state": "状态",
    "port": "端口",
    "lastError": "最近错误",
    "readCard": "读卡测试",
    "printerStatus": "打印机状态",
    "testPage": "打印测试页",
    "scan": "扫码测试",
    "running": "正在执行…",
    "failed": "失败：{{message}}",
    "cardRead": "读卡成功：{{name}} {{id}}，用时 {{ms}} 毫秒",
    "noCard": "30 秒内未读到证件",
    "cardRefused": "证件数据无法识别，已拒绝（原因 {{reason}}，字段 {{field}}）",
    "printed": "测试页已打印（{{bytes}} 字节）",
    "scanned": "扫到：{{code}}",
    "noScan": "30 秒内未扫到码",
    "disk": "磁盘空间",
    "diskValue": "可用 {{free}} GiB / 共 {{total}} GiB（{{dir}}）",
    "logs": "最近日志（已脱敏）",
    "open": "技术诊断", "camera": {"title": "摄像头预览", "start": "打开摄像头", "stats": "后端 {{backend}} · 每帧 {{ms}} 毫秒 · 检测到 {{faces}} 张脸"}, "bundle": "导出诊断包", "bundleWritten": "诊断包已保存：{{file}}（{{kib}} KiB）", "queue": {"title": "离线队列与同步", "pending": "待上传", "oldest": "最早一条已等待", "acknowledgedToday": "今日已送达", "dead": "被拒收（死信）", "lastSync": "最近同步成功", "lastError": "最近同步错误", "authProblem": "中心拒绝本机凭据", "ageS": "{{s}} 秒", "ageMin": "{{min}} 分钟", "retry": "重试全部死信", "retried": "已将 {{count}} 条死信放回队列"}, "hub": {"title": "中心平台", "check": "检查中心连接", "ok": "中心可达，往返 {{ms}} 毫秒，时钟偏差 {{skew}} 秒", "down": "中心不可达：{{error}}", "lastOk": "最近连通 {{at}}", "never": "尚未连通", "skew": "时钟偏差 {{s}} 秒", "notConfigured": "未配置中心平台：{{why}}"},
    "devices": {
      "idCard": "身份证阅读器",
      "printer": "凭条打印机",
      "scanner": "扫码器",
      "camera": "摄像头"
    }
  },
  "face": {
    "identifyTitle": "刷脸办事",
    "bindTitle": "绑定人脸",
    "lookAtCamera": "请正对摄像头，让脸部位于框内",
    "holdStill": "请保持不动，正在采集",
    "challenges": "动作 {{done}} / {{total}}",
    "captured": "已采集 {{count}} / {{needed}}",
    "useIdCard": "请使用身份证办理",
    "cancel": "不用了，返回",
    "noCamera": "摄像头暂不可用，请使用身份证办理",
    "unavailable": "刷脸暂不可用，请使用身份证办理",
    "result": {
      "identified": "已确认您的身份",
      "bound": "人脸绑定成功，下次可直接刷脸办事",
      "not-identified": "未能确认您的身份，请使用身份证办理"
    },
    "offerBind": "绑定人脸，下次刷脸即可办事（自愿）",
    "unbind": "删除我的人脸",
    "unbound": "您的人脸信息已删除",
    "greetingCard": "{{name}}，您好",
    "greetingFace": "您好，已通过刷脸确认身份"
  },
  "consent": {
    "store": {
      "title": "同意在本机保存人脸信息？",
      "body": [
        "刷脸办事需要保存您的人脸特征（一组数字，不保存照片），加密存放在本终端，与身份信息分开保存。",
        "您可以随时凭身份证在本机“删除我的人脸”。长期未使用的人脸信息会自动删除。",
        "不同意不影响办事，您仍可使用身份证办理所有业务。"
      ],
      "agree": "同意并继续",
      "decline": "不同意"
    },
    "share": {
      "title": "同意在本大厅其他终端刷脸？",
      "body": [
        "如您同意，加密的人脸特征将同步到本大厅的其他自助终端，您在任一终端均可刷脸办事。",
        "此项与上一项分开，可单独拒绝；拒绝后人脸信息只保存在本机。"
      ],
      "agree": "同意共享",
      "decline": "仅本机使用"
    }
  },
  "ticket": {
    "confirmTitle": "取号",
    "priority": "我是老年人或残障人士（优先叫号）",
    "take": "确认取号",
    "taking": "正在取号…",
    "yourNumber": "您的号码",
    "ahead": "前面还有 {{count}} 人等候",
    "takeSlip": "请取走凭条，留意叫号",
    "noteNumber": "请记下您的号码。",
    "done": "完成",
    "printerProblem": "取号暂不可用："
  },
  "rating": {
    "title": "请对本次服务进行评价",
    "levels": {
      "5": "非常满意",
      "4": "满意",
      "3": "基本满意",
      "2": "不满意",
      "1": "非常不满意"
    },
    "reasons": {
      "waiting-time": "等候时间长",
      "hard-to-use": "操作不方便",
      "device-fault": "设备故障",
      "wrong-information": "信息不准确",
      "staff-attitude": "服务态度",
      "other": "其他"
    },
    "submit": "提交评价",
    "skip": "不评价",
    "thanks": "感谢您的评价",
    "notRecorded": "评价暂时无法提交，感谢您的反馈"
  },
  "results": {
    "title": "我的办事结果",
    "none": "暂无办事结果",
    "print": "打印",
    "printed": "已打印，请取走凭条"
  },
  "keyboard": {
    "shift": "大写",
    "backspace": "退格",
    "clear": "清空",
    "cancel": "取消",
    "done": "完成"
  },
};

type Resource = typeof zhCN;

const zhHK: Resource = {
  appointment: appointmentStrings['zh-HK'],
  form: formStrings['zh-HK'],
  demo: demoStrings['zh-HK'],
  attract: {
    prompts: {
      idCard: '請放置身份證',
      idCardHint: '將身份證平放在感應區',
      face: '刷臉辦事',
      faceHint: '已綁定人臉的市民請看攝像頭',
      qr: '掃描預約碼',
      qrHint: '將預約二維碼對準掃描口',
    },
    touchToStart: '點擊屏幕開始辦事',
    about: '關於本機',
  },
  mode: { elder: '長輩版' },
  menu: {
    title: '請選擇辦理事項',
    home: '返回首頁',
    identityRequired: '需身份證',
    empty: '暫無可辦理的事項，請諮詢工作人員',
  },
  idle: {
    title: '您還在嗎？',
    body: '{{seconds}} 秒後將返回首頁，並清除您的資料',
    continue: '繼續辦理',
  },
  about: {
    title: '關於本機',
    appVersion: '軟件版本',
    shell: '運行方式',
    uptime: '核心運行時間',
    dataDir: '數據目錄',
    terminalId: '終端編號',
    platform: '系統平台',
    back: '返回',
    uptimeValue: '{{hours}} 小時 {{minutes}} 分 {{seconds}} 秒',
    shells: { electron: '桌面應用', web: '瀏覽器（Web 外殼）', headless: '無界面' },
  },
  errors: {
    coreUnavailable: '終端暫時無法使用，請稍後再試或聯絡工作人員',
    cardUnreadable: '證件資料無法識別，請到人工窗口',
  },
  "staff": {
    "pinPlaceholder": "請輸入密碼",
    "pinEntered": "已輸入 {{count}} 位",
    "clear": "清空",
    "backspace": "退格",
    "setPinTitle": "首次使用：請設定管理密碼",
    "confirmPinTitle": "請再次輸入管理密碼",
    "setPinHint": "密碼為 6 至 12 位數字，請妥善保管",
    "enterPinTitle": "請輸入管理密碼",
    "pinRule": "密碼須為 6 至 12 位數字",
    "pinMismatch": "兩次輸入不一致，請重新設定",
    "wrongPin": "密碼錯誤，還可嘗試 {{count}} 次",
    "locked": "密碼錯誤次數過多，管理模式已鎖定，請 {{minutes}} 分 {{seconds}} 秒後再試",
    "cancel": "取消",
    "confirm": "確定"
  },
  "settings": {
    "title": "終端設定",
    "save": "儲存（{{count}} 項更改）",
    "exit": "退出管理模式",
    "saved": "已儲存 {{count}} 項更改，已生效",
    "refused": "設定未儲存：請按提示修改標出的項目，原設定保持不變",
    "changePin": "修改管理密碼",
    "currentPin": "請輸入目前密碼",
    "newPin": "請輸入新密碼",
    "pinChanged": "管理密碼已修改",
    "pinNotChanged": "密碼未修改：目前密碼錯誤或新密碼不符合要求",
    "faceOff": {
      "title": "刷臉辦事已關閉。是否刪除本機保存的全部人臉模板？",
      "text": "刪除後，本機綁定的人臉和從大廳同步來的人臉副本都將清除，且無法恢復；市民仍可拍身份證辦事。重新開啟刷臉辦事時，大廳共享的綁定會重新同步，僅在本機綁定的需市民重新綁定。",
      "keep": "保留",
      "delete": "全部刪除",
      "deleted": "已刪除本機 {{count}} 個人臉模板",
      "failed": "人臉模板未能刪除，請稍後重試"
    },
    "on": "開",
    "off": "關",
    "none": "（未設定）",
    "secretKept": "（已設定，不顯示）",
    "emulated": "內置模擬設備",
    "moveUp": "上移",
    "moveDown": "下移",
    "sections": {
      "terminal": "終端",
      "hub": "中心平台",
      "services": "事項",
      "ui": "介面",
      "devices": "設備",
      "face": "人臉",
      "retention": "資料保留",
      "staff": "管理"
    },
    "looksLike": {
      "idCard": "像身份證閱讀器",
      "printer": "像打印機",
      "scanner": "像掃碼器",
      "unknown": "未知設備"
    },
    "fields": {
      "terminal_id": "終端編號",
      "terminal_hallName_zh_CN": "大廳名稱（簡體）",
      "terminal_hallName_zh_HK": "大廳名稱（繁體）",
      "terminal_hallName_en": "大廳名稱（英文）",
      "production": "正式運行（關閉演示與模擬設備）",
      "hub_url": "中心平台地址",
      "hub_terminalSecret": "終端密鑰",
      "hub_caFile": "中心平台 CA 證書檔案（PEM）",
      "hub_requestTimeoutMs": "請求逾時（毫秒）",
      "hub_syncIntervalS": "同步間隔（秒）",
      "hub_heartbeatIntervalS": "心跳間隔（秒）",
      "services_shown": "顯示的事項及順序",
      "ui_languages": "可選語言",
      "ui_defaultLanguage": "預設語言",
      "ui_elderModeDefault": "預設長輩版",
      "ui_idleTimeoutS": "無操作逾時（秒）",
      "ui_elderIdleTimeoutS": "長輩版無操作逾時（秒）",
      "ui_countdownS": "返回首頁倒數（秒）",
      "ui_voice": "語音提示",
      "devices_idCard_enabled": "身份證閱讀器",
      "devices_idCard_port": "閱讀器端口",
      "devices_idCard_baudRate": "閱讀器波特率",
      "devices_idCard_pollIntervalMs": "尋卡間隔（毫秒）",
      "devices_printer_enabled": "憑條打印機",
      "devices_printer_port": "打印機端口",
      "devices_printer_baudRate": "打印機波特率",
      "devices_printer_profile": "打印機型號",
      "devices_scanner_enabled": "掃碼器",
      "devices_scanner_kind": "掃碼器類型",
      "devices_scanner_port": "掃碼器端口",
      "devices_scanner_baudRate": "掃碼器波特率",
      "devices_camera_enabled": "攝像頭",
      "face_enabled": "刷臉辦事",
      "face_sharingOffered": "允許市民選擇大廳共享",
      "face_templateRetentionDays": "人臉模板保留天數",
      "privacy_operator_zh_CN": "個人信息處理者（簡體）",
      "privacy_operator_zh_HK": "個人信息處理者（繁體）",
      "privacy_operator_en": "個人信息處理者（英文）",
      "privacy_contact": "個人信息問題聯繫方式",
      "retention_acknowledgedPersonalDataDays": "已同步個人資料保留天數",
      "retention_logDays": "日誌保留天數",
      "retention_processingRecordDays": "人臉處理記錄保留天數（至少 1096）",
      "queue_quotaMiB": "離線隊列磁碟配額（MiB）",
      "staff_autoExitS": "管理模式自動退出（秒）",
      "services_appointmentEarlyMinutes": "預約簽到：開始前可提前簽到（分鐘）",
      "services_appointmentLateMinutes": "預約簽到：開始後仍可簽到（分鐘）",
      "services_appointmentCodePattern": "預約碼格式（正則表達式）"
    }
  },
  "tech": {
    "title": "技術診斷",
    "device": "設備",
    "state": "狀態",
    "port": "端口",
    "lastError": "最近錯誤",
    "readCard": "讀卡測試",
    "printerStatus": "打印機狀態",
    "testPage": "打印測試頁",
    "scan": "掃碼測試",
    "running": "正在執行…",
    "failed": "失敗：{{message}}",
    "cardRead": "讀卡成功：{{name}} {{id}}，用時 {{ms}} 毫秒",
    "noCard": "30 秒內未讀到證件",
    "cardRefused": "證件資料無法識別，已拒絕（原因 {{reason}}，欄位 {{field}}）",
    "printed": "測試頁已打印（{{bytes}} 位元組）",
    "scanned": "掃到：{{code}}",
    "noScan": "30 秒內未掃到碼",
    "disk": "磁碟空間",
    "diskValue": "可用 {{free}} GiB / 共 {{total}} GiB（{{dir}}）",
    "logs": "最近日誌（已脫敏）",
    "open": "技術診斷", "camera": {"title": "攝像頭預覽", "start": "打開攝像頭", "stats": "後端 {{backend}} · 每幀 {{ms}} 毫秒 · 偵測到 {{faces}} 張臉"}, "bundle": "匯出診斷包", "bundleWritten": "診斷包已儲存：{{file}}（{{kib}} KiB）", "queue": {"title": "離線隊列與同步", "pending": "待上傳", "oldest": "最早一條已等待", "acknowledgedToday": "今日已送達", "dead": "被拒收（死信）", "lastSync": "最近同步成功", "lastError": "最近同步錯誤", "authProblem": "中心拒絕本機憑據", "ageS": "{{s}} 秒", "ageMin": "{{min}} 分鐘", "retry": "重試全部死信", "retried": "已將 {{count}} 條死信放回隊列"}, "hub": {"title": "中心平台", "check": "檢查中心連接", "ok": "中心可達，往返 {{ms}} 毫秒，時鐘偏差 {{skew}} 秒", "down": "中心不可達：{{error}}", "lastOk": "最近連通 {{at}}", "never": "尚未連通", "skew": "時鐘偏差 {{s}} 秒", "notConfigured": "未配置中心平台：{{why}}"},
    "devices": {
      "idCard": "身份證閱讀器",
      "printer": "憑條打印機",
      "scanner": "掃碼器",
      "camera": "攝像頭"
    }
  },
  "face": {
    "identifyTitle": "刷臉辦事",
    "bindTitle": "綁定人臉",
    "lookAtCamera": "請正對攝像頭，讓臉部位於框內",
    "holdStill": "請保持不動，正在採集",
    "challenges": "動作 {{done}} / {{total}}",
    "captured": "已採集 {{count}} / {{needed}}",
    "useIdCard": "請使用身份證辦理",
    "cancel": "不用了，返回",
    "noCamera": "攝像頭暫不可用，請使用身份證辦理",
    "unavailable": "刷臉暫不可用，請使用身份證辦理",
    "result": {
      "identified": "已確認您的身份",
      "bound": "人臉綁定成功，下次可直接刷臉辦事",
      "not-identified": "未能確認您的身份，請使用身份證辦理"
    },
    "offerBind": "綁定人臉，下次刷臉即可辦事（自願）",
    "unbind": "刪除我的人臉",
    "unbound": "您的人臉資料已刪除",
    "greetingCard": "{{name}}，您好",
    "greetingFace": "您好，已透過刷臉確認身份"
  },
  "consent": {
    "store": {
      "title": "同意在本機保存人臉資料？",
      "body": [
        "刷臉辦事需要保存您的人臉特徵（一組數字，不保存照片），加密存放在本終端，與身份資料分開保存。",
        "您可以隨時憑身份證在本機「刪除我的人臉」。長期未使用的人臉資料會自動刪除。",
        "不同意不影響辦事，您仍可使用身份證辦理所有業務。"
      ],
      "agree": "同意並繼續",
      "decline": "不同意"
    },
    "share": {
      "title": "同意在本大廳其他終端刷臉？",
      "body": [
        "如您同意，加密的人臉特徵將同步到本大廳的其他自助終端，您在任一終端均可刷臉辦事。",
        "此項與上一項分開，可單獨拒絕；拒絕後人臉資料只保存在本機。"
      ],
      "agree": "同意共享",
      "decline": "僅本機使用"
    }
  },
  "ticket": {
    "confirmTitle": "取號",
    "priority": "我是長者或殘障人士（優先叫號）",
    "take": "確認取號",
    "taking": "正在取號…",
    "yourNumber": "您的號碼",
    "ahead": "前面還有 {{count}} 人等候",
    "takeSlip": "請取走憑條，留意叫號",
    "noteNumber": "請記下您的號碼。",
    "done": "完成",
    "printerProblem": "取號暫不可用："
  },
  "rating": {
    "title": "請對本次服務進行評價",
    "levels": {
      "5": "非常滿意",
      "4": "滿意",
      "3": "基本滿意",
      "2": "不滿意",
      "1": "非常不滿意"
    },
    "reasons": {
      "waiting-time": "等候時間長",
      "hard-to-use": "操作不方便",
      "device-fault": "設備故障",
      "wrong-information": "資訊不準確",
      "staff-attitude": "服務態度",
      "other": "其他"
    },
    "submit": "提交評價",
    "skip": "不評價",
    "thanks": "感謝您的評價",
    "notRecorded": "評價暫時無法提交，感謝您的反饋"
  },
  "results": {
    "title": "我的辦事結果",
    "none": "暫無辦事結果",
    "print": "打印",
    "printed": "已打印，請取走憑條"
  },
  "keyboard": {
    "shift": "大寫",
    "backspace": "退格",
    "clear": "清空",
    "cancel": "取消",
    "done": "完成"
  },
};

const en: Resource = {
  appointment: appointmentStrings.en,
  form: formStrings.en,
  demo: demoStrings.en,
  attract: {
    prompts: {
      idCard: 'Place your ID card',
      idCardHint: 'Lay the card flat on the reader',
      face: 'Use your face',
      faceHint: 'If you have registered your face, look at the camera',
      qr: 'Scan your appointment code',
      qrHint: 'Hold the QR code up to the scanner',
    },
    touchToStart: 'Touch the screen to start',
    about: 'About this terminal',
  },
  mode: { elder: 'Elder mode' },
  menu: {
    title: 'Choose a service',
    home: 'Home',
    identityRequired: 'ID card needed',
    empty: 'No services are available here now. Please ask a member of staff.',
  },
  idle: {
    title: 'Are you still there?',
    body: 'Returning to the start in {{seconds}} s; your details will be cleared',
    continue: 'Continue',
  },
  about: {
    title: 'About this terminal',
    appVersion: 'Software version',
    shell: 'Running as',
    uptime: 'Core uptime',
    dataDir: 'Data directory',
    terminalId: 'Terminal ID',
    platform: 'Platform',
    back: 'Back',
    uptimeValue: '{{hours}} h {{minutes}} min {{seconds}} s',
    shells: { electron: 'Desktop app', web: 'Browser (web shell)', headless: 'Headless' },
  },
  errors: {
    coreUnavailable: 'This terminal is not available right now. Please try again later or ask a member of staff.',
    cardUnreadable: 'Your card could not be read. Please go to a staffed counter.',
  },
  "staff": {
    "pinPlaceholder": "Enter the PIN",
    "pinEntered": "{{count}} digits entered",
    "clear": "Clear",
    "backspace": "Delete",
    "setPinTitle": "First start: set the staff PIN",
    "confirmPinTitle": "Enter the staff PIN again",
    "setPinHint": "The PIN is 6 to 12 digits. Keep it safe.",
    "enterPinTitle": "Enter the staff PIN",
    "pinRule": "The PIN must be 6 to 12 digits",
    "pinMismatch": "The two PINs differ. Please start again.",
    "wrongPin": "Wrong PIN. {{count}} attempts left.",
    "locked": "Too many wrong PINs. Staff mode is locked; try again in {{minutes}} min {{seconds}} s.",
    "cancel": "Cancel",
    "confirm": "OK"
  },
  "settings": {
    "title": "Terminal settings",
    "save": "Save ({{count}} changes)",
    "exit": "Leave staff mode",
    "saved": "{{count}} changes saved and applied",
    "refused": "Nothing was saved: correct the marked fields. The previous settings stay in force.",
    "changePin": "Change staff PIN",
    "currentPin": "Enter the current PIN",
    "newPin": "Enter the new PIN",
    "pinChanged": "Staff PIN changed",
    "pinNotChanged": "PIN not changed: the current PIN is wrong or the new one is not 6 to 12 digits",
    "faceOff": {
      "title": "Face identification is off. Delete every face template stored on this terminal?",
      "text": "This removes the faces bound here and the copies received from the hall, and cannot be undone; citizens can still use their ID card. When face identification is switched on again, bindings shared in the hall are synced again; those made only here must be bound again by the citizen.",
      "keep": "Keep",
      "delete": "Delete all",
      "deleted": "{{count}} face templates deleted on this terminal",
      "failed": "The face templates were not deleted; try again"
    },
    "on": "On",
    "off": "Off",
    "none": "(not set)",
    "secretKept": "(set, hidden)",
    "emulated": "Built-in emulator",
    "moveUp": "Move up",
    "moveDown": "Move down",
    "sections": {
      "terminal": "Terminal",
      "hub": "Hub",
      "services": "Services",
      "ui": "Screen",
      "devices": "Devices",
      "face": "Face",
      "retention": "Retention",
      "staff": "Staff"
    },
    "looksLike": {
      "idCard": "looks like an ID card reader",
      "printer": "looks like a printer",
      "scanner": "looks like a scanner",
      "unknown": "unknown device"
    },
    "fields": {
      "terminal_id": "Terminal ID",
      "terminal_hallName_zh_CN": "Hall name (Simplified Chinese)",
      "terminal_hallName_zh_HK": "Hall name (Traditional Chinese)",
      "terminal_hallName_en": "Hall name (English)",
      "production": "Production (no demo panel, no emulated devices)",
      "hub_url": "Hub address",
      "hub_terminalSecret": "Terminal secret",
      "hub_caFile": "Hub CA certificate file (PEM)",
      "hub_requestTimeoutMs": "Request timeout (ms)",
      "hub_syncIntervalS": "Sync interval (s)",
      "hub_heartbeatIntervalS": "Heartbeat interval (s)",
      "services_shown": "Services shown, in order",
      "ui_languages": "Languages offered",
      "ui_defaultLanguage": "Default language",
      "ui_elderModeDefault": "Elder mode by default",
      "ui_idleTimeoutS": "Idle timeout (s)",
      "ui_elderIdleTimeoutS": "Idle timeout in elder mode (s)",
      "ui_countdownS": "Countdown before reset (s)",
      "ui_voice": "Voice prompts",
      "devices_idCard_enabled": "ID card reader",
      "devices_idCard_port": "Reader port",
      "devices_idCard_baudRate": "Reader baud rate",
      "devices_idCard_pollIntervalMs": "Card poll interval (ms)",
      "devices_printer_enabled": "Receipt printer",
      "devices_printer_port": "Printer port",
      "devices_printer_baudRate": "Printer baud rate",
      "devices_printer_profile": "Printer profile",
      "devices_scanner_enabled": "Scanner",
      "devices_scanner_kind": "Scanner type",
      "devices_scanner_port": "Scanner port",
      "devices_scanner_baudRate": "Scanner baud rate",
      "devices_camera_enabled": "Camera",
      "face_enabled": "Face identification",
      "face_sharingOffered": "Offer hall-wide sharing",
      "face_templateRetentionDays": "Face template retention (days)",
      "privacy_operator_zh_CN": "Data controller (Simplified Chinese)",
      "privacy_operator_zh_HK": "Data controller (Traditional Chinese)",
      "privacy_operator_en": "Data controller (English)",
      "privacy_contact": "Contact for personal data questions",
      "retention_acknowledgedPersonalDataDays": "Synced personal data kept (days)",
      "retention_logDays": "Logs kept (days)",
      "retention_processingRecordDays": "Face processing records kept (days, at least 1,096)",
      "queue_quotaMiB": "Offline queue disk quota (MiB)",
      "staff_autoExitS": "Staff mode auto-exit (s)",
      "services_appointmentEarlyMinutes": "Appointment check-in opens before the start (min)",
      "services_appointmentLateMinutes": "Appointment check-in stays open after the start (min)",
      "services_appointmentCodePattern": "Appointment code format (regular expression)"
    }
  },
  "tech": {
    "title": "Technician diagnostics",
    "device": "Device",
    "state": "State",
    "port": "Port",
    "lastError": "Last error",
    "readCard": "Read a card",
    "printerStatus": "Printer status",
    "testPage": "Print test page",
    "scan": "Scan a code",
    "running": "Running…",
    "failed": "Failed: {{message}}",
    "cardRead": "Card read: {{name}} {{id}} in {{ms}} ms",
    "noCard": "No card within 30 s",
    "cardRefused": "Card data not recognised, refused (reason {{reason}}, field {{field}})",
    "printed": "Test page printed ({{bytes}} bytes)",
    "scanned": "Scanned: {{code}}",
    "noScan": "Nothing scanned within 30 s",
    "disk": "Disk space",
    "diskValue": "{{free}} GiB free of {{total}} GiB ({{dir}})",
    "logs": "Recent log lines (redacted)",
    "open": "Diagnostics", "camera": {"title": "Camera preview", "start": "Start the camera", "stats": "Backend {{backend}} · {{ms}} ms per frame · {{faces}} faces"}, "bundle": "Export diagnostics bundle", "bundleWritten": "Diagnostics bundle written: {{file}} ({{kib}} KiB)", "queue": {"title": "Offline queue and sync", "pending": "Waiting to sync", "oldest": "Oldest entry waiting", "acknowledgedToday": "Delivered today", "dead": "Refused by the hub (dead letters)", "lastSync": "Last successful sync", "lastError": "Last sync error", "authProblem": "Hub refuses this terminal", "ageS": "{{s}} s", "ageMin": "{{min}} min", "retry": "Retry all dead letters", "retried": "{{count}} dead letters put back in the queue"}, "hub": {"title": "Hub", "check": "Check the hub", "ok": "Hub reachable: round trip {{ms}} ms, clock skew {{skew}} s", "down": "Hub not reachable: {{error}}", "lastOk": "last reached {{at}}", "never": "not reached yet", "skew": "clock skew {{s}} s", "notConfigured": "Hub not configured: {{why}}"},
    "devices": {
      "idCard": "ID card reader",
      "printer": "Receipt printer",
      "scanner": "Scanner",
      "camera": "Camera"
    }
  },
  "face": {
    "identifyTitle": "Identify by face",
    "bindTitle": "Register your face",
    "lookAtCamera": "Look at the camera with your face inside the frame",
    "holdStill": "Hold still, capturing",
    "challenges": "Step {{done}} of {{total}}",
    "captured": "Captured {{count}} of {{needed}}",
    "useIdCard": "Use your ID card instead",
    "cancel": "No thanks, go back",
    "noCamera": "The camera is not available. Please use your ID card.",
    "unavailable": "Face identification is not available now. Please use your ID card.",
    "result": {
      "identified": "You have been identified",
      "bound": "Your face is registered. Next time, just look at the camera.",
      "not-identified": "We could not identify you. Please use your ID card."
    },
    "offerBind": "Register your face to skip the ID card next time (optional)",
    "unbind": "Delete my face data",
    "unbound": "Your face data has been deleted",
    "greetingCard": "Hello, {{name}}",
    "greetingFace": "Hello, you have been identified by face"
  },
  "consent": {
    "store": {
      "title": "Store your face on this terminal?",
      "body": [
        "To identify you by face we keep your face features (numbers, never a photo), encrypted on this terminal and apart from your identity data.",
        "You can delete them at any time at this terminal with your ID card. Unused face data is deleted automatically.",
        "If you decline, nothing changes: you can still use your ID card for every service."
      ],
      "agree": "I agree",
      "decline": "No, thanks"
    },
    "share": {
      "title": "Use your face at the hall’s other terminals?",
      "body": [
        "If you agree, your encrypted face features are shared with this hall’s other terminals, so you can use your face at any of them.",
        "This is separate from the first question. If you decline, your face stays on this terminal only."
      ],
      "agree": "Yes, share",
      "decline": "This terminal only"
    }
  },
  "ticket": {
    "confirmTitle": "Take a queue ticket",
    "priority": "I am elderly or have a disability (priority)",
    "take": "Take a ticket",
    "taking": "Taking a ticket…",
    "yourNumber": "Your number",
    "ahead": "{{count}} people ahead of you",
    "takeSlip": "Please take your ticket and listen for your number",
    "noteNumber": "Please note your number.",
    "done": "Done",
    "printerProblem": "Tickets are not available: "
  },
  "rating": {
    "title": "How was our service today?",
    "levels": {
      "5": "Very satisfied",
      "4": "Satisfied",
      "3": "Fairly satisfied",
      "2": "Dissatisfied",
      "1": "Very dissatisfied"
    },
    "reasons": {
      "waiting-time": "Long wait",
      "hard-to-use": "Hard to use",
      "device-fault": "Device fault",
      "wrong-information": "Wrong information",
      "staff-attitude": "Staff attitude",
      "other": "Other"
    },
    "submit": "Submit",
    "skip": "Skip",
    "thanks": "Thank you for your rating",
    "notRecorded": "Your rating could not be recorded right now. Thank you all the same."
  },
  "results": {
    "title": "My results",
    "none": "No results yet",
    "print": "Print",
    "printed": "Printed. Please take your slip."
  },
  "keyboard": {
    "shift": "Shift",
    "backspace": "Delete",
    "clear": "Clear",
    "cancel": "Cancel",
    "done": "Done"
  },
};

export const resources: Record<Language, { translation: Resource }> = {
  'zh-CN': { translation: zhCN },
  'zh-HK': { translation: zhHK },
  en: { translation: en },
};

/** Each language names itself on the switch, so a citizen finds their own. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  'zh-CN': '简体中文',
  'zh-HK': '繁體中文',
  en: 'English',
};
