"""Build eval/heldout2/corpus/mohrss-2024-7021.docx (invented reply).

Measures are auto-numbered through a paragraph style ("答复条目"): level 0
chineseCounting "%1、", level 1 chineseCounting "（%2）", so the numbers are not
in the paragraph text. A table carries units in its column headers and the
contact line sits in the page footer.

    .venv/bin/python eval/heldout2/make_docx.py
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tests"))

from docx_factory import DocxBuilder, Level  # noqa: E402


def build(path: Path) -> Path:
    b = DocxBuilder()
    heads = b.add_list([Level("chineseCounting", "%1、"), Level("chineseCounting", "（%2）")],
                       style="答复条目")
    b.paragraph("人力资源社会保障部")
    b.paragraph("人社建字〔2024〕88号")
    b.paragraph("对十四届全国人大二次会议第7021号建议的答复")
    b.paragraph("广西代表团：")
    b.paragraph("    你们提出的关于加强高校毕业生到基层就业服务保障的建议收悉。经认真研究，并商教育部、"
                "财政部，现答复如下：")
    b.paragraph("    党中央、国务院高度重视高校毕业生就业工作。2024届高校毕业生规模预计1179万人，"
                "同比增加21万人。我部深入实施《“十四五”就业促进规划》，持续开展基层服务项目。")
    b.numbered("实施“三支一扶”计划，拓宽基层就业渠道。", heads)
    b.paragraph("    2023年，全国共招募“三支一扶”人员3.6万名，其中脱贫地区招募占比超过60%。"
                "服务期为2至3年，服务期满人员可按规定享受考录、招聘等方面的优惠政策。"
                "“三支一扶”计划与共青团中央组织实施的大学生志愿服务西部计划统筹推进，"
                "2023年西部计划招募志愿者2.1万人。近三年招募及补助情况见下表。")
    b.table([["年份", "招募人数（万人）", "中央财政补助（亿元）"],
             ["2021", "3.2", "10.8"],
             ["2022", "3.4", "11.6"],
             ["2023", "3.6", "12.5"]])
    b.numbered("完善基层服务保障政策。", heads)
    b.numbered("提高工作生活补贴。补贴标准不低于当地乡镇机关新录用公务员试用期满后工资收入水平，"
               "中央财政对中西部地区按每人每年3万元标准给予补助，对东部地区按每人每年1.5万元给予补助。",
               heads, level=1)
    b.numbered("落实一次性安家费。对服务期满考核合格的人员，给予一次性安家费3000元。", heads, level=1)
    b.numbered("加强职业发展支持。各地在乡镇事业单位公开招聘中，拿出一定比例岗位面向服务期满人员招聘，"
               "2023年共有1.1万名服务期满人员被聘用。", heads, level=1)
    b.numbered("下一步工作安排。", heads)
    b.paragraph("    下一步，我部将会同有关部门进一步扩大基层服务项目招募规模，计划2025年“三支一扶”"
                "计划招募人数稳定在3.4万名以上。我部正在抓紧研究适当提高中西部地区补助标准的具体办法。")
    b.paragraph("    感谢你们对人力资源社会保障工作的关心和支持。")
    b.paragraph("人力资源社会保障部")
    b.paragraph("2024年7月2日")
    b.footer("联系单位及电话：就业促进司，010-84201235")
    return b.save(path)


if __name__ == "__main__":
    print(build(HERE / "corpus" / "mohrss-2024-7021.docx"))
