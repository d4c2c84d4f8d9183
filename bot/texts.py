"""Every string a user reads, in one place so it can be reviewed and changed without code.

Strings with ``{}`` fields are formatted by the callers; those sent with HTML parse mode get
their dynamic values escaped by the caller, never here.
"""

BOT_NAME = "鲁班工匠日小助手"

START = (
    "您好！我是{name}。\n"
    "我可以回答关于枣庄“鲁班工匠日”（每年6月11日）活动的问题，"
    "也会把主办方的最新通知推送给订阅的工友。\n\n"
    "直接发问题给我就行，比如下面这些："
)
START_SUBSCRIBE_HINT = "想收到活动通知？点“订阅通知”。"

HELP = (
    "<b>怎么用</b>\n"
    "• 私聊：直接发送问题，例如“鲁班工匠日是哪天”。\n"
    "• 群聊：用 /ask 问题，或者 @我 再提问，或者回复我的消息。\n"
    "• 任意聊天：输入 @{username} 加问题，可以把答案发到当前聊天。\n\n"
    "<b>命令</b>\n"
    "{commands}"
)

# Command menu (set with setMyCommands); also listed in /help and checked against the README.
COMMANDS: dict[str, str] = {
    "start": "开始使用，查看示例问题",
    "help": "使用说明",
    "ask": "提问，例如 /ask 鲁班工匠日是哪天",
    "subscribe": "订阅活动通知",
    "unsubscribe": "取消订阅",
}
ORGANIZER_COMMANDS: dict[str, str] = {
    "announce": "（主办方）发布通知",
    "schedule": "（主办方）定时发布通知",
    "scheduled": "（主办方）查看待发送的定时通知",
    "announcements": "（主办方）查看最近的通知和送达情况",
    "stats": "（主办方）使用统计",
    "unanswered": "（主办方）未回答的问题，可补充答案",
    "curated": "（主办方）查看、修改主办方答复",
    "reload": "（主办方）重新加载资料",
}

ASK_USAGE = "请在 /ask 后面写上问题，例如：/ask 鲁班工匠日是哪天"
EMPTY_QUESTION = "没看到问题内容哦。请用文字提问，例如：鲁班工匠日是哪天？"
NON_TEXT = "我只能看懂文字问题。请直接打字提问，例如：鲁班工匠日是哪天？"
TOO_LONG = "问题有点长，我只看了前 {limit} 个字。"
UNKNOWN_COMMAND = "没有这个命令。发送 /help 查看可用的命令。"

NO_ANSWER = "抱歉，这个问题我在活动资料里没有找到答案。"
NO_ANSWER_SUGGEST = "您可以试试这些问题："
NO_ANSWER_HELP = "发送 /help 查看使用说明。"

# Partial knowledge: the topic is in the material, the thing asked is not (issue 9).
PARTIAL = "资料里提到了{topic}，但没有说{focus}。"
PARTIAL_HINT = "相关内容点下面的按钮查看；主办方会看到这个问题并补充答案。"
BUTTON_RELATED = "📄 查看相关内容"
# Small talk: a short friendly reply pointing at /help, by kind of message.
SMALL_TALK = {
    "greeting": "您好！我是鲁班工匠日小助手，有关于鲁班工匠日活动的问题直接问我就行。发送 /help 查看使用说明。",
    "thanks": "不客气！还有问题随时问我。",
    "bye": "再见！有问题随时来问。",
    "identity": "我是鲁班工匠日小助手，专门回答枣庄“鲁班工匠日”活动的问题。发送 /help 查看使用说明。",
    "abilities": "我能回答枣庄“鲁班工匠日”活动的问题（日期、表彰、活动安排等），还能推送主办方通知。"
                 "发送 /help 查看使用说明。",
    "ack": "好的！还有问题随时问我。",
}
COMPUTED_BASIS = "依据"

SOURCE_LABEL = "来源"
MAYBE_LABEL = "也可能是"
BUTTON_MAYBE = "也可能是…"
BUTTON_SUBSCRIBE = "🔔 订阅通知"
BUTTON_UP = "👍 有用"
BUTTON_DOWN = "👎 没用"
FEEDBACK_THANKS = "谢谢反馈！"
FEEDBACK_DOWN_THANKS = "谢谢反馈，我们会改进答案。"
EXPIRED_BUTTON = "这个按钮已过期，请重新提问。"

INLINE_NO_ANSWER_TITLE = "没有找到答案"
INLINE_NO_ANSWER_TEXT = "抱歉，活动资料里没有找到这个问题的答案。"
INLINE_HINT = "输入问题，例如：鲁班工匠日是哪天"

ERROR_APOLOGY = "抱歉，处理您的消息时出了点问题，请稍后再试。"

