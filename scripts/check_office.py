#!/usr/bin/env python3
"""Opens the office files Bunkai writes with real readers.

Usage: scripts/check_office.py DIR

DIR holds the samples the Swift tests write when BUNKAI_OFFICE_OUT=DIR. Every .docx is read
with python-docx and every .xlsx with openpyxl, checking the content we expect; then
LibreOffice converts each to PDF (DIR/pdf/docx, DIR/pdf/xlsx). Every .ics (the calendar feed) is
read with Python's icalendar. Exit status 1 when any check or conversion fails.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

try:
    import docx
    import openpyxl
except ImportError:
    sys.exit("python-docx と openpyxl が必要です: pip install --break-system-packages python-docx openpyxl")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ANNEX_COLUMNS = ["項番", "項目", "内容", "初回確認", "完了日", "担当", "合意内容"]
# The institutions the tests write as: the Formats samples and the server's test organisation.
RESPONSIBILITY_SHEETS = ["マップ", "要対応", "明細", "凡例"]
REDLINE_AUTHORS = {"医療法人社団みどり会", "さくら病院"}


def check_docx(path):
    d = docx.Document(path)
    body = d.element.body
    paragraphs = len(body.findall(f".//{W}p"))
    name = os.path.basename(path)
    notes = [f"{paragraphs} 段落", f"{len(d.tables)} 表"]
    if name.startswith("redline"):
        ins = body.findall(f".//{W}ins")
        dels = body.findall(f".//{W}del")
        authors = {e.get(f"{W}author") for e in ins + dels}
        if not ins:
            raise AssertionError("修正履歴の挿入（w:ins）がありません")
        if len(authors) != 1 or not authors <= REDLINE_AUTHORS:
            raise AssertionError(f"修正履歴の作成者が想定と違います: {authors}")
        # A file named …insert-only… proposes additions only; the others also replace a clause.
        if "insert-only" not in name and not body.findall(f".//{W}delText"):
            raise AssertionError("置き換えた段落の削除文字列（w:delText）がありません")
        notes.append(f"挿入 {len(ins)}・削除 {len(dels)}（{authors.pop()}）")
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            # The vendor's own edits are tracked too (issue 12, item 10).
            if "word/settings.xml" not in names or "<w:trackRevisions" not in z.read("word/settings.xml").decode("utf-8"):
                raise AssertionError("settings.xml で変更履歴の記録（w:trackRevisions）が有効になっていません")
            comments = z.read("word/comments.xml").decode("utf-8") if "word/comments.xml" in names else ""
        refs = body.findall(f".//{W}commentReference")
        if refs and "趣旨" not in comments:
            raise AssertionError("修正履歴のコメントに趣旨がありません")
        if refs:
            notes.append(f"コメント {len(refs)}")
    if name.startswith("annex"):
        # The items table (the signature block follows it).
        items = next((t for t in d.tables if t.rows[0].cells[0].text == ANNEX_COLUMNS[0]), None)
        if items is None:
            raise AssertionError("別紙に項番から始まる表がありません")
        header = [c.text for c in items.rows[0].cells]
        if header[: len(ANNEX_COLUMNS)] != ANNEX_COLUMNS:
            raise AssertionError(f"別紙の表の見出しが想定と違います: {header}")
        if not items.rows[0]._tr.findall(f".//{W}tblHeader"):
            raise AssertionError("表の見出し行に繰り返し指定（w:tblHeader）がありません")
        texts = [p.text.strip() for p in d.paragraphs]
        if "以上" not in texts or not any("記名押印" in t for t in texts):
            raise AssertionError("別紙に「以上」と記名押印の欄がありません")
        notes.append(f"項目 {len(items.rows) - 1} 行")
    if name.startswith("memo") and not any("判断" in p.text for t in d.tables for r in t.rows for p in r.cells[0].paragraphs):
        raise AssertionError("メモに判断の行がありません")
    with zipfile.ZipFile(path) as z:
        if "word/styles.xml" in z.namelist():
            styles = z.read("word/styles.xml").decode("utf-8")
            # The vendor's own documents keep their styles: only what we write must declare Japanese.
            if "original" not in name and "vendor-doc" not in name and 'w:eastAsia="ja-JP"' not in styles:
                raise AssertionError("styles.xml に日本語（w:eastAsia=\"ja-JP\"）の指定がありません")
    return "、".join(notes)


def check_xlsx(path):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    if os.path.basename(path).startswith("annex"):
        if header[: len(ANNEX_COLUMNS)] != ANNEX_COLUMNS:
            raise AssertionError(f"別紙の列の順序が想定と違います: {header}")
        if ws.freeze_panes != "A2":
            raise AssertionError(f"見出し行が固定されていません（{ws.freeze_panes}）")
        # The items run to the first empty row; 以上 and the signature block follow it.
        last = next((r for r in range(2, ws.max_row + 1) if all(c.value in (None, "") for c in ws[r])), ws.max_row + 1)
        if any(not ws.cell(row=r, column=1).value for r in range(2, last)):
            raise AssertionError("項番の空いた行があります")
        below = [c.value for r in range(last, ws.max_row + 1) for c in ws[r] if c.value]
        if "以上" not in below:
            raise AssertionError("別紙の表の後に「以上」がありません")
        # 完了日: real dates, shown in 和暦.
        for r in range(2, last):
            cell = ws.cell(row=r, column=5)
            if cell.value not in (None, "") and not (hasattr(cell.value, "year") and "ggg" in cell.number_format):
                raise AssertionError(f"完了日が和暦の書式の日付になっていません（{cell.coordinate}: {cell.value!r}, {cell.number_format}）")
    if os.path.basename(path).startswith("responsibilities"):
        # The responsibility map: the grid, the flags, the details and the legend in words.
        if wb.sheetnames != RESPONSIBILITY_SHEETS:
            raise AssertionError(f"責任分界マップのシートが想定と違います: {wb.sheetnames}")
        if header[0] != "システム" or not all(str(h).startswith("P2-") for h in header[1:]) or len(header) < 2:
            raise AssertionError(f"マップの見出し行が システム・項番 になっていません: {header}")
        states = {"担当あり", "責任空白", "重複", "矛盾", "要再確認", "対象外"}
        for row in ws.iter_rows(min_row=2, min_col=2, values_only=True):
            for v in row:
                if not v or v.split("\n")[0].split(" ")[-1] not in states:
                    raise AssertionError(f"マップのマスに状態の言葉がありません: {v!r}")
        flags = wb["要対応"]
        if [c.value for c in flags[1]] != ["重要度", "種類", "システム", "項番", "項目", "内容", "次にすること"]:
            raise AssertionError("要対応の見出しが想定と違います")
        if any(not r[6] for r in flags.iter_rows(min_row=2, values_only=True)):
            raise AssertionError("次にすることのない要対応があります")
        legend = {r[1] for r in wb["凡例"].iter_rows(min_row=2, values_only=True) if r[1]}
        if not states <= legend:
            raise AssertionError(f"凡例に状態の言葉が足りません: {legend}")
    return f"シート {wb.sheetnames}、{ws.max_row} 行 × {ws.max_column} 列"


def convert(path, outdir, profile):
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    if os.path.exists(pdf):
        os.remove(pdf)
    r = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", outdir, path],
        capture_output=True, text=True, timeout=180)
    if r.returncode != 0 or not os.path.exists(pdf) or os.path.getsize(pdf) == 0:
        raise AssertionError(f"LibreOffice が PDF を作れませんでした（終了コード {r.returncode}）: {r.stderr.strip()[:300]}")
    return f"PDF {os.path.getsize(pdf)} バイト"


def check_ics(path):
    """The calendar feed in an independent RFC 5545 parser: all-day events with unique UIDs."""
    import datetime
    import icalendar
    with open(path, "rb") as fh:
        raw = fh.read()
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal.get("VERSION")) == "2.0", "VERSION is not 2.0"
    events = list(cal.walk("VEVENT"))
    uids = [str(e.get("UID")) for e in events]
    assert len(set(uids)) == len(uids), f"UIDs repeat: {uids}"
    for e in events:
        start = e.decoded("DTSTART")
        end = e.decoded("DTEND")
        assert isinstance(start, datetime.date) and not isinstance(start, datetime.datetime), "not all-day"
        assert end - start == datetime.timedelta(days=1), "an all-day event lasts one day"
        assert str(e.get("SUMMARY")), "no SUMMARY"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, f"a line of {len(line)} octets"
    return f"{len(events)} events"


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("使い方: scripts/check_office.py DIR（BUNKAI_OFFICE_OUT で書き出したディレクトリ）")
    root = sys.argv[1]
    files = sorted(f for f in os.listdir(root) if f.endswith((".docx", ".xlsx")))
    if not files:
        sys.exit(f"{root} に .docx も .xlsx もありません。BUNKAI_OFFICE_OUT={root} でテストを実行してください。")
    if not shutil.which("soffice"):
        sys.exit("soffice（LibreOffice）が見つかりません")
    outdir = os.path.join(root, "pdf")
    profile = tempfile.mkdtemp(prefix="bunkai-lo-")
    failed = 0
    try:
        for f in files:
            path = os.path.join(root, f)
            try:
                read = check_docx(path) if f.endswith(".docx") else check_xlsx(path)
                # One directory per kind: annex.docx and annex.xlsx would both become annex.pdf.
                kind_dir = os.path.join(outdir, os.path.splitext(f)[1][1:])
                os.makedirs(kind_dir, exist_ok=True)
                pdf = convert(path, kind_dir, profile)
                print(f"OK   {f}: {read}; {pdf}")
            except Exception as e:  # report every file, then fail
                failed += 1
                print(f"NG   {f}: {e}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    calendars = sorted(f for f in os.listdir(root) if f.endswith(".ics"))
    for f in calendars:
        try:
            print(f"OK   {f}: {check_ics(os.path.join(root, f))}")
        except Exception as e:
            failed += 1
            print(f"NG   {f}: {e}")
    files += calendars
    print(f"{len(files) - failed}/{len(files)} files passed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
