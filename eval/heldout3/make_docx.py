"""Build corpus/guojia-lcj-2022-4567.docx (held-out set 3, invented reply).

Run from the project root: .venv/bin/python eval/heldout3/make_docx.py
The measure headings are numbered by Word auto-numbering (decimal "%1.")
reached through the built-in "List Number" style, so the numbers are not in
the paragraph text. The agency name is also in the page header; figures sit in
a real Word table.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tests"))
from docx_factory import DocxBuilder, Level  # noqa: E402

PARAS_BEFORE = [
    "国家林业和草原局",
    "林函草字〔2022〕88号",
    "办理类别：A",
    "关于十三届全国人大五次会议第4567号建议的答复",
    "李文博代表：",
    "您提出的《关于加强草原生态保护修复的建议》收悉。经商财政部、农业农村部，现答复如下：",
    "草原是我国面积最大的陆地生态系统。党的十八大以来，我局认真贯彻《中华人民共和国草原法》和"
    "《国务院办公厅关于加强草原保护修复的若干意见》（国办发〔2021〕7号），"
    "统筹推进草原保护修复，全国草原综合植被盖度达到50.32%，较2015年提高4.3个百分点。",
]
MEASURES = [
    ("健全草原保护制度。",
     "我局会同有关部门推动全面推行“林长制”，将草原保护修复纳入林长制督查考核。"
     "目前全国已有23个省（区、市）开展草原禁牧休牧和草畜平衡监管，落实草原禁牧面积12亿亩、草畜平衡面积26亿亩。"),
    ("加大草原生态修复投入。",
     "2021年，中央财政安排草原生态修复治理补助资金37.6亿元，完成种草改良任务4800余万亩，"
     "治理退化草原约4600万亩。其中内蒙古、西藏、青海等重点省区完成情况见下表。"),
    ("强化科技支撑和监测评价。",
     "组织开展全国草原监测评价，布设固定监测样地3200个，"
     "遴选草种质资源保存库5个。我局正在研究制定草原生态修复技术标准体系。"),
]
TABLE = [
    ["省（区）", "中央补助资金（亿元）", "种草改良（万亩）", "同比增长（%）"],
    ["内蒙古", "6.8", "920", "12.5"],
    ["西藏", "4.2", "610", "8.3"],
    ["青海", "3.9", "575", "6.1"],
]
PARAS_AFTER = [
    "下一步，我局将会同财政部、农业农村部积极推进第三轮草原生态保护补助奖励政策实施，"
    "继续实施“草原生态修复治理”项目，力争到2025年全国草原综合植被盖度稳定在57%左右。",
    "感谢您对林草工作的关心和支持。",
    "国家林业和草原局",
    "2022年7月22日",
    "（联系人：韩志宏，联系电话：010-84238567）",
]


def build(path: Path) -> Path:
    b = DocxBuilder()
    b.header("国家林业和草原局")
    for text in PARAS_BEFORE:
        b.paragraph(text)
    heads = b.add_list([Level("decimal", "%1.")], style="List Number")
    for i, (heading, body) in enumerate(MEASURES):
        b.numbered(heading, heads)
        b.paragraph(body)
        if i == 1:
            b.table(TABLE)
    for text in PARAS_AFTER:
        b.paragraph(text)
    return b.save(path)


if __name__ == "__main__":
    print(build(HERE / "corpus" / "guojia-lcj-2022-4567.docx"))
