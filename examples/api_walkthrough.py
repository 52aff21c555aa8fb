#!/usr/bin/env python3
"""From an empty organisation to a reviewed contract through the JSON API alone (docs/api.md).

    BUNKAI_URL=http://127.0.0.1:8080 BUNKAI_TOKEN=bk_... [BUNKAI_EXEC_TOKEN=bk_...] \
      python3 examples/api_walkthrough.py 契約書.txt

Registers a vendor (事業者) and a system (医療情報システム), creates a contract, uploads the
document (the server reviews it), records a decision on every finding, fills in one Part2 answer,
approves the review (with BUNKAI_EXEC_TOKEN, an executive's token: only executives approve) and
downloads the annex and the redline. Only the standard library is used.
Prints each step; exits 1 with the server's message on the first failure.
"""
import json
import os
import sys
import urllib.error
import urllib.request
import uuid

BASE = os.environ.get("BUNKAI_URL", "http://127.0.0.1:8080").rstrip("/") + "/api/v1"
TOKEN = os.environ.get("BUNKAI_TOKEN", "")
EXEC_TOKEN = os.environ.get("BUNKAI_EXEC_TOKEN", "")


def call(method, path, body=None, *, files=None, expect=(200, 201), raw=False, token=None):
    headers = {"Authorization": f"Bearer {token or TOKEN}"}
    data = None
    if files is not None:
        boundary = uuid.uuid4().hex
        name, content = files
        data = (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if method == "POST":
        # A retry after a timeout must not create a second record.
        headers["Idempotency-Key"] = str(uuid.uuid4())
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=120) as res:
            status, payload = res.status, res.read()
    except urllib.error.HTTPError as e:
        status, payload = e.code, e.read()
    if status not in expect:
        try:
            err = json.loads(payload)["error"]
            detail = err["message"] + (f" (field: {err['field']})" if err.get("field") else "")
        except (ValueError, KeyError, TypeError):
            detail = payload[:300].decode("utf-8", "replace")
        sys.exit(f"{method} {path}: {status} {detail}")
    return payload if raw else json.loads(payload)


def main():
    if not TOKEN or len(sys.argv) != 2:
        sys.exit("usage: BUNKAI_URL=… BUNKAI_TOKEN=bk_… api_walkthrough.py CONTRACT_FILE")
    path = sys.argv[1]

    vendor = call("POST", "/vendors", {"name": "株式会社ミドリシステム", "contact": {"name": "山田 太郎", "email": "yamada@midori.example"}})
    print(f"事業者を登録しました: {vendor['name']} ({vendor['id']})")
    system = call("POST", "/systems", {"name": "電子カルテ", "category": "電子カルテ"})
    print(f"システムを登録しました: {system['name']}（{system['category']}）")
    contract = call("POST", "/contracts", {
        "title": "電子カルテシステム保守契約", "vendorId": vendor["id"], "kind": "maintenance",
        "status": "negotiating", "startDate": "2026-04-01", "endDate": "2027-03-31",
        "systemIds": [system["id"]],
    })
    cid = contract["id"]
    print(f"契約を作成しました: {contract['title']} ({cid})")

    with open(path, "rb") as f:
        upload = call("POST", f"/contracts/{cid}/documents", files=(os.path.basename(path), f.read()))
    rid = upload["reviewId"]
    print(f"契約書を照合しました: 指摘 {upload['findingCount']} 件 (review {rid})")

    review = call("GET", f"/reviews/{rid}")
    findings = review["review"]["findings"]
    for number, finding in enumerate(findings, start=1):
        kind = "propose" if finding.get("severity") == "high" else "later"
        call("POST", f"/reviews/{rid}/decisions", {"finding": number, "kind": kind})
    print(f"判断を記録しました: {len(findings)} 件")

    call("PUT", f"/contracts/{cid}/checklist", {
        "firstMeetingOn": "2026-03-01",
        "answers": [{"itemId": "P2-C-4", "initial": "no", "owner": "joint", "notes": "報告期限を交渉中"}],
    })
    if EXEC_TOKEN:
        signed = call("POST", f"/reviews/{rid}/sign-off", token=EXEC_TOKEN)
        print(f"経営層が承認しました（承認時に未対応だった指摘: {len(signed['openFindings'])} 件）。")
    else:
        print("承認は経営層のトークン（BUNKAI_EXEC_TOKEN）で行います。今回は省きます。")
    after = call("GET", f"/contracts/{cid}")
    print(f"未対応の指摘: 高 {after['openFindings']['high']} / 中 {after['openFindings']['medium']} / 低 {after['openFindings']['low']}")

    annex = call("GET", f"/contracts/{cid}/annex.docx", raw=True)
    redline = call("GET", f"/reviews/{rid}/redline.docx", raw=True)
    for name, data in (("別紙", annex), ("修正提案", redline)):
        if not data.startswith(b"PK"):
            sys.exit(f"{name}: Word ファイルではありません")
    print(f"別紙 {len(annex)} バイト、修正提案の契約書 {len(redline)} バイトを受け取りました。")
    print(json.dumps({"vendorId": vendor["id"], "systemId": system["id"], "contractId": cid, "reviewId": rid,
                      "findings": len(findings), "signedOff": "signedOffAt" in call("GET", f"/reviews/{rid}")},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
