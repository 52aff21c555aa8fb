#!/usr/bin/env python3
"""Real-browser test: Debian's chromium through selenium against a running `bunkai serve`.

Walks what a clinic's office manager does first: set up the organisation, add a vendor and a
contract, upload the contract, read a finding, record a decision, answer a Part2 item.
Saves a screenshot of every page into the folder given (and prints where it is).

usage: browser_test.py BASE_URL SCREENSHOT_DIR CONTRACT_FILE
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import Select, WebDriverWait

base, shots, contract_file = sys.argv[1].rstrip("/"), sys.argv[2], os.path.abspath(sys.argv[3])
os.makedirs(shots, exist_ok=True)

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"]:
    options.add_argument(a)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.implicitly_wait(5)
step = 0


def shot(name):
    global step
    step += 1
    path = os.path.join(shots, f"{step:02d}-{name}.png")
    driver.save_screenshot(path)
    print(f"  screenshot {path}")


def fill(name, value):
    field = driver.find_element(By.NAME, name)
    field.clear()
    field.send_keys(value)


def click_and_wait(element):
    """Clicks something that loads a new page and waits until the old page is gone."""
    driver.execute_script("window.bunkaiOldPage = true")
    element.click()

    def loaded(_):
        try:
            return driver.execute_script(
                "return window.bunkaiOldPage === undefined && document.readyState === 'complete'")
        except Exception:  # the page is being replaced
            return False
    WebDriverWait(driver, 30).until(loaded)


def submit(form_css):
    click_and_wait(driver.find_element(By.CSS_SELECTOR, form_css + " button[type=submit]"))


def expect(text):
    def shown(_):
        try:
            return text in driver.find_element(By.TAG_NAME, "body").text
        except StaleElementReferenceException:
            return False
    try:
        WebDriverWait(driver, 15).until(shown)
    except Exception:
        shot("failure")
        raise AssertionError(f"expected {text!r} on {driver.current_url}")


def no_console_errors():
    # CSP violations and script errors show up in the browser log.
    for entry in driver.get_log("browser"):
        if entry["level"] == "SEVERE":
            raise AssertionError(f"browser error on {driver.current_url}: {entry['message']}")


try:
    driver.get(base + "/")
    expect("はじめての設定")
    shot("setup")
    fill("organisation", "医療法人ブラウザ会 みどり診療所")
    fill("name", "事務長 田中")
    fill("email", "tanaka@midori.example")
    fill("password", "browser-test-pass")
    submit("form[action='/setup']")
    expect("初期設定が完了しました")
    shot("dashboard-empty")

    driver.get(base + "/vendors")
    fill("name", "株式会社テスト医療システム")
    fill("contactName", "保守窓口 鈴木")
    submit("#vendor-form")
    expect("株式会社テスト医療システム")
    shot("vendors")

    driver.get(base + "/systems")
    fill("name", "電子カルテ（外来）")
    submit("form[action='/systems']")
    expect("電子カルテ（外来）")
    shot("systems")

    driver.get(base + "/contracts")
    fill("title", "電子カルテ保守契約 2026")
    Select(driver.find_element(By.NAME, "kind")).select_by_value("maintenance")
    driver.find_element(By.CSS_SELECTOR, "input[name='systemIds[]']").click()
    submit("#contract-form")
    expect("契約書をアップロードすると")
    shot("contract")

    driver.find_element(By.NAME, "file").send_keys(contract_file)
    submit("#upload-form")
    expect("照合しました")
    cards = driver.find_elements(By.CSS_SELECTOR, "article.card")
    if not cards:
        raise AssertionError("no finding cards on the review page")
    first_title = cards[0].find_element(By.TAG_NAME, "h2").text
    print(f"  {len(cards)} findings; first: {first_title}")
    shot("review")
    no_console_errors()

    form = cards[0].find_element(By.CSS_SELECTOR, "form.decision-form")
    Select(form.find_element(By.NAME, "kind")).select_by_value("notNeeded")
    if form.find_element(By.CSS_SELECTOR, ".wording").is_displayed():
        raise AssertionError("the edited-wording box should hide unless 'edited wording' is chosen (app.js)")
    form.find_element(By.NAME, "reason").send_keys("院内の運用規程で既に定めているため")
    click_and_wait(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    expect("を記録しました")
    expect("院内の運用規程で既に定めているため")
    shot("decision")

    click_and_wait(driver.find_element(By.LINK_TEXT, "確認表 Part2"))
    expect("確認表 Part2")
    Select(driver.find_element(By.NAME, "answers[P2-C-4][initial]")).select_by_value("yes")
    Select(driver.find_element(By.NAME, "answers[P2-C-4][owner]")).select_by_value("joint")
    fill("answers[P2-C-4][agreed]", "事故は発見から24時間以内に報告する")
    submit("#checklist-form")
    expect("確認表を保存しました")
    shot("checklist")

    driver.get(base + "/")
    expect("電子カルテ保守契約 2026")
    shot("dashboard")

    driver.set_window_size(390, 844)  # a phone-sized screen
    driver.get(base + "/")
    shot("dashboard-phone")
    print(f"browser test passed; screenshots in {os.path.abspath(shots)}")
finally:
    driver.quit()
