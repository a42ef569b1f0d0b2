"""Rebuild the generated sample replies in corpora/ (the .docx files and the
GB18030-encoded .txt). The other samples there are hand-written files.

    .venv/bin/python scripts/make_corpora.py [OUT_DIR]     # default: corpora/

Every reply here is invented: agencies and places are real names, but the
figures, people, phone numbers and document numbers are made up.

The .docx files are built with tests/docx_factory.py (python-docx plus the
numbering definitions in numbering.xml that python-docx cannot write): Word
auto-numbering reached either through the "List Number" paragraph style or
through the paragraph's own numPr. The numbers Word shows (一、, （二）) are
therefore not in the paragraph text, as in documents typed in Word.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from docx_factory import DocxBuilder, Level  # noqa: E402  (the tests' .docx builder)

# ---------------------------------------------------------------- GB18030 .txt

HENAN_JTT = """\
河南省交通运输厅

豫交函〔2023〕188号　　　　　　　　　　答复类别：A

关于省十四届人大一次会议第562号建议的答复

尊敬的马红霞代表：
    您提出的《关于加快推进“四好农村路”高质量发展的建议》收悉。经认真研究，并商省财政厅、省乡村振兴局，现答复如下：
    1、关于农村公路建设投入
    “十四五”以来，全省累计完成农村公路投资612亿元，新改建农村公路3.2万公里，实施危桥改造1860座，全省具备条件的自然村（组）通硬化路比例达到98.6%。2022年省级财政安排农村公路建设补助资金46.8亿元，较上年增长9.2%，对脱贫县、革命老区县每公里补助标准提高到60万至80万元。我省农村公路总里程居全国第3位，连续三年在交通运输部“四好农村路”工作考核中位居前五。
    2、关于管护机制改革
    全面推行农村公路“路长制”，全省设立县、乡、村三级路长7.4万名。印发《河南省农村公路管理养护体制改革实施方案》，将农村公路养护资金纳入县级财政预算，县级养护资金投入不低于每年每公里1万元。全省农村公路列养率达到100%，优良中等路比例达到85.3%，比2020年提高7.1个百分点。
    3、关于城乡客运一体化
    推进城乡公交一体化示范县创建，全省已有41个县（市）达到一体化发展水平4A级以上，开通城乡公交线路两千一百余条，日均服务群众约120万人次。对农村客运班线给予燃油补贴和运营补贴，2022年共发放补贴资金9.6亿元。
    4、关于产业路、旅游路建设
    结合乡村振兴，建成资源路、旅游路、产业路4300余公里，打造“中原最美农村路”126条，带动沿线农民人均增收500元以上。
    下一步，我厅将会同有关部门认真研究吸纳您的建议：一是2023年底前启动新一轮农村公路提档升级工程，年内新改建农村公路1万公里以上；二是加快修订《河南省农村公路条例》，力争2024年上半年提请省人大常委会审议；三是推动农村客运“公交化”改造，计划到2025年实现城乡交通运输一体化4A级以上县（市）占比达到80%。
    最后，感谢您对全省交通运输工作的关心与支持。

河南省交通运输厅
2023年7月18日