CONSOLE_WELCOME = (
    "{name}（控制台模式：未设置 TELEGRAM_BOT_TOKEN）\n"
    "输入问题后回车；/help 查看帮助，/quit 退出。"
)
CONSOLE_HELP = "直接输入问题，例如：鲁班工匠日是哪天\n/help  显示本帮助\n/quit  退出"
CONSOLE_BYE = "再见！"
CONSOLE_UNKNOWN = "控制台里只有 /help 和 /quit 两个命令；其他内容请直接输入问题。"

# -- subscriptions ---------------------------------------------------------------------------------
SUBSCRIBED = "已订阅！主办方发布活动通知时，我会第一时间发给您。发送 /unsubscribe 可随时取消。"
ALREADY_SUBSCRIBED = "您已经订阅了活动通知。"
UNSUBSCRIBED = "已取消订阅，之后不会再收到活动通知。想恢复请发送 /subscribe。"
NOT_SUBSCRIBED = "您目前没有订阅活动通知。发送 /subscribe 即可订阅。"
GROUP_SUBSCRIBED = "本群已订阅活动通知。"
GROUP_UNSUBSCRIBED = "本群已取消订阅活动通知。"
GROUP_ADMIN_ONLY = "只有群管理员可以为本群订阅或取消订阅通知。"
BUTTON_UNSUBSCRIBE = "🔕 退订通知"

# -- announcements (organizers) ---------------------------------------------------------------------
ANNOUNCEMENT_HEADER = "📢 <b>鲁班工匠日活动通知</b>"
NOT_ORGANIZER = "抱歉，这个命令只对活动主办方开放。"
ORGANIZER_PRIVATE_ONLY = "请在与我的私聊中使用主办方命令。"
ANNOUNCE_USAGE = "用法：/announce 通知内容\n也可以回复一条消息并发送 /announce，把那条消息的文字作为通知。"
SCHEDULE_USAGE = ("用法：/schedule 时间 通知内容（时间为 {tz}）\n"
                  "时间可以写成：明天上午9点、6月10日 9:00、下周一下午两点、今晚8点 或 2026-06-10 09:00")
SCHEDULE_BAD_TIME = "看不懂这个时间：{value}。"
SCHEDULE_AMBIGUOUS = "这个时间不够明确：{value}。请写到几点，并注明上午/下午，例如：明天上午9点。"
SCHEDULE_PAST = "这个时间已经过去了，请写一个将来的时间。"
ANNOUNCE_TOO_LONG = "通知太长了（按 Telegram 的算法 {length} 字，表情符号算 2 字），请控制在 {limit} 字以内。"
PREVIEW_INTRO = "以下是订阅者将看到的通知（当前 {count} 位订阅者）。确认无误后点“确认发送”："
PREVIEW_INTRO_SCHEDULED = "以下通知将于 {when} 发送给届时的订阅者（当前 {count} 位）。确认无误后点“确认发送”："
PREVIEW_PAID = ("本次为付费群发：每秒约 {rate} 条，{count} 位订阅者约 {duration}发完。"
                "超出免费额度（每秒 30 条）的消息每条收费 0.1 Telegram Stars，从机器人的 Stars 余额中扣除："
                "预计约 {stars} Stars，最多 {max_stars} Stars。")
DURATION_SECONDS = "{n} 秒"
DURATION_MINUTES = "{n} 分钟"
BUTTON_CONFIRM = "✅ 确认发送"
BUTTON_CANCEL = "✖️ 取消"
BUTTON_RECALL = "↩️ 撤回"
BUTTON_RECALL_YES = "确认撤回"
BUTTON_RECALL_NO = "不撤回"
RECALL_ASK = "确定要撤回通知 #{id} 吗？已送达的消息会从所有订阅者的聊天中删除。"
RECALL_KEPT = "好的，没有撤回。"
SCHEDULED_STATUS = "通知 #{id} 已排定，将于 {when} 发送；开始发送后这里会显示进度和结果。"
BUTTON_CANCEL_SCHEDULED = "取消 #{id}"
CONFIRMED = "已确认，开始发送。"
CONFIRMED_SCHEDULED = "已确认，将于 {when} 发送。"
ALREADY_HANDLED = "这条通知已经处理过了。"
CANCELLED = "已取消，这条通知不会发送。"
PROGRESS = "通知 #{id} 发送中：已发送 {done}/{total}"
REPORT = ("通知 #{id} 发送完成：共 {total} 位订阅者\n"
          "✅ 送达 {sent}\n🚫 已屏蔽/不存在 {blocked}\n⚠️ 多次重试仍失败 {failed}")
