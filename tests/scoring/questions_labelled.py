"""Labelled B2B discovery questions: (question, closed, kind).

Topics: org chart and who decides, the key person's role, goals and pressure, company news, past
purchases, current solution.  Kinds: "yes/no", "either/or", "specific fact", "open", "not a question".
"""

from __future__ import annotations

YES_NO, EITHER_OR, FACT, OPEN, NOT_Q = "yes/no", "either/or", "specific fact", "open", "not a question"

ENGLISH: list[tuple[str, bool, str]] = [
    # org chart / who decides
    ("Who signs the purchase orders for maintenance parts?", True, FACT),
    ("Who makes the decisions around here?", False, OPEN),
    ("Is it you or procurement who signs off on new suppliers?", True, EITHER_OR),
    ("Do you report to the plant manager?", True, YES_NO),
    ("Would the plant manager or the CFO have the final say?", True, EITHER_OR),
    ("Who approves purchases above the plant manager's limit?", True, FACT),
    ("Who else is involved in the decision?", False, OPEN),
    ("Who do you report to?", True, FACT),
    ("Isn't the CFO the one who signs off?", True, YES_NO),
    ("Could you tell me who approves capital expenditures?", True, FACT),
    ("Do you know who signs the purchase orders?", True, FACT),
    ("Who signs the PO — you or procurement?", True, EITHER_OR),
    ("Describe how a purchase gets approved at your company.", False, OPEN),
    ("How does your team decide which vendors to work with?", False, OPEN),
    ("Who influences the choice of supplier?", False, OPEN),
    # the key person's role
    ("Just to confirm, you're the one who signs the PO?", True, YES_NO),
    ("What's your role in choosing new equipment?", False, OPEN),
    ("So, does the CFO approve anything over $50,000?", True, YES_NO),
    ("What is your job title?", True, FACT),
    ("Can you walk me through your approval process?", False, OPEN),
    # goals and pressure
    ("What are your biggest goals for this year?", False, OPEN),
    ("Are you under pressure to cut maintenance costs this quarter?", True, YES_NO),
    ("What keeps your operations director up at night?", False, OPEN),
    ("Why is reducing downtime a priority now?", False, OPEN),
    ("What matters more to you, price or uptime?", True, EITHER_OR),
    ("What percentage of your downtime comes from valve failures?", True, FACT),
    ("How do you feel about your current supplier?", False, OPEN),
    ("Where do you see your maintenance program in three years?", False, OPEN),
    # company news
    ("Has your company announced any new plant openings this year?", True, YES_NO),
    ("Did the acquisition change who approves spending?", True, YES_NO),
    ("How is the new CEO changing your priorities?", False, OPEN),
    ("When does your fiscal year end?", True, FACT),
    ("What date does your budget year start?", True, FACT),
    # past purchases
    ("Did you buy from us before the merger?", True, YES_NO),
    ("When did you last replace the valves on line 3?", True, FACT),
    ("How much did you spend on spare parts last year?", True, FACT),
    ("Why did you switch suppliers last year?", False, OPEN),
    ("What happened with the last valve supplier?", False, OPEN),
    ("Have you had any unplanned shutdowns this month?", True, YES_NO),
    # current solution
    ("Which supplier do you use for valves today?", True, FACT),
    ("How many people are on your maintenance team?", True, FACT),
    ("How long have you been using your current supplier?", True, FACT),
    ("How often do the valves on your main line fail?", True, FACT),
    ("What system do you use to track maintenance today?", True, FACT),
    ("Tell me about your current maintenance process.", False, OPEN),
    ("What do you think about predictive maintenance?", False, OPEN),
    ("What challenges is your team facing with the current valves?", False, OPEN),
    ("Is your current contract up for renewal this year?", True, YES_NO),
    ("Are you happy with your current supplier, or are you looking around?", True, EITHER_OR),
    ("The budget is already approved for this year, right?", True, YES_NO),
    ("And how many plants do you run?", True, FACT),
    ("Any other vendors on the shortlist?", True, YES_NO),
    ("We sell industrial valves.", False, NOT_Q),
]

CHINESE: list[tuple[str, bool, str]] = [
    # 组织架构 / 谁决策
    ("采购订单是谁签字？", True, FACT),
    ("维修采购需要您审批吗？", True, YES_NO),
    ("是您签字还是采购部签字？", True, EITHER_OR),
    ("最终是工厂经理决定还是财务总监决定？", True, EITHER_OR),
    ("谁负责审批资本支出？", True, FACT),
    ("您能不能告诉我谁签采购订单？", True, FACT),
    ("超过五万的采购是不是需要财务总监批准？", True, YES_NO),
    ("你们如何决定和哪些供应商合作？", False, OPEN),
    ("谁会影响供应商的选择？", False, OPEN),
    # 关键人的角色
    ("您是向工厂经理汇报吗？", True, YES_NO),
    ("您在选择新设备时扮演什么角色？", False, OPEN),
    ("您的职位是什么？", True, FACT),
    # 目标和压力
    ("你们今年最大的目标是什么？", False, OPEN),
    ("这个季度你们有降低维修成本的压力吗？", True, YES_NO),
    ("为什么降低停机时间现在成了重点？", False, OPEN),
    ("你们的工厂经理压力大不大？", True, YES_NO),
    ("停机有百分之几是阀门故障造成的？", True, FACT),
    # 公司新闻
    ("贵公司今年会扩建新工厂吗？", True, YES_NO),
    ("你们公司最近有什么新闻？", False, OPEN),
    ("收购之后审批流程有没有变化？", True, YES_NO),
    ("您的财年几月结束？", True, FACT),
    # 过去的采购
    ("你们之前买过我们的产品吗？", True, YES_NO),
    ("你们上次更换阀门是什么时候？", True, FACT),
    ("你们去年在备件上花了多少钱？", True, FACT),
    ("为什么去年换了供应商？", False, OPEN),
    # 现有方案
    ("你们现在用的是哪家的阀门？", True, FACT),
    ("你们的维修团队有多少人？", True, FACT),
    ("你们用现在的供应商多久了？", True, FACT),
    ("主生产线的阀门多久坏一次？", True, FACT),
    ("你们用什么系统管理维修？", True, FACT),
    ("您对现在的供应商怎么看？", False, OPEN),
    ("能介绍一下你们现在的维修流程吗？", False, OPEN),
    ("请谈谈您对预测性维护的看法。", False, OPEN),
    ("你们团队在现有阀门上遇到了哪些挑战？", False, OPEN),
    ("你们的合同今年到期吗？", True, YES_NO),
    ("预算已经批下来了，对吧？", True, YES_NO),
    ("你们现在的方案怎么样？", False, OPEN),
    ("我们是做工业阀门的。", False, NOT_Q),
]