联系人：杜卫东　　联系电话：0371-87162259
抄送：省人大常委会选举联络工作委员会，省政府办公厅。
"""

# ---------------------------------------------------------------- .docx sources
# Paragraph kinds: ("head", text) centred bold; ("p", text) body paragraph with
# first-line indent; ("num", text, level) auto-numbered paragraph (the number is
# Word's); ("right", text) right-aligned; ("table", caption, rows).

SHOUGUANG_KJJ = [
    ("head", "寿光市科学技术局"),
    ("p", "寿科建字〔2023〕12号　　　　　　　　答复类别：A类"),
    ("head", "关于市十九届人大二次会议第66号建议的答复"),
    ("plain", "尊敬的孙立新代表："),
    ("p", "您提出的《关于支持蔬菜种业科技创新的建议》收悉。我局会同市农业农村局、市财政局进行了认真研究，现答复如下："),
    ("num", "加强创新平台建设。依托国家蔬菜质量标准中心和寿光蔬菜种业集团，建成省级以上蔬菜种业创新平台14个，其中国家级3个。2022年全市蔬菜自主研发品种达到178个，国产种子市场占有率提高到72%，比2020年提高近15个百分点。", 0),
    ("num", "加大财政投入力度。市财政设立种业创新专项资金，每年安排不少于5000万元；对新认定的省级工程技术研究中心一次性奖励50万元，对通过国家登记的新品种每个奖励10万元至20万元。全市R&D经费投入连续三年保持两位数增长，近三年主要科技指标见表1。", 0),
    ("table", "表1　2020—2022年全市科技创新主要指标", [
        ["指标", "2020年", "2021年", "2022年"],
        ["R&D经费投入（亿元）", "18.6", "21.3", "24.9"],
        ["高新技术企业（家）", "96", "128", "163"],
        ["科技型中小企业（家）", "210", "286", "347"],
        ["有效发明专利（件）", "1180", "1436", "1702"],
    ]),
    ("num", "强化人才引育。实施“鸢都英才”支持计划，引进种业领域高层次人才团队6个，柔性引进院士专家11名。全市高新技术企业数量在潍坊各县（市、区）中排名第一，科技创新综合评价位列全省县域前十。", 0),
    ("num", "下一步工作打算。我局将继续加大对种业科技创新的支持力度：一是今年将组建蔬菜种业创新联合体，力争年内突破关键育种技术3项以上；二是修订《寿光市科技创新奖励办法》，计划于2023年10月底前印发实施；三是到2025年，全市R&D经费投入强度达到3%以上。", 0),
    ("p", "感谢您对全市科技工作的关心和支持。"),
    ("right", "寿光市科学技术局"),
    ("right", "二〇二三年六月二十八日"),
    ("plain", "抄送：市人大常委会代表工作室，市政府办公室。"),
]
SHOUGUANG_FOOTER = "联系人：刘海燕　　联系电话：0536-5218637"

ZUNYI_RSJ = [
    ("p", "遵人社建〔2023〕27号　　　　　　　　　　答复类别：B类"),
    ("head", "遵义市人力资源和社会保障局关于市五届人大三次会议第93号建议的答复"),
    ("plain", "韦成刚等4位代表："),
    ("p", "你们提出的《关于进一步做好返乡农民工就业创业服务的建议》收悉。现就有关情况答复如下："),
    ("num", "工作开展情况", 0),
    ("num", "强化就业服务。2022年全市开展“春风行动”“就业援助月”等专项招聘活动860场次，提供就业岗位24.6万个，帮助农村劳动力新增转移就业5.3万人，完成省下达目标任务的118%。", 1),
    ("num", "支持返乡创业。落实《贵州省支持农民工等人员返乡创业若干政策措施》，全年发放创业担保贷款8.9亿元，扶持返乡创业人员4100余人，带动就业1.6万人。建成市级返乡创业园区12个，入驻企业六百余家。全市返乡创业工作考核位居全省第二。", 1),
    ("num", "加强技能培训。围绕辣椒、茶叶等特色产业开展订单式培训，全年培训农民工3.8万人次，培训后就业率达到75%以上。", 1),
    ("num", "下一步工作", 0),
    ("num", "今年将新建返乡创业孵化基地5个，计划于2023年11月底前全部投入运营。", 1),
    ("num", "我局将会同市财政局研究提高创业担保贷款额度，个人贷款最高额度由20万元提高至30万元。", 1),
    ("p", "感谢你们对全市人力资源和社会保障工作的关心和支持。"),
    ("right", "遵义市人力资源和社会保障局"),
    ("right", "二〇二三年七月二十一日"),
    ("plain", "联系人：吴晓丽　　联系电话：0851-28826453"),
    ("plain", "抄送：市人大常委会代表工作委员会，市人民政府办公室。"),
]
ZUNYI_HEADER = "遵义市人力资源和社会保障局"

# ---------------------------------------------------------------- building


def build_docx(parts, path: Path, *, via_style: bool, levels, footer=None, header=None) -> None:
    """Write one reply; the auto-numbering goes through the "List Number"
    style (via_style) or through each paragraph's own numPr."""
    b = DocxBuilder()
    normal = b.doc.styles["Normal"]
    normal.font.name = "FangSong"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    normal.font.size = Pt(16)
    list_id = b.add_list([Level(fmt, text) for fmt, text in levels],
                         style="List Number" if via_style else None)
    for kind, text, *rest in parts:
        if kind == "num":
            b.numbered(text, list_id, level=rest[0])
        elif kind == "table":
            b.paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
            b.table(rest[0]).style = "Table Grid"
        else:
            p = b.paragraph()
            p.add_run(text).bold = kind == "head"
            if kind == "p":
                p.paragraph_format.first_line_indent = Pt(32)
            elif kind in ("head", "right"):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if kind == "head" else WD_ALIGN_PARAGRAPH.RIGHT
            elif kind != "plain":
                raise ValueError(kind)
    if footer:
        b.footer(footer)
    if header:
        b.header(header)
        b.doc.sections[0].header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    b.doc.core_properties.author = "reply-extractor corpora"
    b.save(path)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "henan-jtt-2023-0562.txt").write_bytes(HENAN_JTT.encode("gb18030"))
    build_docx(SHOUGUANG_KJJ, out / "shouguang-kjj-2023-066.docx", via_style=True,
               levels=[("chineseCounting", "%1、")], footer=SHOUGUANG_FOOTER)
    build_docx(ZUNYI_RSJ, out / "zunyi-rsj-2023-093.docx", via_style=False,
               levels=[("chineseCounting", "%1、"), ("chineseCounting", "（%2）")], header=ZUNYI_HEADER)
    for name in ("henan-jtt-2023-0562.txt", "shouguang-kjj-2023-066.docx", "zunyi-rsj-2023-093.docx"):
        print(out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpora")
