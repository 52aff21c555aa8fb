#!/usr/bin/env python3
"""Writes the seed corpora of the fuzzing harnesses (FuzzTesting/corpus/NAME/), small files of
our own wording. Run from the repository root; the fuzzer adds what it finds to the same folders
while it runs (only the seeds are committed)."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from make_hostile import W, S, R, zip_bytes, document, para, numbering, xlsx  # noqa: E402

ROOT = os.path.join("FuzzTesting", "corpus")

CONTRACT = """保守業務委託契約書

〇〇病院（以下「甲」という。）と株式会社サンプル（以下「乙」という。）は、次のとおり契約を締結する。

第１条（目的）
本契約は、甲の電子カルテシステムの保守について定める。
第二条（再委託）
乙は、甲の書面による承諾を得た場合に限り、業務の一部を第三者に再委託することができる。
２　乙は、再委託先に本契約と同等の義務を負わせる。
第3条の2（秘密保持）
乙は、業務上知り得た情報を第三者に漏えいしてはならない。
（１）個人情報を含む資料は、施錠できる場所に保管する。
第十二条（損害賠償）
乙の賠償額は、委託料の三箇月分を上限とする。ただし、乙の故意又は重大な過失による場合はこの限りでない。
別表第１のとおりとする。
"""


def docx_parts():
    body = "".join(para(t, num=1) for t in ["目的", "再委託", "秘密保持"])
    body += '<w:tbl><w:tr><w:tc>' + para("表の中") + '</w:tc></w:tr></w:tbl>'
    body += '<w:p><w:r><w:t>本文</w:t><w:tab/><w:del w:id="1"><w:r><w:delText>削除</w:delText></w:r></w:del></w:r></w:p>'
    styles = (f'<w:styles xmlns:w="{W}"><w:style w:styleId="H1"><w:pPr><w:numPr><w:ilvl w:val="1"/>'
              f'<w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>')
    return document(body), numbering("japaneseCounting", 1), styles


def write(name, files):
    d = os.path.join(ROOT, name)
    os.makedirs(d, exist_ok=True)
    for fname, data in files.items():
        with open(os.path.join(d, fname), "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def main():
    write("FuzzText", {
        "utf8.txt": CONTRACT,
        "sjis.txt": CONTRACT.encode("cp932"),
        "eucjp.txt": CONTRACT.encode("euc_jp", errors="replace"),
        "utf16.txt": CONTRACT.encode("utf-16"),
        "numbers.txt": "第九十九条（期間）\n１２　本契約の期間は二〇二六年から三十日とする。\n第100条の3\n",
    })
    doc, num, styles = docx_parts()
    write("FuzzDocx", {
        "parts.xml": "\0".join([doc, num, styles]),
        "roman.xml": "\0".join([doc, numbering("upperRoman", 3999, "%1."), ""]),
        "small.docx": zip_bytes([("word/document.xml", doc), ("word/numbering.xml", num), ("word/styles.xml", styles)]),
    })
    sst = (f'<sst xmlns="{S}"><si><t>項番</t><rPh sb="0" eb="2"><t>コウバン</t></rPh></si><si><t>項目</t></si>'
           f'<si><r><t>内容</t></r></si></sst>')
    sheet = (f'<worksheet xmlns="{S}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
             f'<c r="C1" t="s"><v>2</v></c></row><row><c t="inlineStr"><is><t>1</t></is></c><c><v>3</v></c></row>'
             f'</sheetData></worksheet>')
    write("FuzzXlsx", {
        "parts.xml": sheet + "\0" + sst,
        "small.xlsx": xlsx('<c r="A1" t="inlineStr"><is><t>項番</t></is></c><c r="B1" t="inlineStr"><is><t>項目</t></is></c>'),
    })
    box = "<w:txbxContent><w:p><w:r><w:t>枠</w:t></w:r></w:p></w:txbxContent>"
    alt = (f'<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           f'<mc:Choice Requires="wps">{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r></w:p>')
    redline_doc = document(para("第1条（目的）") + para("本文", num=None) + alt + '<w:tbl><w:tr><w:tc>' + para("表") + '</w:tc></w:tr></w:tbl><w:p/>')
    # The same document with WordprocessingML under another prefix, and as the default namespace.
    ns0_doc = redline_doc.replace("<w:", "<ns0:").replace("</w:", "</ns0:").replace(" w:", " ns0:").replace(
        "xmlns:w=", "xmlns:ns0=")
    default_doc = redline_doc.replace("<w:", "<").replace("</w:", "</").replace(
        f'xmlns:w="{W}"', f'xmlns="{W}" xmlns:w="{W}"')
    write("FuzzRedline", {
        "edits.xml": redline_doc.encode() + b"\0" + bytes([0, 2, 1, 3, 0, 5, 1, 6]),
        "small.docx": zip_bytes([("word/document.xml", redline_doc)]),
        "ns0.xml": ns0_doc.encode() + b"\0" + bytes([0, 2, 1, 3, 0, 5, 1, 6]),
        "default-namespace.xml": default_doc.encode() + b"\0" + bytes([1, 2, 0, 3, 1, 6]),
    })
    csv = "項番,項目,内容,想定されるリスク\r\n1,\"再委託\",\"承諾を得る, 書面で\",漏えい\r\nA-1,監査,\"年1回\"\"実施\"\"\",\r\n"
    write("FuzzCatalog", {
        "form.csv": b"\0" + csv.encode("utf-8"),
        "form.tsv": b"\1" + csv.replace(",", "\t").encode("cp932"),
        "form.xlsx": b"\3" + xlsx('<c r="A1" t="inlineStr"><is><t>項番</t></is></c><c r="B1" t="inlineStr"><is><t>項目</t></is></c>'
                                   '<c r="C1" t="inlineStr"><is><t>内容</t></is></c>'),
    })

    # FuzzMultipart: the boundary, CR LF, then the body of a form as a browser or client sends it.
    def part(name, value, filename=None):
        disp = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        return f"--B\r\nContent-Disposition: {disp}\r\n\r\n{value}\r\n"
    write("FuzzMultipart", {
        "upload.txt": "B\r\n" + part("_csrf", "tok") + part("file", CONTRACT[:80], "契約書.txt") + "--B--\r\n",
        "nested.txt": "B\r\n" + part("items[]", "1") + part("items[]", "2") + part("map[k]", "v")
                      + part("inner[b][]", "3") + part("count", "7") + "--B--\r\n",
        "typed.txt": "B\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.docx\"\r\n"
                     "Content-Type: application/octet-stream\r\n\r\nPK\x03\x04\r\n--B--",
    })


if __name__ == "__main__":
    main()
