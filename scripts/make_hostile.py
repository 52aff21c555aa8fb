#!/usr/bin/env python3
"""Writes the hostile input files under Tests/Fixtures/hostile/ (run from the repository root).

Each file reproduces one way an upload used to crash or stall Bunkai; the tests in
Tests/BunkaiFormatsTests/HostileInputTests.swift expect a clean error (or a normal result) for
each. The files are small and committed; this script documents how they were made.
"""
import io
import os
import struct
import zipfile

OUT = os.path.join("Tests", "Fixtures", "hostile")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def zip_bytes(parts, date=(2026, 1, 1, 0, 0, 0), method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date)
            info.compress_type = method
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))
    return buf.getvalue()


def document(body):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def para(text, num=None):
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(body, extra=()):
    return zip_bytes([("word/document.xml", document(body))] + list(extra))


def numbering(fmt, start, text="第%1条"):
    return (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        f'</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )


def numbered_docx(fmt, start):
    body = "".join(para(t, num=1) for t in ["目的", "定義", "委託業務"])
    return docx(body, [("word/numbering.xml", numbering(fmt, start))])


def xlsx(cells):
    sheet = f'<worksheet xmlns="{S}"><sheetData><row r="1">{cells}</row></sheetData></worksheet>'
    return zip_bytes([
        ("xl/workbook.xml", f'<workbook xmlns="{S}" xmlns:r="{R}"><sheets><sheet name="一覧" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml", sheet),
    ])


def patch_eocd(data, field_offset, fmt, value):
    end = data.rindex(b"PK\x05\x06")
    b = bytearray(data)
    struct.pack_into(fmt, b, end + field_offset, value)
    return bytes(b)


def patch_central(data, field_offset, fmt, value):
    cd = data.index(b"PK\x01\x02")
    b = bytearray(data)
    struct.pack_into(fmt, b, cd + field_offset, value)
    return bytes(b)


def files():
    plain = docx(para("第1条（目的）本契約は、保守業務について定める。"))
    yield "element-name-not-utf8.docx", zip_bytes(
        [("word/document.xml", document(para("本文")).encode().replace(b"<w:body>", b"<w:body><w:\xff\xfe/>"))])
    yield "attribute-name-not-utf8.docx", zip_bytes(
        [("word/document.xml", document(para("本文")).encode().replace(b"<w:p>", b'<w:p w:\xc3\x28="1">'))])
    yield "unbound-prefix.docx", docx('<x:p><w:r><w:t>本文</w:t></w:r></x:p>')
    yield "doctype-entities.docx", zip_bytes([("word/document.xml",
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + document(para("&b;")).split("?>", 1)[1])])
    # Stored, not deflated: repeated tags compress past the ratio limit, and the nesting is the point.
    yield "deep-nesting.docx", zip_bytes(
        [("word/document.xml", document("<w:p>" * 1_000 + "</w:p>" * 1_000))], method=zipfile.ZIP_STORED)
    yield "truncated-xml.docx", zip_bytes([("word/document.xml", document(para("本文"))[:-40])])
    # The end record says the central directory starts far past the end of the file.
    yield "central-directory-past-end.docx", patch_eocd(plain, 16, "<I", 0xFFFFFF00)
    # The central directory entry says the file's local header is past the end of the file.
    yield "local-header-past-end.docx", patch_central(plain, 42, "<I", 0x7FFFFFF0)
    # The entry claims a compressed size far larger than the file.
    yield "entry-size-past-end.docx", patch_central(plain, 20, "<I", 0xFFFFFFF0)
    yield "too-many-entries.docx", patch_eocd(patch_eocd(plain, 8, "<H", 0xFFFF), 10, "<H", 0xFFFF)
    # A ZIP64 locator in front of the end record.
    end = plain.rindex(b"PK\x05\x06")
    yield "zip64-locator.docx", plain[:end] + b"PK\x06\x07" + b"\x00" * 16 + plain[end:]
    # word/document.xml marked as a symbolic link (unix mode 0120777) whose size is 4 GB.
    link = patch_central(patch_central(plain, 4, "<H", 0x0314), 38, "<I", 0o120777 << 16)
    yield "document-is-symlink.docx", link
    yield "encrypted-entry.docx", patch_central(plain, 8, "<H", 1)
    yield "japanese-counting-10000.docx", numbered_docx("japaneseCounting", 10000)
    yield "start-near-int-max.docx", numbered_docx("decimal", 9223372036854775807)
    yield "start-past-int-max.docx", numbered_docx("decimalFullWidth", 99999999999999999999)
    yield "upper-roman-1e11.docx", numbered_docx("upperRoman", 100000000000)
    yield "negative-start.docx", numbered_docx("japaneseCounting", -5)
    yield "column-overflow.xlsx", xlsx('<c r="ZZZZZZZZZZZZZZZ3" t="inlineStr"><is><t>項目</t></is></c>')
    yield "row-huge.xlsx", xlsx('<c r="A900000000000000" t="inlineStr"><is><t>項目</t></is></c>')
    yield "last-cell-of-grid.xlsx", xlsx('<c r="XFD1048576" t="inlineStr"><is><t>項目</t></is></c>')
    yield "long-article-number.txt", (
        "保守契約書\n\n第99999999999999999999条（目的）\n本契約は保守について定める。\n"
        "第九九九九九九九九九九九九九九九九九九九九条（定義）\n用語の定義は次のとおりとする。\n"
        "第九千九百九十九九九九九九九九九九九九九九九九九九九百条（範囲）\n範囲は別表第99999999999999999999のとおりとする。\n"
    ).encode("utf-8")


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in files():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
