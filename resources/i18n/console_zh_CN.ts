<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Access</name>
    <message>
      <source>Duty officer (sample)</source>
      <translation>值班员（示例）</translation>
    </message>
    <message>
      <source>Observer</source>
      <translation>观察员</translation>
    </message>
    <message>
      <source>Field unit</source>
      <translation>现场队伍</translation>
    </message>
    <message>
      <source>Duty officer</source>
      <translation>值班员</translation>
    </message>
    <message>
      <source>Leader on duty</source>
      <translation>带班领导</translation>
    </message>
    <message>
      <source>On-scene commander</source>
      <translation>现场指挥长</translation>
    </message>
    <message>
      <source>Administrator</source>
      <translation>系统管理员</translation>
    </message>
  </context>
  <context>
    <name>AccessControl</name>
    <message>
      <source>Lock the console</source>
      <translation>锁定控制台</translation>
    </message>
    <message>
      <source>Wrong account name or password, or too many tries: wait {0} s.</source>
      <translation>账号或口令错误，或尝试次数过多：请等待 {0} 秒。</translation>
    </message>
    <message>
      <source>This account is disabled.</source>
      <translation>该账号已停用。</translation>
    </message>
    <message>
      <source>Wrong account name or password.</source>
      <translation>账号或口令错误。</translation>
    </message>
    <message>
      <source> (sample)</source>
      <translation>（示例）</translation>
    </message>
    <message>
      <source>Not available to the position {0}</source>
      <translation>岗位“{0}”无此权限</translation>
    </message>
    <message>
      <source>Shift change at sign-in</source>
      <translation>登录时交接班</translation>
    </message>
  </context>
  <context>
    <name>AlertBanner</name>
    <message>
      <source>Acknowledge</source>
      <translation>确认</translation>
    </message>
    <message numerus="yes">
      <source>(%n more)</source>
      <translation>
        <numerusform>（另有 %n 条）</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Areas</name>
    <message>
      <source>The map</source>
      <translation>地图</translation>
    </message>
    <message>
      <source>The offline map is not installed.</source>
      <translation>离线地图未安装。</translation>
    </message>
    <message>
      <source>The video wall</source>
      <translation>视频墙</translation>
    </message>
    <message>
      <source>The video decoders (PyAV) cannot load on this machine: run make run again to reinstall them.</source>
      <translation>本机无法加载视频解码组件（PyAV）：请重新执行 make run 以重新安装。</translation>
    </message>
    <message>
      <source>Situation map</source>
      <translation>态势一张图</translation>
    </message>
    <message>
      <source>Video wall</source>
      <translation>视频墙</translation>
    </message>
    <message>
      <source>Incidents</source>
      <translation>事件</translation>
    </message>
    <message>
      <source>Preplan checklist</source>
      <translation>预案清单</translation>
    </message>
    <message>
      <source>Duty log</source>
      <translation>值班日志</translation>
    </message>
    <message>
      <source>Units and resources</source>
      <translation>队伍与资源</translation>
    </message>
    <message>
      <source>Devices</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>Trends</source>
      <translation>趋势</translation>
    </message>
    <message>
      <source>Warnings</source>
      <translation>预警</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>Tasks by hand</source>
      <translation>人工待办</translation>
    </message>
    <message>
      <source>Communications log</source>
      <translation>通信记录</translation>
    </message>
    <message>
      <source>New log entry</source>
      <translation>新建日志条目</translation>
    </message>
    <message>
      <source>Day / night theme</source>
      <translation>日间 / 夜间主题</translation>
    </message>
    <message>
      <source>The video wall is not set up yet; the camera's position is on the map.</source>
      <translation>视频墙尚未配置；摄像机位置已在地图上标出。</translation>
    </message>
    <message>
      <source>Import MBTiles basemap…</source>
      <translation>导入 MBTiles 底图…</translation>
    </message>
    <message>
      <source>Attention</source>
      <translation>请注意</translation>
    </message>
    <message>
      <source>Empty database</source>
      <translation>数据库为空</translation>
    </message>
    <message>
      <source>This database is empty. Load the sample Shanghai data (districts, stations, shelters, units; all invented and marked as samples)?</source>
      <translation>当前数据库为空。是否载入上海示例数据（各区、消防站、避难场所、队伍等；均为虚构并标注为示例）？</translation>
    </message>
  </context>
  <context>
    <name>BasemapImportDialog</name>
    <message>
      <source>Importing basemap…</source>
      <translation>正在导入底图…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Import MBTiles basemap</source>
      <translation>导入 MBTiles 底图</translation>
    </message>
    <message>
      <source>Importing {name}…</source>
      <translation>正在导入 {name}…</translation>
    </message>
    <message>
      <source>The basemap was not imported: {reason}</source>
      <translation>底图未导入：{reason}</translation>
    </message>
    <message>
      <source>The basemap could not be copied: {reason}</source>
      <translation>底图无法复制：{reason}</translation>
    </message>
    <message>
      <source>Basemaps (*.mbtiles *.pmtiles);;All files (*)</source>
      <translation>底图 (*.mbtiles *.pmtiles);;所有文件 (*)</translation>
    </message>
  </context>
  <context>
    <name>CameraDialog</name>
    <message>
      <source>Edit camera</source>
      <translation>编辑摄像机</translation>
    </message>
    <message>
      <source>Add camera</source>
      <translation>添加摄像机</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Stream URL</source>
      <translation>视频流地址</translation>
    </message>
    <message>
      <source>Groups (separated by ;)</source>
      <translation>分组（以 ; 分隔）</translation>
    </message>
    <message>
      <source>Key-target tags (separated by ;)</source>
      <translation>重点目标标签（以 ; 分隔）</translation>
    </message>
    <message>
      <source>Latitude</source>
      <translation>纬度</translation>
    </message>
    <message>
      <source>Longitude</source>
      <translation>经度</translation>
    </message>
  </context>
  <context>
    <name>Checklist</name>
    <message>
      <source>To do</source>
      <translation>待办</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>进行中</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>完成</translation>
    </message>
    <message>
      <source>Skipped</source>
      <translation>跳过</translation>
    </message>
    <message>
      <source>Blocked</source>
      <translation>受阻</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>事项</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Group</source>
      <translation>工作组</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>责任人</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>时限</translation>
    </message>
    <message>
      <source>Notes / evidence</source>
      <translation>备注/佐证</translation>
    </message>
    <message>
      <source>Retired</source>
      <translation>已退出</translation>
    </message>
    <message>
      <source>waiting</source>
      <translation>待前序</translation>
    </message>
    <message>
      <source>overdue {0}</source>
      <translation>超时 {0}</translation>
    </message>
    <message>
      <source>needs: {0}</source>
      <translation>需提供：{0}</translation>
    </message>
    <message>
      <source>Due at {0}</source>
      <translation>时限 {0}</translation>
    </message>
    <message>
      <source>Waits for: {0}</source>
      <translation>等待：{0}</translation>
    </message>
    <message>
      <source>Evidence required: {0}</source>
      <translation>须提供佐证：{0}</translation>
    </message>
    <message>
      <source>Reason: {0}</source>
      <translation>理由：{0}</translation>
    </message>
  </context>
  <context>
    <name>CommsLog</name>
    <message>
      <source>Text</source>
      <translation>文字</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Position</source>
      <translation>位置</translation>
    </message>
    <message>
      <source>Emergency</source>
      <translation>紧急</translation>
    </message>
    <message>
      <source>Sent</source>
      <translation>已发出</translation>
    </message>
    <message>
      <source>Not sent</source>
      <translation>未发出</translation>
    </message>
    <message>
      <source>Expired</source>
      <translation>已过期</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>From / to</source>
      <translation>来源/去向</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>内容</translation>
    </message>
  </context>
  <context>
    <name>CommsLogView</name>
    <message>
      <source>Search the traffic (any two or more characters)</source>
      <translation>搜索通信（任意两个及以上字符）</translation>
    </message>
    <message>
      <source>Selected incident only</source>
      <translation>仅当前事件</translation>
    </message>
    <message>
      <source>To the duty log</source>
      <translation>记入值班日志</translation>
    </message>
    <message>
      <source>Copy the selected message into the duty log, credited to its source (Ctrl+M)</source>
      <translation>将所选消息记入值班日志，署名为其来源（Ctrl+M）</translation>
    </message>
    <message>
      <source>Copy to the duty log</source>
      <translation>记入值班日志</translation>
    </message>
    <message>
      <source>All units</source>
      <translation>全部队伍单元</translation>
    </message>
    <message>
      <source>type two or more characters</source>
      <translation>请输入两个及以上字符</translation>
    </message>
    <message>
      <source>newest {0}</source>
      <translation>最新 {0} 条</translation>
    </message>
    <message>
      <source>{0} messages</source>
      <translation>共 {0} 条</translation>
    </message>
  </context>
  <context>
    <name>ConfirmTaskDialog</name>
    <message>
      <source>Confirm task done</source>
      <translation>确认待办已完成</translation>
    </message>
    <message>
      <source>e.g. who answered, what they said</source>
      <translation>如：接听人、对方答复</translation>
    </message>
    <message>
      <source>Done by *</source>
      <translation>完成人 *</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>Desk</name>
    <message>
      <source>Take report</source>
      <translation>接报</translation>
    </message>
    <message>
      <source>Open shift</source>
      <translation>开班</translation>
    </message>
    <message>
      <source>Handover</source>
      <translation>交接班</translation>
    </message>
    <message>
      <source>First report made</source>
      <translation>已初报</translation>
    </message>
    <message>
      <source>Written report sent</source>
      <translation>已书面报告</translation>
    </message>
    <message>
      <source>The unfinished report could not be kept as a draft: {0}</source>
      <translation>未完成的接报未能保存为草稿：{0}</translation>
    </message>
    <message>
      <source>Report taken: {0}</source>
      <translation>已接报：{0}</translation>
    </message>
    <message>
      <source>Not possible: {0}</source>
      <translation>无法执行：{0}</translation>
    </message>
    <message>
      <source>A shift is already open. Hand it over to start the next one.</source>
      <translation>当前已有班次。请先交接班再开始下一班。</translation>
    </message>
    <message>
      <source>No shift is open. Open a shift first.</source>
      <translation>当前没有班次。请先开班。</translation>
    </message>
    <message>
      <source>The handover is recorded, but the PDF could not be written: {0}</source>
      <translation>交接班已记录，但无法写入 PDF：{0}</translation>
    </message>
    <message>
      <source>Handover recorded; sheet saved to {0}</source>
      <translation>交接班已记录；交接单已保存到 {0}</translation>
    </message>
    <message numerus="yes">
      <source>%n item(s) overdue</source>
      <translation>
        <numerusform>%n 项逾期</numerusform>
      </translation>
    </message>
    <message>
      <source>Reports overdue: {0} · manual tasks overdue: {1}</source>
      <translation>报送逾期 {0} 项 · 人工待办逾期 {1} 项</translation>
    </message>
    <message numerus="yes">
      <source>%n report(s) overdue</source>
      <translation>
        <numerusform>%n 项报送逾期</numerusform>
      </translation>
    </message>
    <message>
      <source>On duty: {0} · leader {1}</source>
      <translation>值班：{0} · 带班 {1}</translation>
    </message>
    <message>
      <source>No shift open (Ctrl+Shift+O)</source>
      <translation>未开班（Ctrl+Shift+O）</translation>
    </message>
    <message>
      <source>… and {0} more</source>
      <translation>……另有 {0} 起</translation>
    </message>
    <message numerus="yes">
      <source>The shift is still open with %n open incident(s):</source>
      <translation>
        <numerusform>本班尚未交接，仍有 %n 起在办事件：</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n manual task(s) not done</source>
      <translation>
        <numerusform>%n 项人工待办未完成</numerusform>
      </translation>
    </message>
    <message>
      <source>Close the console?</source>
      <translation>关闭指挥调度台？</translation>
    </message>
    <message>
      <source>Nobody will see deadlines or alarms here while it is closed. Hand the shift over first (Ctrl+Shift+H) or close anyway?</source>
      <translation>关闭后本机将不再提示报送时限和告警。请先交接班（Ctrl+Shift+H），或确认仍要关闭？</translation>
    </message>
  </context>
  <context>
    <name>DevicesView</name>
    <message>
      <source>Connected</source>
      <translation>已连接</translation>
    </message>
    <message>
      <source>Connecting</source>
      <translation>连接中</translation>
    </message>
    <message>
      <source>Link lost, retrying</source>
      <translation>链路中断，重连中</translation>
    </message>
    <message>
      <source>Disconnected</source>
      <translation>未连接</translation>
    </message>
    <message>
      <source>Queued</source>
      <translation>排队中</translation>
    </message>
    <message>
      <source>No link</source>
      <translation>无链路</translation>
    </message>
    <message>
      <source>Sent</source>
      <translation>已发出</translation>
    </message>
    <message>
      <source>Delivered</source>
      <translation>已送达</translation>
    </message>
    <message>
      <source>Failed</source>
      <translation>发送失败</translation>
    </message>
    <message>
      <source>Expired</source>
      <translation>已过期</translation>
    </message>
    <message>
      <source>TETRA radio</source>
      <translation>TETRA 电台</translation>
    </message>
    <message>
      <source>BeiDou terminal</source>
      <translation>北斗终端</translation>
    </message>
    <message>
      <source>GNSS receiver</source>
      <translation>GNSS 接收机</translation>
    </message>
    <message>
      <source>GSM/4G modem (SMS)</source>
      <translation>短信猫（GSM/4G 调制解调器）</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>Port</source>
      <translation>端口</translation>
    </message>
    <message>
      <source>Protocol</source>
      <translation>协议</translation>
    </message>
    <message>
      <source>Link</source>
      <translation>链路</translation>
    </message>
    <message>
      <source>Bytes/s</source>
      <translation>字节/秒</translation>
    </message>
    <message>
      <source>Frames in/out</source>
      <translation>帧 收/发</translation>
    </message>
    <message>
      <source>Errors</source>
      <translation>错误</translation>
    </message>
    <message>
      <source>Last frame</source>
      <translation>最近一帧</translation>
    </message>
    <message>
      <source>Detail</source>
      <translation>详情</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Dir</source>
      <translation>方向</translation>
    </message>
    <message>
      <source>Raw</source>
      <translation>原始数据</translation>
    </message>
    <message>
      <source>Decoded</source>
      <translation>解码</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>创建</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>信道</translation>
    </message>
    <message>
      <source>To</source>
      <translation>收信方</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Attempts</source>
      <translation>尝试次数</translation>
    </message>
    <message>
      <source>Last error</source>
      <translation>最近错误</translation>
    </message>
    <message>
      <source>SMS</source>
      <translation>短信</translation>
    </message>
    <message>
      <source>BeiDou</source>
      <translation>北斗</translation>
    </message>
    <message>
      <source>/dev/ttyUSB0 or a /dev/pts path</source>
      <translation>/dev/ttyUSB0 或 /dev/pts 路径</translation>
    </message>
    <message>
      <source>Rescan</source>
      <translation>重新扫描</translation>
    </message>
    <message>
      <source>e.g. Command car radio</source>
      <translation>如：指挥车电台</translation>
    </message>
    <message>
      <source>Add device</source>
      <translation>添加设备</translation>
    </message>
    <message>
      <source>Add a device</source>
      <translation>添加设备</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Baud</source>
      <translation>波特率</translation>
    </message>
    <message>
      <source>Detected serial ports and paths you typed are listed. A device you leave connected reconnects when the console starts.</source>
      <translation>列出检测到的串口和您输入过的路径。保持连接的设备在控制台启动时自动重连。</translation>
    </message>
    <message>
      <source>Connect</source>
      <translation>连接</translation>
    </message>
    <message>
      <source>Disconnect</source>
      <translation>断开</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <source>Send message…</source>
      <translation>发送消息…</translation>
    </message>
    <message>
      <source>Configured devices</source>
      <translation>已配置设备</translation>
    </message>
    <message>
      <source>Filter: ISSI, card, sentence, text…</source>
      <translation>筛选：ISSI、卡号、语句、文字…</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>清空</translation>
    </message>
    <message>
      <source>Traffic monitor</source>
      <translation>报文监视</translation>
    </message>
    <message>
      <source>Outbox</source>
      <translation>发件箱</translation>
    </message>
    <message>
      <source>Choose or type the port the device is on.</source>
      <translation>请选择或输入设备所在端口。</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>继续</translation>
    </message>
  </context>
  <context>
    <name>DutyLog</name>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Entry</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>Duty officer</source>
      <translation>值班员</translation>
    </message>
    <message>
      <source>[correction] {0}</source>
      <translation>【更正】{0}</translation>
    </message>
  </context>
  <context>
    <name>DutyLogView</name>
    <message>
      <source>Search the log (any two or more characters)</source>
      <translation>搜索日志（任意两个及以上字符）</translation>
    </message>
    <message>
      <source>All categories</source>
      <translation>全部类别</translation>
    </message>
    <message>
      <source>New entry: type and press Enter (Ctrl+L to get here)</source>
      <translation>新条目：输入后按回车（Ctrl+L 跳转到此处）</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <source>Type two or more characters per word to search</source>
      <translation>每个搜索词请至少输入两个字符</translation>
    </message>
    <message numerus="yes">
      <source>%n matching entries</source>
      <translation>
        <numerusform>匹配 %n 条</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n entries</source>
      <translation>
        <numerusform>共 %n 条</numerusform>
      </translation>
    </message>
    <message>
      <source>Correct this entry…</source>
      <translation>更正此条…</translation>
    </message>
    <message>
      <source>Correction</source>
      <translation>更正</translation>
    </message>
    <message>
      <source>The original stays in the log. Corrected text:</source>
      <translation>原条目保留在日志中。更正内容：</translation>
    </message>
  </context>
  <context>
    <name>HandoverDialog</name>
    <message>
      <source>Shift handover</source>
      <translation>交接班</translation>
    </message>
    <message>
      <source>Handing over: {0}</source>
      <translation>交班人：{0}</translation>
    </message>
    <message>
      <source>Open incidents ({0})</source>
      <translation>在办事件（{0}）</translation>
    </message>
    <message>
      <source>Overdue reports ({0})</source>
      <translation>逾期报送（{0}）</translation>
    </message>
    <message>
      <source>Pending items ({0})</source>
      <translation>待办事项（{0}）</translation>
    </message>
    <message>
      <source>Next duty officer *</source>
      <translation>接班值班员 *</translation>
    </message>
    <message>
      <source>Next leader on duty</source>
      <translation>接班带班领导</translation>
    </message>
    <message>
      <source>Notes for the next shift</source>
      <translation>交接事项</translation>
    </message>
    <message>
      <source>Hand over and print PDF</source>
      <translation>交接并打印 PDF</translation>
    </message>
    <message>
      <source>The next duty officer's name is required.</source>
      <translation>必须填写接班值班员姓名。</translation>
    </message>
  </context>
  <context>
    <name>HandoverSheet</name>
    <message>
      <source>None</source>
      <translation>无</translation>
    </message>
    <message>
      <source>Duty handover sheet</source>
      <translation>值班交接班记录</translation>
    </message>
    <message>
      <source>Handing over</source>
      <translation>交班</translation>
    </message>
    <message>
      <source>Taking over</source>
      <translation>接班</translation>
    </message>
    <message>
      <source>leader on duty</source>
      <translation>带班领导</translation>
    </message>
    <message>
      <source>Shift began</source>
      <translation>本班开始</translation>
    </message>
    <message>
      <source>Log entries this shift</source>
      <translation>本班日志条目</translation>
    </message>
    <message>
      <source>Open incidents</source>
      <translation>在办事件</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>等级</translation>
    </message>
    <message>
      <source>Incident</source>
      <translation>事件</translation>
    </message>
    <message>
      <source>District</source>
      <translation>区</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Next deadline</source>
      <translation>下一时限</translation>
    </message>
    <message>
      <source>Overdue reports</source>
      <translation>逾期报送</translation>
    </message>
    <message>
      <source>Handover notes</source>
      <translation>交接事项</translation>
    </message>
    <message>
      <source>Signed (handing over)</source>
      <translation>交班人签字</translation>
    </message>
    <message>
      <source>Signed (taking over)</source>
      <translation>接班人签字</translation>
    </message>
    <message>
      <source>Duty log head (check with: log verify --head)</source>
      <translation>值班日志链头（核验：log verify --head）</translation>
    </message>
    <message>
      <source>no entries yet</source>
      <translation>尚无条目</translation>
    </message>
    <message>
      <source>Preplans in force</source>
      <translation>执行中的预案</translation>
    </message>
    <message>
      <source>Preplan</source>
      <translation>预案</translation>
    </message>
    <message>
      <source>Checklist</source>
      <translation>处置清单</translation>
    </message>
    <message>
      <source>{0} of {1} closed</source>
      <translation>已完成 {0}/{1}</translation>
    </message>
    <message>
      <source>{0} overdue</source>
      <translation>超时 {0} 项</translation>
    </message>
    <message>
      <source>Manual tasks to do</source>
      <translation>待人工完成的事项</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>时限</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>事项</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <source>Notices not delivered</source>
      <translation>未送达的通知</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>To</source>
      <translation>发往</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>overdue by {0}</source>
      <translation>已逾期 {0}</translation>
    </message>
    <message>
      <source>in {0}</source>
      <translation>剩余 {0}</translation>
    </message>
  </context>
  <context>
    <name>IncidentBoard</name>
    <message>
      <source>{0} overdue {1}</source>
      <translation>{0} 已逾期 {1}</translation>
    </message>
    <message>
      <source> [sample]</source>
      <translation>【示例】</translation>
    </message>
    <message>
      <source>reported</source>
      <translation>已报送</translation>
    </message>
    <message>
      <source>Filter incidents (title, district, class…)</source>
      <translation>筛选事件（标题、区、类别…）</translation>
    </message>
    <message>
      <source>Hide closed</source>
      <translation>隐藏已结束</translation>
    </message>
    <message>
      <source>Acknowledge</source>
      <translation>确认已阅</translation>
    </message>
    <message>
      <source>First report made</source>
      <translation>已初报</translation>
    </message>
    <message>
      <source>Written report sent</source>
      <translation>已书面报告</translation>
    </message>
    <message>
      <source>Start response</source>
      <translation>开始处置</translation>
    </message>
    <message>
      <source>Close incident</source>
      <translation>结束事件</translation>
    </message>
    <message>
      <source>Set level</source>
      <translation>调整等级</translation>
    </message>
  </context>
  <context>
    <name>IncidentDetail</name>
    <message>
      <source>Select an incident to see its details and timeline.</source>
      <translation>选择一个事件以查看详情和时间线。</translation>
    </message>
    <message>
      <source>Class / type</source>
      <translation>类别 / 类型</translation>
    </message>
    <message>
      <source>Level / status</source>
      <translation>等级 / 状态</translation>
    </message>
    <message>
      <source>Location</source>
      <translation>位置</translation>
    </message>
    <message>
      <source>Source / reporter</source>
      <translation>来源 / 报告人</translation>
    </message>
    <message>
      <source>Casualties</source>
      <translation>人员伤亡</translation>
    </message>
    <message>
      <source>deaths {0}, injured {1}, missing {2}, trapped {3}</source>
      <translation>死亡 {0}，受伤 {1}，失联 {2}，被困 {3}</translation>
    </message>
    <message>
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <source>done {0}</source>
      <translation>已于 {0} 完成</translation>
    </message>
    <message>
      <source>overdue {0}</source>
      <translation>已逾期 {0}</translation>
    </message>
    <message>
      <source>due in {0}</source>
      <translation>剩余 {0}</translation>
    </message>
  </context>
  <context>
    <name>IntakeDialog</name>
    <message>
      <source>Take a report</source>
      <translation>接报</translation>
    </message>
    <message>
      <source>What happened, and where</source>
      <translation>发生了什么、在哪里（如：徐汇区漕溪北路燃气管道泄漏）</translation>
    </message>
    <message>
      <source>— choose —</source>
      <translation>— 请选择 —</translation>
    </message>
    <message>
      <source>Casualties</source>
      <translation>人员伤亡</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>情况描述</translation>
    </message>
    <message>
      <source>Save (Ctrl+Enter)</source>
      <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
      <source>Start a new report instead</source>
      <translation>改为新建接报</translation>
    </message>
    <message>
      <source>Continuing the unfinished report kept at {0}.</source>
      <translation>继续填写 {0} 保存的未完成接报。</translation>
    </message>
    <message>
      <source>Unsaved report</source>
      <translation>接报未保存</translation>
    </message>
    <message>
      <source>This report is not saved. Throw away what was typed?</source>
      <translation>本条接报尚未保存。要丢弃已填写的内容吗？</translation>
    </message>
    <message>
      <source>Keep as draft (F2 offers it back)</source>
      <translation>保留为草稿（按 F2 继续）</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>丢弃</translation>
    </message>
    <message>
      <source>Continue typing</source>
      <translation>继续填写</translation>
    </message>
    <message>
      <source>Not saved — please correct:</source>
      <translation>未保存——请更正：</translation>
    </message>
  </context>
  <context>
    <name>IntakeMapTools</name>
    <message>
      <source>Pick on map</source>
      <translation>在地图上选点</translation>
    </message>
    <message>
      <source>Hide this form; one click on the map sets the point</source>
      <translation>暂时隐藏本表单；在地图上单击一次即设定位置</translation>
    </message>
    <message>
      <source>≈ Approximate: the centre of {0}. Pick on map or type the real point.</source>
      <translation>≈ 近似位置：{0}中心。请在地图上选点或输入实际坐标。</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <source>Natural disaster</source>
      <translation>自然灾害</translation>
    </message>
    <message>
      <source>Accident</source>
      <translation>事故灾难</translation>
    </message>
    <message>
      <source>Public health</source>
      <translation>公共卫生事件</translation>
    </message>
    <message>
      <source>Social security</source>
      <translation>社会安全事件</translation>
    </message>
    <message>
      <source>Level I (especially serious)</source>
      <translation>Ⅰ级（特别重大）</translation>
    </message>
    <message>
      <source>Level II (serious)</source>
      <translation>Ⅱ级（重大）</translation>
    </message>
    <message>
      <source>Level III (relatively serious)</source>
      <translation>Ⅲ级（较大）</translation>
    </message>
    <message>
      <source>Level IV (general)</source>
      <translation>Ⅳ级（一般）</translation>
    </message>
    <message>
      <source>Level {0}</source>
      <translation>{0}级</translation>
    </message>
    <message>
      <source>Reported</source>
      <translation>接报</translation>
    </message>
    <message>
      <source>Responding</source>
      <translation>处置中</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>结束</translation>
    </message>
    <message>
      <source>110 police</source>
      <translation>110 报警</translation>
    </message>
    <message>
      <source>119 fire</source>
      <translation>119 火警</translation>
    </message>
    <message>
      <source>12345 hotline</source>
      <translation>12345 热线</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Radio</source>
      <translation>电台</translation>
    </message>
    <message>
      <source>Field terminal</source>
      <translation>现场终端</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>Intake</source>
      <translation>接报</translation>
    </message>
    <message>
      <source>Follow-up</source>
      <translation>续报</translation>
    </message>
    <message>
      <source>Instruction</source>
      <translation>指示</translation>
    </message>
    <message>
      <source>Dispatch</source>
      <translation>调度</translation>
    </message>
    <message>
      <source>Comms</source>
      <translation>通信</translation>
    </message>
    <message>
      <source>Handover</source>
      <translation>交接班</translation>
    </message>
    <message>
      <source>System</source>
      <translation>系统</translation>
    </message>
    <message>
      <source>First report</source>
      <translation>初报</translation>
    </message>
    <message>
      <source>Written report</source>
      <translation>书面报告</translation>
    </message>
    <message>
      <source>None</source>
      <translation>无</translation>
    </message>
    <message>
      <source>Red</source>
      <translation>红色</translation>
    </message>
    <message>
      <source>Orange</source>
      <translation>橙色</translation>
    </message>
    <message>
      <source>Yellow</source>
      <translation>黄色</translation>
    </message>
    <message>
      <source>Blue</source>
      <translation>蓝色</translation>
    </message>
    <message>
      <source>Available</source>
      <translation>待命</translation>
    </message>
    <message>
      <source>Dispatched</source>
      <translation>已出动</translation>
    </message>
    <message>
      <source>On scene</source>
      <translation>到场</translation>
    </message>
    <message>
      <source>Returning</source>
      <translation>返回中</translation>
    </message>
    <message>
      <source>Out of service</source>
      <translation>停用</translation>
    </message>
    <message>
      <source>Fire engine</source>
      <translation>消防车</translation>
    </message>
    <message>
      <source>Aerial ladder</source>
      <translation>云梯车</translation>
    </message>
    <message>
      <source>Rescue vehicle</source>
      <translation>抢险救援车</translation>
    </message>
    <message>
      <source>Ambulance</source>
      <translation>救护车</translation>
    </message>
    <message>
      <source>Police car</source>
      <translation>警车</translation>
    </message>
    <message>
      <source>Command vehicle</source>
      <translation>指挥车</translation>
    </message>
    <message>
      <source>Hazmat unit</source>
      <translation>危化品处置车</translation>
    </message>
    <message>
      <source>Rescue boat</source>
      <translation>冲锋舟</translation>
    </message>
    <message>
      <source>Pump truck</source>
      <translation>排涝泵车</translation>
    </message>
    <message>
      <source>Fire station</source>
      <translation>消防站</translation>
    </message>
    <message>
      <source>Micro fire station</source>
      <translation>微型消防站</translation>
    </message>
    <message>
      <source>Shelter</source>
      <translation>避难场所</translation>
    </message>
    <message>
      <source>Stockpile</source>
      <translation>物资储备库</translation>
    </message>
    <message>
      <source>Team</source>
      <translation>救援队伍</translation>
    </message>
    <message>
      <source>Expert</source>
      <translation>专家</translation>
    </message>
    <message>
      <source>Vehicle</source>
      <translation>车辆</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>等级</translation>
    </message>
    <message>
      <source>Incident</source>
      <translation>事件</translation>
    </message>
    <message>
      <source>Class</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>District</source>
      <translation>区</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <source>Reported at</source>
      <translation>接报时间</translation>
    </message>
    <message>
      <source>Next report due</source>
      <translation>报送倒计时</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>事件标题</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>事件类型</translation>
    </message>
    <message>
      <source>Latitude</source>
      <translation>纬度</translation>
    </message>
    <message>
      <source>Longitude</source>
      <translation>经度</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <source>Reporter</source>
      <translation>报告人</translation>
    </message>
    <message>
      <source>Call-back number</source>
      <translation>回拨电话</translation>
    </message>
    <message>
      <source>Deaths</source>
      <translation>死亡</translation>
    </message>
    <message>
      <source>Injured</source>
      <translation>受伤</translation>
    </message>
    <message>
      <source>Missing</source>
      <translation>失联</translation>
    </message>
    <message>
      <source>Trapped</source>
      <translation>被困</translation>
    </message>
    <message>
      <source>Warning colour</source>
      <translation>预警颜色</translation>
    </message>
    <message>
      <source>is required</source>
      <translation>为必填项</translation>
    </message>
    <message>
      <source>is not valid</source>
      <translation>格式不正确</translation>
    </message>
    <message>
      <source>must be within {0}</source>
      <translation>须在 {0} 范围内</translation>
    </message>
    <message>
      <source>is longer than {0} characters</source>
      <translation>超过 {0} 个字符</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Incident Command Console</source>
      <translation>突发事件指挥调度台</translation>
    </message>
    <message>
      <source>Actions</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>&amp;Areas</source>
      <translation>区域(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Duty</source>
      <translation>值班(&amp;D)</translation>
    </message>
    <message>
      <source>Desk layout: board, log and map</source>
      <translation>值守布局：事件、日志与地图</translation>
    </message>
    <message>
      <source>Command layout: map, board and checklist</source>
      <translation>指挥布局：地图、事件与处置清单</translation>
    </message>
    <message>
      <source>Video layout: video wall and board</source>
      <translation>视频布局：视频墙与事件</translation>
    </message>
  </context>
  <context>
    <name>MapView</name>
    <message>
      <source>Districts (offline vector)</source>
      <translation>区界（离线矢量）</translation>
    </message>
    <message>
      <source>Online map</source>
      <translation>在线地图</translation>
    </message>
    <message>
      <source>Live situation map</source>
      <translation>实时态势图</translation>
    </message>
    <message>
      <source>Legend</source>
      <translation>图例</translation>
    </message>
    <message>
      <source>District boundaries</source>
      <translation>区界</translation>
    </message>
    <message>
      <source>Units</source>
      <translation>队伍单元</translation>
    </message>
    <message>
      <source>Unit trails</source>
      <translation>单元轨迹</translation>
    </message>
    <message>
      <source>Incidents</source>
      <translation>事件</translation>
    </message>
    <message>
      <source>Resources</source>
      <translation>资源</translation>
    </message>
    <message>
      <source>Cameras</source>
      <translation>摄像机</translation>
    </message>
    <message>
      <source>Risk zones</source>
      <translation>风险区域</translation>
    </message>
    <message>
      <source>Warning areas</source>
      <translation>预警区域</translation>
    </message>
    <message>
      <source>Hazards</source>
      <translation>隐患</translation>
    </message>
    <message>
      <source>Sensors</source>
      <translation>传感器</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>等级</translation>
    </message>
    <message>
      <source>Level I (especially serious)</source>
      <translation>Ⅰ级（特别重大）</translation>
    </message>
    <message>
      <source>Level II (serious)</source>
      <translation>Ⅱ级（重大）</translation>
    </message>
    <message>
      <source>Level III (relatively serious)</source>
      <translation>Ⅲ级（较大）</translation>
    </message>
    <message>
      <source>Level IV (general)</source>
      <translation>Ⅳ级（一般）</translation>
    </message>
    <message>
      <source>threshold</source>
      <translation>阈值</translation>
    </message>
    <message>
      <source>New incident here</source>
      <translation>在此接报新事件</translation>
    </message>
    <message>
      <source>Measure distance from here</source>
      <translation>从此处测距</translation>
    </message>
    <message>
      <source>Centre map here</source>
      <translation>以此为中心</translation>
    </message>
    <message>
      <source>Available</source>
      <translation>待命</translation>
    </message>
    <message>
      <source>Dispatched / en route</source>
      <translation>已出动 / 途中</translation>
    </message>
    <message>
      <source>En route</source>
      <translation>途中</translation>
    </message>
    <message>
      <source>On scene</source>
      <translation>到场</translation>
    </message>
    <message>
      <source>Returning</source>
      <translation>返回中</translation>
    </message>
    <message>
      <source>Out of service</source>
      <translation>停用</translation>
    </message>
    <message>
      <source>New</source>
      <translation>新</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>未结</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>处置中</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>结束</translation>
    </message>
    <message>
      <source>Fire station</source>
      <translation>消防站</translation>
    </message>
    <message>
      <source>Micro fire station</source>
      <translation>微型消防站</translation>
    </message>
    <message>
      <source>Shelter</source>
      <translation>避难场所</translation>
    </message>
    <message>
      <source>Stockpile</source>
      <translation>物资储备库</translation>
    </message>
    <message>
      <source>Rescue team</source>
      <translation>救援队伍</translation>
    </message>
    <message>
      <source>Hospital</source>
      <translation>医院</translation>
    </message>
    <message>
      <source>Expert</source>
      <translation>专家</translation>
    </message>
    <message>
      <source>Vehicle</source>
      <translation>车辆</translation>
    </message>
    <message>
      <source>Water level</source>
      <translation>水位</translation>
    </message>
    <message>
      <source>Rainfall</source>
      <translation>雨量</translation>
    </message>
    <message>
      <source>Underpass flooding</source>
      <translation>下立交积水</translation>
    </message>
    <message>
      <source>Hydrant pressure</source>
      <translation>消火栓压力</translation>
    </message>
    <message>
      <source>Elevator levelling</source>
      <translation>电梯平层</translation>
    </message>
    <message>
      <source>major</source>
      <translation>重大</translation>
    </message>
    <message>
      <source>general</source>
      <translation>一般</translation>
    </message>
    <message>
      <source>Responding</source>
      <translation>处置中</translation>
    </message>
    <message>
      <source>Major risk</source>
      <translation>重大风险</translation>
    </message>
    <message>
      <source>Large risk</source>
      <translation>较大风险</translation>
    </message>
    <message>
      <source>General risk</source>
      <translation>一般风险</translation>
    </message>
    <message>
      <source>Low risk</source>
      <translation>低风险</translation>
    </message>
    <message>
      <source>Capacity</source>
      <translation>容量</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <source>District</source>
      <translation>区</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>物资</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>人数</translation>
    </message>
    <message>
      <source>Vehicles</source>
      <translation>车辆</translation>
    </message>
    <message>
      <source>Engines</source>
      <translation>消防车</translation>
    </message>
    <message>
      <source>Staff</source>
      <translation>人员</translation>
    </message>
    <message>
      <source>Class</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Contents</source>
      <translation>储备</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Speciality</source>
      <translation>专业</translation>
    </message>
    <message>
      <source>Plate</source>
      <translation>车牌</translation>
    </message>
  </context>
  <context>
    <name>NotSetUp</name>
    <message>
      <source>{0} is not set up yet</source>
      <translation>{0}尚未配置</translation>
    </message>
  </context>
  <context>
    <name>OpenShiftDialog</name>
    <message>
      <source>Open shift</source>
      <translation>开班</translation>
    </message>
    <message>
      <source>Duty officer *</source>
      <translation>值班员 *</translation>
    </message>
    <message>
      <source>Leader on duty</source>
      <translation>带班领导</translation>
    </message>
    <message>
      <source>The duty officer's name is required.</source>
      <translation>必须填写值班员姓名。</translation>
    </message>
  </context>
  <context>
    <name>PreplanEditor</name>
    <message>
      <source>Preplans</source>
      <translation>应急预案</translation>
    </message>
    <message>
      <source>Import YAML…</source>
      <translation>导入 YAML…</translation>
    </message>
    <message>
      <source>Export YAML…</source>
      <translation>导出 YAML…</translation>
    </message>
    <message>
      <source>Phase</source>
      <translation>阶段</translation>
    </message>
    <message>
      <source>Id</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>事项</translation>
    </message>
    <message>
      <source>Group</source>
      <translation>工作组</translation>
    </message>
    <message>
      <source>Deadline (min)</source>
      <translation>时限（分钟）</translation>
    </message>
    <message>
      <source>After item</source>
      <translation>起算事项</translation>
    </message>
    <message>
      <source>From level</source>
      <translation>适用级别</translation>
    </message>
    <message>
      <source>Evidence</source>
      <translation>佐证</translation>
    </message>
    <message>
      <source>Depends on</source>
      <translation>前置事项</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Count</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>调派规则</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Add item</source>
      <translation>添加事项</translation>
    </message>
    <message>
      <source>Remove item</source>
      <translation>删除事项</translation>
    </message>
    <message>
      <source>Items and deadlines</source>
      <translation>事项与时限</translation>
    </message>
    <message>
      <source>Add resource</source>
      <translation>添加资源</translation>
    </message>
    <message>
      <source>Remove resource</source>
      <translation>删除资源</translation>
    </message>
    <message>
      <source>Resources</source>
      <translation>资源</translation>
    </message>
    <message>
      <source>YAML</source>
      <translation>YAML</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>校验</translation>
    </message>
    <message>
      <source>Save as new version</source>
      <translation>保存为新版本</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Plan</source>
      <translation>预案</translation>
    </message>
    <message>
      <source>version {0} of {1}</source>
      <translation>第{0}版，共{1}版</translation>
    </message>
    <message>
      <source>plan</source>
      <translation>预案</translation>
    </message>
    <message>
      <source>The plan is valid.</source>
      <translation>预案校验通过。</translation>
    </message>
    <message>
      <source>line {0}: {1}{2}</source>
      <translation>第{0}行：{1}{2}</translation>
    </message>
    <message numerus="yes">
      <source>%n problem(s): nothing was saved.</source>
      <translation>
        <numerusform>%n 处问题，未保存任何内容。</numerusform>
      </translation>
    </message>
    <message>
      <source>Saved as version {0}.</source>
      <translation>已保存为第{0}版。</translation>
    </message>
    <message>
      <source>No change: the stored version is the same.</source>
      <translation>无变化：与已存版本相同。</translation>
    </message>
    <message>
      <source>Cannot read {0}: {1}</source>
      <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
      <source>Exported to {0}</source>
      <translation>已导出到 {0}</translation>
    </message>
    <message>
      <source>Import preplan</source>
      <translation>导入预案</translation>
    </message>
    <message>
      <source>YAML (*.yaml *.yml)</source>
      <translation>YAML (*.yaml *.yml)</translation>
    </message>
    <message>
      <source>Export preplan</source>
      <translation>导出预案</translation>
    </message>
  </context>
  <context>
    <name>PreplanMatch</name>
    <message>
      <source>{0}  ·  score {1}  ·  suggests level {2}</source>
      <translation>{0}  ·  匹配分 {1}  ·  建议{2}级响应</translation>
    </message>
  </context>
  <context>
    <name>PreplanView</name>
    <message>
      <source>One-key activate</source>
      <translation>一键启动</translation>
    </message>
    <message>
      <source>Activate the chosen plan at the chosen level (Ctrl+Shift+A)</source>
      <translation>按所选响应级别启动所选预案（Ctrl+Shift+A）</translation>
    </message>
    <message>
      <source>%v of %m closed</source>
      <translation>已完成 %v / %m</translation>
    </message>
    <message>
      <source>Sound on overdue</source>
      <translation>超时声音提醒</translation>
    </message>
    <message>
      <source>Level {0}</source>
      <translation>{0}级</translation>
    </message>
    <message>
      <source>Change level</source>
      <translation>调整级别</translation>
    </message>
    <message>
      <source>Stand down</source>
      <translation>终止响应</translation>
    </message>
    <message>
      <source>Plans…</source>
      <translation>预案管理…</translation>
    </message>
    <message>
      <source>Assignee (A)</source>
      <translation>责任人（A）</translation>
    </message>
    <message>
      <source>Notes (N)</source>
      <translation>备注（N）</translation>
    </message>
    <message>
      <source>Evidence reference (E), Enter to attach</source>
      <translation>佐证（E），回车添加</translation>
    </message>
    <message>
      <source>Space done · Enter in progress · S skip · B blocked · T to do · A assignee · N notes · E evidence</source>
      <translation>空格 完成 · 回车 进行中 · S 跳过 · B 受阻 · T 待办 · A 责任人 · N 备注 · E 佐证</translation>
    </message>
    <message>
      <source>MATCHING PLANS</source>
      <translation>匹配预案</translation>
    </message>
    <message>
      <source>Response level</source>
      <translation>响应级别</translation>
    </message>
    <message>
      <source>CHECKLIST</source>
      <translation>处置清单</translation>
    </message>
    <message>
      <source>Select an incident on the incident board</source>
      <translation>请在事件列表中选择事件</translation>
    </message>
    <message>
      <source>No plan matches this incident.</source>
      <translation>没有与该事件匹配的预案。</translation>
    </message>
    <message>
      <source>Active</source>
      <translation>已启动</translation>
    </message>
    <message>
      <source>Select an incident and a plan first.</source>
      <translation>请先选择事件和预案。</translation>
    </message>
    <message>
      <source>stood down</source>
      <translation>已终止</translation>
    </message>
    <message>
      <source>level {0}</source>
      <translation>{0}级</translation>
    </message>
    <message>
      <source>No activation for this incident</source>
      <translation>本事件尚无已启动的预案</translation>
    </message>
    <message>
      <source>All groups</source>
      <translation>全部工作组</translation>
    </message>
    <message>
      <source>No preplan active: choose one above, then Ctrl+Shift+A</source>
      <translation>尚未启动预案：在上方选择预案后按 Ctrl+Shift+A 一键启动</translation>
    </message>
    <message numerus="yes">
      <source>%n overdue</source>
      <translation>
        <numerusform>%n 项超时</numerusform>
      </translation>
    </message>
    <message>
      <source>{0} resources ordered · {1} notifications waiting for a device link · {2} notices to make by hand</source>
      <translation>已调派资源 {0} 项 · 等待设备链路的通知 {1} 条 · 须人工发出的通知 {2} 条</translation>
    </message>
    <message>
      <source>Skip item</source>
      <translation>跳过事项</translation>
    </message>
    <message>
      <source>Item blocked</source>
      <translation>事项受阻</translation>
    </message>
    <message>
      <source>Why is this item skipped? (required)</source>
      <translation>跳过理由（必填）</translation>
    </message>
    <message>
      <source>What blocks this item? (optional)</source>
      <translation>受阻原因（可选）</translation>
    </message>
  </context>
  <context>
    <name>PublishWarningDialog</name>
    <message>
      <source>Publish a warning</source>
      <translation>预警发布</translation>
    </message>
    <message>
      <source>Typhoon</source>
      <translation>台风</translation>
    </message>
    <message>
      <source>Rainstorm</source>
      <translation>暴雨</translation>
    </message>
    <message>
      <source>Storm surge</source>
      <translation>风暴潮</translation>
    </message>
    <message>
      <source>Flood</source>
      <translation>洪水</translation>
    </message>
    <message>
      <source>Urban waterlogging</source>
      <translation>城市内涝</translation>
    </message>
    <message>
      <source>Gale</source>
      <translation>大风</translation>
    </message>
    <message>
      <source>Heat</source>
      <translation>高温</translation>
    </message>
    <message>
      <source>Fog</source>
      <translation>大雾</translation>
    </message>
    <message>
      <source>Blue</source>
      <translation>蓝色</translation>
    </message>
    <message>
      <source>Yellow</source>
      <translation>黄色</translation>
    </message>
    <message>
      <source>Orange</source>
      <translation>橙色</translation>
    </message>
    <message>
      <source>Red</source>
      <translation>红色</translation>
    </message>
    <message>
      <source>What the public should do (Chinese)</source>
      <translation>防御指引（中文）</translation>
    </message>
    <message>
      <source>What the public should do (English)</source>
      <translation>防御指引（英文）</translation>
    </message>
    <message>
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <source> h</source>
      <translation> 小时</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>预警事件</translation>
    </message>
    <message>
      <source>Colour</source>
      <translation>预警颜色</translation>
    </message>
    <message>
      <source>Districts</source>
      <translation>发布区域</translation>
    </message>
    <message>
      <source>Instruction</source>
      <translation>防御指引</translation>
    </message>
    <message>
      <source>Languages</source>
      <translation>语言</translation>
    </message>
    <message>
      <source>Valid for</source>
      <translation>有效时长</translation>
    </message>
    <message>
      <source>Publish</source>
      <translation>发布</translation>
    </message>
    <message>
      <source>CAP: severity {0}, urgency {1}, certainty {2}</source>
      <translation>CAP：严重程度 {0}，紧急程度 {1}，确定性 {2}</translation>
    </message>
    <message>
      <source>Choose at least one district.</source>
      <translation>请至少选择一个区。</translation>
    </message>
    <message>
      <source>Choose at least one language.</source>
      <translation>请至少选择一种语言。</translation>
    </message>
  </context>
  <context>
    <name>SendDialog</name>
    <message>
      <source>Send a message</source>
      <translation>发送消息</translation>
    </message>
    <message>
      <source>TETRA short data (SDS)</source>
      <translation>TETRA 短数据（SDS）</translation>
    </message>
    <message>
      <source>BeiDou short message</source>
      <translation>北斗短报文</translation>
    </message>
    <message>
      <source>Unit</source>
      <translation>单位</translation>
    </message>
    <message>
      <source>Talk group</source>
      <translation>通话组</translation>
    </message>
    <message>
      <source>Group number (GSSI)</source>
      <translation>通话组号（GSSI）</translation>
    </message>
    <message>
      <source>Message text</source>
      <translation>消息内容</translation>
    </message>
    <message>
      <source>Not sent yet</source>
      <translation>尚未发送</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>信道</translation>
    </message>
    <message>
      <source>Send to</source>
      <translation>发往</translation>
    </message>
    <message>
      <source>Group</source>
      <translation>通话组</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>Delivery</source>
      <translation>投递状态</translation>
    </message>
    <message>
      <source>Send</source>
      <translation>发送</translation>
    </message>
    <message>
      <source>Any connected device</source>
      <translation>任一已连接设备</translation>
    </message>
    <message>
      <source>Choose a unit or type a group number.</source>
      <translation>请选择单位或输入通话组号。</translation>
    </message>
    <message>
      <source>Type the message text.</source>
      <translation>请输入消息内容。</translation>
    </message>
  </context>
  <context>
    <name>SignInDialog</name>
    <message>
      <source>Set up the administrator</source>
      <translation>设置系统管理员</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
    <message>
      <source>Console locked</source>
      <translation>控制台已锁定</translation>
    </message>
    <message>
      <source>This database has no accounts yet. Choose the administrator's name and password (at least 8 characters); there is no default password.</source>
      <translation>此数据库尚无账号。请设置系统管理员的账号和口令（至少 8 个字符）；系统没有默认口令。</translation>
    </message>
    <message>
      <source>Sign in with your own account.</source>
      <translation>请使用本人账号登录。</translation>
    </message>
    <message>
      <source>The console is locked. The map, the video wall and alarms keep running. Unlock with the same account, or sign in with another one to take over.</source>
      <translation>控制台已锁定。地图、视频墙和告警仍在运行。请用同一账号解锁，或用其他账号登录接班。</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>账号</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>口令</translation>
    </message>
    <message>
      <source>Password again</source>
      <translation>再次输入口令</translation>
    </message>
    <message>
      <source>The two passwords differ.</source>
      <translation>两次输入的口令不一致。</translation>
    </message>
  </context>
  <context>
    <name>SnapshotDialog</name>
    <message>
      <source>Snapshot: {0}</source>
      <translation>截图：{0}</translation>
    </message>
    <message>
      <source>The image file is missing: {0}</source>
      <translation>图像文件缺失：{0}</translation>
    </message>
    <message>
      <source>The file matches its recorded SHA-256.</source>
      <translation>文件与记录的 SHA-256 一致。</translation>
    </message>
    <message>
      <source>The file has changed since it was taken: its SHA-256 no longer matches.</source>
      <translation>文件在截图后已被改动：SHA-256 不再一致。</translation>
    </message>
    <message>
      <source>The file cannot be read.</source>
      <translation>无法读取该文件。</translation>
    </message>
  </context>
  <context>
    <name>Store</name>
    <message>
      <source>The disk is full, so this was not saved. Everything saved before is intact. Free some disk space and try again.</source>
      <translation>磁盘已满，本次未能保存。此前已保存的数据完好无损。请释放磁盘空间后重试。</translation>
    </message>
    <message>
      <source>The database is read-only, so this was not saved. Everything saved before is intact. Check the file permissions or the medium.</source>
      <translation>数据库为只读，本次未能保存。此前已保存的数据完好无损。请检查文件权限或存储介质。</translation>
    </message>
    <message>
      <source>The database is busy in another program. Try again in a moment, or close the other console.</source>
      <translation>数据库正被其他程序占用。请稍后重试，或关闭另一个控制台。</translation>
    </message>
    <message>
      <source>The database file cannot be opened. Check the path and permissions.</source>
      <translation>无法打开数据库文件。请检查路径和权限。</translation>
    </message>
    <message>
      <source>A disk error stopped the save. Everything saved before is intact. Check the disk.</source>
      <translation>磁盘错误导致保存失败。此前已保存的数据完好无损。请检查磁盘。</translation>
    </message>
    <message>
      <source>The database file is damaged. Restore it from a backup.</source>
      <translation>数据库文件已损坏。请从备份恢复。</translation>
    </message>
    <message>
      <source>This database was made by a newer version of the console. Update the program to open it.</source>
      <translation>这个数据库由更新版本的控制台创建。请更新程序后再打开。</translation>
    </message>
    <message>
      <source>The database's schema version is not valid; the file may be damaged. Restore it from a backup.</source>
      <translation>数据库的结构版本号无效，文件可能已损坏。请从备份恢复。</translation>
    </message>
  </context>
  <context>
    <name>Sync</name>
    <message>
      <source>Import bundle…</source>
      <translation>导入同步包…</translation>
    </message>
    <message>
      <source>Site</source>
      <translation>站点</translation>
    </message>
    <message>
      <source>Trusted</source>
      <translation>信任</translation>
    </message>
    <message>
      <source>Sent</source>
      <translation>已发送</translation>
    </message>
    <message>
      <source>Acknowledged</source>
      <translation>已确认</translation>
    </message>
    <message>
      <source>Pending</source>
      <translation>待同步</translation>
    </message>
    <message>
      <source>Last sync</source>
      <translation>上次同步</translation>
    </message>
    <message>
      <source>Table</source>
      <translation>表</translation>
    </message>
    <message>
      <source>Row</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <source>Kept</source>
      <translation>保留值</translation>
    </message>
    <message>
      <source>Other value</source>
      <translation>另一值</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Keep the kept value</source>
      <translation>保留当前值</translation>
    </message>
    <message>
      <source>Take the other value</source>
      <translation>改用另一值</translation>
    </message>
    <message>
      <source>Apply held changes</source>
      <translation>应用暂扣的变更</translation>
    </message>
    <message>
      <source>Peers</source>
      <translation>对端站点</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
    <message>
      <source>Held changes</source>
      <translation>暂扣的变更</translation>
    </message>
    <message>
      <source>History</source>
      <translation>同步记录</translation>
    </message>
    <message>
      <source>Connecting to the hub…</source>
      <translation>正在连接同步中心…</translation>
    </message>
    <message>
      <source>Sending to the hub: %1 changes waiting</source>
      <translation>正在发送到同步中心：%1 项变更待发</translation>
    </message>
    <message>
      <source>Applying changes from the hub: %1 of %2</source>
      <translation>正在应用同步中心的变更：%1 / %2</translation>
    </message>
    <message>
      <source>In sync with the hub</source>
      <translation>已与同步中心同步</translation>
    </message>
    <message>
      <source>Hub unreachable; retrying in %1 s (%2 changes waiting)</source>
      <translation>无法连接同步中心；%1 秒后重试（%2 项变更待发）</translation>
    </message>
    <message>
      <source>In sync</source>
      <translation>已同步</translation>
    </message>
    <message>
      <source>Changes waiting for the hub: %1</source>
      <translation>等待发往枢纽的变更：%1</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>revoked</source>
      <translation>已撤销</translation>
    </message>
    <message>
      <source>rule</source>
      <translation>业务规则</translation>
    </message>
    <message>
      <source>changed at both sites</source>
      <translation>两站同时修改</translation>
    </message>
    <message>
      <source>Changes held (stamped too far ahead of this clock): %1</source>
      <translation>暂扣的变更（时间戳超前本机时钟过多）：%1</translation>
    </message>
    <message>
      <source>Import bundle</source>
      <translation>导入同步包</translation>
    </message>
    <message>
      <source>The bundle cannot be read: %1</source>
      <translation>无法读取同步包：%1</translation>
    </message>
    <message>
      <source>Bundle refused, nothing applied: %1</source>
      <translation>同步包被拒绝，未应用任何内容：%1</translation>
    </message>
    <message>
      <source>The bundle could not be applied: %1</source>
      <translation>同步包未能应用：%1</translation>
    </message>
  </context>
  <context>
    <name>TasksView</name>
    <message>
      <source>Due</source>
      <translation>时限</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>事项</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>完成</translation>
    </message>
    <message>
      <source>Confirm done…</source>
      <translation>确认完成…</translation>
    </message>
    <message>
      <source>{0} at {1}</source>
      <translation>{0} 于 {1}</translation>
    </message>
    <message>
      <source>To do by hand: {0} · overdue: {1}</source>
      <translation>人工待办 {0} 项 · 逾期 {1} 项</translation>
    </message>
  </context>
  <context>
    <name>TrendsView</name>
    <message>
      <source>1 h</source>
      <translation>1 小时</translation>
    </message>
    <message>
      <source>24 h</source>
      <translation>24 小时</translation>
    </message>
    <message>
      <source>7 d</source>
      <translation>7 天</translation>
    </message>
    <message>
      <source>Live</source>
      <translation>实时</translation>
    </message>
    <message>
      <source>Export PNG…</source>
      <translation>导出图片…</translation>
    </message>
    <message>
      <source>Export CSV…</source>
      <translation>导出 CSV…</translation>
    </message>
    <message>
      <source> (sample)</source>
      <translation>（示例）</translation>
    </message>
    <message>
      <source>Export trend</source>
      <translation>导出趋势</translation>
    </message>
  </context>
  <context>
    <name>UnitsView</name>
    <message>
      <source>Callsign</source>
      <translation>呼号</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Team</source>
      <translation>所属</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Position</source>
      <translation>位置</translation>
    </message>
    <message>
      <source>Last fix</source>
      <translation>最后定位</translation>
    </message>
    <message>
      <source> [sample]</source>
      <translation>【示例】</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>种类</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>District</source>
      <translation>区</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <source>class {0}, capacity {1}</source>
      <translation>{0}类，可容纳 {1} 人</translation>
    </message>
    <message>
      <source>Filter units and resources</source>
      <translation>筛选队伍与资源</translation>
    </message>
    <message>
      <source>Units</source>
      <translation>队伍</translation>
    </message>
    <message>
      <source>Resources</source>
      <translation>资源</translation>
    </message>
  </context>
  <context>
    <name>VideoWall</name>
    <message>
      <source>The stream ended</source>
      <translation>视频流已中断</translation>
    </message>
    <message>
      <source>Stream error: {0}</source>
      <translation>视频流错误：{0}</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>未知</translation>
    </message>
    <message>
      <source>No picture within {0} s: the camera does not answer</source>
      <translation>{0} 秒内无图像：摄像机无响应</translation>
    </message>
    <message>
      <source>No new picture for {0} s</source>
      <translation>已 {0} 秒无新图像</translation>
    </message>
    <message>
      <source>connecting</source>
      <translation>连接中</translation>
    </message>
    <message>
      <source>live</source>
      <translation>实时</translation>
    </message>
    <message>
      <source>stalled</source>
      <translation>卡顿</translation>
    </message>
    <message>
      <source>offline</source>
      <translation>离线</translation>
    </message>
    <message>
      <source>No camera</source>
      <translation>无摄像机</translation>
    </message>
    <message>
      <source>Waiting for its turn to open</source>
      <translation>等待打开</translation>
    </message>
    <message>
      <source> (sample)</source>
      <translation>（示例）</translation>
    </message>
    <message>
      <source>Cameras</source>
      <translation>摄像机</translation>
    </message>
    <message>
      <source>Select a tile that shows a camera first.</source>
      <translation>请先选中一个显示摄像机的画面。</translation>
    </message>
    <message>
      <source>Import cameras</source>
      <translation>导入摄像机</translation>
    </message>
    <message>
      <source>Cannot read {0} as UTF-8 text: {1}</source>
      <translation>无法以 UTF-8 文本读取 {0}：{1}</translation>
    </message>
    <message>
      <source>line {0}: {1}</source>
      <translation>第 {0} 行：{1}</translation>
    </message>
    <message>
      <source>{0} cameras added, {1} lines rejected.</source>
      <translation>已添加摄像机 {0} 路，拒绝 {1} 行。</translation>
    </message>
    <message>
      <source>Export cameras</source>
      <translation>导出摄像机</translation>
    </message>
    <message>
      <source>Cannot write {0}: {1}</source>
      <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
      <source>Patrol plans</source>
      <translation>轮巡方案</translation>
    </message>
    <message>
      <source>Save the current patrol as a plan…</source>
      <translation>将当前轮巡保存为方案…</translation>
    </message>
    <message>
      <source>Name of the plan:</source>
      <translation>方案名称：</translation>
    </message>
    <message>
      <source>Add camera…</source>
      <translation>添加摄像机…</translation>
    </message>
    <message>
      <source>Edit the selected tile's camera…</source>
      <translation>编辑选中画面的摄像机…</translation>
    </message>
    <message>
      <source>Import cameras from CSV…</source>
      <translation>从 CSV 导入摄像机…</translation>
    </message>
    <message>
      <source>Export cameras to CSV (passwords hidden)…</source>
      <translation>导出摄像机到 CSV（隐藏密码）…</translation>
    </message>
    <message>
      <source>1 large + 5</source>
      <translation>1 大 + 5 小</translation>
    </message>
    <message>
      <source> s</source>
      <translation> 秒</translation>
    </message>
    <message>
      <source> km</source>
      <translation> 公里</translation>
    </message>
    <message>
      <source>Layout</source>
      <translation>布局</translation>
    </message>
    <message>
      <source>Dwell</source>
      <translation>停留</translation>
    </message>
    <message>
      <source>◀ Back</source>
      <translation>◀ 上一组</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>Next ▶</source>
      <translation>下一组 ▶</translation>
    </message>
    <message>
      <source>Pin</source>
      <translation>锁定</translation>
    </message>
    <message>
      <source>Enlarge</source>
      <translation>放大</translation>
    </message>
    <message>
      <source>Snapshot</source>
      <translation>截图</translation>
    </message>
    <message>
      <source>All cameras</source>
      <translation>全部摄像机</translation>
    </message>
    <message>
      <source>Patrol around incident</source>
      <translation>事件周边轮巡</translation>
    </message>
    <message>
      <source>Full screen</source>
      <translation>全屏</translation>
    </message>
    <message>
      <source>Video wall</source>
      <translation>视频墙</translation>
    </message>
    <message>
      <source>No playable cameras: add one with a stream URL.</source>
      <translation>没有可播放的摄像机：请添加带视频流地址的摄像机。</translation>
    </message>
    <message>
      <source>paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <source>next page in {0} s</source>
      <translation>{0} 秒后切换下一组</translation>
    </message>
    <message>
      <source>all cameras on the wall</source>
      <translation>全部摄像机均已上墙</translation>
    </message>
    <message>
      <source>{0} cameras, {1} streams live; {2}</source>
      <translation>摄像机 {0} 路，实时 {1} 路；{2}</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>继续</translation>
    </message>
    <message>
      <source>This camera has no stream address to play.</source>
      <translation>该摄像机没有可播放的视频流地址。</translation>
    </message>
    <message>
      <source>Select an incident first.</source>
      <translation>请先选择一个事件。</translation>
    </message>
    <message>
      <source>No cameras near this incident or at the key targets of its preplan.</source>
      <translation>该事件周边及其预案所列重点目标均无摄像机。</translation>
    </message>
    <message>
      <source>There is no picture on this tile to keep.</source>
      <translation>该画面暂无图像，无法截图。</translation>
    </message>
    <message>
      <source>Snapshot kept in the duty log: {0}</source>
      <translation>截图已记入值班日志：{0}</translation>
    </message>
  </context>
  <context>
    <name>WarningsView</name>
    <message>
      <source>Extreme</source>
      <translation>特别严重</translation>
    </message>
    <message>
      <source>Severe</source>
      <translation>严重</translation>
    </message>
    <message>
      <source>Moderate</source>
      <translation>较重</translation>
    </message>
    <message>
      <source>Minor</source>
      <translation>一般</translation>
    </message>
    <message>
      <source>Unknown</source>
      <translation>未知</translation>
    </message>
    <message>
      <source>Cancellation</source>
      <translation>解除通知</translation>
    </message>
    <message>
      <source>In force</source>
      <translation>生效中</translation>
    </message>
    <message>
      <source>Superseded</source>
      <translation>已更新</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>已解除</translation>
    </message>
    <message>
      <source>Severity</source>
      <translation>严重程度</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>事件</translation>
    </message>
    <message>
      <source>Headline</source>
      <translation>标题</translation>
    </message>
    <message>
      <source>Sender</source>
      <translation>发布单位</translation>
    </message>
    <message>
      <source>Sent</source>
      <translation>发布时间</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Acknowledged</source>
      <translation>已确认</translation>
    </message>
    <message>
      <source>Published here</source>
      <translation>本机发布</translation>
    </message>
    <message>
      <source>Import CAP…</source>
      <translation>导入 CAP…</translation>
    </message>
    <message>
      <source>Publish warning…</source>
      <translation>预警发布…</translation>
    </message>
    <message>
      <source>Acknowledge</source>
      <translation>确认</translation>
    </message>
    <message>
      <source>Export CAP…</source>
      <translation>导出 CAP…</translation>
    </message>
    <message>
      <source>Districts: {0}</source>
      <translation>涉及区：{0}</translation>
    </message>
    <message>
      <source>The CAP file was refused and nothing was imported:
{0}</source>
      <translation>CAP 文件被拒收，未导入任何内容：
{0}</translation>
    </message>
    <message numerus="yes">
      <source>%n warning(s) imported</source>
      <translation>
        <numerusform>已导入 %n 条预警</numerusform>
      </translation>
    </message>
    <message>
      <source>Import CAP files</source>
      <translation>导入 CAP 文件</translation>
    </message>
    <message>
      <source>CAP messages (*.xml *.cap);;All files (*)</source>
      <translation>CAP 消息 (*.xml *.cap);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Export CAP</source>
      <translation>导出 CAP</translation>
    </message>
    <message>
      <source>CAP messages (*.xml)</source>
      <translation>CAP 消息 (*.xml)</translation>
    </message>
    <message>
      <source>The CAP file could not be written: {0}</source>
      <translation>无法写入 CAP 文件：{0}</translation>
    </message>
    <message>
      <source>The warning was not published: {0}</source>
      <translation>预警未发布：{0}</translation>
    </message>
    <message>
      <source>Warning published; CAP file written to {0}</source>
      <translation>预警已发布，CAP 文件已写入 {0}</translation>
    </message>
    <message>
      <source>The CAP inbox {0} is not available: {1}</source>
      <translation>CAP 收件夹 {0} 不可用：{1}</translation>
    </message>
  </context>
</TS>