"""Hypothesis strategies for scoring tests: realistic sales-script words, not random letters."""

from __future__ import annotations

from hypothesis import strategies as st

from trainer.scoring.filler import FILLERS
from trainer.scoring.numbers import NUMBER_WORDS


def split_words(text: str) -> list[str]:
    return text.split()


# Real words a pitch uses; no fillers, number words or contractions, so every change is a plain error.
ENGLISH_VOCABULARY = tuple(
    w
    for w in split_words("""
    the our your their we you they it this that with for from into over under before after during
    and but because while when where which who all every most many few more less
    valve valves pump pumps sensor sensors line lines plant plants site sites team teams
    crew operator operators engineer engineers buyer manager director budget budgets cost costs price
    downtime uptime failure failures repair repairs warranty contract supplier suppliers vendor
    order orders part parts shift shifts hour hours week weeks month months year years quarter
    reduce reduces cut cuts warn warns predict predicts protect protects replace replaces
    monitor monitors track tracks schedule schedules measure measures improve improves save saves
    support supports connect connects deliver delivers install installs guarantee guarantees
    reliable costly critical hidden daily remote industrial automatic standard certified
    expensive affordable cheaper faster safer simple proven unplanned planned early late
    always never often quickly easily today tomorrow already still
    """)
    if w not in FILLERS and w not in NUMBER_WORDS
)
LONG_WORDS = tuple(w for w in ENGLISH_VOCABULARY if len(w) >= 5)

CHINESE_VOCABULARY = tuple(
    split_words(
        """阀门 泵 传感器 生产线 工厂 团队 工程师 采购 经理 预算 成本 价格 停机 故障 维修
    质保 合同 供应商 订单
    备件 小时 季度 降低 预测 保护 更换 监控 跟踪 安排 测量 提高 节省 支持 交付 安装 保证 可靠 昂贵 关键
    隐藏 每天 远程 工业 自动 标准 认证 便宜 更快 安全 简单 提前 计划 总是 经常 快速 已经 客户 设备 数据"""
    )
)

PUNCTUATION = (",", ".", "!", "?", ";", ":", "—", "(", ")", '"', "\u201c", "\u201d")


@st.composite
def english_words(draw: st.DrawFn, min_size: int = 5, max_size: int = 120) -> list[str]:
    return draw(st.lists(st.sampled_from(ENGLISH_VOCABULARY), min_size=min_size, max_size=max_size))


def as_sentences(words: list[str], breaks: list[int] | None = None) -> str:
    """Join words into capitalised sentences with commas and full stops, like a real script."""
    out = []
    for i, word in enumerate(words):
        if i == 0 or (breaks and (i - 1) in breaks):
            word = word[0].upper() + word[1:]
        out.append(word)
        if breaks and i in breaks and i != len(words) - 1:
            out[-1] += "." if i % 2 else ","
    return " ".join(out) + "."


@st.composite
def english_script(draw: st.DrawFn, min_size: int = 5, max_size: int = 120) -> tuple[list[str], str]:
    words = draw(english_words(min_size, max_size))
    breaks = draw(st.lists(st.integers(0, len(words) - 1), max_size=len(words) // 6 + 1))
    return words, as_sentences(words, breaks)


@st.composite
def chinese_script(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(CHINESE_VOCABULARY), min_size=3, max_size=60))
    out = ""
    for i, word in enumerate(words):
        out += word
        if draw(st.integers(0, 6)) == 0 and i != len(words) - 1:
            out += draw(st.sampled_from("，、；"))
    return out + "。"
