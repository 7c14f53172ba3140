"""Word lists the rules use. Each list is small, specific to replies, and tested.

Decisions recorded here:

* Doubled words: a run of two to eight Chinese characters written twice in a row is a slip
  (引育引育, 推进推进). Single-character reduplication (一一, 常常, 人人, 年年) is never looked at.
  Correct ABAB forms are the "一X一X" pattern (一项一项, 一户一户) and the colour/state words
  below. Verb reduplication (研究研究, 商量商量) is spoken style: in a reply it is almost always
  a slip too, so it is reported, with a message that says so, as a hint rather than a warning.
* 的/地/得: only fixed adverbial phrases are checked (一如既往, 积极主动, 进一步…): "X的" is
  reported when a verb with an object, or an adverb, follows — "感谢您一如既往的关心和支持"
  (noun phrase, 的 is right) stays silent, "希望您一如既往的支持教育事业" (verb + object) does not.
"""

from __future__ import annotations

# ABAB forms that are correct Chinese.
REDUPLICATION_OK = frozenset({
    "雪白", "通红", "笔直", "冰凉", "滚烫", "漆黑", "碧绿", "蜡黄", "火红", "煞白",
    "哗啦", "咕噜", "叮当", "滴答", "扑通", "轰隆",
})
# Verbs whose ABAB form is spoken style ("研究研究"): reported as a hint.
SPOKEN_VERB_REDUPLICATION = frozenset({
    "研究", "讨论", "商量", "考虑", "学习", "交流", "了解", "检查", "调查", "打扫", "整理", "休息", "活动",
    "琢磨", "思考", "比较", "介绍", "总结", "锻炼", "收拾", "准备", "练习", "沟通", "协调",
})

# Verbs that in a reply are seldom written twice in one clause; a second one is a slip
# (seed 000: 市科技局联合市财政、市税务部门联合出台…).
CLAUSE_VERBS = ("联合", "出台", "印发", "组织", "开展", "召开", "制定", "建立", "成立", "举办", "会同", "牵头")

# Fixed adverbial phrases: before a verb they take 地.
ADVERBIAL_PHRASES = (
    "一如既往", "积极主动", "认真细致", "扎实有效", "坚定不移", "持之以恒", "实事求是", "有条不紊", "循序渐进",
    "千方百计", "全力以赴", "不折不扣", "有针对性", "创造性", "实实在在", "扎扎实实", "认认真真", "切切实实",
    "稳妥有序", "积极稳妥", "依法依规", "有计划", "有步骤", "最大限度", "进一步", "更好", "更加有效", "更加积极",
    "切实有效", "高效", "及时", "逐步", "充分", "深入细致", "因地制宜", "精准", "有序", "稳步", "主动", "积极",
    "认真", "大力", "广泛", "全面", "深入", "持续", "不断", "扎实", "切实", "有效", "科学", "合理", "系统",
)
# Words that after "X的" show an adverbial use: "一如既往的继续支持" -> 地.
ADVERBS_AFTER = ("继续", "不断", "持续", "进一步", "更加", "全力", "大力", "努力", "积极", "认真", "切实", "更好",
                 "全面", "深入", "主动", "及时", "充分", "逐步", "坚持", "始终")
# Verbs that, when they take an object after "X的", show the phrase is adverbial.
VERBS_AFTER = (
    "支持", "关心", "关注", "推进", "推动", "开展", "做好", "落实", "加强", "完善", "抓好", "解决", "参与", "配合",
    "执行", "实施", "服务", "保障", "帮助", "发挥", "促进", "提升", "维护", "贯彻", "建设", "履行", "满足", "融入",
    "回应", "反映", "引导", "指导", "督促", "宣传", "办理", "处理", "应对", "化解", "保护", "利用", "开发", "改善",
    "提高", "增强", "扩大", "减少", "降低", "加快", "深化", "强化", "优化", "巩固", "拓展", "建言献策", "投入",
    "监督", "传承", "弘扬", "为", "对", "把", "将", "向", "与", "在", "从",
)
# After the verb, these mean the verb is used as a noun ("一如既往的关心和支持！").
NOUN_USE_AFTER = "和与及、，。；：！？”）》"
# V的 + degree word: 得 ("落实的很好" -> 落实得很好).
DE_COMPLEMENT_VERBS = ("做", "办", "抓", "干", "落实", "开展", "推进", "完成", "执行", "处理", "解决", "贯彻", "发挥")
DE_COMPLEMENT_AFTER = ("很好", "很", "非常", "十分", "比较", "较好", "更好", "不够", "还不够", "还不", "不好", "好。", "好，")

# Confusable words: (wrong, right, pattern that must follow for the wrong form to be wrong).
CONFUSABLES = (
    ("拉进", "拉近", r"[^，。；！？]{0,12}距离"),
    ("截止", "截至", r"(?:目前|今年|去年|上年|本年|当前|现在|\d{4}\s*年|\d{1,2}\s*月|年底|年末|月底)"),
    ("布署", "部署", r""),
    ("做为", "作为", r""),
    ("既使", "即使", r""),
    ("那怕", "哪怕", r""),
    ("按装", "安装", r""),
    ("必需", "必须", r"(?:要|加强|坚持|做好|认真|严格|按照|依法)"),
)