REPORT_REPEATS = "（其中 {repeats} 位可能因中断重发而收到两次）"
NO_SCHEDULED = "目前没有待发送的定时通知。"
SCHEDULED_TITLE = "<b>待发送的定时通知</b>"
ANNOUNCEMENTS_TITLE = "<b>最近的通知</b>"
SCHEDULED_ITEM = "#{id} · {when} · {preview}"
NO_ANNOUNCEMENTS = "还没有发送过通知。"
ANNOUNCEMENT_ITEM = "#{id} · {when} · {status} · {preview}"
STATUS_NAMES = {"scheduled": "待发送", "queued": "排队中", "sending": "发送中", "done": "已发送",
                "cancelled": "已取消", "recalled": "已撤回"}
RECALLED = "已撤回通知 #{id}：删除了 {count} 条消息。"
RECALL_NOT_SENT = "这条通知还没有发送（或已撤回），不能撤回。定时通知请用 /scheduled 取消。"
RECALL_TOO_LATE = "超过 48 小时的消息 Telegram 不允许删除，已删除 {count} 条，{late} 条未能删除。"
ANNOUNCEMENT_SOURCE = "通知"

# -- curation (organizers) ---------------------------------------------------------------------------
CURATED_SOURCE = "主办方答复"
STATS = ("<b>使用统计</b>\n"
         "提问：近 24 小时 {day} 条，近 7 天 {week} 条，共 {total} 条\n"
         "已回答：{answered_share}\n"
         "反馈：👍 {up} · 👎 {down}\n"
         "订阅：有效 {active} · 已停用 {inactive}\n"
         "已发送通知：{announcements} 条")
STATS_TOP_QUESTIONS = "<b>问得最多</b>"
STATS_TOP_PASSAGES = "<b>最常引用的段落</b>"
STATS_CHART_CAPTION = "近 14 天每日提问数"
UNANSWERED_NONE = "最近没有未回答或被点 👎 的问题。"
UNANSWERED_TITLE = "<b>最近未回答或被点 👎 的问题</b>（点按钮补充答案）"
UNANSWERED_ITEM = "{n}. {question}（{count} 次{down}）"
UNANSWERED_DOWN = "，其中 👎"
BUTTON_ADD_ANSWER = "补充答案 {n}"
CURATE_PROMPT = "请直接回复这个问题的答案（发送 /cancel 放弃）：\n{question}"
CURATE_PROMPT_EXISTING = "如果已有的答复就能回答它，点下面的按钮，把这个问法加到那条答复上："
BUTTON_USE_EXISTING = "用 #{id}：{question}"
CURATE_PREVIEW_INTRO = "以下是工友将看到的答复。确认无误后点“确认”："
BUTTON_CURATE_CONFIRM = "✅ 确认"
BUTTON_CURATE_REVISE = "✏️ 修改"
BUTTON_CURATE_ABORT = "✖️ 取消"
CURATE_REVISE = "好的，请重新发送答案（发送 /cancel 放弃）："
CURATE_SAVED = "已保存主办方答复 #{id}。以后有人问类似问题，会直接收到这条答复。"
CURATE_SAVED_NOT_LIVE = "（资料重新加载失败，这条答复已保存，修好资料后发送 /reload 即可生效。）"
CURATE_ATTACHED = "已把这个问法加到主办方答复 #{id}。"
CURATE_TOLD = "已通知 {count} 位之前私聊提问的工友。"
CURATE_CANCELLED = "已放弃，没有保存任何答复。"
CURATE_COMMAND = "已退出补充答案：命令不会被当作答案保存。"
CURATE_TIMEOUT = "补充答案已超时结束，没有保存任何答复。需要时请在 /unanswered 里重新点“补充答案”。"
CURATE_STORE_BROKEN = "保存失败：答复文件有问题（{problem}），请先修好这个文件。"
ASKER_TOLD = "您之前问的「{question}」，主办方答复：{answer}"
BUTTON_PREV = "⬅️ 上一页"
BUTTON_NEXT = "下一页 ➡️"
BUTTON_FULL = "全文 {n}"
PAGE_FOOTER = "第 {page}/{pages} 页"
CURATED_NONE = "还没有主办方答复。在 /unanswered 里点“补充答案”即可添加。"
CURATED_TITLE = "<b>主办方答复</b>"
CURATED_ITEM = "#{id} 问：{question}\n答：{answer}"
BUTTON_EDIT = "修改 #{id}"
BUTTON_DELETE = "删除 #{id}"
CURATED_DELETED = "已删除主办方答复 #{id}。"
RELOADED = ("已重新加载：{articles} 篇文章（{articles_delta}），{passages} 段（{passages_delta}），"
            "{curated} 条主办方答复，用时 {seconds:.2f} 秒。")
RELOAD_SKIPPED = "以下文件有问题，已跳过（其余资料照常使用）："
RELOAD_FAILED = "重新加载失败：{problem}\n仍在使用原来的资料。"
