"""Closed-question rules for Chinese (same principle as English, see :mod:`.questions`).

Closed: ends with 吗/么 or uses an A-not-A form (是不是, 有没有, 能不能, 大不大), 是否, 对吧/对不对 — yes/no;
还是 — either/or; 多少, 几, 多久, 哪个/哪家/哪位, 什么时候, 谁 + a formal act (签字, 审批) — one
specific fact.
Open: 为什么, 如何, 怎么/怎么样/怎么看, 哪些, 什么 (unless about a fact noun: 什么系统, 职位是什么), requests
like 谈谈/介绍一下.
Requests win over 吗: 能介绍一下…吗 asks for a description, not a yes.
"""

from __future__ import annotations

import re

from .results import QuestionClass

_REQUESTS = ("谈谈", "说说", "讲讲", "聊聊", "介绍一下", "介绍下", "描述一下", "分享一下", "展开说", "详细说")
_EMBED = ("告诉我", "知道")
_YES_NO_MARKS = ("是否", "对吧", "是吧", "对不对", "是不是", "好不好", "行不行")
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")
_OPEN_MARKS = (
    "为什么",
    "为啥",
    "如何",
    "怎么样",
    "怎样",
    "怎么看",
    "怎么想",
    "怎么",
    "哪些",
    "什么样",
    "看法",
    "想法",
    "感觉如何",
)
_FACT_MARKS = (
    "多少",
    "多久",
    "多长",
    "多大",
    "多高",
    "哪一",
    "哪个",
    "哪家",
    "哪位",
    "哪天",
    "哪年",
    "哪月",
    "哪里",
    "哪儿",
    "何时",
    "几",
)
_WHAT_FACTS = (
    "时候",
    "系统",
    "软件",
    "品牌",
    "型号",
    "价格",
    "日期",
    "时间",
    "供应商",
    "厂家",
    "牌子",
    "平台",
    "版本",
    "职位",
    "名字",
    "预算",
)
_WHO_VAGUE = ("影响", "参与", "关心", "推动", "在乎", "受益", "相关")
_END_PUNCT = "？?。.!！ \u3000"
_NOT_YES_NO_ME = ("什么", "怎么", "这么", "那么", "多么")


def _wh_kind(core: str) -> QuestionClass | None:
    """Specific-fact and open markers; None when the text has no question word."""
    for mark in _OPEN_MARKS:
        if mark in core:
            return QuestionClass(
                False, "open", f'Open: "{mark}" invites a long answer; ask "是…还是…？" instead.'
            )
    index = core.find("什么")
    if index >= 0:
        rest = core[index + 2 :]
        fact = next((f for f in _WHAT_FACTS if rest.startswith(f)), None)
        if fact:
            what = "a date" if fact == "时候" else "one specific name or figure"
            return QuestionClass(True, "specific fact", f'Closed: "什么{fact}" asks for {what}.')
        before = core[:index].removesuffix("是")
        fact = next((f for f in _WHAT_FACTS if before.endswith(f)), None)
        if fact and before != core[:index]:  # 您的职位是什么 — "X is what" about a fact noun
            return QuestionClass(True, "specific fact", f'Closed: "{fact}是什么" asks for one specific name.')
        return QuestionClass(False, "open", 'Open: "什么" invites a long answer; ask "是…还是…？" instead.')
    for mark in _FACT_MARKS:
        if mark in core and not (mark == "几" and "几乎" in core):
            return QuestionClass(True, "specific fact", f'Closed: "{mark}" asks for one specific fact.')
    if "谁" in core:
        vague = next((v for v in _WHO_VAGUE if v in core), None)
        if vague:
            return QuestionClass(
                False,
                "open",
                f'Open: "谁…{vague}" invites a description of people; ask who signs or approves instead.',
            )
        return QuestionClass(True, "specific fact", 'Closed: "谁" here asks for one name.')
    return None


def classify_chinese(text: str) -> QuestionClass:
    """Classify a Chinese (or mixed) question; see the module docstring for the rules."""
    stripped = text.strip()
    asked = "？" in stripped or "?" in stripped
    sentences = [s for s in re.split(r"[。！!；;]", stripped.rstrip(_END_PUNCT)) if s.strip()]
    core = sentences[-1].strip() if sentences else ""
    if not core:
        return QuestionClass(False, "not a question", "Not a question: nothing was asked.")
    request = next((r for r in _REQUESTS if r in core), None)
    if request:
        return QuestionClass(
            False, "open", f'Open: "{request}" asks for a description; ask "是…还是…？" instead.'
        )
    for lead in _EMBED:
        index = core.find(lead)
        if index >= 0:
            embedded = _wh_kind(core[index + len(lead) :])
            if embedded is not None:
                return embedded
    if core.endswith("吗") or (core.endswith("么") and not core.endswith(_NOT_YES_NO_ME)):
        return QuestionClass(
            True, "yes/no", f'Closed: ends with "{core[-1]}" — the customer answers yes or no.'
        )
    if "还是" in core:
        return QuestionClass(True, "either/or", 'Closed: "还是" offers two options to pick from.')
    mark = next((m for m in _YES_NO_MARKS if m in core), None)
    match = _A_NOT_A.search(core)
    if mark or match:
        shown = mark or match.group(0)  # type: ignore[union-attr]
        return QuestionClass(True, "yes/no", f'Closed: "{shown}" asks for yes or no.')
    wh = _wh_kind(core)
    if wh is not None:
        return wh
    if core.endswith("呢"):
        return QuestionClass(False, "open", 'Open: "…呢？" invites a long answer; ask "是…还是…？" instead.')
    if asked:
        return QuestionClass(
            True, "yes/no", "Closed: a statement asked as a question — the customer confirms yes or no."
        )
    return QuestionClass(False, "not a question", "Not a question: no question mark and no question word.")
