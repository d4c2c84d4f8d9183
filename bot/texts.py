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
}

ASK_USAGE = "请在 /ask 后面写上问题，例如：/ask 鲁班工匠日是哪天"
EMPTY_QUESTION = "没看到问题内容哦。请用文字提问，例如：鲁班工匠日是哪天？"
NON_TEXT = "我只能看懂文字问题。请直接打字提问，例如：鲁班工匠日是哪天？"
TOO_LONG = "问题有点长，我只看了前 {limit} 个字。"
UNKNOWN_COMMAND = "没有这个命令。发送 /help 查看可用的命令。"

NO_ANSWER = "抱歉，这个问题我在活动资料里没有找到答案。"
NO_ANSWER_SUGGEST = "您可以试试这些问题："
NO_ANSWER_HELP = "发送 /help 查看使用说明。"

SOURCE_LABEL = "来源"
MAYBE_LABEL = "也可能是"
BUTTON_MAYBE = "也可能是…"
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
